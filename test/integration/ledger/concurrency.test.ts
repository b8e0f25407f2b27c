import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInvariants, makeLedger, open } from '../../unit/ledger/support';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'child.ts');

export function runChild(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('concurrency', () => {
  it('several processes hammering one group quota never over-authorize', async () => {
    const t = await makeLedger();
    try {
      const L = t.ledger;
      const revenue = open(L, 'revenue', 'revenue');
      const group = open(L, 'party', 'customer_group', { group: true, quota: 15_000 });
      const bands = [1, 2, 3, 4].map((i) => open(L, `band-${i}`, 'medium', { parentId: group, quota: 6000 }));
      const WORKERS = 3;
      const startAt = Date.now() + 3000;
      const results = await Promise.all(Array.from({ length: WORKERS }, () => runChild(['hammer', t.db.file, '300', revenue, bands.join(','), String(startAt)])));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const summaries = results.map((r) => JSON.parse(r.stdout) as { ok: number; refused: number; authorized: number });
      // The quota was actually contended: several workers got holds through and some were refused.
      expect(summaries.filter((s) => s.ok > 0).length).toBeGreaterThanOrEqual(2);
      expect(summaries.reduce((n, s) => n + s.refused, 0)).toBeGreaterThan(0);
      const b = L.balance(group);
      expect(b.posted + b.pendingIncrease).toBeLessThanOrEqual(15_000);
      const journal = checkInvariants(t.db.sqlite);
      const ok = summaries.reduce((n, s) => n + s.ok, 0);
      expect(L.holds(bands[0]!).length + L.holds(bands[1]!).length + L.holds(bands[2]!).length + L.holds(bands[3]!).length).toBe(ok);
      expect(journal).toBeGreaterThan(ok);
    } finally {
      await t.close();
    }
  }, 120_000);
});
