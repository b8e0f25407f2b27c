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

/** Line breaks, tabs and other C0/C1 controls: they break receipts, reports and logs. */
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
/** Bidi overrides and marks: they make a name read differently from what it is ("Trojan Source"). */
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** Something that shows: not a space, a format character, or a blank such as U+3164 (Hangul filler). */
const VISIBLE = /[^\p{Z}\p{Cf}\p{Cc}\u115F\u1160\u180E\u2800\u3164\uFFA0]/u;

/** Marks that show nothing by themselves (U+034F joins marks; U+17B4/5 are silent Khmer vowels): taken out before looking for a visible character. */
const SILENT_MARKS = /\u034F|\u17B4|\u17B5/gu;

/** A name people see on screens and receipts (staff, store, counter, station, fuel grade). */
export function displayName(max: number) {
  return z
    .string()
    .trim()
    .min(1, { error: 'field.required' })
    .max(max, { error: 'field.tooLong' })
    .refine((s) => !CONTROL.test(s), { error: 'field.nameControl' })
    .refine((s) => !BIDI.test(s), { error: 'field.nameBidi' })
    .refine((s) => s === '' || VISIBLE.test(s.replace(SILENT_MARKS, '')), { error: 'field.nameInvisible' });
}
export const personName = displayName(40);

/** An IANA time zone this runtime knows (Asia/Shanghai). */
export const timeZone = z
  .string()
  .max(64, { error: 'field.tooLong' })
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return tz.length > 0;
    } catch {
      return false;
    }
  }, { error: 'field.timeZone' });
export const uuid = z.uuid({ error: 'field.id' });

/** The client-made id of a money-changing command: a UUIDv7, reused on every retry of the same request. */
export const commandId = z.uuid({ version: 'v7', error: 'field.commandId' });
