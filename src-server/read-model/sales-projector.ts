/**
 * The server's sales read model, from one journal entry at a time: the money that moved into or
 * out of the terminal's tender accounts (cash, bank card, mobile, stored value …), per unit.
 * Computed from the ledger ops for now (open → which accounts are tenders; post, reverse and
 * capture legs on them), so it counts exactly what the terminal's ledger posted to its tenders;
 * business events (`payments.*`) can refine it later without changing the tables it feeds.
 */

export interface TenderAccount {
  accountId: string;
  code: string;
  unit: string;
}

/** A hold with one side on a tender account: its capture moves that tender. */
export interface TenderHold {
  holdId: string;
  accountId: string;
  side: 'debit' | 'credit';
}

/** What the projector knows of this terminal before the entry. */
export interface ProjectorState {
  tender(accountId: string): TenderAccount | undefined;
  hold(holdId: string): TenderHold | undefined;
}

export interface EntryProjection {
  /** Tender accounts this entry opened. */
  tenders: TenderAccount[];
  /** Holds this entry placed on tender accounts. */
  holds: TenderHold[];
  /** Net tender movement per unit (debits in minus credits out), zero units left out. */
  takings: Map<string, number>;
}

interface Leg {
  accountId: string;
  side: 'debit' | 'credit';
  amount: number;
}

type Op =
  | { op: 'open'; account: { id: string; code: string; kind: string; unit: string } }
  | { op: 'hold'; holdId: string; debit: string; credit: string; amount: number }
  | { op: 'capture'; holdId: string; amount: number }
  | { op: 'post' | 'reverse'; legs: Leg[] }
  | { op: string };

export function projectEntry(body: { ops?: unknown }, state: ProjectorState): EntryProjection {
  const opened = new Map<string, TenderAccount>();
  const held = new Map<string, TenderHold>();
  const tender = (id: string) => opened.get(id) ?? state.tender(id);
  const takings = new Map<string, number>();
  const move = (accountId: string, side: 'debit' | 'credit', amount: number) => {
    const t = tender(accountId);
    if (!t || !Number.isSafeInteger(amount)) return;
    takings.set(t.unit, (takings.get(t.unit) ?? 0) + (side === 'debit' ? amount : -amount));
  };
  for (const raw of Array.isArray(body.ops) ? (body.ops as Op[]) : []) {
    if (raw.op === 'open' && 'account' in raw && raw.account.kind === 'tender') {
      opened.set(raw.account.id, { accountId: raw.account.id, code: raw.account.code, unit: raw.account.unit });
    } else if (raw.op === 'hold' && 'debit' in raw) {
      if (tender(raw.debit)) held.set(raw.holdId, { holdId: raw.holdId, accountId: raw.debit, side: 'debit' });
      else if (tender(raw.credit)) held.set(raw.holdId, { holdId: raw.holdId, accountId: raw.credit, side: 'credit' });
    } else if (raw.op === 'capture' && 'holdId' in raw && 'amount' in raw) {
      const h = held.get(raw.holdId) ?? state.hold(raw.holdId);
      if (h) move(h.accountId, h.side, raw.amount);
    } else if ((raw.op === 'post' || raw.op === 'reverse') && 'legs' in raw) {
      for (const leg of raw.legs) move(leg.accountId, leg.side, leg.amount);
    }
  }
  for (const [unit, amount] of takings) if (amount === 0) takings.delete(unit);
  return { tenders: [...opened.values()], holds: [...held.values()], takings };
}

/** The business day of an instant in the store's time zone, as YYYY-MM-DD. */
export function businessDay(at: string, timeZone: string): string {
  let f = DAY_FORMATS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    DAY_FORMATS.set(timeZone, f);
  }
  return f.format(new Date(at));
}
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();
