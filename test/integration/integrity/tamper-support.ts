import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { main } from '../../../src-main/cli';
import { DATABASE_FILE } from '../../../src-main/ledger/database';
import { seedLockerDemo } from '../../../src-main/services/lockers';
import { openTerminal, setUpStore } from '../../support/services';

/**
 * A closed data dir with real business in it: a party of two lockers (101, 102) with an open
 * charge of ¥88.00 on 101 (a pending hold on its wristband), a second party that paid ¥168.00
 * in cash (postings), a manager (PIN 1234) and a cashier (PIN 1111).
 */
export async function businessDataDir(): Promise<{ dataDir: string; managerId: string; cashierId: string }> {
  const t = await openTerminal();
  try {
    const { manager, cashier } = await setUpStore(t);
    seedLockerDemo(t.services.lockers);
    await t.ok('lockers.bind', { commandId: uuidv7(), wristbands: ['101', '102'], phone: '13800138000' });
    await t.ok('lockers.charge', { commandId: uuidv7(), wristband: '101', outlet: 'massage', amount: 8_800 });
    await t.ok('lockers.bind', { commandId: uuidv7(), wristbands: ['103'], phone: '13900139000' });
    await t.ok('lockers.charge', { commandId: uuidv7(), wristband: '103', outlet: 'massage', amount: 16_800 });
    await t.ok('lockers.checkout', { commandId: uuidv7(), wristband: '103', tenders: [{ method: 'cash', amount: 20_000 }] });
    return { dataDir: t.dataDir, managerId: manager.id, cashierId: cashier.id };
  } finally {
    await t.close();
  }
}

/**
 * Opens the closed file as an attacker would (better-sqlite3) and runs `fn`: with every trigger
 * dropped, or (`keep: 'checksums'`) only the append-only ones, as someone would who only drops
 * what stops the edit.
 */
export function tamper(dataDir: string, fn: (db: Database.Database) => void, keep: 'nothing' | 'checksums' = 'nothing'): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[];
    for (const name of names.filter((n) => keep === 'nothing' || /_no_(update|delete)$/.test(n))) db.exec(`DROP TRIGGER "${name}"`);
    fn(db);
  } finally {
    db.close();
  }
}

/** The four hand edits issue 11 names; each returns the key it changed. */
export const EDITS = {
  /** A wristband's pending charges lowered by ¥8.00, so it seems to have more left to spend. */
  debitsPending: (db: Database.Database) => {
    const id = db.prepare(`SELECT id FROM ledger_account WHERE debits_pending > 0 ORDER BY id LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE ledger_account SET debits_pending = debits_pending - 800 WHERE id = ?`).run(id);
    return { table: 'ledger_account', key: `id=${JSON.stringify(id)}`, column: 'debits_pending' };
  },
  /** One leg of the cash payment made ¥1.00 smaller. */
  postingAmount: (db: Database.Database) => {
    const p = db.prepare(`SELECT transfer_id, leg FROM ledger_posting ORDER BY transfer_id DESC, leg LIMIT 1`).get() as { transfer_id: string; leg: number };
    db.prepare(`UPDATE ledger_posting SET amount = amount - 100 WHERE transfer_id = ? AND leg = ?`).run(p.transfer_id, p.leg);
    return { table: 'ledger_posting', key: `transfer_id=${JSON.stringify(p.transfer_id)}, leg=${p.leg}`, column: 'amount' };
  },
  /** The open charge on locker 101 lowered from ¥88.00 to ¥8.00. */
  chargeAmount: (db: Database.Database) => {
    const id = db.prepare(`SELECT id FROM locker_charge WHERE status = 'open' LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE locker_charge SET amount = 800 WHERE id = ?`).run(id);
    return { table: 'locker_charge', key: `id=${JSON.stringify(id)}`, column: 'amount' };
  },
  /** The cashier made a manager. */
  staffRole: (db: Database.Database) => {
    const id = db.prepare(`SELECT id FROM staff WHERE role = 'cashier' LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE staff SET role = 'manager' WHERE id = ?`).run(id);
    return { table: 'staff', key: `id=${JSON.stringify(id)}`, column: 'role' };
  },
} as const;

/** `journal verify` as the CLI runs it: exit code and printed lines. */
export async function journalVerify(dataDir: string): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const code = await main(['journal', 'verify', '--data-dir', dataDir], { out: (l) => out.push(l), err: (l) => out.push(l) });
  return { code, out: out.join('\n') };
}
