import { PosError } from '../../domain/errors';
import { verifyJournalTail, type Sqlite } from '../../ledger';
import { checkDigestCheap, installDigest } from '../../ledger/integrity/digest';
import { checkDigestRowsOffThread } from '../../ledger/integrity/recompute';
import type { Logger } from '../../ops/logging';
import type { AuditTrail } from '../audit/audit-trail';
import type { EventBus } from '../events';
import { checkJournalAgainstAck } from '../sync/acked-head';
import { describeReport, verifyLedger, type EmptyLedger, type LedgerFinding, type LedgerReport } from './verify-ledger';

/** How many of the newest journal entries the start-up check re-hashes. */
export const TAIL_ENTRIES = 1000;

export interface IntegrityStatus {
  /** 'read-only': a check failed, every money-changing command is refused until a full verify passes. */
  state: 'ok' | 'read-only';
  finding: LedgerFinding | null;
  /** When the last check ran, how long it took, and which one it was. */
  checkedAt: string;
  checkMs: number;
  check: 'startup' | 'full';
}

export interface IntegrityDeps {
  sqlite: Sqlite;
  terminalId: string;
  audit: AuditTrail;
  events: EventBus;
  log: Logger;
  now: () => Date;
  openEmpty: () => Promise<EmptyLedger>;
}

/**
 * Guards the ledger against tampering outside the app. At start (`startupCheck`, cheap): the
 * journal's newest entries and entry count, the local journal against the server's signed ack,
 * and the digest of every derived table. If any fails, the terminal stays up READ-ONLY: the
 * command path asks `assertWritable()` before every commit, so no money moves on a ledger that
 * does not match its journal; viewing and signing in still work; managers see the alarm. A full
 * `verify()` (manager only) rebuilds every table from the journal and names the first row that
 * differs; when it passes, the checksums are re-taken and the terminal takes money again.
 */
export class LedgerIntegrity {
  private current: IntegrityStatus;
  private background: Promise<void> = Promise.resolve();

  constructor(private readonly d: IntegrityDeps) {
    this.current = { state: 'ok', finding: null, checkedAt: d.now().toISOString(), checkMs: 0, check: 'startup' };
  }

  status(): IntegrityStatus {
    return this.current;
  }

  get readOnly(): boolean {
    return this.current.state === 'read-only';
  }

  /** Called by the command path before every commit. */
  assertWritable(): void {
    const f = this.current.finding;
    if (this.current.state === 'read-only' && f) throw new PosError('LEDGER_TAMPERED', { where: where(f) });
  }

  /**
   * The cheap check at start. `schemaChanged`: migrations ran in this start (a new database, an
   * upgrade), so the digest triggers are (re)made for the new schema and take the rows as they are.
   */
  startupCheck(schemaChanged: boolean): IntegrityStatus {
    const started = performance.now();
    if (schemaChanged) installDigest(this.d.sqlite, this.d.now().toISOString());
    const finding = this.cheapFinding(schemaChanged);
    this.settle(finding, 'startup', performance.now() - started);
    if (finding) {
      this.fail(finding);
    } else {
      this.d.log.info({ ms: Math.round(this.current.checkMs) }, 'ledger check at start passed');
      // The scan of every table against the running digest runs in a worker thread: the terminal
      // does not wait for it; if it finds a difference the terminal turns read-only then.
      if (!schemaChanged) this.background = this.scan(started);
    }
    return this.current;
  }

  /** Waits for the background work (the table scan, the search of the first differing row). */
  async settled(): Promise<void> {
    for (let b = this.background; ; b = this.background) {
      await b;
      if (b === this.background) return;
    }
  }

  /** The full verify a manager runs from the screen: audited; a pass re-takes the checksums and ends read-only. */
  async verify(by: { id: string }): Promise<{ report: LedgerReport; summary: string; status: IntegrityStatus }> {
    await this.settled();
    const started = performance.now();
    const report = await verifyLedger(this.d.sqlite, this.d.terminalId, this.d.openEmpty);
    if (report.ok) installDigest(this.d.sqlite, this.d.now().toISOString());
    this.settle(report.ok ? null : report.finding, 'full', performance.now() - started);
    const summary = describeReport(report);
    await this.d.audit.record('system.verifyLedger', report.ok ? 'ok' : 'refused', by.id, { summary, entries: report.entries });
    return { report, summary, status: this.current };
  }

  private cheapFinding(schemaChanged: boolean): LedgerFinding | null {
    const { sqlite: db, terminalId } = this.d;
    const tail = verifyJournalTail(db, terminalId, TAIL_ENTRIES);
    if (!tail.ok) {
      return { check: 'tail', table: 'ledger_journal', key: `terminal_id=${tail.terminalId}, seq=${tail.seq}`, column: null, detail: `journal entry ${tail.seq} ${tail.reason}: ${tail.detail}` };
    }
    const ack = checkJournalAgainstAck(db, terminalId);
    if (ack.state === 'truncated' || ack.state === 'rewritten' || ack.state === 'bad-signature') {
      return { check: 'ack', table: ack.state === 'bad-signature' ? 'sync_state' : 'ledger_journal', key: `terminal_id=${terminalId}, seq=${ack.ackedSeq}`, column: null, detail: `${ack.state}: ${ack.detail}` };
    }
    if (schemaChanged) return null;
    const digest = checkDigestCheap(db);
    return digest ? { check: 'digest', table: digest.table, key: null, column: null, detail: digest.detail } : null;
  }

  private fail(finding: LedgerFinding): void {
    this.d.log.error({ finding }, 'ledger check failed: read-only');
    void this.d.audit.record('ledger.check', 'refused', null, { ...finding, at: 'startup' }).catch(() => undefined);
    // Name the row too (the digest knows the table only): the full rebuild runs in the background.
    if (!finding.key) this.background = this.locate();
  }

  private async scan(started: number): Promise<void> {
    try {
      const found = await checkDigestRowsOffThread(this.d.sqlite);
      if (!found || this.current.state !== 'ok' || this.current.check !== 'startup') return;
      const finding: LedgerFinding = { check: 'digest', table: found.table, key: null, column: null, detail: found.detail };
      this.settle(finding, 'startup', performance.now() - started);
      this.fail(finding);
    } catch (err) {
      this.d.log.error({ err }, 'ledger check: the table scan failed');
    }
  }

  private async locate(): Promise<void> {
    try {
      const report = await verifyLedger(this.d.sqlite, this.d.terminalId, this.d.openEmpty);
      if (report.ok || !this.current.finding || this.current.finding.key) return;
      // Keep what the start-up check found; add the row the rebuild names.
      this.settle({ ...this.current.finding, table: report.finding.table, key: report.finding.key, column: report.finding.column, detail: `${this.current.finding.detail}; ${report.finding.detail}` }, 'startup', this.current.checkMs);
    } catch (err) {
      this.d.log.error({ err }, 'ledger check: the full verify in the background failed');
    }
  }

  private settle(finding: LedgerFinding | null, check: IntegrityStatus['check'], ms: number): void {
    this.current = { state: finding ? 'read-only' : 'ok', finding, checkedAt: this.d.now().toISOString(), checkMs: ms, check };
    this.d.events.emit('system.integrity', this.current);
  }
}

/** "locker_charge id=…" — the table and key a cashier reads out to the manager. */
export function where(f: LedgerFinding): string {
  return [f.table, f.key].filter(Boolean).join(' ') || f.check;
}
