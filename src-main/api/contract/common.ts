import * as z from 'zod';
import { hasControlCharacters } from '../../domain/receipt/text';

/** Inputs are always objects with no unknown keys: a typo in a field name is an error, not ignored. */
export const noInput = z.object({}).strict();
export const ok = z.object({ ok: z.literal(true) });

export const staffRole = z.enum(['cashier', 'manager']);
export const staffInfo = z.object({ id: z.string(), name: z.string(), role: staffRole });
export type StaffInfo = z.infer<typeof staffInfo>;

/** A staff PIN: 4 to 8 digits. */
export const pin = z.string().regex(/^\d{4,8}$/, { error: 'field.pin' });
/** No control characters: text that is stored and later printed must never reach the printer as a command (ESC p, GS V). */
export const noControl = (s: string) => !hasControlCharacters(s);
export const personName = z.string().trim().min(1, { error: 'field.required' }).max(40, { error: 'field.tooLong' }).refine(noControl, { error: 'field.controlChars' });
export const uuid = z.uuid({ error: 'field.id' });

/** The client-made id of a money-changing command: a UUIDv7, reused on every retry of the same request. */
export const commandId = z.uuid({ version: 'v7', error: 'field.commandId' });
