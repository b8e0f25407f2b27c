import * as z from 'zod';
import { hasControlCharacters } from '../../domain/receipt/text';
import { BARCODE, OUTLET_ID, OUTLET_KINDS } from '../catalog';
import { SERVICE_TYPES } from '../points';
import { couponDisplayRecord, couponRuleRecord } from '../coupons/protocol';

/**
 * Reference data the central server hands to terminals: one versioned stream per kind of record
 * (fuel stations, fuel grades and prices, the receipt header, later catalog, outlets, coupon and
 * miles rules). Pure wire shapes shared by the server (what it stores and serves) and the terminal
 * (what it accepts); each stream's record schema lives beside it in STREAM_SCHEMAS.
 *
 * A record is identified by (stream, id). Every change on the server gets the next value of ONE
 * server-wide counter, so `version` only grows; a terminal pulls "everything of this stream after
 * my cursor" in version order and keeps the highest version it applied as its cursor.
 */
export const streamName = z.string().regex(/^[a-z][a-z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/, 'a dotted lower-case stream name such as fuel.grades').max(64);
export const recordId = z.string().min(1).max(80).regex(/^[A-Za-z0-9._:-]+$/, 'letters, digits and . _ : -');

/** One change as it travels: the body is the stream's record (checked by the terminal's schema), null when deleted. */
export const wireRecord = z
  .object({
    id: recordId,
    version: z.number().int().min(1),
    deleted: z.boolean(),
    body: z.unknown(),
  })
  .strict();
export type WireRecord = z.infer<typeof wireRecord>;

export const MAX_PULL = 500;

export const pullResponse = z
  .object({
    stream: streamName,
    records: z.array(wireRecord).max(MAX_PULL),
    /** The highest version in `records`, or the cursor asked for when there is nothing new. */
    cursor: z.number().int().min(0),
    /** More records wait after `cursor`: pull again at once. */
    more: z.boolean(),
  })
  .strict();
export type PullResponse = z.infer<typeof pullResponse>;

/** What the push channel (WebSocket) tells a terminal. */
export const pushMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), at: z.string() }).strict(),
  z.object({ type: z.literal('reference.changed'), streams: z.array(streamName) }).strict(),
]);
export type PushMessage = z.infer<typeof pushMessage>;

// --- The streams of today's workflows -------------------------------------------------------

const printedText = (max: number) =>
  z
    .string()
    .max(max)
    // The printer would take control characters as commands.
    .refine((s) => !hasControlCharacters(s), 'control characters are not allowed');
const iso = z.iso.datetime({ offset: true });
const latitude = z.number().min(-90).max(90);
const longitude = z.number().min(-180).max(180);

export const fuelStationRecord = z.object({ name: printedText(60).min(1), latitude, longitude }).strict();
export const fuelGradeRecord = z
  .object({
    name: printedText(40).min(1),
    /** Prices in minor units per litre, each from an instant (a scheduled change is a later one). */
    prices: z.array(z.object({ price: z.number().int().min(1).max(100_000_00), effectiveFrom: iso }).strict()).max(50),
  })
  .strict();
export const receiptHeaderRecord = z
  .object({
    address: printedText(120),
    phone: printedText(40),
    taxNumber: printedText(40),
    invoiceNote: printedText(120),
    footer: printedText(120),
  })
  .strict();

/** A catalog outlet from head office (record id = the outlet id, a lower-case code). */
export const catalogOutletRecord = z
  .object({ nameZh: printedText(40).min(1), nameEn: printedText(40), kind: z.enum(OUTLET_KINDS), sort: z.number().int().min(0).max(9999), active: z.boolean() })
  .strict();
/** A catalog item from head office with its whole price list (minor units, each from an instant). */
export const catalogItemRecord = z
  .object({
    outletId: z.string().regex(OUTLET_ID),
    nameZh: printedText(60).min(1),
    nameEn: printedText(60),
    category: printedText(40),
    barcode: z.string().regex(BARCODE).nullable(),
    active: z.boolean(),
    prices: z.array(z.object({ price: z.number().int().min(0).max(100_000_000), effectiveFrom: iso }).strict()).min(1).max(50),
  })
  .strict();
const airportCode = z.string().regex(/^[A-Z]{3}$/);
/** A miles (points) payment rule from head office; the same fields as a rule entered at the counter. */
export const pointsRuleRecord = z
  .object({
    route: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('route'), origin: airportCode, destination: airportCode }).strict(),
      z.object({ kind: z.literal('group'), group: printedText(40).min(1) }).strict(),
      z.object({ kind: z.literal('any') }).strict(),
    ]),
    serviceType: z.enum(SERVICE_TYPES).nullable(),
    maxSharePct: z.number().int().min(0).max(100),
    exchange: z.object({ points: z.number().int().min(1).max(1_000_000), fen: z.number().int().min(1).max(1_000_000) }).strict(),
    pointsOnly: z.boolean(),
    minPointsPerUse: z.number().int().min(0).max(100_000_000),
    validFrom: z.number().int().nullable(),
    validTo: z.number().int().nullable(),
  })
  .strict();

/** The one record id of single-record streams (the receipt header). */
export const SINGLETON_ID = 'store';

/**
 * The record schema of every stream the server accepts from the back office. A stream that is
 * not listed here is refused by the server; the terminal checks again with its own registry
 * (an older terminal, a newer server: a body it does not understand is refused, never applied).
 */
export const STREAM_SCHEMAS: Record<string, z.ZodType> = {
  'fuel.stations': fuelStationRecord,
  'fuel.grades': fuelGradeRecord,
  'receipt.header': receiptHeaderRecord,
  'catalog.outlets': catalogOutletRecord,
  'catalog.items': catalogItemRecord,
  'points.rules': pointsRuleRecord,
  'coupons.rules': couponRuleRecord,
  'coupons.displays': couponDisplayRecord,
};
