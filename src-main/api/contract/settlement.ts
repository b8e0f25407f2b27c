import * as z from 'zod';
import { method } from './define';
import { commandId, noControl, noInput, pin, uuid } from './common';

/** Integer minor units; the service checks the store's own limits and says them in money. */
const minor = z.number({ error: 'field.amount' }).int({ error: 'field.amount' }).min(1, { error: 'field.amount' }).max(Number.MAX_SAFE_INTEGER, { error: 'field.amount' });
const approval = z.object({ staffId: uuid, pin }).strict();
/** Denomination in minor units → pieces; the service checks the denominations of the store's currency. */
const count = z.record(z.string().regex(/^\d{1,9}$/, { error: 'field.denomination' }), z.number({ error: 'field.pieces' }).int({ error: 'field.pieces' }).min(0, { error: 'field.pieces' }));
const reason = z.string().trim().min(2, { error: 'field.required' }).max(80, { error: 'field.tooLong' }).refine(noControl, { error: 'field.controlChars' });
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'field.day' });
const locale = z.enum(['zh-CN', 'en']);

const shiftMode = z.enum(['off', 'required', 'auto']);
const settings = z.object({ shiftMode, differenceLimit: z.number() });

const sum = { count: z.number(), amount: z.number(), volume: z.number() };
export const dayReport = z.object({
  kind: z.enum(['X', 'Z']),
  day: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  generatedAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  sales: z.array(z.object({ workflow: z.string(), ...sum })),
  salesTotal: z.number(),
  tickets: z.number(),
  averageTicket: z.number(),
  grades: z.array(z.object({ grade: z.string(), ...sum })),
  miles: z.array(z.object({ service: z.string(), count: z.number(), amount: z.number(), points: z.number() })).optional(),
  tenders: z.array(z.object({ method: z.string(), amount: z.number(), refunded: z.number(), net: z.number() })),
  refunds: z.array(z.object({ workflow: z.string(), ...sum })),
  refundsTotal: z.number(),
  /** Member-card stored value sold per tender (a liability, not revenue); absent in reports made before it existed. */
  recharges: z.array(z.object({ method: z.string(), count: z.number(), amount: z.number() })).optional(),
  rechargesTotal: z.number().optional(),
  voids: z.array(z.object({ workflow: z.string(), count: z.number(), amount: z.number() })),
  discounts: z.object({ count: z.number(), amount: z.number() }),
  net: z.number(),
  byTerminal: z.array(z.object({ terminal: z.string(), tickets: z.number(), sales: z.number(), refunds: z.number() })),
  byCashier: z.array(z.object({ staff: z.string(), tickets: z.number(), sales: z.number(), refunds: z.number() })),
  cash: z.object({
    float: z.number(),
    sales: z.number(),
    refunds: z.number(),
    payIns: z.number(),
    payOuts: z.number(),
    expected: z.number(),
    counted: z.number().nullable(),
    difference: z.number().nullable(),
  }),
  shifts: z.array(
    z.object({
      id: z.string(),
      terminal: z.string(),
      staff: z.string(),
      openedAt: z.string(),
      closedAt: z.string().nullable(),
      float: z.number(),
      cashSales: z.number(),
      cashRefunds: z.number(),
      payIns: z.number(),
      payOuts: z.number(),
      expected: z.number(),
      counted: z.number().nullable(),
      difference: z.number().nullable(),
      approvedBy: z.string().nullable(),
    }),
  ),
  exceptions: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(['void', 'refund', 'pay_in', 'pay_out', 'difference']),
      workflow: z.string(),
      ref: z.string(),
      amount: z.number(),
      staff: z.string(),
      approvedBy: z.string().nullable(),
      reason: z.string(),
    }),
  ),
  openItems: z.array(z.object({ kind: z.enum(['locker-party', 'fuel-order']), ref: z.string(), amount: z.number(), since: z.string() })),
  receipts: z.object({ first: z.string().nullable(), last: z.string().nullable(), count: z.number() }),
  names: z.record(z.string(), z.string()),
});
export type DayReportView = z.infer<typeof dayReport>;

/** The report as labelled rows, the same as on paper and in the CSV, in each language. */
const reportRowsOut = z.object({
  'zh-CN': z.array(z.object({ section: z.string(), label: z.string(), value: z.string() })),
  en: z.array(z.object({ section: z.string(), label: z.string(), value: z.string() })),
});

const printed = z.object({ jobId: z.string(), receiptId: z.string(), number: z.string(), state: z.enum(['printed', 'failed']) });

export const settlementContract = {
  'settlement.current': method({
    summary: "This counter's open shift (never its expected cash: the count is blind), the shift rule, the difference limit and the denominations to count.",
    access: 'staff',
    input: noInput,
    output: z.object({
      currency: z.string(),
      denominations: z.array(z.number()),
      shiftMode,
      differenceLimit: z.number(),
      today: z.string(),
      shift: z
        .object({
          id: z.string(),
          staffId: z.string(),
          staffName: z.string(),
          openedAt: z.string(),
          float: z.number(),
          auto: z.boolean(),
          moves: z.array(z.object({ id: z.string(), kind: z.enum(['pay_in', 'pay_out']), amount: z.number(), reason: z.string(), at: z.string(), approvedBy: z.string().nullable() })),
        })
        .nullable(),
    }),
  }),
  'settlement.openShift': method({
    summary: 'Open a shift on this counter with the float counted by denomination.',
    access: 'staff',
    input: z.object({ commandId, count }).strict(),
    output: z.object({ shiftId: z.string(), float: z.number(), openedAt: z.string() }),
  }),
  'settlement.payIn': method({
    summary: 'Cash put into the drawer, with a reason.',
    access: 'staff',
    input: z.object({ commandId, amount: minor, reason }).strict(),
    output: z.object({ moveId: z.string(), shiftId: z.string(), amount: z.number() }),
  }),
  'settlement.payOut': method({
    summary: "Cash taken out of the drawer, with a reason and a manager's PIN (audited).",
    access: 'staff',
    input: z.object({ commandId, amount: minor, reason, approval }).strict(),
    output: z.object({ moveId: z.string(), shiftId: z.string(), amount: z.number(), approvedBy: z.string() }),
  }),
  'settlement.closeShift': method({
    summary: 'Close the shift with a blind count by denomination; then expected and difference are shown. Over the limit needs a manager.',
    access: 'staff',
    input: z.object({ commandId, count, approval: approval.optional() }).strict(),
    output: z.object({ shiftId: z.string(), float: z.number(), counted: z.number(), expected: z.number(), difference: z.number(), approvedBy: z.string().nullable(), at: z.string() }),
  }),
  'settlement.settings': method({ summary: 'The shift rule and the cash difference limit.', access: 'staff', input: noInput, output: settings }),
  'settlement.updateSettings': method({
    summary: 'Set the shift rule (off, required, auto-open) and the cash difference limit (manager; journaled).',
    access: 'manager',
    input: z.object({ shiftMode: shiftMode.optional(), differenceLimit: z.number({ error: 'field.amount' }).int({ error: 'field.amount' }).min(0, { error: 'field.amount' }).optional() }).strict(),
    output: settings,
  }),
  'settlement.report': method({
    summary: "A day's report: the Z report once the day is closed, else an X report computed now (changes nothing). Manager: it shows expected cash.",
    access: 'manager',
    input: z.object({ day: day.optional() }).strict(),
    output: z.object({ report: dayReport, rows: reportRowsOut, closedDays: z.array(z.object({ day: z.string(), closedAt: z.string(), closedBy: z.string() })) }),
  }),
  'settlement.closeDay': method({
    summary: 'The Z report: close a business day (manager; one transaction, idempotent by command id, journaled) and print the report.',
    access: 'manager',
    input: z.object({ commandId, day }).strict(),
    output: z.object({ day: z.string(), report: dayReport, rows: reportRowsOut, print: printed.nullable() }),
  }),
  'settlement.printReport': method({
    summary: "Print a day's report (the stored Z, or an X of now) through the receipt module.",
    access: 'manager',
    input: z.object({ day, locale: locale.optional() }).strict(),
    output: printed,
  }),
  'settlement.export': method({
    summary: "A day's report as a file: CSV (UTF-8 with BOM) or PDF (base64), in zh-CN or en.",
    access: 'manager',
    input: z.object({ day, format: z.enum(['csv', 'pdf']), locale }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  }),
  'settlement.dashboard': method({
    summary: 'Today so far and the last 30 days: sales per hour and per workflow, busiest hours, average ticket (manager).',
    access: 'manager',
    input: noInput,
    output: z.object({
      today: z.string(),
      from: z.string(),
      currency: z.string(),
      hours: z.array(z.object({ hour: z.string(), todayCount: z.number(), todayAmount: z.number(), averageCount: z.number(), averageAmount: z.number() })),
      days: z.array(z.object({ day: z.string(), total: z.number(), tickets: z.number(), byWorkflow: z.record(z.string(), z.number()) })),
      workflows: z.array(z.object({ workflow: z.string(), count: z.number(), amount: z.number(), todayCount: z.number(), todayAmount: z.number() })),
      busiestHours: z.array(z.object({ hour: z.string(), count: z.number() })),
      averageTicket: z.object({ today: z.number(), days30: z.number() }),
      totals: z.object({ today: z.number(), todayTickets: z.number(), days30: z.number(), tickets30: z.number() }),
    }),
  }),
};
