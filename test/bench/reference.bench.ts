/**
 * Reference data push → pull (issue 15 item 6): from a price change committed in the back office
 * to the terminal having applied it, with the terminal's timed poll set to 10 minutes so only the
 * push channel can bring it. Same-run baseline: the terminal pulling right after the change
 * itself (no push in between), i.e. the HTTP pull + local transaction alone.
 */
import os from 'node:os';
import { Admin, startServer } from '../integration/sync/support/server-process';
import { syncTerminal } from '../integration/sync/support/terminal';
import { tempDir } from '../support/services';
import type { Benchmark, BenchLine } from './run';

const CHANGES = Number(process.env.REFERENCE_BENCH_CHANGES ?? 40);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function pushToPull(emit: (l: BenchLine) => void): Promise<void> {
  const server = await startServer({ dataDir: tempDir('pos-bench-ref-') });
  const t = await syncTerminal({ pull: { pullMs: 600_000 } });
  try {
    const admin = await Admin.signIn(server.url);
    const store = await admin.store('Bench');
    await t.ok('sync.enroll', { serverUrl: server.url, code: await admin.pairingCode(store.id) });
    while (!t.services.sync.status().reference?.pushConnected) await new Promise((r) => setTimeout(r, 20));
    const write = async (price: number) => {
      const r = await admin.request('POST', '/admin/api/reference/fuel.grades', { records: [{ id: '92', body: { name: '92#', prices: [{ price, effectiveFrom: '2026-01-01T00:00:00Z' }] } }] });
      return r.json.versions[0] as number;
    };
    const pushed: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const start = performance.now();
      const v = await write(700 + i);
      while (t.services.reference.cursor('fuel.grades') < v) await new Promise((r) => setTimeout(r, 2));
      pushed.push(performance.now() - start);
    }
    // Baseline: the same change, pulled by the terminal at once (the push channel's notice ignored: the pull below is awaited).
    const direct: number[] = [];
    for (let i = 0; i < CHANGES; i++) {
      const start = performance.now();
      const v = await write(800 + i);
      while (t.services.reference.cursor('fuel.grades') < v) await t.services.sync.puller!.pullAll();
      direct.push(performance.now() - start);
    }
    const p50 = pct(pushed, 50);
    const p99 = pct(pushed, 99);
    const base = pct(direct, 50);
    const loadavg1 = Number(os.loadavg()[0]!.toFixed(2));
    emit({ name: 'sync.reference_push_to_applied_p50_ms', value: Math.round(p50), unit: 'ms', baseline: Math.round(base), ratio: Number((p50 / base).toFixed(2)), changes: CHANGES, loadavg1 });
    emit({ name: 'sync.reference_push_to_applied_p99_ms', value: Math.round(p99), unit: 'ms', baseline: Math.round(pct(direct, 99)), ratio: Number((p99 / pct(direct, 99)).toFixed(2)), target: '< 1000 ms', met: p99 < 1000, loadavg1 });
  } finally {
    await t.close();
    await server.stop();
  }
}

export const referenceBenchmarks: Benchmark[] = [{ name: 'sync.reference', run: pushToPull }];
