import { LedgerError } from '../domain/ledger';
import { businessDayOf, type Dating, type LastClose } from '../domain/settlement/business-day';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './types';

/**
 * The ledger's side of the day close: every entry is dated (its `at`, in the store's time zone)
 * and an entry that would be dated into a day a Z report closed is refused with DAY_CLOSED, in
 * the posting path itself, so no workflow can forget it. The closed days are the
 * `settlement_day` rows the settlement projector writes; the rule is `businessDayOf`.
 */
export class DayGuard {
  private lastStmt: Statement<[], LastClose> | null | undefined;

  constructor(
    private readonly db: Sqlite,
    /** The store's time zone, read at each entry (a manager may change it). */
    private readonly timeZone: () => string,
  ) {}

  /** The last closed day, or null before the first Z report. */
  lastClose(): LastClose | null {
    if (this.lastStmt === undefined) {
      try {
        this.lastStmt = this.db.prepare<[], LastClose>(`SELECT day, closed_at AS closedAt FROM settlement_day ORDER BY day DESC LIMIT 1`);
      } catch {
        this.lastStmt = null; // a database without the settlement tables (ledger-only tests): no day is closed
      }
    }
    return this.lastStmt?.get() ?? null;
  }

  dating(at: string): Dating {
    return businessDayOf(at, this.timeZone(), this.lastClose());
  }

  /** Throws DAY_CLOSED when an entry made at `at` would fall into a closed day. */
  check(at: string): void {
    const d = this.dating(at);
    if (!d.ok) throw new LedgerError('DAY_CLOSED', { day: d.closedDay });
  }
}
