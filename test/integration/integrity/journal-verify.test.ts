import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EDITS, businessDataDir, journalVerify, tamper } from './tamper-support';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function dataDir() {
  const d = await businessDataDir();
  dirs.push(d.dataDir);
  return d;
}

describe('journal verify rebuilds every derived table from the journal', () => {
  it('an untouched ledger verifies clean (exit 0)', async () => {
    const { dataDir: dir } = await dataDir();
    const v = await journalVerify(dir);
    expect(v.out).toMatch(/^OK \d+ entries; \d+ derived tables match the journal$/);
    expect(v.code).toBe(0);
  });

  it.each(['debitsPending', 'postingAmount', 'chargeAmount', 'staffRole'] as const)('a hand edit (%s) is reported with its table, key and column, exit 1', async (edit) => {
    const { dataDir: dir } = await dataDir();
    let where: { table: string; key: string; column: string } | undefined;
    tamper(dir, (db) => {
      where = EDITS[edit](db);
    });
    const v = await journalVerify(dir);
    expect(v.code).toBe(1);
    expect(v.out).toContain(`table ${where!.table}, key ${where!.key}, column ${where!.column}`);
    expect(v.out).toMatch(/the journal says/);
  });

  it('a row deleted from a workflow table, or one added, is named', async () => {
    const a = (await dataDir()).dataDir;
    let id = '';
    tamper(a, (db) => {
      id = db.prepare(`SELECT id FROM locker_charge WHERE status = 'settled'`).pluck().get() as string;
      db.prepare(`DELETE FROM locker_charge WHERE id = ?`).run(id);
    });
    expect(await journalVerify(a)).toEqual({ code: 1, out: expect.stringContaining(`table locker_charge, key id="${id}": locker_charge row id="${id}" is in the journal but missing from the table`) });
    const b = (await dataDir()).dataDir;
    tamper(b, (db) => {
      db.prepare(`INSERT INTO ledger_hold (id, debit_account_id, credit_account_id, amount, unit, status, created_at)
        SELECT 'zz-forged', debit_account_id, credit_account_id, 100, unit, 'pending', created_at FROM ledger_hold LIMIT 1`).run();
    });
    expect(await journalVerify(b)).toEqual({ code: 1, out: expect.stringContaining('table ledger_hold, key id="zz-forged": ledger_hold row id="zz-forged" is in the table but not in the journal') });
  });
});
