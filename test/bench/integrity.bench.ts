import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { chainHash, GENESIS_HASH } from '../../src-main/domain/ledger';
import { openDatabase } from '../../src-main/ledger/database';
import { checkDigest, checkDigestCheap, digestTables, installDigest } from '../../src-main/ledger/integrity/digest';
import { checkDigestRowsOffThread } from '../../src-main/ledger/integrity/recompute';
import { Ledger, verifyJournalTail, type Sqlite } from '../../src-main/ledger';
import { TAIL_ENTRIES } from '../../src-main/services/integrity/integrity-service';
import { checkJournalAgainstAck } from '../../src-main/services/sync/acked-head';
import type { Benchmark, BenchLine } from './run';

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const TERMINAL = 'bench';

/**
 * A year of a busy counter, written straight into the tables (generating it through the services
 * would take an hour): BENCH_YEAR_CHARGES charges (default 200,000, ~550 a day), each a journal
 * entry, an idempotency record, a hold, a capture transfer with two postings and a locker charge,
 * on 20,000 wristband accounts, plus staff. The rows are synthetic (the start-up check's cost is
 * rows scanned and entries re-hashed, not what they say); the journal is a real chain.
 */
async function yearOfData(): Promise<{ db: Sqlite; dir: string; close(): Promise<void>; rows: Record<string, number> }> {
  const N = Number(process.env.BENCH_YEAR_CHARGES ?? 200_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrity-bench-'));
  const opened = await openDatabase(dir);
  const db = opened.sqlite;
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = OFF');
  const at = '2026-06-01T08:00:00.000Z';
  db.transaction(() => {
    const acct = db.prepare(`INSERT INTO ledger_account (id, code, name, kind, unit, normal, debits_posted, debits_pending, created_at) VALUES (?, ?, ?, 'medium', 'CNY', 'debit', ?, ?, ?)`);
    const accounts = Array.from({ length: 20_000 }, (_, i) => {
      const id = uuidv7();
      acct.run(id, `band:${i}`, `band ${i}`, i * 7, i % 5, at);
      return id;
    });
    const revenue = uuidv7();
    acct.run(revenue, 'revenue', 'revenue', 0, 0, at);
    const staff = db.prepare(`INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES (?, ?, ?, 'scrypt$x', 1, ?)`);
    for (let i = 0; i < 12; i++) staff.run(uuidv7(), `staff ${i}`, i < 2 ? 'manager' : 'cashier', at);
    const hold = db.prepare(`INSERT INTO ledger_hold (id, debit_account_id, credit_account_id, amount, unit, status, captured_amount, created_at, resolved_at) VALUES (?, ?, ?, ?, 'CNY', 'captured', ?, ?, ?)`);
    const transfer = db.prepare(`INSERT INTO ledger_transfer (id, kind, hold_id, entry_id, committed_at) VALUES (?, 'capture', ?, ?, ?)`);
    const posting = db.prepare(`INSERT INTO ledger_posting (transfer_id, leg, account_id, side, amount, committed_at) VALUES (?, ?, ?, ?, ?, ?)`);
    const command = db.prepare(`INSERT INTO ledger_command (command_id, fingerprint, result, entry_id) VALUES (?, ?, ?, ?)`);
    const charge = db.prepare(`INSERT INTO locker_charge (id, party_id, wristband_id, hold_id, outlet, description, amount, status, created_at, created_by) VALUES (?, ?, ?, ?, 'massage', '足疗 60 分钟', ?, 'settled', ?, ?)`);
    const journal = db.prepare(`INSERT INTO ledger_journal (id, store_id, terminal_id, seq, committed_at, command_id, body, prev_hash, hash) VALUES (?, 'store', ?, ?, ?, ?, ?, ?, ?)`);
    let prev: Buffer = GENESIS_HASH;
    for (let seq = 1; seq <= N; seq++) {
      const [entry, cmd, h, t, c] = [uuidv7(), uuidv7(), uuidv7(), uuidv7(), uuidv7()];
      const amount = 100 + (seq % 30_000);
      const band = accounts[seq % accounts.length]!;
      hold.run(h, band, revenue, amount, amount, at, at);
      transfer.run(t, h, entry, at);
      posting.run(t, 0, band, 'debit', amount, at);
      posting.run(t, 1, revenue, 'credit', amount, at);
      command.run(cmd, 'f'.repeat(64), `{"chargeId":"${c}"}`, entry);
      charge.run(c, 'party', 'band', h, amount, at, 'staff');
      const body = `{"at":"${at}","command":{"id":"${cmd}"},"id":"${entry}","ops":[{"amount":${amount},"holdId":"${h}","op":"capture"}],"seq":${seq},"store":"store","terminal":"${TERMINAL}","type":"command","v":2}`;
      const hash = chainHash(prev, body);
      journal.run(entry, TERMINAL, seq, at, cmd, body, prev, hash);
      prev = hash;
    }
  }).immediate();
  db.pragma('foreign_keys = ON');
  installDigest(db, at);
  db.pragma('wal_checkpoint(TRUNCATE)');
  const rows = Object.fromEntries(digestTables(db).map((t) => [t, db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck().get() as number]).filter(([, n]) => (n as number) > 0));
  return { db, dir, rows, close: async () => (await opened.close(), fs.rmSync(dir, { recursive: true, force: true })) };
}

/** The start-up check on a year of data, against the raw read of the journal tail it re-hashes. */
async function startupCheck(emit: (l: BenchLine) => void): Promise<void> {
  const y = await yearOfData();
  try {
    const db = y.db;
    const tail = db.prepare(`SELECT seq, body, hash FROM ledger_journal WHERE terminal_id = ? AND seq > ? ORDER BY seq`).raw(true);
    const last = db.prepare(`SELECT MAX(seq) FROM ledger_journal`).pluck().get() as number;
    const counts = digestTables(db).map((t) => db.prepare(`SELECT COUNT(*) FROM "${t}"`).pluck());
    const runs = { check: [] as number[], scan: [] as number[], raw: [] as number[], counts: [] as number[] };
    for (let i = 0; i < 7; i++) {
      let t0 = performance.now();
      tail.all(TERMINAL, last - TAIL_ENTRIES);
      runs.raw.push(performance.now() - t0);
      t0 = performance.now();
      for (const c of counts) c.get();
      runs.counts.push(performance.now() - t0);
      // What LedgerIntegrity.startupCheck runs before the terminal opens: tail, ack, the digest's cheap part.
      t0 = performance.now();
      const ok = verifyJournalTail(db, TERMINAL, TAIL_ENTRIES).ok && checkJournalAgainstAck(db, TERMINAL).state === 'not-enrolled' && checkDigestCheap(db) === null;
      runs.check.push(performance.now() - t0);
      // Then, in a worker thread while the terminal already runs: every table against the running digest.
      t0 = performance.now();
      const scan = await checkDigestRowsOffThread(db);
      runs.scan.push(performance.now() - t0);
      if (!ok || scan) throw new Error(`start-up check failed on clean data: ${JSON.stringify(scan)}`);
    }
    const base = { entries: last, rows: y.rows, loadavg1: round(os.loadavg()[0]!) };
    const check = median(runs.check);
    emit({ name: 'integrity.startup_check.ms', value: round(check), unit: 'ms', baseline: round(median(runs.raw)), ratio: round(check / median(runs.raw)), baselineIs: `raw read of the newest ${TAIL_ENTRIES} journal rows`, target: '< 1000 ms on a year of data (blocking part)', met: check < 1000, ...base });
    emit({ name: 'integrity.digest_scan.ms', value: round(median(runs.scan)), unit: 'ms', baseline: round(median(runs.counts)), ratio: round(median(runs.scan) / median(runs.counts)), baselineIs: 'SELECT COUNT(*) of the same tables', note: 'worker thread after start, does not block', ...base });
    if (checkDigest(db)) throw new Error('digest not clean');
  } finally {
    await y.close();
  }
}

/** What the checksum triggers cost each command: authorize + capture pairs with and without them. */
async function commitOverhead(emit: (l: BenchLine) => void): Promise<void> {
  const PAIRS = Number(process.env.BENCH_DIGEST_PAIRS ?? 2000);
  const rate = async (withDigest: boolean) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'integrity-bench-'));
    const opened = await openDatabase(dir);
    try {
      if (withDigest) installDigest(opened.sqlite, new Date().toISOString());
      const L = new Ledger(opened.sqlite, { storeId: 'store', terminalId: TERMINAL });
      const open = (code: string, kind: 'revenue' | 'medium') => L.openAccount({ commandId: uuidv7(), code, name: code, kind, unit: 'CNY' }).accountId;
      const revenue = open('revenue', 'revenue');
      const bands = Array.from({ length: 50 }, (_, i) => open(`band${i}`, 'medium'));
      const t0 = performance.now();
      for (let i = 0; i < PAIRS; i++) {
        const h = L.authorize({ commandId: uuidv7(), debitAccountId: bands[i % 50]!, creditAccountId: revenue, amount: 100 + i });
        L.capture({ commandId: uuidv7(), holdId: h.holdId });
      }
      const pairsPerSecond = (PAIRS / (performance.now() - t0)) * 1000;
      if (withDigest && checkDigest(opened.sqlite)) throw new Error('digest not clean after the run');
      return pairsPerSecond;
    } finally {
      await opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  const without = await rate(false);
  const withDigest = await rate(true);
  emit({ name: 'integrity.authorize_capture_with_digest.throughput', value: round(withDigest, 1), unit: 'pairs/s', baseline: round(without, 1), ratio: round(without / withDigest), baselineIs: 'the same ledger without the checksum triggers (synchronous=FULL)', pairs: PAIRS, loadavg1: round(os.loadavg()[0]!) });
}

export const integrityBenchmarks: Benchmark[] = [
  { name: 'integrity.startup_check', run: (emit) => startupCheck(emit) },
  { name: 'integrity.commit_overhead', run: (emit) => commitOverhead(emit) },
];
