import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Ledger } from '../../../src-main/ledger';
import { STORE, TERMINAL, checkInvariants, makeLedger, open } from '../../unit/ledger/support';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'child.ts');
const ITERATIONS = 20;

/** Runs the command stream until a random moment after it is ready, then SIGKILLs it. */
function runAndKill(file: string, args: string[], killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, 'stream', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed && out.includes('ready\n')) {
        armed = true;
        setTimeout(() => p.kill('SIGKILL'), killAfterMs);
      }
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`child ended on its own: ${err}`));
      else resolve(out.split('\n'));
    });
  });
}

describe('crash safety', () => {
  it(`after ${ITERATIONS} SIGKILLs at random moments every reported commit survives, nothing is half-written, the journal verifies`, async () => {
    const t = await makeLedger();
    const L = t.ledger;
    const revenue = open(L, 'revenue', 'revenue');
    const cash = open(L, 'cash', 'tender');
    const group = open(L, 'group', 'customer_group', { group: true, quota: 1_000_000 });
    const bands = [1, 2, 3].map((i) => open(L, `band-${i}`, 'medium', { parentId: group, quota: 400_000 }));
    const file = t.db.file;
    await t.db.close();
    let committed = 0;
    try {
      for (let i = 0; i < ITERATIONS; i++) {
        const lines = await runAndKill(file, [revenue, cash, bands.join(',')], 20 + Math.floor(Math.random() * 250));
        const reported = lines.filter((l) => l.startsWith('ok ')).map((l) => l.split(' '));
        committed += reported.length;
        const db = new Database(file);
        try {
          db.pragma('journal_mode = WAL');
          const byId = db.prepare(`SELECT result FROM ledger_command WHERE command_id = ?`).pluck();
          for (const [, id, result] of reported) {
            const stored = byId.get(id!) as string | undefined;
            expect(stored, `command ${id} was reported committed`).toBeDefined();
            expect(JSON.parse(stored!)).toEqual(JSON.parse(result!));
          }
          checkInvariants(db);
          // Replaying a reported command returns its first result: the idempotency record survived too.
          const last = reported.at(-1);
          if (last) {
            const ledger = new Ledger(db, { storeId: STORE, terminalId: TERMINAL });
            expect(ledger.commandResult(last[1]!)).toEqual(JSON.parse(last[2]!));
          }
        } finally {
          db.close();
        }
      }
      expect(committed).toBeGreaterThan(ITERATIONS);
    } finally {
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  }, 120_000);
});
