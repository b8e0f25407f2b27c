// Receipts as data: every receipt a workflow issues is stored (with a short number per
// terminal per day) before it is printed, and every print is a job row. So a receipt that did
// not print survives restarts and new printer settings, the cashier finds today's receipts by
// number, amount, phone tail, locker or pump, and a reprint is marked and audited.
import { v7 as uuidv7 } from 'uuid';
import { PosError } from '../../domain/errors';
import {
  formatReceiptNumber,
  receiptDay,
  receiptPreview,
  receiptProblems,
  receiptTotals,
  terminalCode,
  type Receipt,
  type ReceiptLocale,
  type TextMode,
} from '../../domain/receipt';
import { DeviceError, textModeFor, type DeviceManager, type PrintResult } from '../../devices';
import type { Sqlite } from '../../ledger';
import type { Logger } from '../../ops/logging';
import type { ReceiptSettings, SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import { deviceError } from '../devices/device-service';
import type { StaffInfo } from '../staff/staff-service';
import { receiptStatements, type JobRow, type ReceiptRow, type ReceiptStatements } from './statements';

export interface ReceiptDeps {
  sqlite: Sqlite;
  settings: SettingsStore;
  devices: DeviceManager;
  audit: AuditTrail;
  now: () => Date;
  log: Logger;
  /** The header and footer head office manages (reference data), when it does: read-only here. */
  centralHeader?: () => ReceiptSettings | undefined;
}

export type PrintState = 'printed' | 'failed' | 'dismissed' | 'none';

export interface ReceiptSummary {
  id: string;
  number: string;
  kind: string;
  transactionId: string;
  total: number;
  createdAt: string;
  phone: string | null;
  lockers: number[];
  pump: number | null;
  /** The latest print of it: printed, waiting for reprint, or dismissed by a manager. */
  printState: PrintState;
  /** Copies printed after the first. */
  reprints: number;
}

export interface FailedJob {
  jobId: string;
  receiptId: string;
  number: string;
  kind: string;
  transactionId: string;
  total: number;
  createdAt: string;
  attempts: number;
}

export type IssueResult = PrintResult & { receiptId: string; number: string };

export class ReceiptService {
  private readonly st: ReceiptStatements;

  constructor(private readonly d: ReceiptDeps) {
    this.st = receiptStatements(d.sqlite);
    // A job still 'printing' was cut off by a crash: it waits for reprint like any failure.
    this.st.recoverPrinting.run(d.now().toISOString());
  }

  /**
   * Stores a workflow's receipt and prints it. Never throws for a printer problem: the result
   * says 'failed' and the job waits in the queue. Issuing the same transaction's receipt of
   * the same kind again (a "print the pass again" button) prints the stored one again.
   */
  async issue(receipt: Receipt, by: StaffInfo | null = null): Promise<IssueResult> {
    const problems = receiptProblems(receipt);
    if (problems.length > 0) this.d.log.error({ transactionId: receipt.transactionId, problems }, 'receipt money does not add up');
    // Test pages are new paper every time; a workflow receipt is one receipt however often it prints.
    const existing = receipt.kind && receipt.kind !== 'test' ? this.st.byTransaction.get(receipt.transactionId, receipt.kind) : undefined;
    const row = existing ?? this.store(receipt);
    const result = await this.printStored(row, by, undefined);
    return { ...result, receiptId: row.id, number: row.number };
  }

  /** Today's receipts of this terminal, newest first; `query` matches number, amount, phone tail, locker or pump. */
  list(query = ''): ReceiptSummary[] {
    const { store, terminal } = this.d.settings.get();
    const rows = this.st.ofDay.all(terminal.id, receiptDay(this.d.now(), store.timeZone));
    const match = matcher(query.trim());
    return rows.filter((r) => r.kind !== 'test' && match(r)).map((r) => this.summary(r));
  }

  /** One receipt: its data, its paper as printed (same width and Chinese mode), and its print history. */
  get(id: string) {
    const row = this.row(id);
    const receipt = JSON.parse(row.body) as Receipt;
    return {
      receipt: this.summary(row),
      preview: receiptPreview(receipt, row.paper_mm, row.text_mode as TextMode),
      locale: receipt.locale,
      paperMm: row.paper_mm,
      prints: this.st.jobsOf.all(row.id).map((j) => ({ jobId: j.id, state: j.state, reprint: j.reprint === 1, attempts: j.attempts, at: j.updated_at })),
    };
  }

  /**
   * Prints a stored receipt again for the cashier (marked 重印 / REPRINT once it has printed
   * before), audited; `locale` prints its labels in another language (a foreign customer's copy).
   */
  async reprint(id: string, by: StaffInfo, locale?: ReceiptLocale): Promise<IssueResult> {
    const row = this.row(id);
    const result = await this.printStored(row, by, undefined, locale);
    await this.d.audit.record('receipts.reprint', 'ok', by.id, { receiptId: row.id, number: row.number, state: result.state, ...(locale ? { locale } : {}) });
    return this.unwrap({ ...result, receiptId: row.id, number: row.number });
  }

  /** Receipts waiting to print (any day), oldest first. */
  failedJobs(): FailedJob[] {
    return this.st.failed.all().map((j) => ({
      jobId: j.id,
      receiptId: j.receipt_id,
      number: j.number,
      kind: j.kind,
      transactionId: j.transaction_id,
      total: j.total,
      createdAt: j.created_at,
      attempts: j.attempts,
    }));
  }

  /** Tries a waiting job again (the Devices screen's "Reprint"). */
  async retry(jobId: string, by: StaffInfo | null): Promise<IssueResult> {
    const job = this.st.job.get(jobId);
    if (!job) throw new PosError('RECEIPT_NOT_FOUND', { ref: jobId.slice(0, 13) });
    if (job.state !== 'failed') throw new PosError('PRINT_JOB_CLOSED');
    const row = this.row(job.receipt_id);
    const result = await this.printStored(row, by, job);
    await this.d.audit.record('receipts.retry', 'ok', by?.id ?? null, { receiptId: row.id, number: row.number, state: result.state });
    return this.unwrap({ ...result, receiptId: row.id, number: row.number });
  }

  /** A manager takes a receipt off the waiting list without printing it (audited). */
  async dismiss(jobId: string, by: StaffInfo): Promise<{ ok: true }> {
    const job = this.st.job.get(jobId);
    if (!job) throw new PosError('RECEIPT_NOT_FOUND', { ref: jobId.slice(0, 13) });
    if (this.st.dismiss.run(by.id, this.d.now().toISOString(), jobId).changes === 0) throw new PosError('PRINT_JOB_CLOSED');
    const row = this.row(job.receipt_id);
    await this.d.audit.record('receipts.dismiss', 'ok', by.id, { receiptId: row.id, number: row.number });
    return { ok: true };
  }

  /** Manager-only: opens the cash drawer with no sale, for a stated reason (audited, also when the printer fails). */
  async openDrawer(by: StaffInfo, reason: string): Promise<{ ok: true }> {
    try {
      await this.d.devices.printer.openDrawer();
    } catch (e) {
      await this.d.audit.record('drawer.open', 'refused', by.id, { reason, error: e instanceof Error ? e.message : String(e) });
      throw deviceError(e, 'printer');
    }
    await this.d.audit.record('drawer.open', 'ok', by.id, { reason });
    return { ok: true };
  }

  /** Kicks the drawer for cash going back to a customer when no slip is printed for it. */
  async kickDrawer(reason: string): Promise<void> {
    await this.d.devices.printer.openDrawer().catch((e: unknown) => this.d.log.warn({ err: e, reason }, 'cash drawer did not open'));
  }

  receiptSettings(): ReceiptSettings {
    return this.d.centralHeader?.() ?? this.d.settings.get().store.receipt;
  }

  async configure(by: StaffInfo, input: ReceiptSettings): Promise<ReceiptSettings> {
    if (this.d.centralHeader?.()) throw new PosError('REFERENCE_READ_ONLY', { what: { en: 'The receipt header and footer', 'zh-CN': '小票抬头和页脚' } });
    const saved = this.d.settings.update((s) => {
      s.store.receipt = input;
    }).store.receipt;
    await this.d.audit.record('receipts.configure', 'ok', by.id, {});
    return saved;
  }

  private row(id: string): ReceiptRow {
    const row = this.st.receipt.get(id);
    if (!row) throw new PosError('RECEIPT_NOT_FOUND', { ref: id.slice(0, 13) });
    return row;
  }

  /** Numbers and stores a receipt with the store's header and footer as they are now. */
  private store(receipt: Receipt): ReceiptRow {
    const { store, terminal } = this.d.settings.get();
    const at = this.d.now();
    const day = receiptDay(at, store.timeZone);
    const h = this.receiptSettings();
    const paper = this.d.devices.printer.paper();
    return this.d.sqlite.transaction((): ReceiptRow => {
      const seq = this.st.nextSeq.get(terminal.id, day)!.seq;
      const number = formatReceiptNumber(terminalCode(terminal.name), day, seq);
      const body: Receipt = {
        ...receipt,
        number,
        header: { ...(h.address && { address: h.address }), ...(h.phone && { phone: h.phone }), ...(h.taxNumber && { taxNumber: h.taxNumber }), ...(h.invoiceNote && { invoiceNote: h.invoiceNote }) },
        ...(receipt.footer === undefined && h.footer ? { footer: h.footer } : {}),
      };
      delete body.reprint;
      const row: ReceiptRow = {
        id: uuidv7(),
        number,
        terminal_id: terminal.id,
        day,
        seq,
        kind: receipt.kind ?? 'other',
        transaction_id: receipt.transactionId,
        total: receiptTotals(receipt).total,
        phone: receipt.lookup?.phone ?? null,
        lockers: receipt.lookup?.lockers?.length ? `,${receipt.lookup.lockers.join(',')},` : null,
        pump: receipt.lookup?.pump ?? null,
        paper_mm: paper.paperMm,
        text_mode: textModeFor(paper),
        created_at: at.toISOString(),
        body: JSON.stringify(body),
      };
      this.st.insertReceipt.run(row);
      return row;
    })();
  }

  /**
   * Prints a stored receipt on the printer as configured now. A receipt that already printed
   * once comes out marked REPRINT and never opens the drawer; its first print is the original.
   */
  private async printStored(row: ReceiptRow, by: StaffInfo | null, waiting: JobRow | undefined, locale?: ReceiptLocale): Promise<PrintResult> {
    const now = () => this.d.now().toISOString();
    const copy = this.st.printedCount.get(row.id)!.n > 0;
    const stored = { ...(JSON.parse(row.body) as Receipt), ...(locale ? { locale } : {}) };
    const receipt: Receipt = copy ? { ...stored, reprint: true, openDrawer: false } : stored;
    let jobId: string;
    if (waiting) {
      jobId = waiting.id;
      this.st.startJob.run(now(), jobId);
    } else {
      jobId = uuidv7();
      this.d.sqlite.transaction(() => {
        this.st.insertJob.run({ id: jobId, receipt_id: row.id, reprint: copy ? 1 : 0, state: 'printing', attempts: 0, created_at: now(), updated_at: now(), staff_id: by?.id ?? null });
        // One waiting entry per receipt: a newer attempt replaces older failed ones.
        this.st.supersede.run(now(), row.id, jobId);
      })();
    }
    const paper = this.d.devices.printer.paper();
    const result = await this.d.devices.printer.print(receipt, jobId);
    this.d.sqlite.transaction(() => {
      this.st.finishJob.run({ id: jobId, state: result.state, error: result.state === 'failed' ? result.message : null, at: now() });
      if (result.state === 'printed') {
        this.st.supersede.run(now(), row.id, jobId);
        // The original's preview shows the paper it came out on (58 mm after a change of printer, say).
        if (!copy) this.st.setPaper.run(paper.paperMm, textModeFor(paper), row.id);
      }
    })();
    return { ...result, jobId };
  }

  private summary(r: ReceiptRow): ReceiptSummary {
    const jobs = this.st.jobsOf.all(r.id);
    const printed = jobs.filter((j) => j.state === 'printed').length;
    const last = [...jobs].reverse().find((j) => j.state !== 'superseded' && j.state !== 'printing');
    const printState: PrintState = printed > 0 ? 'printed' : last?.state === 'failed' ? 'failed' : last?.state === 'dismissed' ? 'dismissed' : 'none';
    return {
      id: r.id,
      number: r.number,
      kind: r.kind,
      transactionId: r.transaction_id,
      total: r.total,
      createdAt: r.created_at,
      phone: r.phone,
      lockers: r.lockers ? r.lockers.split(',').filter(Boolean).map(Number) : [],
      pump: r.pump,
      printState,
      reprints: Math.max(0, printed - 1),
    };
  }

  /** A reprint the printer refused is still queued; the cashier hears why in their language. */
  private unwrap(result: IssueResult): IssueResult {
    if (result.state === 'failed' && (result.code === 'DEVICE_OFFLINE' || result.code === 'DEVICE_DISABLED' || result.code === 'DEVICE_TIMEOUT')) {
      throw deviceError(new DeviceError(result.code, result.message), 'printer');
    }
    return result;
  }
}

/**
 * What a cashier types to find a receipt: part of its number ("0042"), an amount ("200" or
 * "188.30"), the last digits of the customer's phone, a locker number or a pump number.
 */
export function matcher(query: string): (r: ReceiptRow) => boolean {
  if (!query) return () => true;
  const q = query.toUpperCase();
  const money = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(query);
  const amount = money ? Number(money[1]) * 100 + Number((money[2] ?? '').padEnd(2, '0')) : undefined;
  const digits = /^\d+$/.test(query) ? query : undefined;
  const whole = digits !== undefined ? Number(digits) : undefined;
  return (r) =>
    r.number.toUpperCase().includes(q) ||
    (amount !== undefined && r.total === amount) ||
    (digits !== undefined && digits.length >= 3 && (r.phone ?? '').endsWith(digits)) ||
    (whole !== undefined && (r.lockers ?? '').includes(`,${whole},`)) ||
    (whole !== undefined && r.pump === whole);
}
