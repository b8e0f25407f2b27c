import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { canonicalJson, chainHash, GENESIS_HASH } from '../../src-main/domain/ledger';
import { openDatabase, WAL_CAP_BYTES, type Database } from '../../src-main/ledger/database';
import { newId } from '../../src-main/ledger/ids';
import { Ledger, verifyJournal, type Sqlite } from '../../src-main/ledger';
import type { Benchmark, BenchLine } from './run';

const ROUNDS = 6;
const PAIRS_PER_ROUND = 500;
const BANDS = 8;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number, d = 3) => Number(x.toFixed(d));

async function freshDb(sync: 'FULL' | 'NORMAL'): Promise<{ db: Database; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-'));
  const db = await openDatabase(dir);
  db.sqlite.pragma(`synchronous = ${sync}`);
  // openDatabase turns automatic checkpoints off (checkpointWhenIdle instead); BENCH_WAL_AUTOCHECKPOINT=1000
  // puts SQLite's default back to show how much of p99 a checkpoint inside a commit costs.
  if (process.env.BENCH_WAL_AUTOCHECKPOINT) db.sqlite.pragma(`wal_autocheckpoint = ${Number(process.env.BENCH_WAL_AUTOCHECKPOINT)}`);
  return { db, dir };
}

interface Accounts {
  revenue: string;
  group: string;
  bands: string[];
}

export function openAccounts(L: Ledger): Accounts {
  const o = (code: string, kind: 'revenue' | 'customer_group' | 'medium', extra: object = {}) =>
    L.openAccount({ commandId: uuidv7(), code, name: code, kind, unit: 'CNY', ...extra }).accountId;
  const revenue = o('revenue', 'revenue');
  const group = o('group', 'customer_group', { group: true, quota: Number.MAX_SAFE_INTEGER });
  const bands = Array.from({ length: BANDS }, (_, i) => o(`band-${i}`, 'medium', { parentId: group, quota: Number.MAX_SAFE_INTEGER }));
  return { revenue, group, bands };
}

/**
 * The baseline: raw better-sqlite3 prepared statements doing the reads and writes an
 * authorize and a capture do (idempotency lookup, expiry probe, journal head, account
 * reads, hold, counters, transfer, postings, journal row, command row), in one
 * BEGIN IMMEDIATE each, with no ledger code: no validation, canonical JSON or hashing.
 */
export function baseline(db: Sqlite, a: Accounts) {
  const s = {
    command: db.prepare(`SELECT fingerprint, result FROM ledger_command WHERE command_id = ?`),
    expired: db.prepare(`SELECT id FROM ledger_hold WHERE status = 'pending' AND expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at LIMIT 256`),
    head: db.prepare(`SELECT seq, hash FROM ledger_journal WHERE terminal_id = ? ORDER BY seq DESC LIMIT 1`),
    account: db.prepare(`SELECT * FROM ledger_account WHERE id = ?`),
    insertHold: db.prepare(`INSERT INTO ledger_hold (id, debit_account_id, credit_account_id, amount, unit, status, expires_at, created_at, memo)
      VALUES (?, ?, ?, ?, 'CNY', 'pending', NULL, ?, NULL)`),
    add: db.prepare(`UPDATE ledger_account SET debits_posted = debits_posted + ?, credits_posted = credits_posted + ?,
      debits_pending = debits_pending + ?, credits_pending = credits_pending + ? WHERE id = ?`),
    hold: db.prepare(`SELECT * FROM ledger_hold WHERE id = ?`),
    resolve: db.prepare(`UPDATE ledger_hold SET status = ?, captured_amount = ?, resolved_at = ? WHERE id = ? AND status = 'pending'`),
    transfer: db.prepare(`INSERT INTO ledger_transfer (id, kind, hold_id, reverses_id, entry_id, committed_at, memo) VALUES (?, ?, ?, NULL, ?, ?, NULL)`),
    posting: db.prepare(`INSERT INTO ledger_posting (transfer_id, leg, account_id, side, amount, committed_at) VALUES (?, ?, ?, ?, ?, ?)`),
    journal: db.prepare(`INSERT INTO ledger_journal (id, store_id, terminal_id, seq, committed_at, command_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertCommand: db.prepare(`INSERT INTO ledger_command (command_id, fingerprint, result, entry_id) VALUES (?, ?, ?, ?)`),
  };
  const BODY = '{"fixed":"body of a similar size"}'.padEnd(600, ' ');
  const journal = (commandId: string, at: string) => {
    const head = s.head.get('bench') as { seq: number; hash: Buffer } | undefined;
    const id = uuidv7();
    s.journal.run(id, 'store', 'bench', (head?.seq ?? 0) + 1, at, commandId, BODY, head?.hash ?? GENESIS_HASH, GENESIS_HASH);
    s.insertCommand.run(commandId, 'f'.repeat(64), '{"result":"similar size............................................"}', id);
  };
  const authorize = db.transaction((commandId: string, debit: string, amount: number) => {
    const at = new Date().toISOString();
    s.command.get(commandId);
    s.expired.all(at);
    s.account.get(debit);
    s.account.get(a.group);
    s.account.get(a.revenue);
    const holdId = uuidv7();
    s.insertHold.run(holdId, debit, a.revenue, amount, at);
    s.add.run(0, 0, amount, 0, debit);
    s.add.run(0, 0, amount, 0, a.group);
    s.add.run(0, 0, 0, amount, a.revenue);
    journal(commandId, at);
    return holdId;
  });
  const capture = db.transaction((commandId: string, holdId: string) => {
    const at = new Date().toISOString();
    s.command.get(commandId);
    s.expired.all(at);
    const h = s.hold.get(holdId) as { amount: number; debit_account_id: string; credit_account_id: string };
    s.resolve.run('captured', h.amount, at, holdId);
    s.add.run(h.amount, 0, -h.amount, 0, h.debit_account_id);
    s.add.run(h.amount, 0, -h.amount, 0, a.group);
    s.add.run(0, h.amount, 0, -h.amount, h.credit_account_id);
    const transferId = uuidv7();
    const entryId = uuidv7();
    s.transfer.run(transferId, 'capture', holdId, entryId, at);
    s.posting.run(transferId, 0, h.debit_account_id, 'debit', h.amount, at);
    s.posting.run(transferId, 1, h.credit_account_id, 'credit', h.amount, at);
    journal(commandId, at);
  });
  return {
    authorize: (debit: string, amount: number) => authorize.immediate(uuidv7(), debit, amount),
    capture: (holdId: string) => capture.immediate(uuidv7(), holdId),
  };
}

interface Timings {
  authorize: number[];
  capture: number[];
  totalMs: number;
  pairs: number;
}

function timePairs(t: Timings, n: number, bands: string[], authorize: (band: string, amount: number) => string, capture: (holdId: string) => void) {
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const holdId = authorize(bands[i % bands.length]!, 100 + (i % 50));
    const t1 = performance.now();
    capture(holdId);
    const t2 = performance.now();
    t.authorize.push(t1 - t0);
    t.capture.push(t2 - t1);
  }
  t.totalMs += performance.now() - start;
  t.pairs += n;
}

async function authorizeCapture(sync: 'FULL' | 'NORMAL', emit: (l: BenchLine) => void): Promise<void> {
  const a = await freshDb(sync);
  const b = await freshDb(sync);
  try {
    const ledger = new Ledger(a.db.sqlite, { storeId: 'store', terminalId: 'bench' });
    const la = openAccounts(ledger);
    const lb = openAccounts(new Ledger(b.db.sqlite, { storeId: 'store', terminalId: 'setup' }));
    const raw = baseline(b.db.sqlite, lb);
    const L: Timings = { authorize: [], capture: [], totalMs: 0, pairs: 0 };
    const B: Timings = { authorize: [], capture: [], totalMs: 0, pairs: 0 };
    const ledgerAuthorize = (debit: string, amount: number) =>
      ledger.authorize({ commandId: uuidv7(), debitAccountId: debit, creditAccountId: la.revenue, amount }).holdId;
    const ledgerCapture = (holdId: string) => void ledger.capture({ commandId: uuidv7(), holdId });
    // Warm up both, then interleave rounds so disk and CPU noise hit both alike.
    timePairs({ authorize: [], capture: [], totalMs: 0, pairs: 0 }, 100, la.bands, ledgerAuthorize, ledgerCapture);
    timePairs({ authorize: [], capture: [], totalMs: 0, pairs: 0 }, 100, lb.bands, raw.authorize, raw.capture);
    for (let r = 0; r < ROUNDS; r++) {
      // Between rounds, the idle moment between customers: where openDatabase's timer checkpoints.
      a.db.checkpointWhenIdle(0);
      b.db.checkpointWhenIdle(0);
      timePairs(L, PAIRS_PER_ROUND, la.bands, ledgerAuthorize, ledgerCapture);
      timePairs(B, PAIRS_PER_ROUND, lb.bands, raw.authorize, raw.capture);
    }
    const tput = (t: Timings) => (t.pairs / t.totalMs) * 1000;
    const ratio = tput(B) / tput(L);
    const base = { synchronous: sync, pairs: L.pairs, walAutocheckpoint: a.db.sqlite.pragma('wal_autocheckpoint', { simple: true }), loadavg1: round(os.loadavg()[0]!, 2) };
    emit({ name: 'ledger.authorize_capture.throughput', value: round(tput(L), 1), unit: 'pairs/s', baseline: round(tput(B), 1), ratio: round(ratio), target: 'ratio <= 1.5', met: ratio <= 1.5, ...base });
    for (const op of ['authorize', 'capture'] as const) {
      for (const p of [50, 99]) {
        const v = percentile(L[op], p);
        const bv = percentile(B[op], p);
        const target = p === 99 ? 'p99 < 1 ms' : undefined;
        emit({ name: `ledger.${op}.p${p}`, value: round(v), unit: 'ms', baseline: round(bv), ratio: round(v / bv), target, met: p === 99 ? v < 1 : undefined, ...base });
      }
    }
  } finally {
    for (const x of [a, b]) {
      await x.db.close();
      fs.rmSync(x.dir, { recursive: true, force: true });
    }
  }
}

/**
 * Continuous load with no idle moment (issue 11): authorize/capture pairs for LOAD_SECONDS, the
 * event loop yielding between small bursts so openDatabase's timer runs as it does in the app.
 * Reports the WAL's largest size on disk; without the size-triggered checkpoint it grows all along.
 */
const LOAD_SECONDS = 5;
async function walUnderLoad(emit: (l: BenchLine) => void): Promise<void> {
  const a = await freshDb('FULL');
  try {
    const ledger = new Ledger(a.db.sqlite, { storeId: 'store', terminalId: 'bench' });
    const acc = openAccounts(ledger);
    const halves = [0, 0];
    let pairs = 0;
    const start = performance.now();
    const end = start + LOAD_SECONDS * 1000;
    while (performance.now() < end) {
      for (let i = 0; i < 20; i++, pairs++) {
        const holdId = ledger.authorize({ commandId: uuidv7(), debitAccountId: acc.bands[pairs % acc.bands.length]!, creditAccountId: acc.revenue, amount: 100 }).holdId;
        ledger.capture({ commandId: uuidv7(), holdId });
      }
      const half = performance.now() - start < (end - start) / 2 ? 0 : 1;
      halves[half] = Math.max(halves[half]!, fs.statSync(`${a.db.file}-wal`).size);
      await new Promise((r) => setImmediate(r));
    }
    const [first, second] = halves as [number, number];
    // Bounded: the WAL's peak does not grow with the length of the run (WAL_CAP_BYTES plus one 250 ms tick of writes).
    emit({ name: 'ledger.wal.max_bytes_under_load', value: Math.max(first, second), unit: 'bytes', target: 'second half peak <= 1.5 x first half peak', met: second <= 1.5 * first, firstHalfPeak: first, secondHalfPeak: second, walCapBytes: WAL_CAP_BYTES, pairs, seconds: LOAD_SECONDS, loadavg1: round(os.loadavg()[0]!, 2) });
  } finally {
    await a.db.close();
    fs.rmSync(a.dir, { recursive: true, force: true });
  }
}

const FP = 'f'.repeat(64);

/** 1M chained entries written straight into the journal table, then verifyJournal over them. */
async function verifyRate(emit: (l: BenchLine) => void): Promise<void> {
  const N = Number(process.env.BENCH_JOURNAL_ENTRIES ?? 1_000_000);
  const x = await freshDb('NORMAL');
  try {
    const db = x.db.sqlite;
    db.pragma('synchronous = OFF');
    const insert = db.prepare(`INSERT INTO ledger_journal (id, store_id, terminal_id, seq, committed_at, command_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const t0 = performance.now();
    db.transaction(() => {
      let prev: Buffer = GENESIS_HASH;
      const at = new Date().toISOString();
      for (let seq = 1; seq <= N; seq++) {
        const id = newId();
        const commandId = newId();
        // The shape and size of a real authorize entry, written out in canonical form (checked below).
        const body =
          `{"at":"${at}","command":{"fingerprint":"${FP}","id":"${commandId}","result":{"entryId":"${id}","expiresAt":null,"holdId":"${commandId}","seq":${seq}}},` +
          `"id":"${id}","ops":[{"amount":${100 + (seq % 1000)},"credit":"${commandId}","debit":"${id}","expiresAt":null,"holdId":"${commandId}","op":"hold"}],` +
          `"seq":${seq},"store":"store","terminal":"bench","type":"authorize","v":1}`;
        if (seq === 1 && body !== canonicalJson(JSON.parse(body))) throw new Error('bench body is not canonical');
        const hash = chainHash(prev, body);
        insert.run(id, 'store', 'bench', seq, at, commandId, body, prev, hash);
        prev = hash;
      }
    }).immediate();
    const genMs = performance.now() - t0;
    const t1 = performance.now();
    const r = verifyJournal(db);
    const ms = performance.now() - t1;
    if (!r.ok || r.count !== N) throw new Error(`verify failed: ${JSON.stringify(r)}`);
    const rate = (N / ms) * 1000;
    emit({ name: 'ledger.journal_verify.rate', value: Math.round(rate), unit: 'entries/s', target: '>= 300000', met: rate >= 300_000, entries: N, seconds: round(ms / 1000), generateSeconds: round(genMs / 1000), threads: Math.min(os.availableParallelism(), 4), loadavg1: round(os.loadavg()[0]!, 2) });
  } finally {
    await x.db.close();
    fs.rmSync(x.dir, { recursive: true, force: true });
  }
}

/**
 * What the disk and the scheduler allow, without SQLite: the latency of write(4 KiB) + fdatasync
 * on a file in the directory the databases live in (rewriting a preallocated region, as a reset
 * WAL is rewritten, and appending, as a growing WAL is), and of a fixed ~0.3 ms CPU-only task
 * (how often this process is descheduled mid-command). A commit at synchronous=FULL waits for
 * one WAL sync, so its p99 cannot beat the disk's.
 */
function floor(emit: (l: BenchLine) => void): void {
  const N = 3000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-bench-fsync-'));
  const page = Buffer.alloc(4096, 0x5a);
  const common = { samples: N, dir: os.tmpdir(), loadavg1: round(os.loadavg()[0]!, 2), cpus: os.availableParallelism() };
  try {
    // better-sqlite3's bundled SQLite is compiled without HAVE_FDATASYNC, so its WAL sync is a full
    // fsync (file metadata too): the `fsync` line is the floor a commit at synchronous=FULL really pays.
    for (const [mode, sync] of [['overwrite', 'fdatasync'], ['append', 'fdatasync'], ['append', 'fsync']] as const) {
      const fd = fs.openSync(path.join(dir, `${mode}-${sync}`), 'w+');
      try {
        if (mode === 'overwrite') {
          fs.writeSync(fd, Buffer.alloc(4096 * 256));
          fs.fsyncSync(fd);
        }
        const xs: number[] = [];
        for (let i = 0; i < N; i++) {
          const t0 = performance.now();
          fs.writeSync(fd, page, 0, page.length, (mode === 'append' ? i : i % 256) * 4096);
          if (sync === 'fsync') fs.fsyncSync(fd);
          else fs.fdatasyncSync(fd);
          xs.push(performance.now() - t0);
        }
        emit({ name: `disk.${sync}_4k_${mode}.p50`, value: round(percentile(xs, 50)), unit: 'ms', ...common });
        emit({ name: `disk.${sync}_4k_${mode}.p99`, value: round(percentile(xs, 99)), unit: 'ms', max: round(percentile(xs, 100)), ...common });
      } finally {
        fs.closeSync(fd);
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // Calibrate a busy loop to ~0.3 ms, then time it N times.
  let iters = 10_000;
  const spin = (n: number) => {
    let h = 0;
    for (let i = 0; i < n; i++) h = (h * 31 + i) | 0;
    return h;
  };
  for (let t = 0; t < 20; t++) {
    const t0 = performance.now();
    spin(iters);
    const ms = performance.now() - t0;
    iters = Math.max(1000, Math.round(iters * (0.3 / Math.max(ms, 0.001))));
  }
  const xs: number[] = [];
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    spin(iters);
    xs.push(performance.now() - t0);
  }
  emit({ name: 'cpu.fixed_0.3ms_task.p50', value: round(percentile(xs, 50)), unit: 'ms', ...common });
  emit({ name: 'cpu.fixed_0.3ms_task.p99', value: round(percentile(xs, 99)), unit: 'ms', max: round(percentile(xs, 100)), ...common });
}

export const ledgerBenchmarks: Benchmark[] = [
  { name: 'ledger.floor.disk_cpu', run: (emit) => floor(emit) },
  { name: 'ledger.authorize_capture.FULL', run: (emit) => authorizeCapture('FULL', emit) },
  { name: 'ledger.authorize_capture.NORMAL', run: (emit) => authorizeCapture('NORMAL', emit) },
  { name: 'ledger.journal_verify', run: (emit) => verifyRate(emit) },
  { name: 'ledger.wal_under_load', run: (emit) => walUnderLoad(emit) },
];
