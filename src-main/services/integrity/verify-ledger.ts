import { isLedgerError, verifyJournal, type ImportRow, type Ledger, type Sqlite } from '../../ledger';
import { firstDifference } from '../../ledger/integrity/compare';
import { derivedTables } from '../../ledger/integrity/derived-tables';
import { checkJournalAgainstAck } from '../sync/acked-head';

/** What a check found wrong: which check, and where (table, key, column) when it can say. */
export interface LedgerFinding {
  check: 'journal' | 'ack' | 'replay' | 'derived' | 'digest' | 'tail';
  table: string | null;
  key: string | null;
  column: string | null;
  detail: string;
}

export type LedgerReport =
  | { ok: true; entries: number; tables: number; ack: 'not-enrolled' | 'ok'; ackedSeq: number | null }
  | { ok: false; entries: number; finding: LedgerFinding };

/** An empty database with every workflow's projector registered, to replay a journal into. */
export interface EmptyLedger {
  sqlite: Sqlite;
  ledger: Ledger;
  close(): Promise<void>;
}

/**
 * The full verification (`journal verify`, and the manager's "verify now"):
 * 1. the hash chain of every terminal's journal (verifyJournal);
 * 2. the local journal against the last head the central server signed (a journal truncated or
 *    rewritten below the acked head), when the terminal is enrolled;
 * 3. the journal replayed into an empty database (`importJournal`: every balance, hold, transfer,
 *    posting, idempotency record, and every workflow table through its projector);
 * 4. every derived table of the live database compared with that rebuild, row by row in key
 *    order: the first row that differs is reported with its table, key and column.
 * Reads `source` only. Slow on purpose (it rebuilds everything); the start-up check is the cheap one.
 */
export async function verifyLedger(source: Sqlite, terminalId: string | null, openEmpty: () => Promise<EmptyLedger>): Promise<LedgerReport> {
  const chain = verifyJournal(source);
  if (!chain.ok) {
    return {
      ok: false,
      entries: chain.count,
      finding: { check: 'journal', table: 'ledger_journal', key: `terminal_id=${chain.terminalId}, seq=${chain.seq}`, column: null, detail: `terminal ${chain.terminalId} seq ${chain.seq}: ${chain.reason} (${chain.detail}); ${chain.count} entries verified before it` },
    };
  }
  const ack = terminalId ? checkJournalAgainstAck(source, terminalId) : ({ state: 'not-enrolled' } as const);
  if (ack.state !== 'ok' && ack.state !== 'not-enrolled') {
    const table = ack.state === 'bad-signature' ? 'sync_state' : 'ledger_journal';
    return { ok: false, entries: chain.count, finding: { check: 'ack', table, key: `terminal_id=${terminalId}, seq=${ack.ackedSeq}`, column: null, detail: `${ack.state}: ${ack.detail}` } };
  }
  const rebuilt = await openEmpty();
  try {
    const rows = source.prepare(`SELECT id, terminal_id, seq, body, prev_hash, hash FROM ledger_journal ORDER BY terminal_id, seq`).iterate() as IterableIterator<ImportRow>;
    try {
      rebuilt.ledger.importJournal(rows);
    } catch (e) {
      if (!isLedgerError(e)) throw e;
      return { ok: false, entries: chain.count, finding: { check: 'replay', table: 'ledger_journal', key: null, column: null, detail: `the journal cannot be replayed: ${e.message}` } };
    }
    const diff = firstDifference(rebuilt.sqlite, source);
    if (diff) return { ok: false, entries: chain.count, finding: { check: 'derived', table: diff.table, key: diff.key, column: diff.column, detail: diff.detail } };
    return { ok: true, entries: chain.count, tables: derivedTables(source).length, ack: ack.state, ackedSeq: ack.state === 'ok' ? ack.ackedSeq : null };
  } finally {
    await rebuilt.close();
  }
}

/** One line for the CLI and logs. */
export function describeReport(r: LedgerReport): string {
  if (r.ok) return `OK ${r.entries} entries; ${r.tables} derived tables match the journal${r.ack === 'ok' ? `; matches the server's ack at seq ${r.ackedSeq}` : ''}`;
  const where = [r.finding.table && `table ${r.finding.table}`, r.finding.key && `key ${r.finding.key}`, r.finding.column && `column ${r.finding.column}`].filter(Boolean).join(', ');
  return `FAILED ${where}: ${r.finding.detail}`;
}
