import * as z from 'zod';
import { method } from './define';
import { noControl, noInput, ok } from './common';

const printedText = (max: number) => z.string().trim().max(max, { error: 'field.tooLong' }).refine(noControl, { error: 'field.controlChars' });

export const receiptSettings = z
  .object({ address: printedText(120), phone: printedText(40), taxNumber: printedText(40), invoiceNote: printedText(120), footer: printedText(120) })
  .strict();

export const receiptSummary = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.string(),
  transactionId: z.string(),
  total: z.number(),
  createdAt: z.string(),
  phone: z.string().nullable(),
  lockers: z.array(z.number()),
  pump: z.number().nullable(),
  printState: z.enum(['printed', 'failed', 'dismissed', 'none']),
  reprints: z.number(),
});
export type ReceiptSummary = z.infer<typeof receiptSummary>;

export const failedPrint = z.object({
  jobId: z.string(),
  receiptId: z.string(),
  number: z.string(),
  kind: z.string(),
  transactionId: z.string(),
  total: z.number(),
  createdAt: z.string(),
  attempts: z.number(),
});

const issued = z.object({ jobId: z.string(), receiptId: z.string(), number: z.string(), state: z.enum(['printed', 'failed']) });
const receiptId = z.string().min(1).max(64);

export const receiptsContract = {
  'receipts.list': method({
    summary: "Today's receipts of this terminal, newest first, found by number, amount, phone tail, locker or pump; and every receipt waiting to print.",
    access: 'staff',
    input: z.object({ query: z.string().trim().max(40).optional() }).strict(),
    output: z.object({ receipts: z.array(receiptSummary), waiting: z.array(failedPrint) }),
  }),
  'receipts.get': method({
    summary: 'One receipt: its preview exactly as printed (same paper width and Chinese mode) and its prints.',
    access: 'staff',
    input: z.object({ id: receiptId }).strict(),
    output: z.object({
      receipt: receiptSummary,
      preview: z.string(),
      locale: z.enum(['zh-CN', 'en']),
      paperMm: z.union([z.literal(58), z.literal(80)]),
      prints: z.array(z.object({ jobId: z.string(), state: z.string(), reprint: z.boolean(), attempts: z.number(), at: z.string() })),
    }),
  }),
  'receipts.reprint': method({
    summary: 'Print a stored receipt again on the printer as set now (marked 重印 / REPRINT once it has printed; audited), optionally labelled in another language.',
    access: 'staff',
    input: z.object({ id: receiptId, locale: z.enum(['zh-CN', 'en']).optional() }).strict(),
    output: issued,
  }),
  'receipts.retry': method({
    summary: 'Print a receipt that is waiting because it failed to print.',
    access: 'staff',
    input: z.object({ jobId: receiptId }).strict(),
    output: issued,
  }),
  'receipts.dismiss': method({
    summary: 'Take a receipt off the waiting list without printing it (manager; audited).',
    access: 'manager',
    input: z.object({ jobId: receiptId }).strict(),
    output: ok,
  }),
  'receipts.openDrawer': method({
    summary: 'Open the cash drawer with no sale, for a reason (manager; audited).',
    access: 'manager',
    input: z.object({ reason: z.string().trim().min(2, { error: 'field.required' }).max(80, { error: 'field.tooLong' }).refine(noControl, { error: 'field.controlChars' }) }).strict(),
    output: ok,
  }),
  'receipts.settings': method({ summary: 'The receipt header and footer (address, phone, tax number, invoice note, footer text).', access: 'staff', input: noInput, output: receiptSettings }),
  'receipts.configure': method({ summary: 'Set the receipt header and footer (manager; audited).', access: 'manager', input: receiptSettings, output: receiptSettings }),
};
