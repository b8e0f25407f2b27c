import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openServerDb, type ServerDb } from '../../../src-server/db';
import { ValueError, ValueLedger, type ValueTx } from '../../../src-server/value/value-ledger';
import { databaseKinds } from '../sync/support/databases';
import type { ServerTarget } from '../sync/support/server-process';

const CARD = 'card:m1:alice';
const OUTSIDE = 'outside:cny';
const MERCHANT = 'merchant:m1:revenue';

async function setUp(db: ServerDb, ledger: ValueLedger, cardValue: number): Promise<void> {
  await ledger.command(randomUUID(), 'setup', {}, async (tx) => {
    await tx.openAccount({ id: OUTSIDE, ownerKind: 'outside', ownerId: 'world', kind: 'cash-in', unit: 'CNY', floor: null });
    await tx.openAccount({ id: CARD, ownerKind: 'member', ownerId: 'alice', kind: 'card.paid', unit: 'CNY', floor: 0 });
    await tx.openAccount({ id: MERCHANT, ownerKind: 'merchant', ownerId: 'm1', kind: 'revenue', unit: 'CNY', floor: null });
    await tx.openAccount({ id: 'miles:alice', ownerKind: 'member', ownerId: 'alice', kind: 'miles', unit: 'MILES', floor: 0 });
    if (cardValue) await tx.transfer(OUTSIDE, CARD, cardValue, 'recharge');
  });
  void db;
}

const redeem = (amount: number) => async (tx: ValueTx) => {
  const hold = await tx.hold(CARD, MERCHANT, amount, new Date(Date.now() + 60_000));
  return tx.capture(hold);
};

async function sumOfBalances(db: ServerDb, unit: string): Promise<number> {
  const r = await db.one<{ s: number | string }>(`SELECT SUM(balance) AS s FROM value_account WHERE unit = ?`, [unit]);
  return Number(r?.s ?? 0);
}

describe('server value ledger', () => {
  const kinds = databaseKinds();
  const open: ServerDb[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((d) => d.close()));
  });
  async function db(target: ServerTarget) {
    const d = await openServerDb(target);
    open.push(d);
    return d;
  }

  for (const kind of kinds) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('moves value only in balanced transfers and refuses an overdraft, changing nothing', async () => {
        const d = await db(await kind.target());
        const ledger = new ValueLedger(d);
        await setUp(d, ledger, 50_000);
        await ledger.command(randomUUID(), 'redeem', { n: 1 }, redeem(3_850));
        expect(await ledger.balance(CARD)).toMatchObject({ balance: 46_150, held: 0, available: 46_150 });
        expect(await ledger.balance(MERCHANT)).toMatchObject({ balance: 3_850 });
        await expect(ledger.command(randomUUID(), 'redeem', { n: 2 }, redeem(46_151))).rejects.toMatchObject({ code: 'INSUFFICIENT_VALUE', details: { available: 46_150, requested: 46_151 } });
        expect(await ledger.balance(CARD)).toMatchObject({ balance: 46_150, held: 0 });
        expect(await sumOfBalances(d, 'CNY')).toBe(0);
        await expect(ledger.command(randomUUID(), 'x', {}, (tx) => tx.transfer(CARD, 'miles:alice', 1))).rejects.toMatchObject({ code: 'UNIT_MISMATCH' });
        await expect(ledger.command(randomUUID(), 'x', {}, (tx) => tx.transfer(CARD, 'nope', 1))).rejects.toMatchObject({ code: 'ACCOUNT_UNKNOWN' });
        await expect(ledger.command(randomUUID(), 'x', {}, (tx) => tx.transfer(CARD, MERCHANT, 0.5))).rejects.toMatchObject({ code: 'BAD_AMOUNT' });
      });

      it('holds reserve value; a capture takes at most the hold; void and expiry release it; a settled hold cannot be settled again', async () => {
        const d = await db(await kind.target());
        const ledger = new ValueLedger(d);
        await setUp(d, ledger, 10_000);
        const { result: hold } = await ledger.command(randomUUID(), 'hold', {}, (tx) => tx.hold(CARD, MERCHANT, 6_000, new Date(Date.now() + 60_000)));
        expect(await ledger.balance(CARD)).toMatchObject({ balance: 10_000, held: 6_000, available: 4_000 });
        await expect(ledger.command(randomUUID(), 'hold', { again: true }, (tx) => tx.hold(CARD, MERCHANT, 4_001, new Date(Date.now() + 60_000)))).rejects.toMatchObject({ code: 'INSUFFICIENT_VALUE' });
        await expect(ledger.command(randomUUID(), 'capture', { more: true }, (tx) => tx.capture(hold, 6_001))).rejects.toMatchObject({ code: 'BAD_AMOUNT' });
        await ledger.command(randomUUID(), 'capture', {}, (tx) => tx.capture(hold, 5_000));
        expect(await ledger.balance(CARD)).toMatchObject({ balance: 5_000, held: 0 });
        await expect(ledger.command(randomUUID(), 'void', {}, (tx) => tx.void(hold))).rejects.toMatchObject({ code: 'HOLD_NOT_OPEN' });

        const { result: h2 } = await ledger.command(randomUUID(), 'hold', { h: 2 }, (tx) => tx.hold(CARD, MERCHANT, 1_000, new Date(Date.now() + 60_000)));
        await ledger.command(randomUUID(), 'void', { h: 2 }, (tx) => tx.void(h2));
        expect(await ledger.balance(CARD)).toMatchObject({ balance: 5_000, held: 0 });

        const { result: h3 } = await ledger.command(randomUUID(), 'hold', { h: 3 }, (tx) => tx.hold(CARD, MERCHANT, 2_000, new Date(Date.now() - 1)));
        await expect(ledger.command(randomUUID(), 'capture', { h: 3 }, (tx) => tx.capture(h3))).rejects.toMatchObject({ code: 'HOLD_EXPIRED' });
        expect(await ledger.expireHolds(new Date())).toBe(1);
        expect(await ledger.balance(CARD)).toMatchObject({ balance: 5_000, held: 0, available: 5_000 });
        expect(await sumOfBalances(d, 'CNY')).toBe(0);
      });

      it('a command id answers the same again, a refusal too; reused for another body it is refused', async () => {
        const d = await db(await kind.target());
        const ledger = new ValueLedger(d);
        await setUp(d, ledger, 5_000);
        const id = randomUUID();
        const first = await ledger.command(id, 'redeem', { amount: 1_000 }, redeem(1_000));
        const again = await ledger.command(id, 'redeem', { amount: 1_000 }, redeem(1_000));
        expect(again).toEqual({ result: first.result, replay: true });
        expect(await ledger.balance(CARD)).toMatchObject({ balance: 4_000 });
        await expect(ledger.command(id, 'redeem', { amount: 2_000 }, redeem(2_000))).rejects.toMatchObject({ code: 'COMMAND_REUSED' });

        const refused = randomUUID();
        await expect(ledger.command(refused, 'redeem', { amount: 9_000 }, redeem(9_000))).rejects.toMatchObject({ code: 'INSUFFICIENT_VALUE' });
        // Value arrives meanwhile; the retry of the refused command still answers as it did.
        await ledger.command(randomUUID(), 'recharge', {}, (tx) => tx.transfer(OUTSIDE, CARD, 10_000));
        await expect(ledger.command(refused, 'redeem', { amount: 9_000 }, redeem(9_000))).rejects.toMatchObject({ code: 'INSUFFICIENT_VALUE' });
        expect(await ledger.balance(CARD)).toMatchObject({ balance: 14_000 });
      });

      it('100 concurrent redemptions from several connections never overdraw, and each succeeds or fails exactly once', async () => {
        const target = await kind.target();
        const d1 = await db(target);
        // On PostgreSQL two pools, as two server processes would have. On SQLite one handle: a second
        // connection in the same process would wait for the write lock synchronously, blocking the
        // event loop the first one needs to finish (two server processes on one file are tested in
        // the server suite).
        const d2 = kind.name === 'PostgreSQL' ? await db(target) : d1;
        const ledgers = [new ValueLedger(d1), new ValueLedger(d2)];
        await setUp(d1, ledgers[0]!, 50_000);
        const ids = Array.from({ length: 100 }, () => randomUUID());
        const attempt = (i: number) =>
          ledgers[i % 2]!.command(ids[i]!, 'redeem', { amount: 1_000, i }, redeem(1_000)).then(
            () => 'ok' as const,
            (e: unknown) => {
              if (e instanceof ValueError && e.code === 'INSUFFICIENT_VALUE') return 'refused' as const;
              throw e;
            },
          );
        const outcomes = await Promise.all(ids.map((_, i) => attempt(i)));
        expect(outcomes.filter((o) => o === 'ok')).toHaveLength(50);
        expect(await ledgers[0]!.balance(CARD)).toMatchObject({ balance: 0, held: 0 });
        expect(await ledgers[0]!.balance(MERCHANT)).toMatchObject({ balance: 50_000 });
        // Every retry (half of them on the other handle) answers as the first time; nothing moves.
        const again = await Promise.all(ids.map((id, i) => ledgers[(i + 1) % 2]!.command(id, 'redeem', { amount: 1_000, i }, redeem(1_000)).then(() => 'ok', () => 'refused')));
        expect(again).toEqual(outcomes);
        expect(await ledgers[1]!.balance(CARD)).toMatchObject({ balance: 0, held: 0 });
        const transfers = await d1.one<{ n: number | string }>(`SELECT COUNT(*) AS n FROM value_transfer WHERE from_account = ?`, [CARD]);
        expect(Number(transfers?.n)).toBe(50);
      }, 120_000);
    });
  }
});
