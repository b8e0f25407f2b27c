/**
 * Sync benchmarks (issue 15): a 100,000-entry backlog pushed by the real SyncService from a
 * terminal database into a real server process on PostgreSQL, next to a same-run baseline: the
 * same rows written by raw multi-row INSERTs (same batch size) straight into PostgreSQL, with no
 * HTTP, no validation and no chain check; and 20 terminals pushing at once.
 */
import os from 'node:os';
import type { Database as Sqlite } from 'better-sqlite3';
import pg from 'pg';
import { GENESIS_HASH, canonicalJson, chainHash } from '../../src-main/domain/ledger';
import { openDatabase } from '../../src-main/ledger/database';
import { silentLogger } from '../../src-main/ops/logging';
import { EventBus } from '../../src-main/services/events';
import { SyncService } from '../../src-main/services/sync/sync-service';
import { findPostgresBin, startPgCluster } from '../integration/sync/support/postgres';
import { Admin, startServer } from '../integration/sync/support/server-process';
import { tempDir } from '../support/services';
import type { Benchmark, BenchLine } from './run';

const N = Number(process.env.SYNC_BENCH_ENTRIES ?? 100_000);
const BATCH = 1000;
const TERMINAL = '0193a000-0000-7000-8000-00000000b001';

/** A sale-sized body (about 700 bytes, like a locker checkout's command, ops and events). */
function body(seq: number, terminal = TERMINAL): string {
  const at = new Date(Date.UTC(2026, 10, 1) + seq * 30_000).toISOString();
  return canonicalJson({
    v: 1,
    id: `0193a000-${String(seq).padStart(4, '0').slice(-4)}-7000-8000-${String(seq).padStart(12, '0')}`,
    store: '0193a000-0000-7000-8000-00000000a001',
    terminal,
    seq,
    at,
    type: 'commit',
    command: { id: `cmd-${seq}`, fingerprint: 'f'.repeat(64), result: { transferId: `t-${seq}` } },
    ops: [
      { op: 'post', transfer: `t-${seq}`, legs: [{ account: 'tender:cash', side: 'debit', amount: 1000 + (seq % 9000) }, { account: 'revenue:shop', side: 'credit', amount: 1000 + (seq % 9000) }] },
    ],
    events: [{ type: 'lockers.settled', party: `p-${seq}`, lockers: [101, 102], total: 1000 + (seq % 9000), tenders: [{ method: 'cash', amount: 1000 + (seq % 9000) }] }],
  });
}

async function backlogToPostgres(emit: (l: BenchLine) => void): Promise<void> {
  const bin = findPostgresBin();
  if (!bin) {
    console.error('sync bench: PostgreSQL binaries not found; skipped');
    return;
  }
  const cluster = await startPgCluster(bin);
  const server = await startServer({ dataDir: tempDir('pos-bench-server-'), databaseUrl: await cluster.createDatabase('bench') }).catch(async (e) => {
    cluster.stop();
    throw e;
  });
  const db = await openDatabase(tempDir('pos-bench-terminal-'));
  try {
    // The terminal's backlog: N chained rows in its journal (written directly; the ledger's own speed is ledger.bench).
    const insert = db.sqlite.prepare(
      `INSERT INTO ledger_journal (id, store_id, terminal_id, seq, committed_at, command_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const rows: { seq: number; body: string; prev: Buffer; hash: Buffer }[] = [];
    let prev = GENESIS_HASH;
    db.sqlite.transaction(() => {
      for (let seq = 1; seq <= N; seq++) {
        const b = body(seq);
        const h = chainHash(prev, b);
        const parsed = JSON.parse(b) as { id: string; store: string; at: string };
        insert.run(parsed.id, parsed.store, TERMINAL, seq, parsed.at, `cmd-${seq}`, b, prev, h);
        rows.push({ seq, body: b, prev, hash: h });
        prev = h;
      }
    })();
    const bodyBytes = rows.reduce((n, r) => n + Buffer.byteLength(r.body), 0) / N;

    const admin = await Admin.signIn(server.url);
    const store = await admin.store('Bench');
    const sync = new SyncService({
      sqlite: db.sqlite,
      terminalId: TERMINAL,
      terminalName: () => 'Bench',
      events: new EventBus(),
      log: silentLogger(),
      now: () => new Date(),
      timing: { pollMs: 5, batchSize: BATCH, heartbeatMs: 3_600_000, requestTimeoutMs: 60_000 },
    });
    sync.start();
    const t0 = performance.now();
    await sync.enroll(server.url, await admin.pairingCode(store.id));
    while (sync.status().ackedSeq < N) await new Promise((r) => setTimeout(r, 5));
    const pushMs = performance.now() - t0;
    await sync.stop();
    if (process.env.SYNC_BENCH_PROFILE) {
      const times = [...server.output().matchAll(/"responseTime":([\d.]+)/g)].map((m) => Number(m[1]));
      console.error(JSON.stringify({ requests: times.length, serverMs: Math.round(times.reduce((a, b) => a + b, 0)) }));
    }

    // Baseline: the same rows, same batch size, raw multi-row INSERTs into an identical table.
    const client = new pg.Client({ connectionString: (await cluster.createDatabase('bench_raw')).toString() });
    await client.connect();
    await client.query(`CREATE TABLE journal_entry (terminal_id TEXT NOT NULL, seq BIGINT NOT NULL, id TEXT NOT NULL, store_id TEXT NOT NULL, committed_at TEXT NOT NULL,
      command_id TEXT, body TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (terminal_id, seq))`);
    const b0 = performance.now();
    for (let i = 0; i < N; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      // Same statement shape as the server: one multi-row INSERT per batch.
      await client.query('BEGIN');
      for (let j = 0; j < chunk.length; j += 1000) {
        const part = chunk.slice(j, j + 1000);
        const params: unknown[] = [];
        const values = part.map((r, k) => {
          params.push(TERMINAL, r.seq, `id-${r.seq}`, 'store', 'at', `cmd-${r.seq}`, r.body, r.prev.toString('hex'), r.hash.toString('hex'), 'now');
          const o = k * 10;
          return `($${o + 1},$${o + 2},$${o + 3},$${o + 4},$${o + 5},$${o + 6},$${o + 7},$${o + 8},$${o + 9},$${o + 10})`;
        });
        await client.query(`INSERT INTO journal_entry VALUES ${values.join(',')}`, params);
      }
      await client.query('COMMIT');
    }
    const rawMs = performance.now() - b0;
    await client.end();

    emit({
      name: 'sync.backlog_to_postgres',
      value: Math.round(pushMs),
      unit: 'ms',
      baseline: Math.round(rawMs),
      ratio: Number((pushMs / rawMs).toFixed(2)),
      target: `< 10000 ms for ${N} entries`,
      met: pushMs < 10_000,
      entries: N,
      batch: BATCH,
      bodyBytes: Math.round(bodyBytes),
      entriesPerSecond: Math.round(N / (pushMs / 1000)),
      baselineNote: 'raw multi-row INSERT of the same rows, same batches, no HTTP/validation/chain check',
      loadavg1: Number(os.loadavg()[0]!.toFixed(2)),
    });
  } finally {
    await db.close();
    await server.stop();
    cluster.stop();
  }
}

/** A terminal's journal that the bench appends to directly (chained like the ledger's). */
class BenchJournal {
  private prev: Buffer = GENESIS_HASH;
  seq = 0;
  private readonly insert;
  constructor(
    readonly sqlite: Sqlite,
    readonly terminalId: string,
  ) {
    this.insert = sqlite.prepare(
      `INSERT INTO ledger_journal (id, store_id, terminal_id, seq, committed_at, command_id, body, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }
  append(): number {
    const seq = ++this.seq;
    const b = body(seq, this.terminalId);
    const h = chainHash(this.prev, b);
    const parsed = JSON.parse(b) as { id: string; store: string; at: string };
    this.insert.run(parsed.id, parsed.store, this.terminalId, seq, parsed.at, `cmd-${seq}`, b, this.prev, h);
    this.prev = h;
    return seq;
  }
}

const TERMINALS = 20;

/**
 * 20 terminals (each its own SQLite database and SyncService with default timing, in this
 * process) and one server process on PostgreSQL: (1) each pushes a 1000-entry backlog at once,
 * giving the server's entries/s; (2) each commits 10 entries/s for 10 s while the link is up,
 * giving the time from a local commit to the server's ack (p50/p99; target p99 < 1 s).
 */
async function twentyTerminals(emit: (l: BenchLine) => void): Promise<void> {
  const bin = findPostgresBin();
  if (!bin) {
    console.error('sync bench: PostgreSQL binaries not found; skipped');
    return;
  }
  const cluster = await startPgCluster(bin);
  const server = await startServer({ dataDir: tempDir('pos-bench-server-'), databaseUrl: await cluster.createDatabase('bench20') });
  const dbs: Awaited<ReturnType<typeof openDatabase>>[] = [];
  const services: SyncService[] = [];
  try {
    const admin = await Admin.signIn(server.url);
    const store = await admin.store('Bench 20');
    const journals: BenchJournal[] = [];
    for (let i = 0; i < TERMINALS; i++) {
      const db = await openDatabase(tempDir('pos-bench-t-'));
      dbs.push(db);
      const id = `0193a000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`;
      journals.push(new BenchJournal(db.sqlite, id));
      const sync = new SyncService({ sqlite: db.sqlite, terminalId: id, terminalName: () => `T${i + 1}`, events: new EventBus(), log: silentLogger(), now: () => new Date() });
      await sync.enroll(server.url, await admin.pairingCode(store.id));
      services.push(sync);
    }
    // (1) Backlogs pushed at once.
    const PER = 1000;
    for (const j of journals) j.sqlite.transaction(() => { for (let k = 0; k < PER; k++) j.append(); })();
    const t0 = performance.now();
    for (const s of services) s.start();
    while (services.some((s) => s.status().ackedSeq < PER)) await new Promise((r) => setTimeout(r, 5));
    const ms = performance.now() - t0;
    emit({ name: 'sync.20_terminals_backlog_entries_per_s', value: Math.round((TERMINALS * PER) / (ms / 1000)), unit: 'entries/s', terminals: TERMINALS, entries: TERMINALS * PER, ms: Math.round(ms), loadavg1: Number(os.loadavg()[0]!.toFixed(2)) });

    // (2) Steady commits, commit → ack latency.
    const committedAt: Map<number, number>[] = journals.map(() => new Map());
    const latencies: number[] = [];
    const acked = journals.map((j) => j.seq);
    const RATE_MS = 100;
    const RUN_MS = 10_000;
    const end = performance.now() + RUN_MS;
    const writers = journals.map((j, i) =>
      (async () => {
        await new Promise((r) => setTimeout(r, (i * RATE_MS) / TERMINALS));
        while (performance.now() < end) {
          const seq = j.append();
          committedAt[i]!.set(seq, performance.now());
          await new Promise((r) => setTimeout(r, RATE_MS));
        }
      })(),
    );
    const watcher = (async () => {
      while (performance.now() < end + 5000) {
        const now = performance.now();
        services.forEach((s, i) => {
          const a = s.status().ackedSeq;
          for (let seq = acked[i]! + 1; seq <= a; seq++) {
            const c = committedAt[i]!.get(seq);
            if (c !== undefined) latencies.push(now - c);
          }
          acked[i] = Math.max(acked[i]!, a);
        });
        if (performance.now() > end && services.every((s, i) => acked[i] === journals[i]!.seq)) break;
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await Promise.all([...writers, watcher]);
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!.toFixed(1));
    emit({
      name: 'sync.commit_to_ack_ms',
      value: pct(99),
      unit: 'ms (p99)',
      p50: pct(50),
      max: Number(latencies.at(-1)!.toFixed(1)),
      target: 'p99 < 1000 ms',
      met: pct(99) < 1000,
      samples: latencies.length,
      terminals: TERMINALS,
      ratePerTerminal: `${1000 / RATE_MS}/s`,
      note: 'default timing: the service looks at the journal head every 200 ms (an index seek), so half a poll is the floor of the median',
      loadavg1: Number(os.loadavg()[0]!.toFixed(2)),
    });
  } finally {
    await Promise.all(services.map((s) => s.stop()));
    for (const db of dbs) await db.close();
    await server.stop();
    cluster.stop();
  }
}

export const syncBenchmarks: Benchmark[] = [
  { name: 'sync.backlog', run: backlogToPostgres },
  { name: 'sync.terminals', run: twentyTerminals },
];
