import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyJournal } from '../../../src-main/ledger';
import { cmd, openCounter, type Counter } from './support';

const CHILD = path.join(import.meta.dirname, 'fixtures', 'close-child.ts');
let c: Counter;
afterEach(async () => {
  await c?.close();
});

/** Runs the day close in a child process and SIGKILLs it when it prints `signal`. */
function closeAndKill(dataDir: string, mode: 'inside' | 'after', managerId: string, commandId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const signal = mode === 'inside' ? 'inside\n' : 'committed\n';
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, mode, managerId, '2026-12-04T14:00:00.000Z', commandId], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(signal)) p.kill('SIGKILL');
    });
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (_code, sig) => (sig === 'SIGKILL' ? resolve(out) : reject(new Error(`child ended on its own: ${out} ${err}`))));
  });
}

/** The day's close as each table sees it: all agree, or the close was half-written. */
function closeState(c: Counter, commandId: string) {
  const db = c.services.db.sqlite;
  const one = (sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;
  return {
    dayRow: one(`SELECT count(*) FROM settlement_day WHERE day = '2026-12-04'`),
    journalEvent: one(`SELECT count(*) FROM ledger_journal WHERE body LIKE '%"settlement.day.closed"%'`),
    command: one(`SELECT count(*) FROM ledger_command WHERE command_id = ?`, commandId),
  };
}

describe('a crash in the middle of the day close', () => {
  it('SIGKILL inside the close transaction leaves the day open, with nothing of the close written; closing again works', async () => {
    c = await openCounter();
    await c.lockerSale(101, 12_000);
    const dataDir = c.dataDir;
    await c.close();
    const commandId = cmd();
    const out = await closeAndKill(dataDir, 'inside', c.managerId, commandId);
    expect(out).toContain('inside');
    expect(out).not.toContain('committed');
    await c.reopen();
    expect(closeState(c, commandId)).toEqual({ dayRow: 0, journalEvent: 0, command: 0 });
    expect(verifyJournal(c.services.db.sqlite)).toMatchObject({ ok: true });
    c.clock.now = new Date('2026-12-04T14:00:00.000Z');
    const closed = await c.ok<{ report: { salesTotal: number } }>('settlement.closeDay', { commandId, day: '2026-12-04' });
    expect(closed.report.salesTotal).toBe(12_000);
    expect(closeState(c, commandId)).toEqual({ dayRow: 1, journalEvent: 1, command: 1 });
  }, 120_000);

  it('SIGKILL right after the commit leaves the day closed with its report; a retry returns that report', async () => {
    c = await openCounter();
    await c.lockerSale(101, 12_000);
    const dataDir = c.dataDir;
    await c.close();
    const commandId = cmd();
    await closeAndKill(dataDir, 'after', c.managerId, commandId);
    await c.reopen();
    expect(closeState(c, commandId)).toEqual({ dayRow: 1, journalEvent: 1, command: 1 });
    expect(verifyJournal(c.services.db.sqlite)).toMatchObject({ ok: true });
    const replay = await c.ok<{ report: { salesTotal: number; kind: string } }>('settlement.closeDay', { commandId, day: '2026-12-04' });
    expect(replay.report).toMatchObject({ kind: 'Z', salesTotal: 12_000 });
    c.clock.now = new Date('2026-12-04T15:00:00.000Z');
    expect((await c.refused('settlement.closeDay', { commandId: cmd(), day: '2026-12-04' })).code).toBe('DAY_ALREADY_CLOSED');
  }, 120_000);
});
