import * as z from 'zod';
import { DeviceSettingsSchema } from '../../services/devices/settings';
import { method } from './define';
import { noInput } from './common';

export const deviceStatus = z.object({
  device: z.enum(['printer', 'scanner', 'cardReader', 'pump']),
  state: z.enum(['online', 'offline', 'connecting', 'disabled']),
  reason: z.string().optional(),
  since: z.string(),
});

const printResult = z.object({ jobId: z.string(), state: z.enum(['printed', 'failed']), code: z.string().optional(), message: z.string().optional() });

export const devicesContract = {
  'devices.status': method({
    summary: 'Every device with its state, and receipts that failed to print.',
    access: 'staff',
    input: noInput,
    output: z.object({
      devices: z.array(deviceStatus),
      failedJobs: z.array(z.object({ id: z.string(), transactionId: z.string(), number: z.string().optional(), createdAt: z.string(), attempts: z.number() })),
    }),
  }),
  'devices.settings': method({ summary: 'The device settings (manager).', access: 'manager', input: noInput, output: DeviceSettingsSchema }),
  'devices.configure': method({
    summary: 'Choose adapters, ports and addresses; applied at once and saved (manager).',
    access: 'manager',
    input: DeviceSettingsSchema.strict(),
    output: DeviceSettingsSchema,
  }),
  'devices.discover': method({
    summary: 'HID devices and serial ports plugged into this PC (manager).',
    access: 'manager',
    input: noInput,
    output: z.object({
      hid: z.array(z.object({ vendorId: z.number(), productId: z.number(), path: z.string().optional(), product: z.string().optional(), manufacturer: z.string().optional() })),
      serial: z.array(z.object({ path: z.string(), manufacturer: z.string().optional() })),
    }),
  }),
  'devices.testPrint': method({ summary: 'Print a test receipt (manager).', access: 'manager', input: noInput, output: printResult }),
  'devices.reprint': method({
    summary: 'Print a failed receipt again.',
    access: 'staff',
    input: z.object({ jobId: z.string().min(1).max(64) }).strict(),
    output: printResult,
  }),
  'devices.wedge': method({
    summary: 'A keyboard-wedge burst caught on screen: a card tap or a scan.',
    access: 'staff',
    input: z.object({ kind: z.enum(['card', 'scan']), text: z.string().min(4).max(256) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'demo.tapCard': method({
    summary: 'Demo store only: tap a card on the emulated reader.',
    access: 'staff',
    input: z.object({ uid: z.string().regex(/^[0-9A-Fa-f]{8,20}$/) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
  'demo.scan': method({
    summary: 'Demo store only: scan a code on the emulated scanner.',
    access: 'staff',
    input: z.object({ code: z.string().min(1).max(128) }).strict(),
    output: z.object({ ok: z.literal(true) }),
  }),
};
