import type { Sql } from '../db';
import { businessDay, projectEntry, type TenderAccount, type TenderHold } from './sales-projector';

export interface ProjectedEntry {
  seq: number;
  body: { at?: unknown; ops?: unknown };
}

const CHUNK = 300;

/**
 * Feeds the sales read model with a batch of entries the server has just stored, in the same
 * transaction, so every entry is counted exactly once (a resent entry is a duplicate and never
 * reaches here).
 */
export async function projectSales(sql: Sql, terminalId: string, entries: ProjectedEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const t = await sql.one<{ store_id: string; time_zone: string }>(`SELECT t.store_id, s.time_zone FROM terminal t JOIN store s ON s.id = t.store_id WHERE t.id = ?`, [terminalId]);
  if (!t) return;
  const tenders = new Map<string, TenderAccount>();
  for (const r of await sql.all<{ account_id: string; code: string; unit: string }>(`SELECT account_id, code, unit FROM read_tender_account WHERE terminal_id = ?`, [terminalId])) {
    tenders.set(r.account_id, { accountId: r.account_id, code: r.code, unit: r.unit });
  }
  const holds = new Map<string, TenderHold>();
  const captured = [...new Set(entries.flatMap((e) => (Array.isArray(e.body.ops) ? (e.body.ops as { op?: string; holdId?: string }[]) : []).filter((o) => o.op === 'capture' && typeof o.holdId === 'string').map((o) => o.holdId!)))];
  for (let i = 0; i < captured.length; i += CHUNK) {
    const ids = captured.slice(i, i + CHUNK);
    const rows = await sql.all<{ hold_id: string; account_id: string; side: 'debit' | 'credit' }>(
      `SELECT hold_id, account_id, side FROM read_tender_hold WHERE terminal_id = ? AND hold_id IN (${ids.map(() => '?').join(', ')})`,
      [terminalId, ...ids],
    );
    for (const r of rows) holds.set(r.hold_id, { holdId: r.hold_id, accountId: r.account_id, side: r.side });
  }

  const newTenders: TenderAccount[] = [];
  const newHolds: TenderHold[] = [];
  const days = new Map<string, { day: string; unit: string; amount: number; entries: number }>();
  for (const e of entries) {
    const p = projectEntry(e.body, { tender: (id) => tenders.get(id), hold: (id) => holds.get(id) });
    for (const a of p.tenders) {
      tenders.set(a.accountId, a);
      newTenders.push(a);
    }
    for (const h of p.holds) {
      holds.set(h.holdId, h);
      newHolds.push(h);
    }
    if (p.takings.size === 0 || typeof e.body.at !== 'string') continue;
    const day = businessDay(e.body.at, t.time_zone);
    for (const [unit, amount] of p.takings) {
      const key = `${day}|${unit}`;
      const d = days.get(key) ?? { day, unit, amount: 0, entries: 0 };
      d.amount += amount;
      d.entries += 1;
      days.set(key, d);
    }
  }
  for (let i = 0; i < newTenders.length; i += CHUNK) {
    const part = newTenders.slice(i, i + CHUNK);
    await sql.run(
      `INSERT INTO read_tender_account (terminal_id, account_id, code, unit) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
      part.flatMap((a) => [terminalId, a.accountId, a.code, a.unit]),
    );
  }
  for (let i = 0; i < newHolds.length; i += CHUNK) {
    const part = newHolds.slice(i, i + CHUNK);
    await sql.run(
      `INSERT INTO read_tender_hold (terminal_id, hold_id, account_id, side) VALUES ${part.map(() => '(?, ?, ?, ?)').join(', ')} ON CONFLICT DO NOTHING`,
      part.flatMap((h) => [terminalId, h.holdId, h.accountId, h.side]),
    );
  }
  for (const d of days.values()) {
    await sql.run(
      `INSERT INTO sales_day (store_id, terminal_id, day, unit, amount, entries) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (store_id, terminal_id, day, unit) DO UPDATE SET amount = sales_day.amount + excluded.amount, entries = sales_day.entries + excluded.entries`,
      [t.store_id, terminalId, d.day, d.unit, d.amount, d.entries],
    );
  }
}
