import * as z from 'zod';
import { SERVICE_TYPES } from '../../domain/points';
import { memberNumber, memberPhone, valueMember, valueMovement } from '../../domain/value/protocol';
import { method } from './define';
import { commandId, noInput, ok, uuid } from './common';
import { paidTender, tenderInput } from './payments';

const airport = z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { error: 'field.airport' });
const serviceType = z.enum(SERVICE_TYPES);
/** A price typed by the agent, in fen: above zero, at most ¥1,000,000. */
const price = z.number({ error: 'field.amount' }).int({ error: 'field.amount' }).min(1, { error: 'field.amount' }).max(100_000_000, { error: 'field.amount' });
const pct = z.number().int().min(0).max(100);
const flight = z
  .object({
    flight: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2}\d{1,4}[A-Z]?$/, { error: 'field.flight' }),
    origin: airport,
    destination: airport,
    date: z.iso.date().nullable(),
  })
  .strict();

const routeScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('route'), origin: airport, destination: airport }).strict(),
  z.object({ kind: z.literal('group'), group: z.string().trim().min(1).max(40) }).strict(),
  z.object({ kind: z.literal('any') }).strict(),
]);
const ruleFields = {
  route: routeScope,
  serviceType: serviceType.nullable(),
  maxSharePct: pct,
  exchange: z.object({ points: z.number().int().min(1).max(1_000_000), fen: z.number().int().min(1).max(1_000_000) }).strict(),
  pointsOnly: z.boolean(),
  minPointsPerUse: z.number().int().min(0).max(100_000_000),
  validFrom: z.number().int().nullable(),
  validTo: z.number().int().nullable(),
};
export const pointsRuleView = z.object({ id: z.string(), origin: z.enum(['local', 'central']), updatedAt: z.string(), ...ruleFields, serviceType: z.string().nullable() });

const plan = z.object({ points: z.number(), cashFen: z.number(), pointsValueFen: z.number(), pointsLeft: z.number(), sharePct: z.number(), roundedUpFen: z.number() });
const refusal = z.object({ code: z.string(), message: z.object({ en: z.string(), 'zh-CN': z.string() }), params: z.record(z.string(), z.unknown()) });

export const pointsRedemption = z.object({
  id: z.string(),
  commandId: z.string(),
  day: z.string(),
  createdAt: z.string(),
  staffName: z.string(),
  memberId: z.string(),
  memberNumber: z.string(),
  memberName: z.string(),
  flight: z.string(),
  origin: z.string(),
  destination: z.string(),
  flightDate: z.string().nullable(),
  serviceType: z.string(),
  price: z.number(),
  points: z.number(),
  pointsValue: z.number(),
  cash: z.number(),
  sharePct: z.number(),
  roundedUp: z.number(),
  pointsLeft: z.number().nullable(),
  tenders: z.array(paidTender),
  change: z.number(),
  captureState: z.enum(['none', 'pending', 'captured', 'failed']),
  captureProblem: z.string().nullable(),
  state: z.enum(['made', 'refunded']),
  refundedAt: z.string().nullable(),
});

const printed = z.object({ jobId: z.string(), state: z.string() }).nullable();

export const pointsContract = {
  'points.status': method({
    summary: 'Whether miles can be redeemed here (a server is configured), the service types and the rules.',
    access: 'staff',
    input: noInput,
    output: z.object({
      connected: z.boolean(),
      services: z.array(z.string()),
      rules: z.array(pointsRuleView),
      groups: z.array(z.object({ group: z.string(), origin: z.string(), destination: z.string() })),
      /** Demo store only: today's boarding pass of the demo passenger, for the demo's scan button. */
      demoBoardingPass: z.string().nullable(),
    }),
  }),
  'points.lookup': method({
    summary: 'Find a passenger by member number or phone, with their miles (online).',
    access: 'staff',
    input: z.union([z.object({ number: memberNumber }).strict(), z.object({ phone: memberPhone }).strict()]),
    output: valueMember,
  }),
  'points.history': method({
    summary: "A passenger's miles balance and latest movements (online).",
    access: 'staff',
    input: z.object({ memberId: z.string().min(1).max(64) }).strict(),
    output: z.object({ member: valueMember, movements: z.array(valueMovement) }),
  }),
  'points.scan': method({
    summary: 'Read a scanned boarding pass (IATA BCBP): passenger, flight, route, date; the member when the pass carries a number.',
    access: 'staff',
    input: z.object({ code: z.string().min(1).max(2000) }).strict(),
    output: z.object({
      passengerName: z.string(),
      flight,
      seat: z.string(),
      frequentFlyer: z.object({ airline: z.string(), number: z.string() }).nullable(),
      member: valueMember.nullable(),
      problem: refusal.nullable(),
    }),
  }),
  'points.quote': method({
    summary: 'The miles plan for a service: the rule, the first plan or why not, the shares the passenger may choose, the plan at the chosen share. Changes nothing.',
    access: 'staff',
    input: z.object({ origin: airport, destination: airport, serviceType, price, balance: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), sharePct: pct.optional() }).strict(),
    output: z.object({
      rule: z.object({ id: z.string(), maxSharePct: z.number(), pointsOnly: z.boolean(), exchange: z.object({ points: z.number(), fen: z.number() }), minPointsPerUse: z.number() }).nullable(),
      plan: plan.nullable(),
      firstSharePct: z.number().nullable().optional(),
      range: z.object({ maxPct: z.number(), minPct: z.number().nullable(), enough: z.boolean() }).nullable(),
      choices: z.array(z.number()),
      refusal: refusal.nullable(),
    }),
  }),
  'points.redeem': method({
    summary: 'Pay a service with miles (held, then captured on the server) and the cash part with the store tenders; both or neither. Idempotent by commandId.',
    access: 'staff',
    input: z.object({ commandId, memberId: z.string().min(1).max(64), flight, serviceType, price, sharePct: pct, points: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), tenders: z.array(tenderInput).max(8) }).strict(),
    output: z.object({ redemption: pointsRedemption, receipt: printed }),
  }),
  'points.refund': method({
    summary: 'Refund a miles sale (manager): the miles back to the passenger, the cash part to its tenders.',
    access: 'manager',
    input: z.object({ commandId, redemptionId: uuid }).strict(),
    output: z.object({ redemption: pointsRedemption, receipt: printed }),
  }),
  'points.today': method({ summary: "Today's miles sales of this terminal.", access: 'staff', input: noInput, output: z.array(pointsRedemption) }),
  'points.summary': method({
    summary: 'Miles taken per service type on a business day (for the day report).',
    access: 'manager',
    input: z.object({ day: z.iso.date().optional() }).strict(),
    output: z.object({ day: z.string(), services: z.array(z.object({ serviceType: z.string(), count: z.number(), points: z.number(), pointsValue: z.number(), cash: z.number() })) }),
  }),
  'points.setRule': method({
    summary: 'Add or edit a local miles rule (manager); ties with another rule are refused.',
    access: 'manager',
    input: z.object({ id: z.string().trim().min(1).max(40).optional(), ...ruleFields }).strict(),
    output: pointsRuleView,
  }),
  'points.removeRule': method({ summary: 'Remove a local miles rule (manager).', access: 'manager', input: z.object({ ruleId: z.string().min(1).max(40) }).strict(), output: ok }),
};
