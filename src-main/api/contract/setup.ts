import * as z from 'zod';
import { method } from './define';
import { commandId, displayName, noInput, noControl, timeZone } from './common';
import { GUIDE_STEPS, WORKFLOWS } from '../../domain/setup';

const localized = z.object({ en: z.string(), 'zh-CN': z.string() });
const details = z.object({
  storeName: z.string(),
  address: z.string(),
  phone: z.string(),
  taxNumber: z.string(),
  timeZone: z.string(),
  currency: z.string(),
  footer: z.string(),
});
const status = z.object({
  details,
  /** Null until a manager chose: every tile shows. */
  workflows: z.array(z.enum(WORKFLOWS)).nullable(),
  steps: z.array(z.enum(GUIDE_STEPS)),
  missing: z.array(z.object({ code: z.string(), step: z.enum(GUIDE_STEPS), message: localized })),
});
const printed = (max: number) => z.string().trim().max(max, { error: 'field.tooLong' }).refine(noControl, { error: 'field.controlChars' });
const csvKind = z.enum(['catalog', 'lockers', 'stations']);
/** The file's bytes in base64 (the bridge carries text); about 650 KB of CSV at most. */
const csvContent = z.string().min(1, { error: 'field.required' }).max(900_000, { error: 'field.fileTooLarge' }).regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'field.file' });
const station = z.object({ id: z.string(), name: z.string(), address: z.string(), latitude: z.number(), longitude: z.number(), origin: z.enum(['local', 'central']) });
const problem = z.object({ row: z.number(), field: z.string(), message: localized });

export const setupContract = {
  'setup.status': method({
    summary: 'Store details, the workflows this venue uses, the guide steps and everything still missing before it can sell.',
    access: 'staff',
    input: noInput,
    output: status,
  }),
  'setup.saveStore': method({
    summary: 'Store details: name, address, phone, tax number, time zone, currency, receipt footer (manager).',
    access: 'manager',
    input: z
      .object({
        storeName: displayName(60),
        address: printed(120),
        phone: printed(40),
        taxNumber: printed(40),
        timeZone,
        currency: z.string().regex(/^[A-Z]{3}$/, { error: 'field.currency' }),
        footer: printed(120),
      })
      .strict(),
    output: status,
  }),
  'setup.setWorkflows': method({
    summary: 'Which workflows this venue uses; the home screen shows only those (manager).',
    access: 'manager',
    input: z.object({ workflows: z.array(z.enum(WORKFLOWS)).min(1, { error: 'field.workflows' }).max(WORKFLOWS.length) }).strict(),
    output: status,
  }),
  'setup.stations': method({ summary: 'The fuel station list with addresses (manager).', access: 'manager', input: noInput, output: z.array(station) }),
  'setup.saveStation': method({
    summary: 'Add or change a fuel station: name, address, coordinates (manager).',
    access: 'manager',
    input: z
      .object({
        id: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).optional(),
        name: displayName(60),
        address: printed(120),
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
      })
      .strict(),
    output: z.array(station),
  }),
  'setup.useStation': method({
    summary: "This terminal stands at the chosen station: its coordinates become the terminal's location (manager).",
    access: 'manager',
    input: z.object({ stationId: z.string().min(1).max(32), radiusMetres: z.number().int().min(1).max(100_000).optional() }).strict(),
    output: z.object({ station: z.object({ id: z.string(), name: z.string(), distanceMetres: z.number() }).nullable(), problem: z.object({ code: z.string(), message: localized }).nullable() }),
  }),
  'setup.importPreview': method({
    summary: 'Check a CSV file (UTF-8 with or without BOM, or GBK/GB18030) and list every row that would be refused, writing nothing (manager).',
    access: 'manager',
    input: z.object({ kind: csvKind, content: csvContent }).strict(),
    output: z.object({ encoding: z.enum(['utf-8', 'gb18030']), rows: z.number(), accepted: z.number(), problems: z.array(problem) }),
  }),
  'setup.import': method({
    summary: 'Import a CSV file: every row or none, idempotent by commandId (manager).',
    access: 'manager',
    input: z.object({ commandId, kind: csvKind, content: csvContent }).strict(),
    output: z.object({ kind: csvKind, rows: z.number(), created: z.number(), updated: z.number() }),
  }),
  'setup.export': method({
    summary: 'Export as CSV in UTF-8 with BOM, so Excel shows Chinese correctly (manager).',
    access: 'manager',
    input: z.object({ kind: csvKind }).strict(),
    output: z.object({ fileName: z.string(), content: z.string() }),
  }),
};
