import * as z from 'zod';
import { method } from './define';
import { commandId, noInput, pin, uuid, noControl } from './common';
import { paidTender, tenderInput } from './payments';

/** A tapped wristband UID (8–20 hex digits) or a typed locker number (1–6 digits). */
const wristbandRef = z.string().trim().regex(/^(\d{1,6}|[0-9A-Fa-f]{8,20})$/, { error: 'field.wristband' });
const cardUid = z.string().regex(/^[0-9A-Fa-f]{8,20}$/, { error: 'field.wristband' });
/** Integer minor units; the service checks the store's own upper limits and says them in money. */
const minor = z.number({ error: 'field.amount' }).int({ error: 'field.amount' }).min(1, { error: 'field.amount' }).max(Number.MAX_SAFE_INTEGER, { error: 'field.amount' });
const lockerNumber = z.number().int().min(1).max(999_999);
const approval = z.object({ staffId: uuid, pin }).strict();

const settings = z.object({
  wristbandQuota: z.number(),
  partyQuota: z.number(),
  phoneFormat: z.enum(['cn-mobile', 'any']),
  maxCharge: z.number(),
});
const charge = z.object({
  id: z.string(),
  outlet: z.string(),
  description: z.string(),
  amount: z.number(),
  status: z.enum(['open', 'voided', 'settled']),
  at: z.string(),
});
const party = z.object({
  partyId: z.string(),
  customer: z.string(),
  status: z.enum(['open', 'settled']),
  openedAt: z.string(),
  partyQuota: z.number(),
  partyLeft: z.number(),
  total: z.number(),
  wristbands: z.array(
    z.object({
      wristbandId: z.string(),
      locker: z.number(),
      status: z.enum(['active', 'lost', 'settled']),
      quota: z.number(),
      left: z.number(),
      subtotal: z.number(),
      charges: z.array(charge),
    }),
  ),
});

export const lockersContract = {
  'lockers.overview': method({
    summary: 'Lockers and their states, outlets with their catalogs, quota defaults; demo wristband UIDs in the demo store.',
    access: 'staff',
    input: noInput,
    output: z.object({
      currency: z.string(),
      settings,
      lockers: z.array(z.object({ number: z.number(), state: z.enum(['free', 'occupied', 'out_of_service']), partyId: z.string().nullable(), customer: z.string().nullable() })),
      outlets: z.array(
        z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string(), items: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), price: z.number() })) }),
      ),
      demo: z.object({ lockers: z.array(z.object({ locker: z.number(), uid: z.string() })), spareUids: z.array(z.string()) }).nullable(),
    }),
  }),
  'lockers.findByPhone': method({
    summary: 'Open parties whose phone ends with these digits (masked phones and lockers only), for a guest without a wristband at hand.',
    access: 'staff',
    input: z.object({ phoneTail: z.string().trim().regex(/^\d{4,11}$/, { error: 'field.phoneTail' }) }).strict(),
    output: z.array(z.object({ customer: z.string(), lockers: z.array(z.number()), openedAt: z.string() })),
  }),
  'lockers.lookup': method({
    summary: 'The open party of a tapped wristband or typed locker: every wristband with its charges and what is left.',
    access: 'staff',
    input: z.object({ wristband: wristbandRef }).strict(),
    output: z.object({ tappedLocker: z.number(), party }),
  }),
  'lockers.bind': method({
    summary: 'Bind a party: its wristbands to one customer (phone or member code), with wristband and party quotas.',
    access: 'staff',
    input: z
      .object({
        commandId,
        wristbands: z.array(wristbandRef).min(1).max(20),
        phone: z.string().trim().min(1, { error: 'field.required' }).max(20, { error: 'field.tooLong' }).optional(),
        memberCode: z.string().trim().regex(/^[0-9A-Za-z-]{4,32}$/, { error: 'field.memberCode' }).optional(),
        wristbandQuota: minor.optional(),
        partyQuota: minor.optional(),
      })
      .strict()
      .refine((v) => (v.phone === undefined) !== (v.memberCode === undefined), { error: 'field.customer', path: ['phone'] }),
    output: z.object({ partyId: z.string(), lockers: z.array(z.number()), wristbandQuota: z.number(), partyQuota: z.number() }),
  }),
  'lockers.addWristband': method({
    summary: 'Add a wristband to an open party (any wristband of the party names it).',
    access: 'staff',
    input: z.object({ commandId, party: wristbandRef, wristband: wristbandRef, wristbandQuota: minor.optional() }).strict(),
    output: z.object({ partyId: z.string(), locker: z.number() }),
  }),
  'lockers.reportLost': method({
    summary: 'A wristband is lost: block it at once and move its open charges to a replacement wristband for the same locker.',
    access: 'staff',
    input: z.object({ commandId, wristband: wristbandRef, replacementUid: cardUid }).strict(),
    output: z.object({ partyId: z.string(), locker: z.number(), movedCharges: z.number(), moved: z.number() }),
  }),
  'lockers.charge': method({
    summary: 'A venue charge on a wristband (catalog items or a typed amount), within the wristband and party quotas.',
    access: 'staff',
    input: z
      .object({
        commandId,
        wristband: wristbandRef,
        outlet: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/),
        items: z.array(z.object({ itemId: z.string().min(1).max(64), quantity: z.number().int().min(1).max(99) }).strict()).min(1).max(50).optional(),
        amount: minor.optional(),
        note: z.string().max(60, { error: 'field.tooLong' }).refine(noControl, { error: 'field.controlChars' }).optional(),
      })
      .strict()
      .refine((v) => (v.items === undefined) !== (v.amount === undefined), { error: 'field.itemsOrAmount', path: ['amount'] }),
    output: z.object({ chargeId: z.string(), locker: z.number(), amount: z.number(), description: z.string(), wristbandLeft: z.number(), partyLeft: z.number() }),
  }),
  'lockers.voidCharge': method({
    summary: 'Void a charge before checkout; needs a manager PIN (audited).',
    access: 'staff',
    input: z.object({ commandId, chargeId: uuid, approval }).strict(),
    output: z.object({ chargeId: z.string(), amount: z.number() }),
  }),
  'lockers.checkout': method({
    summary: 'Settle a party: capture every charge of its wristbands and post the tenders in one ledger entry, free the lockers, print the receipt.',
    access: 'staff',
    input: z
      .object({
        commandId,
        wristband: wristbandRef,
        lockers: z.array(lockerNumber).min(1).max(20).optional(),
        tenders: z.array(tenderInput).max(8),
        approval: approval.optional(),
      })
      .strict(),
    output: z.object({
      settlementId: z.string(),
      partyId: z.string(),
      customer: z.string(),
      lockers: z.array(z.number()),
      lines: z.array(z.object({ locker: z.number(), description: z.string(), amount: z.number() })),
      total: z.number(),
      received: z.number(),
      change: z.number(),
      tenders: z.array(paidTender),
      partyClosed: z.boolean(),
      approvedBy: z.string().nullable(),
      at: z.string(),
      print: z.object({ jobId: z.string(), state: z.enum(['printed', 'failed']) }).nullable(),
    }),
  }),
  'lockers.setLockerState': method({
    summary: 'Take a free locker out of service, or back into service (manager only).',
    access: 'manager',
    input: z.object({ locker: lockerNumber, state: z.enum(['free', 'out_of_service']) }).strict(),
    output: z.object({ number: z.number(), state: z.enum(['free', 'out_of_service']) }),
  }),
  'lockers.registerLocker': method({
    summary: 'Register a locker and the UID of its wristband (manager only).',
    access: 'manager',
    input: z.object({ locker: lockerNumber, uid: cardUid }).strict(),
    output: z.object({ number: z.number(), state: z.enum(['free', 'occupied', 'out_of_service']) }),
  }),
  'lockers.updateSettings': method({
    summary: 'Default quotas, the largest single charge and accepted phone formats (manager only).',
    access: 'manager',
    input: z
      .object({ wristbandQuota: minor.optional(), partyQuota: minor.optional(), maxCharge: minor.optional(), phoneFormat: z.enum(['cn-mobile', 'any']).optional() })
      .strict(),
    output: settings,
  }),
  'lockers.addRange': method({
    summary: 'Add lockers from one number to another; each waits for its wristband to be tapped (manager only).',
    access: 'manager',
    input: z.object({ from: lockerNumber, to: lockerNumber }).strict(),
    output: z.object({ added: z.number(), existing: z.number() }),
  }),
  'lockers.setupView': method({
    summary: 'Every locker with its wristband UID (or none yet) and state, and the quota defaults (manager only).',
    access: 'manager',
    input: noInput,
    output: z.object({
      lockers: z.array(z.object({ number: z.number(), uid: z.string().nullable(), state: z.enum(['free', 'occupied', 'out_of_service']) })),
      settings,
    }),
  }),
  'lockers.printList': method({
    summary: 'Print the list of lockers and their wristbands on the receipt printer (manager only, audited).',
    access: 'manager',
    input: noInput,
    output: z.object({ printed: z.number() }),
  }),
};
