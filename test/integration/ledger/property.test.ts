import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedgerError, type Ledger, type Step } from '../../../src-main/ledger';
import { checkInvariants, cid, makeLedger, open } from '../../unit/ledger/support';
import { rebuild, snapshot } from './rebuild';

/** Refusals a random workload may legitimately meet; anything else fails the property. */
const EXPECTED = new Set([
  'QUOTA_EXCEEDED',
  'INSUFFICIENT_FUNDS',
  'HOLD_NOT_PENDING',
  'HOLD_EXPIRED',
  'CAPTURE_EXCEEDS_HOLD',
  'ALREADY_REVERSED',
  'INVALID_COMMAND',
]);

const pick = fc.nat({ max: 1000 });
const amount = fc.integer({ min: 1, max: 700 });
const action = fc.oneof(
  fc.record({ t: fc.constant('authorize' as const), who: pick, amount, ttl: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }) }),
  fc.record({ t: fc.constant('capture' as const), hold: pick, amount: fc.option(amount, { nil: undefined }) }),
  fc.record({ t: fc.constant('void' as const), hold: pick }),
  fc.record({ t: fc.constant('topup' as const), amount }),
  fc.record({ t: fc.constant('spend' as const), who: pick, amount }),
  fc.record({ t: fc.constant('reverse' as const), transfer: pick }),
  fc.record({ t: fc.constant('checkout' as const), holds: fc.array(pick, { minLength: 1, maxLength: 3 }), extra: fc.nat({ max: 300 }) }),
  fc.record({ t: fc.constant('miles' as const), amount }),
  fc.record({ t: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 3000 }) }),
  fc.record({ t: fc.constant('retry' as const), which: pick }),
);
type Action = typeof action extends fc.Arbitrary<infer A> ? A : never;

describe('ledger invariants under random interleavings', () => {
  it('never exceeds a limit, balances equal their postings, transfers sum to zero, the journal verifies and replays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 40 }), async (actions) => {
        const t = await makeLedger();
        const L = t.ledger;
        try {
          const revenue = open(L, 'revenue', 'revenue');
          const cash = open(L, 'cash', 'tender');
          const group = open(L, 'group', 'customer_group', { group: true, quota: 600 });
          const bands = [1, 2, 3].map((i) => open(L, `band-${i}`, 'medium', { parentId: group, quota: 500 }));
          const card = open(L, 'card', 'stored_value');
          const miles = open(L, 'miles', 'miles', { unit: 'MILES' });
          const milesIssued = open(L, 'miles-issued', 'clearing', { unit: 'MILES' });
          const spenders = [...bands, card];
          const holds: string[] = [];
          const transfers: string[] = [];
          const done: { run: () => unknown; result: unknown }[] = [];
          const at = <T>(list: T[], i: number): T | undefined => (list.length ? list[i % list.length] : undefined);

          const exec = (a: Action): unknown => {
            const commandId = cid();
            switch (a.t) {
              case 'authorize': {
                const input = { commandId, debitAccountId: at(spenders, a.who)!, creditAccountId: revenue, amount: a.amount, ttlMs: a.ttl };
                return { run: () => L.authorize(input) };
              }
              case 'capture': {
                const holdId = at(holds, a.hold);
                return holdId && { run: () => L.capture({ commandId, holdId, amount: a.amount }) };
              }
              case 'void': {
                const holdId = at(holds, a.hold);
                return holdId && { run: () => L.void({ commandId, holdId }) };
              }
              case 'topup':
                return { run: () => L.post({ commandId, legs: [{ accountId: cash, side: 'debit', amount: a.amount }, { accountId: card, side: 'credit', amount: a.amount }] }) };
              case 'spend':
                return { run: () => L.post({ commandId, legs: [{ accountId: at(spenders, a.who)!, side: 'debit', amount: a.amount }, { accountId: revenue, side: 'credit', amount: a.amount }] }) };
              case 'miles':
                return { run: () => L.post({ commandId, legs: [{ accountId: milesIssued, side: 'debit', amount: a.amount }, { accountId: miles, side: 'credit', amount: a.amount }] }) };
              case 'reverse': {
                const transferId = at(transfers, a.transfer);
                return transferId && { run: () => L.reverse({ commandId, transferId }) };
              }
              case 'checkout': {
                const steps: Step[] = a.holds.map((h): Step => ({ type: 'capture', holdId: at(holds, h)! })).filter((s) => s.type !== 'capture' || s.holdId);
                steps.push({ type: 'post', legs: [{ accountId: cash, side: 'debit', amount: a.extra + 1 }, { accountId: revenue, side: 'credit', amount: a.extra + 1 }] });
                return { run: () => L.commit({ commandId, steps }) };
              }
              case 'tick':
                t.clock.t += a.ms;
                return undefined;
              case 'retry': {
                const prev = at(done, a.which);
                if (prev) expect(prev.run()).toEqual(prev.result);
                return undefined;
              }
            }
          };

          for (const a of actions) {
            const cmd = exec(a) as { run: () => unknown } | undefined;
            if (!cmd) continue;
            try {
              const result = cmd.run() as Record<string, unknown>;
              done.push({ run: cmd.run, result });
              const results = (result.results as Record<string, unknown>[] | undefined) ?? [result];
              for (const r of results) {
                if (typeof r.holdId === 'string' && a.t === 'authorize') holds.push(r.holdId);
                if (typeof r.transferId === 'string') transfers.push(r.transferId);
              }
            } catch (e) {
              if (!(e instanceof LedgerError) || !EXPECTED.has(e.code)) throw e;
            }
            checkInvariants(t.db.sqlite);
          }
          L.expireHolds();
          checkInvariants(t.db.sqlite);

          const fresh = await makeLedger();
          try {
            rebuild(t.db.sqlite, fresh.ledger);
            expect(snapshot(fresh.db.sqlite)).toEqual(snapshot(t.db.sqlite));
            checkInvariants(fresh.db.sqlite);
          } finally {
            await fresh.close();
          }
        } finally {
          await t.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

export type { Ledger };
