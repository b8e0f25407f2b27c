/**
 * Member-card redemption round trip (issue 16): terminal → server → terminal on loopback, one
 * redemption = hold then capture over HTTP (two requests, each one idempotent ledger command with
 * its row lock and conditional UPDATEs), with the server on PostgreSQL when its binaries are here
 * (else SQLite; the `database` field says which). Same-run baseline: one raw conditional UPDATE
 * (`balance - 1 WHERE balance - 1 >= 0`) in its own transaction on the same database.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { openServerDb } from '../../src-server/db';
import { post } from '../integration/sync/support/entries';
import { findPostgresBin, startPgCluster, type PgCluster } from '../integration/sync/support/postgres';
import { Admin, startServer, type Json, type ServerTarget } from '../integration/sync/support/server-process';
import { tempDir } from '../support/services';
import type { Benchmark, BenchLine } from './run';

const ROUNDS = Number(process.env.CARDS_BENCH_ROUNDS ?? 300);
const WARMUP = 30;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function ok(r: Promise<{ status: number; json: Json }>): Promise<Json> {
  const x = await r;
  if (x.status !== 200) throw new Error(`bench setup failed: ${x.status} ${JSON.stringify(x.json)}`);
  return x.json;
}

async function roundTrip(emit: (l: BenchLine) => void): Promise<void> {
  const bin = findPostgresBin();
  let cluster: PgCluster | null = null;
  const target: ServerTarget = { dataDir: tempDir('pos-bench-cards-') };
  if (bin) {
    cluster = await startPgCluster(bin);
    target.databaseUrl = await cluster.createDatabase(`pos_bench_cards_${process.pid}`);
  }
  const server = await startServer(target);
  try {
    const admin = await Admin.signIn(server.url);
    const store = await admin.store('Bench cards');
    const merchant = await ok(admin.request('POST', '/admin/api/merchants', { storeId: store.id, name: 'Bench' }));
    await ok(admin.request('POST', `/admin/api/merchants/${merchant.id}/decisions`, { action: 'approve' }));
    const product = await ok(admin.request('POST', `/admin/api/merchants/${merchant.id}/products`, { name: 'Stored', terms: { kind: 'stored', tiers: [{ pay: 10_000, bonus: 2_000 }] } }));
    const enrolled = await ok(post(server.url, '/api/v1/enroll', { code: await admin.pairingCode(store.id), terminalId: randomUUID(), terminalName: 'Bench 1' }));
    const cred = enrolled.credential as string;
    const reg = await ok(post(server.url, '/api/v1/cards/members', { merchantId: merchant.id, phone: '13900009999', name: 'Bench' }, cred));
    const card = (await ok(post(server.url, '/api/v1/cards/cards', { commandId: randomUUID(), merchantId: merchant.id, memberId: reg.member.id, productId: product.id, tender: 'cash' }, cred))).card;
    await ok(post(server.url, '/api/v1/cards/recharges', { commandId: randomUUID(), cardId: card.id, amount: 1_000_000, tender: 'cash' }, cred));

    const trips: number[] = [];
    for (let i = 0; i < WARMUP + ROUNDS; i++) {
      const id = randomUUID();
      const start = performance.now();
      await ok(post(server.url, '/api/v1/cards/holds', { commandId: id, cardId: card.id, amount: 100 }, cred));
      await ok(post(server.url, `/api/v1/cards/holds/${id}/capture`, {}, cred));
      if (i >= WARMUP) trips.push(performance.now() - start);
    }

    // Baseline: the raw conditional UPDATE a redemption must at least make, on the same database.
    const db = await openServerDb(target);
    const raw: number[] = [];
    try {
      await db.tx((sql) => sql.run(`CREATE TABLE bench_account (id TEXT PRIMARY KEY, balance BIGINT NOT NULL)`));
      await db.tx((sql) => sql.run(`INSERT INTO bench_account (id, balance) VALUES ('a', 1000000)`));
      for (let i = 0; i < WARMUP + ROUNDS; i++) {
        const start = performance.now();
        await db.tx((sql) => sql.run(`UPDATE bench_account SET balance = balance - 1 WHERE id = 'a' AND balance - 1 >= 0`));
        if (i >= WARMUP) raw.push(performance.now() - start);
      }
    } finally {
      await db.close();
    }
    const database = bin ? 'postgresql' : 'sqlite';
    const loadavg1 = Number(os.loadavg()[0]!.toFixed(2));
    const r2 = (x: number) => Number(x.toFixed(2));
    for (const p of [50, 99]) {
      const v = pct(trips, p);
      const b = pct(raw, p);
      emit({
        name: `cards.redemption_round_trip_p${p}_ms`,
        value: r2(v),
        unit: 'ms',
        baseline: r2(b),
        ratio: r2(v / b),
        ...(p === 99 ? { target: '< 50 ms', met: v < 50 } : {}),
        database,
        rounds: ROUNDS,
        baselineIs: 'one raw conditional UPDATE in its own transaction',
        loadavg1,
      });
    }
  } finally {
    await server.stop();
    cluster?.stop();
  }
}

export const cardsBenchmarks: Benchmark[] = [{ name: 'cards.redemption', run: roundTrip }];
