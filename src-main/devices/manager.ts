// The one object the composition root builds for devices: made from validated
// DeviceSettings, it runs every enabled device, fans their events out on one
// emitter, and survives reconfiguration without losing subscribers.
import { DeviceError, TypedEmitter, defaultTiming, silentLogger, type DeviceKind, type DeviceLogger, type DeviceStatus, type DeviceTiming } from './common';
import { HidCardReader, openNodeHidDevice, type CardEvent, type CardReader, type OpenHidDevice } from './card-reader/card-reader';
import { listHidDevices, listSerialPorts, type HidDeviceInfo, type SerialPortInfo } from './discovery';
import { PrinterStation } from './printer/printer-station';
import type { PrintJob, PrintResult, ReceiptRasterizer } from './printer/printer';
import type { AuthorizeRequest, PumpController, PumpState, PumpTotals } from './pump/pump';
import { SerialPumpController } from './pump/serial-pump-controller';
import { SerialScanner, rejectScanFrame, type ScanEvent, type Scanner } from './scanner/scanner';
import { DeviceSettingsSchema, type DeviceSettings, type DeviceSettingsInput } from './settings';
import type { Receipt } from '../domain/receipt';

export interface DeviceManagerEvents {
  status: DeviceStatus;
  card: CardEvent;
  scan: ScanEvent;
  pump: PumpState;
  job: PrintJob;
}

export interface DeviceManagerOptions {
  settings?: DeviceSettingsInput;
  logger?: DeviceLogger;
  /** Reconnect and poll timing; tests pass tens of milliseconds. */
  timing?: Partial<DeviceTiming>;
  /** How the HID card reader opens its device; tests inject a presenter. */
  openHidDevice?: OpenHidDevice;
  /** Text-to-PNG for the printer's 'raster' Chinese mode, supplied by the host. */
  rasterize?: ReceiptRasterizer;
}

const KINDS: DeviceKind[] = ['printer', 'scanner', 'cardReader', 'pump'];

function disabled(device: DeviceKind): DeviceStatus {
  return { device, state: 'disabled', since: new Date().toISOString() };
}

export class DeviceManager {
  private readonly events = new TypedEmitter<DeviceManagerEvents>();
  private readonly logger: DeviceLogger;
  private readonly timing: DeviceTiming;
  private readonly openHidDevice: OpenHidDevice;
  private readonly rasterize: ReceiptRasterizer | undefined;
  private current: DeviceSettings;
  private started = false;

  private printerStation: PrinterStation | undefined;
  private scanner: Scanner | undefined;
  private cardReader: CardReader | undefined;
  private pumpController: PumpController | undefined;
  private readonly unsubscribe: Partial<Record<DeviceKind, (() => void)[]>> = {};
  private readonly disabledSince: Partial<Record<DeviceKind, DeviceStatus>> = {};

  constructor(options: DeviceManagerOptions = {}) {
    this.current = DeviceSettingsSchema.parse(options.settings ?? {});
    this.logger = options.logger ?? silentLogger;
    this.timing = { ...defaultTiming, ...options.timing };
    this.openHidDevice = options.openHidDevice ?? openNodeHidDevice;
    this.rasterize = options.rasterize;
  }

  on<K extends keyof DeviceManagerEvents & string>(event: K, cb: (payload: DeviceManagerEvents[K]) => void): () => void {
    return this.events.on(event, cb);
  }

  settings(): DeviceSettings {
    return structuredClone(this.current);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const kind of KINDS) this.build(kind);
  }

  async stop(): Promise<void> {
    this.started = false;
    await Promise.all(KINDS.map((kind) => this.teardown(kind)));
  }

  /** Every device's status, in a fixed order for the status bar. */
  status(): DeviceStatus[] {
    return KINDS.map((kind) => this.device(kind)?.status() ?? this.disabledSince[kind] ?? disabled(kind));
  }

  /** Applies new settings, restarting only the devices whose settings changed. */
  async reconfigure(input: DeviceSettingsInput): Promise<DeviceSettings> {
    const parsed = DeviceSettingsSchema.safeParse(input);
    if (!parsed.success) throw new DeviceError('INVALID_INPUT', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const previous = this.current;
    this.current = parsed.data;
    for (const kind of KINDS) {
      if (JSON.stringify(previous[kind]) === JSON.stringify(parsed.data[kind])) continue;
      this.logger.info({ device: kind }, 'device settings changed; restarting device');
      await this.teardown(kind);
      if (this.started) this.build(kind);
    }
    return this.settings();
  }

  listHidDevices(): Promise<HidDeviceInfo[]> {
    return listHidDevices(this.logger);
  }

  listSerialPorts(): Promise<SerialPortInfo[]> {
    return listSerialPorts(this.logger);
  }

  /**
   * Keyboard-wedge input caught by the renderer's burst detector, so services see
   * one stream of 'card' and 'scan' events whatever the reader.
   */
  wedgeInput(kind: 'card' | 'scan', text: string): void {
    const code = text.trim();
    if (rejectScanFrame(code)) {
      this.logger.warn({ device: kind, length: code.length }, 'malformed wedge input ignored');
      return;
    }
    const at = new Date().toISOString();
    if (kind === 'card') this.events.emit('card', { source: 'wedge', uid: code, at });
    else this.events.emit('scan', { source: 'wedge', code, at });
  }

  readonly printer = {
    status: (): DeviceStatus => this.printerStation?.status() ?? this.disabledSince.printer ?? disabled('printer'),
    /** Never throws for a printer problem: a failed receipt comes back as state 'failed' and is kept. */
    print: (receipt: Receipt, jobId?: string): Promise<PrintResult> => this.station().print(receipt, jobId),
    /** The printer's current paper width and Chinese mode, so a stored receipt's preview matches paper. */
    paper: (): { paperMm: 58 | 80; chinese: 'gb18030' | 'raster' | 'latin' } => ({ paperMm: this.current.printer.paperMm, chinese: this.current.printer.chinese }),
    testPrint: (overrides?: Partial<Receipt>): Promise<PrintResult> => this.station().testPrint(overrides),
    reprint: (jobId: string): Promise<PrintResult> => this.station().reprint(jobId),
    failedJobs: (): PrintJob[] => this.printerStation?.failedJobs() ?? [],
    openDrawer: (): Promise<void> => this.station().openDrawer(),
  };

  readonly pump = {
    status: (): DeviceStatus => this.pumpController?.status() ?? this.disabledSince.pump ?? disabled('pump'),
    pumps: (): PumpState[] => this.pumpController?.pumps() ?? [],
    authorize: async (request: AuthorizeRequest): Promise<void> => this.pumps().authorize(request),
    refresh: async (pump: number): Promise<PumpState> => this.pumps().refresh(pump),
    closeTransaction: async (pump: number, transaction: number): Promise<void> => this.pumps().closeTransaction(pump, transaction),
    stop: async (pump: number): Promise<void> => this.pumps().stopPump(pump),
    totals: async (pump: number, nozzle: number): Promise<PumpTotals> => this.pumps().totals(pump, nozzle),
  };

  private station(): PrinterStation {
    // A disabled printer still takes jobs: they fail with DEVICE_DISABLED and wait for reprint.
    if (!this.printerStation) this.printerStation = this.newPrinterStation();
    return this.printerStation;
  }

  private pumps(): PumpController {
    if (!this.pumpController) throw new DeviceError('DEVICE_DISABLED', 'no pump controller configured');
    return this.pumpController;
  }

  private device(kind: DeviceKind): { status(): DeviceStatus } | undefined {
    switch (kind) {
      case 'printer':
        return this.printerStation;
      case 'scanner':
        return this.scanner;
      case 'cardReader':
        return this.cardReader;
      case 'pump':
        return this.pumpController;
    }
  }

  private newPrinterStation(): PrinterStation {
    const station = new PrinterStation(this.current.printer, this.logger, this.timing, { rasterize: this.rasterize });
    this.unsubscribe.printer = [station.on('status', (s) => this.events.emit('status', s)), station.on('job', (j) => this.events.emit('job', j))];
    return station;
  }

  private build(kind: DeviceKind): void {
    const s = this.current;
    const forward = (status: DeviceStatus) => this.events.emit('status', status);
    switch (kind) {
      case 'printer':
        if (!s.printer.enabled) return;
        this.printerStation = this.newPrinterStation();
        this.printerStation.start();
        return;
      case 'scanner': {
        if (!s.scanner.enabled) return;
        const scanner = new SerialScanner(s.scanner, this.logger, this.timing);
        this.unsubscribe.scanner = [scanner.on('status', forward), scanner.on('scan', (e) => this.events.emit('scan', e))];
        this.scanner = scanner;
        scanner.start();
        return;
      }
      case 'cardReader': {
        if (!s.cardReader.enabled) return;
        const reader = new HidCardReader(s.cardReader, this.logger, this.timing, this.openHidDevice);
        this.unsubscribe.cardReader = [reader.on('status', forward), reader.on('card', (e) => this.events.emit('card', e))];
        this.cardReader = reader;
        reader.start();
        return;
      }
      case 'pump': {
        if (!s.pump.enabled) return;
        const pumps = new SerialPumpController(s.pump, this.logger, this.timing);
        this.unsubscribe.pump = [pumps.on('status', forward), pumps.on('pump', (e) => this.events.emit('pump', e))];
        this.pumpController = pumps;
        pumps.start();
        return;
      }
    }
  }

  private async teardown(kind: DeviceKind): Promise<void> {
    // Each device reports its own 'disabled' on stop, through the still-attached forwarders.
    switch (kind) {
      case 'printer':
        this.printerStation?.stop();
        this.printerStation = undefined;
        break;
      case 'scanner':
        await this.scanner?.stop();
        this.scanner = undefined;
        break;
      case 'cardReader':
        await this.cardReader?.stop();
        this.cardReader = undefined;
        break;
      case 'pump':
        await this.pumpController?.stop();
        this.pumpController = undefined;
        break;
    }
    for (const off of this.unsubscribe[kind] ?? []) off();
    delete this.unsubscribe[kind];
    this.disabledSince[kind] = disabled(kind);
  }
}
