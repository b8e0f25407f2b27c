import * as z from 'zod';
import { method } from './define';
import { commandId, noInput } from './common';
import { paidTender, tenderInput } from './payments';

const itemId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
/** A cart line as the screen sends it: an item and how many (1–999); the price is the catalog's. */
const cartLine = z.object({ itemId, quantity: z.number({ error: 'field.quantity' }).int({ error: 'field.quantity' }).min(1, { error: 'field.quantity' }).max(999, { error: 'field.quantity' }) }).strict();
const cartLines = z.array(cartLine).max(200);

export const shopItem = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), category: z.string(), barcode: z.string().nullable(), price: z.number() });
export const saleLine = z.object({ itemId: z.string(), nameZh: z.string(), nameEn: z.string(), category: z.string(), unitPrice: z.number(), quantity: z.number(), amount: z.number() });
export const appliedCoupon = z.object({ claimId: z.string(), couponId: z.string(), titleZh: z.string(), titleEn: z.string(), saving: z.number() });

export const shopSale = z.object({
  id: z.string(),
  commandId: z.string(),
  day: z.string(),
  createdAt: z.string(),
  staffName: z.string(),
  memberId: z.string().nullable(),
  memberNumber: z.string().nullable(),
  memberName: z.string().nullable(),
  lines: z.array(saleLine),
  subtotal: z.number(),
  discount: z.number(),
  total: z.number(),
  coupons: z.array(appliedCoupon),
  tenders: z.array(paidTender),
  change: z.number(),
  couponState: z.enum(['none', 'pending', 'confirmed', 'failed']),
  couponProblem: z.string().nullable(),
});

const name = z.string().max(120);
const customerCart = z
  .object({
    lines: z.array(z.object({ nameZh: name, nameEn: name, quantity: z.number().int().min(1).max(999), amount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }).strict()).max(200),
    subtotal: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    discount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    total: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    coupons: z.array(z.object({ titleZh: name, titleEn: name, saving: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), best: z.boolean() }).strict()).max(50),
  })
  .strict();
export const customerView = z.object({
  cart: customerCart,
  promotions: z.array(z.object({ id: z.string(), titleZh: z.string(), titleEn: z.string(), textZh: z.string(), textEn: z.string(), imageUrl: z.string().nullable() })),
  currency: z.string(),
});

const printed = z.object({ jobId: z.string(), state: z.string() }).nullable();

export const shopContract = {
  'shop.items': method({ summary: "The shop's items with their price now (for search and the item buttons).", access: 'staff', input: noInput, output: z.array(shopItem) }),
  'shop.scan': method({
    summary: 'The shop item a scanned or typed barcode names.',
    access: 'staff',
    input: z.object({ code: z.string().trim().min(1).max(64) }).strict(),
    output: shopItem,
  }),
  'shop.price': method({
    summary: 'The cart priced from the catalog now: lines merged by item, subtotal. Changes nothing.',
    access: 'staff',
    input: z.object({ lines: cartLines }).strict(),
    output: z.object({ lines: z.array(saleLine), subtotal: z.number() }),
  }),
  'shop.sell': method({
    summary: "Sell the cart with the store's tenders; with a member, their best claimed coupon (or the chosen ones) is reserved on the server, applied, and confirmed. Idempotent by commandId.",
    access: 'staff',
    input: z
      .object({
        commandId,
        lines: cartLines.min(1),
        total: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
        tenders: z.array(tenderInput).max(8),
        memberId: z.string().min(1).max(64).nullable().optional(),
        claimIds: z.array(z.string().min(1).max(64)).max(8).optional(),
      })
      .strict(),
    output: z.object({ sale: shopSale, receipt: printed }),
  }),
  'shop.showCustomer': method({
    summary: 'Show the cart being rung up (and its matching coupons) on the customer-facing displays.',
    access: 'staff',
    input: customerCart,
    output: z.object({ ok: z.literal(true) }),
  }),
  'shop.customerView': method({
    summary: 'What the customer-facing display shows now: the promotions from head office and the current cart. Public: the display is not signed in and shows only what the customer sees anyway.',
    access: 'public',
    input: noInput,
    output: customerView,
  }),
  'shop.today': method({ summary: "Today's shop sales of this terminal.", access: 'staff', input: noInput, output: z.array(shopSale) }),
};
