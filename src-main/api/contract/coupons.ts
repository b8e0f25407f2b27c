import * as z from 'zod';
import { couponId } from '../../domain/coupons/protocol';
import { memberNumber, memberPhone } from '../../domain/value/protocol';
import { method } from './define';
import { commandId, noInput } from './common';

const itemId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const cartLines = z.array(z.object({ itemId, quantity: z.number({ error: 'field.quantity' }).int({ error: 'field.quantity' }).min(1, { error: 'field.quantity' }).max(999, { error: 'field.quantity' }) }).strict()).max(200);
const memberId = z.string().min(1).max(64);

const offer = z.union([
  z.object({ kind: z.literal('amountOff'), threshold: z.number(), off: z.number() }),
  z.object({ kind: z.literal('percentOff'), percent: z.number(), cap: z.number().nullable(), threshold: z.number() }),
  z.object({ kind: z.literal('fixedPrice'), price: z.number() }),
  z.object({ kind: z.literal('buyNGetOne'), buy: z.number() }),
]);
export const couponView = z.object({
  id: z.string(),
  titleZh: z.string(),
  titleEn: z.string(),
  offer,
  scope: z.enum(['items', 'categories', 'store', 'merchant', 'all']),
  validTo: z.string().nullable(),
  stacks: z.boolean(),
});
const claimView = z.object({ claimId: z.string(), state: z.string(), coupon: couponView, saving: z.number() });
const member = z.object({ id: z.string(), number: z.string(), name: z.string() });
export const couponDisplay = z.object({ id: z.string(), titleZh: z.string(), titleEn: z.string(), itemIds: z.array(z.string()), textZh: z.string(), textEn: z.string(), imageUrl: z.string().nullable(), sort: z.number() });

export const couponsContract = {
  'coupons.status': method({
    summary: 'Whether coupons can be claimed here (a server is configured), how many coupons this counter knows, and the product displays.',
    access: 'staff',
    input: noInput,
    output: z.object({ connected: z.boolean(), coupons: z.number(), displays: z.array(couponDisplay) }),
  }),
  'coupons.forProduct': method({
    summary: 'The coupons matching a scanned item and/or its store, best first (product > category > store-wide, then saving on the cart, then earliest expiry), each with what it saves on the cart. Works offline once the coupons were pulled.',
    access: 'staff',
    input: z.object({ itemId, lines: cartLines }).strict(),
    output: z.object({ item: z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() }), coupons: z.array(couponView.extend({ saving: z.number(), best: z.boolean() })) }),
  }),
  'coupons.findMember': method({
    summary: "Identify a member by the dynamic member code from their phone (scanned; checked with the server's key, good for a minute), member number or phone (online).",
    access: 'staff',
    input: z.union([z.object({ code: z.string().trim().min(1).max(600) }).strict(), z.object({ number: memberNumber }).strict(), z.object({ phone: memberPhone }).strict()]),
    output: member,
  }),
  'coupons.claim': method({
    summary: 'Claim a coupon to the identified member on the server (limits enforced there; online only). Idempotent by commandId.',
    access: 'staff',
    input: z.object({ commandId, memberId, couponId }).strict(),
    output: claimView,
  }),
  'coupons.claims': method({
    summary: "The member's unused claimed coupons, each with what it saves on the cart, most first, and the claims the checkout would apply (best).",
    access: 'staff',
    input: z.object({ memberId, lines: cartLines }).strict(),
    output: z.object({ claims: z.array(claimView), best: z.array(z.string()), bestSaving: z.number() }),
  }),
};
