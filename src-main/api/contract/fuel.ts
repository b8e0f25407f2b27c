import * as z from 'zod';
import { method } from './define';
import { COUNTER_TENDERS } from '../../domain/payments';
import { commandId, displayName, noInput, uuid } from './common';

const pumpNumber = z.number().int().min(1).max(99);
const gradeId = z.string().trim().min(1).max(16);
const mode = z.enum(['amount', 'volume']);
/** Minor units (amount) or centilitres (volume); zero and negatives get the service's own clear message. */
const quantity = z.number().int().min(-1e15).max(1e15);
const price = z.number().int().min(1).max(10_000_000);
const tender = z.enum(COUNTER_TENDERS);
const problem = z.object({ code: z.string(), message: z.object({ en: z.string(), 'zh-CN': z.string() }) });

const orderRequest = { pump: pumpNumber, gradeId, mode, quantity };

export const fuelOrderState = z.enum(['paid', 'released', 'dispensing', 'completed', 'refunded', 'reversed', 'failed']);

/** A prepaid fuel order as the counter sees it (money in minor units, volumes in centilitres). */
export const fuelOrder = z.object({
  id: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  staffName: z.string(),
  stationId: z.string(),
  stationName: z.string(),
  pump: z.number(),
  nozzle: z.number(),
  gradeId: z.string(),
  gradeName: z.string(),
  price: z.number(),
  mode,
  amount: z.number(),
  volume: z.number(),
  tender,
  customerPhone: z.string().nullable(),
  memberId: z.string().nullable(),
  state: fuelOrderState,
  dispensedVolume: z.number().nullable(),
  chargedAmount: z.number().nullable(),
  refundAmount: z.number().nullable(),
  passJobId: z.string().nullable(),
  passState: z.string().nullable(),
  problem: problem.nullable(),
});
export type FuelOrder = z.infer<typeof fuelOrder>;

const coordinates = { latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) };
const station = z.object({ id: z.string().trim().min(1).max(32), name: displayName(60), ...coordinates }).strict();
const pumpSetup = z.object({
  number: pumpNumber,
  stationId: z.string().trim().min(1).max(32),
  /** Centilitres one order may take at most. */
  maxVolume: z.number().int().min(1).max(10_000_000),
  nozzles: z.array(z.object({ nozzle: z.number().int().min(1).max(9), gradeId }).strict()).min(1).max(9),
});

const setupView = z.object({
  location: z.object({ latitude: z.number(), longitude: z.number(), radiusMetres: z.number() }).nullable(),
  stations: z.array(z.object({ id: z.string(), name: z.string(), latitude: z.number(), longitude: z.number() })),
  station: z.object({ id: z.string(), name: z.string(), distanceMetres: z.number() }).nullable(),
  problem: z.object({ code: z.string(), message: z.object({ en: z.string(), 'zh-CN': z.string() }) }).nullable(),
  grades: z.array(z.object({ id: z.string(), name: z.string(), price: z.number().nullable(), prices: z.array(z.object({ price: z.number(), effectiveFrom: z.string() })) })),
  pumps: z.array(pumpSetup),
});

const printResult = z.object({ jobId: z.string(), state: z.enum(['printed', 'failed']), code: z.string().optional(), message: z.string().optional() });

export const fuelContract = {
  'fuel.overview': method({
    summary: "This station's pumps with their grades at today's prices and live state.",
    access: 'staff',
    input: noInput,
    output: z.object({
      station: z.object({ id: z.string(), name: z.string() }),
      currency: z.string(),
      pumps: z.array(
        z.object({
          number: z.number(),
          maxVolume: z.number(),
          phase: z.enum(['idle', 'authorized', 'filling', 'end-of-transaction', 'offline']),
          grades: z.array(z.object({ gradeId: z.string(), gradeName: z.string(), nozzle: z.number(), price: z.number(), effectiveFrom: z.string() })),
          activeOrderId: z.string().nullable(),
        }),
      ),
    }),
  }),
  'fuel.quote': method({
    summary: 'Money to litres or litres to money at the current price, before payment.',
    access: 'staff',
    input: z.object(orderRequest).strict(),
    output: z.object({
      stationId: z.string(),
      stationName: z.string(),
      pump: z.number(),
      nozzle: z.number(),
      gradeId: z.string(),
      gradeName: z.string(),
      mode,
      price: z.number(),
      amount: z.number(),
      volume: z.number(),
      effectiveFrom: z.string(),
    }),
  }),
  'fuel.pay': method({
    summary: 'Pay a prepaid order, then release the pump and print the pass. Idempotent by commandId.',
    access: 'staff',
    input: z
      .object({
        commandId,
        ...orderRequest,
        price,
        tender,
        customerPhone: z.string().regex(/^\+?\d{5,15}$/).optional(),
        memberId: z.string().trim().min(1).max(32).optional(),
      })
      .strict(),
    output: fuelOrder,
  }),
  'fuel.orders': method({ summary: "Today's fuel orders with their states.", access: 'staff', input: noInput, output: z.array(fuelOrder) }),
  'fuel.stop': method({
    summary: 'Stop a running fill; the unused part is refunded when the pump ends.',
    access: 'staff',
    input: z.object({ orderId: uuid }).strict(),
    output: fuelOrder,
  }),
  'fuel.print': method({
    summary: 'Print the pass again, or the final receipt after the pump ended.',
    access: 'staff',
    input: z.object({ orderId: uuid, which: z.enum(['pass', 'final']) }).strict(),
    output: printResult,
  }),
  'fuel.setup': method({ summary: 'Station settings (manager).', access: 'manager', input: noInput, output: setupView }),
  'fuel.setLocation': method({
    summary: "Set this terminal's coordinates and the radius to find its station (manager).",
    access: 'manager',
    input: z.object({ ...coordinates, radiusMetres: z.number().int().min(1).max(100_000) }).strict(),
    output: setupView,
  }),
  'fuel.setStations': method({
    summary: 'Replace the station list (manager).',
    access: 'manager',
    input: z.object({ stations: z.array(station).max(500) }).strict(),
    output: setupView,
  }),
  'fuel.setGrade': method({
    summary: 'Add or rename a grade, optionally with a price effective from a time (manager).',
    access: 'manager',
    input: z.object({ id: gradeId, name: displayName(30), price: price.optional(), effectiveFrom: z.iso.datetime({ offset: true }).optional() }).strict(),
    output: setupView,
  }),
  'fuel.setPump': method({ summary: 'A pump with its nozzles and per-order limit (manager).', access: 'manager', input: pumpSetup.strict(), output: setupView }),
};
