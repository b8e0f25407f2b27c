import { v7 as uuidv7 } from 'uuid';
import type { SyncStatus, SyncTiming } from '../../../../src-main/services/sync/sync-service';
import type { PullTiming } from '../../../../src-main/services/sync/reference/reference-puller';
import type { UpdateTiming } from '../../../../src-main/services/sync/updates/update-service';
import { openTerminal, setUpStore, type TestTerminal } from '../../../support/services';

/** Fast polls and backoff so a test waits milliseconds, not minutes, for a retry. */
export const FAST_SYNC: Partial<SyncTiming> = { pollMs: 50, minBackoffMs: 50, maxBackoffMs: 400, requestTimeoutMs: 1500, batchSize: 500, heartbeatMs: 200 };

export interface SyncTerminal extends TestTerminal {
  /** Commits `n` cash sales (one journal entry each) through the ledger. */
  sell(n: number): void;
  localSeq(): number;
  waitFor(pred: (s: SyncStatus) => boolean, what: string, limitMs?: number): Promise<SyncStatus>;
}

export async function syncTerminal(opts: { dataDir?: string; now?: () => Date; timing?: Partial<SyncTiming>; pull?: Partial<PullTiming>; updates?: Partial<UpdateTiming>; fresh?: boolean; value?: { retryMs?: number } } = {}): Promise<SyncTerminal> {
  const t = await openTerminal({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.now ? { now: opts.now } : {}),
    sync: { timing: { ...FAST_SYNC, ...opts.timing }, ...(opts.pull ? { pull: opts.pull } : {}) },
    ...(opts.updates ? { updates: { timing: opts.updates } } : {}),
    ...(opts.value ? { value: opts.value } : {}),
  });
  if (opts.fresh !== false) await setUpStore(t);
  const ledger = t.services.ledger;
  const accounts = t.services.db.sqlite.prepare(`SELECT id, code FROM ledger_account WHERE code IN ('test-cash', 'test-sales')`).all() as { id: string; code: string }[];
  let cash = accounts.find((a) => a.code === 'test-cash')?.id;
  let sales = accounts.find((a) => a.code === 'test-sales')?.id;
  cash ??= ledger.openAccount({ commandId: uuidv7(), code: 'test-cash', name: 'Cash', kind: 'tender', unit: 'CNY' }).accountId;
  sales ??= ledger.openAccount({ commandId: uuidv7(), code: 'test-sales', name: 'Sales', kind: 'revenue', unit: 'CNY' }).accountId;
  return Object.assign(t, {
    sell(n: number) {
      for (let i = 0; i < n; i++) {
        const amount = 100 + (i % 900);
        ledger.post({ commandId: uuidv7(), legs: [{ accountId: cash, side: 'debit' as const, amount }, { accountId: sales, side: 'credit' as const, amount }] });
      }
    },
    localSeq: () => t.services.sync.status().localSeq,
    async waitFor(pred: (s: SyncStatus) => boolean, what: string, limitMs = 60_000) {
      const until = Date.now() + limitMs;
      for (;;) {
        const s = t.services.sync.status();
        if (pred(s)) return s;
        if (Date.now() > until) throw new Error(`sync never reached: ${what}; status ${JSON.stringify(s)}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  });
}

export const inSync = (s: SyncStatus) => s.enrolled && s.backlog === 0 && s.ackedSeq === s.localSeq;
