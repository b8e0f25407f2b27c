import * as z from 'zod';
import { method } from './define';
import { noInput, personName, timeZone } from './common';

export const storeSettings = z.object({
  storeName: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  locale: z.enum(['zh-CN', 'en']),
  terminalName: z.string(),
});

export const diskStatus = z.object({ freeBytes: z.number().nullable(), lowBytes: z.number(), low: z.boolean() });

/** What a ledger check found: which check, and the table, key and column when it can name them. */
export const ledgerFinding = z.object({
  check: z.enum(['journal', 'ack', 'replay', 'derived', 'digest', 'tail']),
  table: z.string().nullable(),
  key: z.string().nullable(),
  column: z.string().nullable(),
  detail: z.string(),
});
export const integrityStatus = z.object({
  state: z.enum(['ok', 'read-only']),
  finding: ledgerFinding.nullable(),
  checkedAt: z.string(),
  checkMs: z.number(),
  check: z.enum(['startup', 'full']),
});

export const systemContract = {
  'system.disk': method({
    summary: 'Free space on the data disk, and whether it is low (the manager is warned in the status bar).',
    access: 'manager',
    input: noInput,
    output: diskStatus,
  }),
  'system.info': method({
    summary: 'Version, host kind, store and terminal, for the status bar.',
    access: 'public',
    input: noInput,
    output: z.object({
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      storeId: z.string(),
      terminalId: z.string(),
      demo: z.boolean(),
      settings: storeSettings,
    }),
  }),
  'settings.update': method({
    summary: 'Change store settings (manager only).',
    access: 'manager',
    input: z
      .object({
        storeName: personName.optional(),
        terminalName: personName.optional(),
        locale: z.enum(['zh-CN', 'en']).optional(),
        timeZone: timeZone.optional(),
      })
      .strict(),
    output: storeSettings,
  }),
  'system.integrity': method({
    summary: 'The ledger check: ok, or read-only with what was found (table, key). Money is refused while read-only.',
    access: 'staff',
    input: noInput,
    output: integrityStatus,
  }),
  'system.verifyLedger': method({
    summary: 'Full ledger verify (manager only, audited): the journal chain, the server ack, every derived table rebuilt from the journal. A pass ends read-only mode.',
    access: 'manager',
    input: noInput,
    output: z.object({ ok: z.boolean(), entries: z.number(), summary: z.string(), finding: ledgerFinding.nullable(), status: integrityStatus }),
  }),
};
