import { PosError } from '../../domain/errors';
import type { Receipt } from '../../domain/receipt';
import { DeviceError, testReceipt, type DeviceKind, type DeviceManager, type DeviceSettingsInput, type PrintResult } from '../../devices';
import type { SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import type { StaffInfo } from '../staff/staff-service';
import type { IssueResult, ReceiptService } from '../receipts/receipt-service';

/** Device names as a cashier reads them, for error messages. */
const DEVICE_NAMES: Record<DeviceKind, { en: string; zh: string }> = {
  printer: { en: 'receipt printer', zh: '小票打印机' },
  scanner: { en: 'scanner', zh: '扫码枪' },
  cardReader: { en: 'card reader', zh: '读卡器' },
  pump: { en: 'pump controller', zh: '油机控制器' },
};

/**
 * A device refusal as the API speaks it. Device messages name the device in the message's own
 * language (never "小票打印机 / receipt printer离线"); the English reason from the adapter goes
 * to the log, not the cashier.
 */
export function deviceError(e: unknown, device: DeviceKind): unknown {
  if (!(e instanceof DeviceError)) return e;
  const name = { en: DEVICE_NAMES[device].en, 'zh-CN': DEVICE_NAMES[device].zh };
  switch (e.code) {
    case 'DEVICE_OFFLINE':
    case 'DEVICE_DISABLED':
    case 'DEVICE_TIMEOUT':
      return new PosError(e.code, { device: name });
    case 'DEVICE_REFUSED':
      return new PosError('DEVICE_REFUSED', { device: name, reason: e.message });
    case 'NOT_FOUND':
      return new PosError('NOT_FOUND', { what: name });
    case 'INVALID_INPUT':
      return new PosError('INVALID_INPUT', {}, [{ path: device, message: { en: e.message, 'zh-CN': e.message } }]);
  }
}

/** Demo-only hooks: a card tap and a scan without hardware (the emulators behind the real adapters). */
export interface DemoDeviceHooks {
  tapCard(uid: string): void;
  scan(code: string): Promise<void>;
}

/** The device manager screen's use cases: settings, discovery, test buttons, reprints. */
export class DeviceService {
  constructor(
    readonly manager: DeviceManager,
    private readonly settings: SettingsStore,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
    private readonly demo: DemoDeviceHooks | null,
    /** Where receipts are stored and the print queue lives (in the database, not in the printer's memory). */
    private readonly receipts: ReceiptService,
  ) {}

  overview() {
    return {
      devices: this.manager.status(),
      failedJobs: this.receipts.failedJobs().map((j) => ({
        id: j.jobId,
        transactionId: j.transactionId,
        number: j.number,
        createdAt: j.createdAt,
        attempts: j.attempts,
      })),
    };
  }

  async configure(by: StaffInfo, input: DeviceSettingsInput) {
    const applied = await this.manager.reconfigure(input).catch((e: unknown) => {
      throw deviceError(e, 'printer');
    });
    this.settings.update((s) => {
      s.devices = applied as unknown as Record<string, unknown>;
    });
    await this.audit.record('devices.configure', 'ok', by.id, {});
    return applied;
  }

  async discover() {
    const [hid, serial] = await Promise.all([this.manager.listHidDevices(), this.manager.listSerialPorts()]);
    return { hid, serial };
  }

  async testPrint(by: StaffInfo): Promise<PrintResult> {
    const { store, terminal } = this.settings.get();
    const receipt: Partial<Receipt> = {
      storeName: store.name,
      terminal: terminal.name,
      cashier: by.name,
      time: this.now().toISOString(),
      timeZone: store.timeZone,
      currency: store.currency,
      footer: '打印测试 Test print',
    };
    // Through the receipts service, so a test page that failed waits in the same queue as any receipt.
    return this.unwrap(await this.receipts.issue({ ...testReceipt(receipt), kind: 'test' }, by));
  }

  /** Stores a workflow's receipt and prints it; a failure is kept in the database for reprint. */
  async print(receipt: Receipt): Promise<IssueResult> {
    return this.receipts.issue(receipt);
  }

  async reprint(jobId: string, by: StaffInfo | null = null): Promise<PrintResult> {
    return this.receipts.retry(jobId, by);
  }

  /** A failed print is kept for reprint; the caller is told why in its language. */
  private unwrap(result: PrintResult): PrintResult {
    if (result.state === 'failed' && (result.code === 'DEVICE_OFFLINE' || result.code === 'DEVICE_DISABLED' || result.code === 'DEVICE_TIMEOUT')) {
      throw deviceError(new DeviceError(result.code, result.message), 'printer');
    }
    return result;
  }

  wedge(kind: 'card' | 'scan', text: string): void {
    this.manager.wedgeInput(kind, text);
  }

  demoHooks(): DemoDeviceHooks {
    if (!this.demo) throw new PosError('DEMO_ONLY');
    return this.demo;
  }
}
