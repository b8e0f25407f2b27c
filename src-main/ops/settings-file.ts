import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { hasControlCharacters } from '../domain/receipt/text';

/** Text that is printed on receipts: no control characters (they would reach the printer as commands). */
const printedText = (max: number) => z.string().max(max).refine((s) => !hasControlCharacters(s), 'control characters are not allowed');

/** What a Chinese shop receipt carries besides the store name; all optional, set by a manager. */
export const receiptSettingsSchema = z
  .object({
    address: printedText(120).default(''),
    phone: printedText(40).default(''),
    /** 税号: the store's taxpayer identification number. */
    taxNumber: printedText(40).default(''),
    /** A note about invoices (发票), e.g. "如需发票请联系前台". */
    invoiceNote: printedText(120).default(''),
    /** The last line of every receipt; "谢谢惠顾 / Thank you" when empty. */
    footer: printedText(120).default(''),
  })
  .strict();
export type ReceiptSettings = z.infer<typeof receiptSettingsSchema>;

/**
 * The terminal's settings: a JSON file in the data dir that an IT person may edit by hand.
 * It is validated at start; a bad file stops the app with a message naming the field,
 * and is never overwritten.
 */
export const settingsSchema = z
  .object({
    version: z.literal(1),
    store: z
      .object({
        id: z.uuid(),
        name: printedText(60),
        currency: z.string().regex(/^[A-Z]{3}$/),
        timeZone: z.string().refine(isTimeZone, 'unknown time zone'),
        locale: z.enum(['zh-CN', 'en']),
        /** Receipt header and footer; absent in files written before it existed. */
        receipt: receiptSettingsSchema.prefault({}),
      })
      .strict(),
    terminal: z.object({ id: z.uuid(), name: z.string().min(1).max(40) }).strict(),
    /** Device settings, validated by the device layer. */
    devices: z.record(z.string(), z.unknown()).default({}),
    /** The counter's voice announcements (member payments, recharges): on/off and volume (0–100). */
    voice: z.object({ enabled: z.boolean().default(true), volume: z.number().int().min(0).max(100).default(80) }).strict().prefault({}),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class SettingsFileError extends Error {
  readonly code = 'SETTINGS_INVALID';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Settings file ${file} is invalid:\n  - ${problems.join('\n  - ')}\nFix or delete the file (a new one with defaults is then created). Nothing was changed.`);
  }
}

export const SETTINGS_FILE = 'settings.json';

export function defaultSettings(): Settings {
  return {
    version: 1,
    store: { id: uuidv7(), name: '', currency: 'CNY', timeZone: 'Asia/Shanghai', locale: 'zh-CN', receipt: receiptSettingsSchema.parse({}) },
    terminal: { id: uuidv7(), name: 'Counter 1' },
    devices: {},
    voice: { enabled: true, volume: 80 },
  };
}

export class SettingsStore {
  private current: Settings;

  private constructor(
    readonly file: string,
    settings: Settings,
  ) {
    this.current = settings;
  }

  /** Loads the file, creating it with defaults on first run. Throws SettingsFileError on a bad file. */
  static open(dataDir: string): SettingsStore {
    const file = path.join(dataDir, SETTINGS_FILE);
    if (!fs.existsSync(file)) {
      const store = new SettingsStore(file, defaultSettings());
      store.write();
      return store;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new SettingsFileError(file, [`not valid JSON (${(e as Error).message})`]);
    }
    const parsed = settingsSchema.safeParse(raw);
    if (!parsed.success) {
      throw new SettingsFileError(
        file,
        parsed.error.issues.map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`),
      );
    }
    return new SettingsStore(file, parsed.data);
  }

  get(): Settings {
    return structuredClone(this.current);
  }

  /** Applies a change, validates the result, and writes atomically (temp file + rename). */
  update(change: (s: Settings) => void): Settings {
    const next = structuredClone(this.current);
    change(next);
    this.current = settingsSchema.parse(next);
    this.write();
    return this.get();
  }

  private write(): void {
    const tmp = `${this.file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(this.current, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }
}
