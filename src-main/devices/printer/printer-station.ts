// The counter's receipt printer as a running device: watches whether it answers,
// prints one job at a time, and keeps failed jobs so the cashier can reprint them
// once the paper is changed or the cable is back.
import { randomUUID } from 'node:crypto';
import { DeviceError, StatusHolder, TypedEmitter, errorReason, nextBackoff, type DeviceLogger, type DeviceStatus, type DeviceTiming } from '../common';
import type { Receipt } from '../../domain/receipt';
import type { PrinterSettings } from '../settings';
import { EscPosPrinter } from './escpos-printer';
import type { PrintJob, PrintResult, ReceiptPrinter, ReceiptRasterizer } from './printer';

export interface PrinterStationEvents {
  status: DeviceStatus;
  /** Every job after each attempt (printed or failed), for the "failed receipts" list. */
  job: PrintJob;
}

/** Failed jobs are kept in memory; beyond this the oldest go (the ledger still has the sale). */
const MAX_FAILED_JOBS = 50;

export function testReceipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    storeName: '测试打印 Test print',
    terminal: 'POS',
    cashier: '—',
    time: new Date().toISOString(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: 'zh-CN',
    currency: 'CNY',
    items: [{ name: '中文 English 12345', quantity: 1, amount: 0 }],
    tenders: [],
    balances: [],
    transactionId: 'TEST-PRINT',
    footer: '打印机工作正常 Printer OK',
    ...overrides,
  };
}

export class PrinterStation {
  private readonly events = new TypedEmitter<PrinterStationEvents>();
  private readonly holder: StatusHolder;
  private readonly printer: ReceiptPrinter;
  private readonly jobs = new Map<string, PrintJob>();
  private queue: Promise<unknown> = Promise.resolve();
  private probeTimer: NodeJS.Timeout | undefined;
  private backoffMs: number | undefined;
  private running = false;

  constructor(
    private readonly settings: PrinterSettings,
    private readonly logger: DeviceLogger,
    private readonly timing: DeviceTiming,
    options: { rasterize?: ReceiptRasterizer; printer?: ReceiptPrinter } = {},
  ) {
    this.holder = new StatusHolder('printer', (s) => this.events.emit('status', s));
    this.printer = options.printer ?? new EscPosPrinter({ settings, rasterize: options.rasterize, timeoutMs: timing.requestTimeoutMs });
  }

  on<K extends keyof PrinterStationEvents & string>(event: K, cb: (payload: PrinterStationEvents[K]) => void): () => void {
    return this.events.on(event, cb);
  }

  start(): void {
    if (!this.settings.enabled || this.running) return;
    this.running = true;
    this.holder.set('connecting');
    void this.probe();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.probeTimer);
    this.holder.set('disabled');
  }

  status(): DeviceStatus {
    return this.holder.get();
  }

  /** Failed jobs, oldest first, for the reprint list. */
  failedJobs(): PrintJob[] {
    return [...this.jobs.values()].filter((j) => j.state === 'failed').map((j) => ({ ...j }));
  }

  /** Prints one receipt; `jobId` is the caller's id for the job (the receipts service keeps its queue in the database). */
  print(receipt: Receipt, jobId: string = randomUUID()): Promise<PrintResult> {
    const job: PrintJob = { id: jobId, receipt, createdAt: new Date().toISOString(), attempts: 0, state: 'failed' };
    return this.run(job);
  }

  testPrint(overrides?: Partial<Receipt>): Promise<PrintResult> {
    return this.print(testReceipt(overrides));
  }

  reprint(jobId: string): Promise<PrintResult> {
    const job = this.jobs.get(jobId);
    if (!job) return Promise.reject(new DeviceError('NOT_FOUND', `no failed print job ${jobId}`));
    return this.run(job);
  }

  openDrawer(): Promise<void> {
    if (!this.settings.enabled) return Promise.reject(new DeviceError('DEVICE_DISABLED', 'no receipt printer configured'));
    return this.serialize(() => this.printer.openDrawer());
  }

  /** One job at a time, in order, so two receipts never interleave on paper. */
  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private run(job: PrintJob): Promise<PrintResult> {
    return this.serialize(async (): Promise<PrintResult> => {
      job.attempts += 1;
      try {
        if (!this.settings.enabled) throw new DeviceError('DEVICE_DISABLED', 'no receipt printer configured');
        await this.printer.print(job.receipt);
        job.state = 'printed';
        delete job.error;
        this.jobs.delete(job.id);
        this.markOnline();
        this.logger.info({ device: 'printer', jobId: job.id, attempts: job.attempts }, 'receipt printed');
        this.events.emit('job', { ...job });
        return { jobId: job.id, state: 'printed' };
      } catch (err) {
        const code = err instanceof DeviceError ? err.code : 'DEVICE_OFFLINE';
        job.state = 'failed';
        job.error = errorReason(err);
        this.keep(job);
        this.logger.warn({ device: 'printer', jobId: job.id, err: job.error }, 'receipt not printed; kept for reprint');
        if (code === 'DEVICE_OFFLINE') this.markOffline(job.error);
        this.events.emit('job', { ...job });
        return { jobId: job.id, state: 'failed', code, message: job.error };
      }
    });
  }

  private keep(job: PrintJob): void {
    this.jobs.set(job.id, job);
    while (this.jobs.size > MAX_FAILED_JOBS) this.jobs.delete(this.jobs.keys().next().value as string);
  }

  private markOnline(): void {
    this.backoffMs = undefined;
    if (this.running) this.holder.set('online');
  }

  private markOffline(reason: string): void {
    if (!this.running) return;
    this.holder.set('offline', reason);
    // Probe sooner than the regular poll so a returning printer is noticed quickly.
    this.scheduleProbe(true);
  }

  private async probe(): Promise<void> {
    if (!this.running) return;
    // Probes queue behind print jobs: a printer busy printing should not look offline.
    const ok = await this.serialize(() => this.printer.probe());
    if (!this.running) return;
    if (ok) this.markOnline();
    else this.holder.set('offline', `printer ${this.settings.address} does not answer`);
    this.scheduleProbe(!ok);
  }

  private scheduleProbe(offline: boolean): void {
    clearTimeout(this.probeTimer);
    if (!this.running) return;
    if (offline) this.backoffMs = nextBackoff(this.backoffMs, this.timing);
    const delay = offline ? this.backoffMs! : this.timing.probeMs;
    this.probeTimer = setTimeout(() => void this.probe(), delay);
  }
}
