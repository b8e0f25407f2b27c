// Device settings as the manager screen edits them. Validated with zod at the
// boundary; every device defaults to disabled so a fresh install starts quietly.
import { z } from 'zod';

/**
 * Printer device nodes a manager may choose: USB and parallel line printers, serial and
 * Bluetooth ports (Linux, macOS). Nothing else: a printer address is written to, so any other
 * path (a file in the data dir, /dev/shm, a disk such as /dev/sda) would let a manager's
 * screen overwrite it.
 */
const PRINTER_DEVICE = /^\/dev\/(usb\/lp\d{1,3}|usblp\d{1,3}|lp\d{1,3}|tty(S|USB|ACM|AMA)\d{1,3}|rfcomm\d{1,3}|serial\/by-(id|path)\/[\w:.+-]{1,120}|(cu|tty)\.[\w.-]{1,60})$/;
/** Windows: COM and LPT ports, also as \\.\COM12. */
const WINDOWS_PORT = /^(\\\\\.\\)?(COM|LPT)\d{1,3}$/i;

/** tcp://host[:port], a printer device node such as /dev/usb/lp0 or COM3, or printer:NAME for an OS (CUPS) queue. */
const printerAddress = z
  .string()
  .trim()
  .refine((s) => /^tcp:\/\/[^/:\s]+(:\d{1,5})?\/?$/i.test(s) || /^printer:[^/\\\s][^/\\]{0,100}$/i.test(s) || PRINTER_DEVICE.test(s) || WINDOWS_PORT.test(s), {
    message: 'use tcp://host:9100, a printer port such as /dev/usb/lp0 or COM3, or printer:NAME',
  });

export const PrinterSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Command set: EPSON ESC/POS (and compatibles) or STAR line mode. */
  type: z.enum(['epson', 'star']).default('epson'),
  address: printerAddress.default('tcp://192.168.1.100:9100'),
  paperMm: z.union([z.literal(58), z.literal(80)]).default(80),
  /**
   * How Chinese reaches paper: 'gb18030' sends GB18030 bytes in the printer's Chinese mode
   * (node-thermal-printer's own CHINA code page is GB2312 only); 'raster' prints the text as a
   * bitmap for printers without a Chinese font; 'latin' uses single-byte code pages only.
   */
  chinese: z.enum(['gb18030', 'raster', 'latin']).default('gb18030'),
  /** Kick the cash drawer on receipts that ask for it. */
  cashDrawer: z.boolean().default(true),
}).strict();

export const ScannerSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Serial port path (/dev/ttyUSB0, COM3). Wedge scanners need no settings: the renderer catches them. */
  path: z.string().trim().default(''),
  baudRate: z.number().int().positive().default(9600),
  /** What the scanner sends after each code. */
  terminator: z.enum(['CR', 'LF', 'CRLF', 'TAB']).default('CR'),
}).strict();

export const CardReaderSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  vendorId: z.number().int().min(0).max(0xffff).default(0),
  productId: z.number().int().min(0).max(0xffff).default(0),
  /** Optional OS path from discovery when two identical readers are plugged in. */
  path: z.string().trim().optional(),
  /** Readers with numbered reports put a report id byte first. */
  reportId: z.boolean().default(false),
}).strict();

export const PumpSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  /** Only a serial jsonPTS-style controller today; an HTTP jsonPTS adapter can be added later. */
  adapter: z.enum(['serial-jsonpts']).default('serial-jsonpts'),
  path: z.string().trim().default(''),
  baudRate: z.number().int().positive().default(57600),
  /** Pump numbers on the forecourt that the counter controls. */
  pumps: z.array(z.number().int().min(1).max(99)).default([1]),
}).strict();

export const DeviceSettingsSchema = z.object({
  printer: PrinterSettingsSchema.prefault({}),
  scanner: ScannerSettingsSchema.prefault({}),
  cardReader: CardReaderSettingsSchema.prefault({}),
  pump: PumpSettingsSchema.prefault({}),
})
  // A typo in a field name (hand-edited settings.json or an API call) is an error, never silently dropped.
  .strict();

export type DeviceSettings = z.infer<typeof DeviceSettingsSchema>;
export type DeviceSettingsInput = z.input<typeof DeviceSettingsSchema>;
export type PrinterSettings = z.infer<typeof PrinterSettingsSchema>;
export type ScannerSettings = z.infer<typeof ScannerSettingsSchema>;
export type CardReaderSettings = z.infer<typeof CardReaderSettingsSchema>;
export type PumpSettings = z.infer<typeof PumpSettingsSchema>;

export const defaultDeviceSettings: DeviceSettings = DeviceSettingsSchema.parse({});
