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
};
