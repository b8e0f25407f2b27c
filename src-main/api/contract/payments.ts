import * as z from 'zod';
import { COUNTER_TENDERS, TENDER_METHODS } from '../../domain/payments';
import { method } from './define';

/** Integer minor units above zero. */
const minor = z.number({ error: 'field.amount' }).int({ error: 'field.amount' }).min(1, { error: 'field.amount' }).max(Number.MAX_SAFE_INTEGER, { error: 'field.amount' });

/** What a cashier takes at the counter: one of the store's tenders and an amount. Shared by every workflow. */
export const tenderInput = z.object({ method: z.enum(COUNTER_TENDERS), amount: minor }).strict();
/** A tender as kept by a sale (cash net of change). */
export const paidTender = z.object({ method: z.enum(TENDER_METHODS), amount: z.number() });

export const paymentsContract = {
  'payments.quote': method({
    summary: 'Amount due, handed over, change or what is missing, by the one payments rule (only cash gives change). Changes nothing.',
    access: 'staff',
    input: z
      .object({
        total: z.number({ error: 'field.amount' }).int({ error: 'field.amount' }).min(0, { error: 'field.amount' }).max(Number.MAX_SAFE_INTEGER, { error: 'field.amount' }),
        tenders: z.array(tenderInput).max(8),
      })
      .strict(),
    output: z.object({
      due: z.number(),
      received: z.number(),
      change: z.number(),
      short: z.number(),
      over: z.number(),
      problem: z.enum(['short', 'nonCashOver', 'badTender']).nullable(),
      currency: z.string(),
      methods: z.array(z.enum(COUNTER_TENDERS)),
    }),
  }),
};
