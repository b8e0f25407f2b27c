import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { CounterPage } from './pages/counter';
import { LockerPage } from './pages/lockers';
import { startHost, type HostProcess } from './support/host';

/**
 * Issue 11, item 4: a ledger edited by hand while the terminal was off. The terminal starts
 * read-only; the manager sees the alarm naming the table and row and runs the full check; a
 * cashier's sale is refused with the message telling them to call the manager.
 */
test.describe('a tampered ledger (issue 11, item 4)', () => {
  const hosts: HostProcess[] = [];
  test.afterEach(async () => {
    while (hosts.length) await hosts.pop()!.stop();
  });

  // The counter's smallest screen: the alarm and the check's buttons must fit it.
  test.use({ viewport: { width: 1024, height: 768 } });

  test('the manager sees the alarm and runs the full check; a cashier’s charge is refused with the message', async ({ page }) => {
    test.setTimeout(180_000);
    // A demo store: a cashier binds locker 101 and charges ¥88 to it.
    const first = await startHost({ demo: true });
    hosts.push(first);
    await page.goto(first.openUrl);
    const counter = new CounterPage(page);
    const lockers = new LockerPage(page);
    await counter.signInByTouch('李娜 Li Na', '1111');
    await lockers.open();
    await lockers.bindParty([101], '13800138000', '500', '1000');
    await expect(lockers.status).toContainText('已将 101 号柜绑定');
    await lockers.charge(101, '按摩', { amount: '88' });
    await expect(lockers.status).toContainText('已记入 ¥88.00（101 号柜）');
    await first.stop();
    hosts.pop();

    // While the terminal is off, someone lowers the charge to ¥8 in the database file.
    const db = new Database(path.join(first.dataDir, 'counter-pos.sqlite'));
    for (const t of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).pluck().all() as string[]) db.exec(`DROP TRIGGER "${t}"`);
    const chargeId = db.prepare(`SELECT id FROM locker_charge WHERE amount = 8800`).pluck().get() as string;
    db.prepare(`UPDATE locker_charge SET amount = 800 WHERE id = ?`).run(chargeId);
    db.close();

    const second = await startHost({ demo: true, dataDir: first.dataDir });
    hosts.push(second);
    await page.goto(second.openUrl);
    await counter.signInByTouch('王芳 Wang Fang', '1234');
    const alarm = page.getByTestId('status-ledger-alarm');
    await expect(alarm).toBeVisible();
    // The background rebuild names the row.
    await expect(alarm).toContainText(`locker_charge id="${chargeId}"`);
    await expect(alarm).toContainText('已暂停收款');
    await page.getByTestId('status-ledger').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('ledger-finding')).toContainText('amount');
    await dialog.getByTestId('ledger-run').click();
    await expect(dialog.getByTestId('ledger-verify-result')).toContainText(`全面核查未通过：FAILED table locker_charge, key id="${chargeId}", column amount`);
    await dialog.getByRole('button', { name: '返回' }).click();
    await counter.switchLanguage('English');
    await expect(alarm).toContainText('Ledger failed its check');
    await counter.switchLanguage('中文');
    await counter.signOut();

    // The cashier's next charge is refused, with what to do.
    await counter.signInByTouch('李娜 Li Na', '1111');
    await expect(page.getByTestId('status-ledger-alarm')).toContainText('只读');
    await lockers.open();
    await lockers.charge(101, '按摩', { amount: '20' });
    const refusal = page.getByRole('alert').filter({ hasText: '账本安全校验未通过' });
    await expect(refusal).toContainText(`locker_charge id="${chargeId}"`);
    await expect(refusal).toContainText('请立即联系店长');
  });
});
