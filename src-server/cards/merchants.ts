import { randomUUID } from 'node:crypto';
import type { MerchantState, MerchantView } from '../../src-main/domain/member-cards/protocol';
import type { ServerDb, Sql } from '../db';
import { randomToken } from '../secrets';
import { cardHttpError } from './errors';

/**
 * Merchants on the platform: a store (or a merchant in a shared venue, several per store) applies;
 * a platform admin approves or rejects it with a reason, and may suspend and reinstate it later.
 * Every decision is audited (who, when, why). Approval gives the merchant its QR token once: 16
 * random bytes (128 bits) as base64url, unique, never changed again, so a printed poster keeps
 * working for as long as the merchant is approved; a suspension refuses it at its next use (every
 * request reads the state, nothing is cached).
 */
export interface MerchantRow {
  id: string;
  store_id: string;
  name: string;
  contact: string;
  phone: string;
  address: string;
  state: MerchantState;
  qr_token: string | null;
  reversal_minutes: number | string;
  reason: string;
  applied_at: string;
  decided_at: string | null;
  decided_by: string | null;
}

export const QR_PATH = '/m/';
/** Bytes of randomness in a merchant's QR token (≥ 128 bits: unguessable). */
const TOKEN_BYTES = 16;

export function merchantView(m: MerchantRow): MerchantView {
  return {
    id: m.id,
    storeId: m.store_id,
    name: m.name,
    state: m.state,
    qrToken: m.qr_token,
    qrPath: m.qr_token ? `${QR_PATH}${m.qr_token}` : null,
    reversalMinutes: Number(m.reversal_minutes),
  };
}

const COLUMNS = 'id, store_id, name, contact, phone, address, state, qr_token, reversal_minutes, reason, applied_at, decided_at, decided_by';

export async function findMerchant(sql: Sql, id: string): Promise<MerchantRow | undefined> {
  return sql.one<MerchantRow>(`SELECT ${COLUMNS} FROM merchant WHERE id = ?`, [id]);
}

export async function merchantByToken(sql: Sql, token: string): Promise<MerchantRow | undefined> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
  return sql.one<MerchantRow>(`SELECT ${COLUMNS} FROM merchant WHERE qr_token = ?`, [token]);
}

export async function storeMerchants(sql: Sql, storeId: string): Promise<MerchantRow[]> {
  return sql.all<MerchantRow>(`SELECT ${COLUMNS} FROM merchant WHERE store_id = ? ORDER BY applied_at, id`, [storeId]);
}

export async function allMerchants(sql: Sql): Promise<MerchantRow[]> {
  return sql.all<MerchantRow>(`SELECT ${COLUMNS} FROM merchant ORDER BY applied_at DESC, id LIMIT 500`);
}

/** Refuses a merchant that cannot take payments now; the state is read on every request. */
export function requireApproved(m: MerchantRow | undefined): MerchantRow {
  if (!m) throw cardHttpError('MERCHANT_NOT_FOUND', 'No such merchant.');
  if (m.state === 'suspended') throw cardHttpError('MERCHANT_SUSPENDED', 'This merchant is suspended on the platform; its cards and code do not work.');
  if (m.state !== 'approved') throw cardHttpError('MERCHANT_NOT_APPROVED', 'This merchant is not approved on the platform yet.', { state: m.state });
  return m;
}

/** A terminal's merchant: only its own store's, and only while approved. */
export async function terminalMerchant(sql: Sql, storeId: string, merchantId: string): Promise<MerchantRow> {
  const m = await findMerchant(sql, merchantId);
  return requireApproved(m && m.store_id === storeId ? m : undefined);
}

export interface Application {
  storeId: string;
  name: string;
  contact: string;
  phone: string;
  address: string;
}

export interface Decider {
  adminId: string;
  username: string;
}

async function audit(sql: Sql, merchantId: string, action: string, who: Decider, reason: string, at: string): Promise<void> {
  await sql.run(`INSERT INTO merchant_audit (id, merchant_id, action, admin_id, username, reason, at) VALUES (?, ?, ?, ?, ?, ?, ?)`, [randomUUID(), merchantId, action, who.adminId, who.username, reason, at]);
}

export async function applyMerchant(db: ServerDb, a: Application, who: Decider, now: Date, id: string = randomUUID()): Promise<MerchantRow> {
  return db.tx(async (sql) => {
    if (!(await sql.one(`SELECT id FROM store WHERE id = ?`, [a.storeId]))) throw cardHttpError('INVALID_INPUT', 'No such store.');
    await sql.run(`INSERT INTO merchant (id, store_id, name, contact, phone, address, state, applied_at) VALUES (?, ?, ?, ?, ?, ?, 'applied', ?)`, [id, a.storeId, a.name, a.contact, a.phone, a.address, now.toISOString()]);
    await audit(sql, id, 'apply', who, '', now.toISOString());
    return (await findMerchant(sql, id))!;
  });
}

export type Decision = 'approve' | 'reject' | 'suspend' | 'reinstate';

/** Which state each decision may be taken from, and where it leads. */
const MOVES: Record<Decision, { from: MerchantState[]; to: MerchantState }> = {
  approve: { from: ['applied'], to: 'approved' },
  reject: { from: ['applied'], to: 'rejected' },
  suspend: { from: ['approved'], to: 'suspended' },
  reinstate: { from: ['suspended'], to: 'approved' },
};

/**
 * Takes a decision, audited. One conditional UPDATE on the state the decision starts from: two
 * admins deciding at once cannot both win. The token is given only when the merchant has none
 * (`COALESCE`), so a reinstated merchant keeps the code on its poster.
 */
export async function decideMerchant(db: ServerDb, merchantId: string, decision: Decision, reason: string, who: Decider, now: Date): Promise<MerchantRow> {
  const move = MOVES[decision];
  if ((decision === 'reject' || decision === 'suspend') && !reason.trim()) throw cardHttpError('INVALID_INPUT', 'A reason is required to reject or suspend a merchant.');
  return db.tx(async (sql) => {
    const m = await findMerchant(sql, merchantId);
    if (!m) throw cardHttpError('MERCHANT_NOT_FOUND', 'No such merchant.');
    const token = decision === 'approve' ? randomToken(TOKEN_BYTES) : null;
    const n = await sql.run(
      `UPDATE merchant SET state = ?, reason = ?, decided_at = ?, decided_by = ?, qr_token = COALESCE(qr_token, ?) WHERE id = ? AND state IN (${move.from.map(() => '?').join(', ')})`,
      [move.to, reason.trim(), now.toISOString(), who.username, token, merchantId, ...move.from],
    );
    if (n === 0) throw cardHttpError('INVALID_INPUT', `Cannot ${decision} a merchant that is ${m.state}.`, { state: m.state });
    await audit(sql, merchantId, decision, who, reason.trim(), now.toISOString());
    return (await findMerchant(sql, merchantId))!;
  });
}

export async function setReversalMinutes(db: ServerDb, merchantId: string, minutes: number): Promise<MerchantRow> {
  return db.tx(async (sql) => {
    if ((await sql.run(`UPDATE merchant SET reversal_minutes = ? WHERE id = ?`, [minutes, merchantId])) === 0) throw cardHttpError('MERCHANT_NOT_FOUND', 'No such merchant.');
    return (await findMerchant(sql, merchantId))!;
  });
}

export async function merchantAudit(sql: Sql, merchantId: string): Promise<{ action: string; username: string; reason: string; at: string }[]> {
  return sql.all(`SELECT action, username, reason, at FROM merchant_audit WHERE merchant_id = ? ORDER BY at, id`, [merchantId]);
}
