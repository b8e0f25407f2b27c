import * as z from 'zod';
import { method } from './define';
import { displayName, noInput } from './common';
import { BARCODE, ITEM_ID, OUTLET_ID, OUTLET_KINDS } from '../../domain/catalog';

const origin = z.enum(['local', 'central']);
const outlet = z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string(), kind: z.enum(OUTLET_KINDS), sort: z.number(), active: z.boolean(), origin });
const item = z.object({
  id: z.string(),
  outletId: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  category: z.string(),
  barcode: z.string().nullable(),
  active: z.boolean(),
  origin,
  /** The price in force now (minor units); null before the first price starts. */
  price: z.number().nullable(),
  prices: z.array(z.object({ price: z.number(), effectiveFrom: z.string() })),
});
const price = z.number({ error: 'field.amount' }).int({ error: 'field.amount' }).min(1, { error: 'field.amount' }).max(100_000_000, { error: 'field.amount' });
const barcode = z.string().trim().regex(BARCODE, { error: 'field.barcode' });

export const catalogContract = {
  'catalog.list': method({
    summary: 'Outlets and their items, each with the price in force now and every price row (past and scheduled).',
    access: 'staff',
    input: noInput,
    output: z.object({ outlets: z.array(outlet), items: z.array(item) }),
  }),
  'catalog.byBarcode': method({
    summary: 'The item with this barcode (a scan).',
    access: 'staff',
    input: z.object({ barcode }).strict(),
    output: item,
  }),
  'catalog.saveOutlet': method({
    summary: 'Add or change an outlet (restaurant, massage, shop …); head office outlets are read-only (manager).',
    access: 'manager',
    input: z
      .object({ id: z.string().regex(OUTLET_ID).optional(), nameZh: displayName(30), nameEn: displayName(30), kind: z.enum(OUTLET_KINDS), sort: z.number().int().min(0).max(999).optional(), active: z.boolean().optional() })
      .strict(),
    output: outlet,
  }),
  'catalog.saveItem': method({
    summary: 'Add or change an item; a new price starts at effectiveFrom (default now, never in the past) and never changes past charges (manager).',
    access: 'manager',
    input: z
      .object({
        id: z.string().regex(ITEM_ID).optional(),
        outletId: z.string().regex(OUTLET_ID),
        nameZh: displayName(60),
        nameEn: displayName(60),
        category: z.string().trim().max(30, { error: 'field.tooLong' }).optional(),
        barcode: barcode.nullable().optional(),
        active: z.boolean().optional(),
        price: price.optional(),
        effectiveFrom: z.iso.datetime({ offset: true }).optional(),
      })
      .strict(),
    output: item,
  }),
};
