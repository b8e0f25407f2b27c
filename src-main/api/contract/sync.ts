import * as z from 'zod';
import { method } from './define';
import { noInput } from './common';

export const syncStatus = z.object({
  phase: z.enum(['not-enrolled', 'online', 'offline', 'error']),
  enrolled: z.boolean(),
  online: z.boolean(),
  serverUrl: z.string().nullable(),
  storeName: z.string().nullable(),
  backlog: z.number().int(),
  localSeq: z.number().int(),
  ackedSeq: z.number().int(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  reference: z
    .object({
      streams: z.array(z.object({ stream: z.string(), cursor: z.number().int(), appliedAt: z.string().nullable() })),
      lastPullAt: z.string().nullable(),
      error: z.object({ code: z.string(), message: z.object({ en: z.string(), 'zh-CN': z.string() }) }).nullable(),
      pushConnected: z.boolean(),
    })
    .nullable(),
  demoServer: z.object({ running: z.boolean(), backOfficeUrl: z.string() }).nullable(),
  /** Auto-update (sync.status only): a downloaded version waits for an idle moment. */
  update: z
    .object({
      state: z.enum(['no-updater', 'not-enrolled', 'up-to-date', 'waiting-for-idle', 'installing', 'failed']),
      version: z.string().nullable(),
      lastCheckAt: z.string().nullable(),
      busy: z.string().nullable(),
      error: z.string().nullable(),
    })
    .optional(),
});

/** The status bar's slice of syncStatus, pushed whenever it changes. */
export const syncStatusEvent = z.object({
  online: z.boolean(),
  backlog: z.number().int(),
  enrolled: z.boolean(),
  phase: syncStatus.shape.phase,
  lastSyncAt: z.string().nullable(),
  /** Reference data: the code of a refused batch, the push channel, the last pull. */
  referenceError: z.string().nullable().optional(),
  pushConnected: z.boolean().optional(),
  lastPullAt: z.string().nullable().optional(),
});

export const syncContract = {
  'sync.status': method({
    summary: 'Sync with the central server: enrolled, online, backlog, last sync, last error.',
    access: 'staff',
    input: noInput,
    output: syncStatus,
  }),
  'sync.enroll': method({
    summary: 'Connect this terminal to the central server with a one-time pairing code (manager only).',
    access: 'manager',
    input: z
      .object({
        serverUrl: z.string().trim().min(1, { error: 'field.required' }).max(200, { error: 'field.tooLong' }),
        code: z.string().trim().min(6, { error: 'field.required' }).max(32, { error: 'field.tooLong' }),
      })
      .strict(),
    output: syncStatus,
  }),
  'sync.pushNow': method({
    summary: 'Push the journal now instead of waiting for the next retry.',
    access: 'staff',
    input: noInput,
    output: syncStatus,
  }),
  'sync.demoServer': method({
    summary: 'Stop or start the demo server next to this terminal (demo only; manager).',
    access: 'manager',
    input: z.object({ action: z.enum(['stop', 'start']) }).strict(),
    output: syncStatus,
  }),
};
