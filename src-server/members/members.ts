import { randomUUID } from 'node:crypto';
import type { ValueBalance, ValueMember, ValueUnit } from '../../src-main/domain/value/protocol';
import type { ServerDb, Sql } from '../db';
import type { AccountSpec, ValueTx } from '../value/value-ledger';

/**
 * The members registry: a person who holds customer value (an airline's frequent flyer, a venue's
 * card holder), found at a counter by member number or phone. Their value lives in the value
 * ledger as accounts owned by (`member`, id), one per unit; the miles workflow uses MILES, member
 * cards add CNY and USES accounts to the same member.
 */
export interface MemberRow {
  id: string;
  number: string;
  phone: string | null;
  name: string;
  createdAt: string;
}

export class MemberError extends Error {
  constructor(
    readonly code: 'MEMBER_NOT_FOUND' | 'MEMBER_TAKEN',
    message: string,
  ) {
    super(message);
    this.name = 'MemberError';
  }
}

/** A member's account for a unit: `member:<id>:<UNIT>`, never below zero. */
export function memberAccount(memberId: string, unit: ValueUnit): AccountSpec {
  return { id: `member:${memberId}:${unit}`, ownerKind: 'member', ownerId: memberId, kind: unit === 'MILES' ? 'miles' : unit === 'USES' ? 'card.uses' : 'card.paid', unit, floor: 0 };
}

/** Where value credited to members comes from (an airline issuing miles, a recharge): no floor. */
export function outsideAccount(unit: ValueUnit): AccountSpec {
  return { id: `outside:${unit}`, ownerKind: 'outside', ownerId: 'world', kind: 'issued', unit, floor: null };
}

type Row = { id: string; number: string; phone: string | null; name: string; created_at: string };
const toMember = (r: Row): MemberRow => ({ id: r.id, number: r.number, phone: r.phone, name: r.name, createdAt: r.created_at });

export async function findMember(sql: Sql, by: { id: string } | { number: string } | { phone: string }): Promise<MemberRow | null> {
  const [col, val] = 'id' in by ? ['id', by.id] : 'number' in by ? ['number', by.number.toUpperCase()] : ['phone', by.phone];
  const r = await sql.one<Row>(`SELECT id, number, phone, name, created_at FROM member WHERE ${col} = ?`, [val]);
  return r ? toMember(r) : null;
}

export async function listMembers(sql: Sql, limit = 200): Promise<MemberRow[]> {
  return (await sql.all<Row>(`SELECT id, number, phone, name, created_at FROM member ORDER BY number LIMIT ?`, [limit])).map(toMember);
}

/** Adds a member; the number (kept upper-case) and the phone are unique. */
export async function createMember(db: ServerDb, input: { number: string; phone?: string | null; name: string; id?: string }, now: Date): Promise<MemberRow> {
  const number = input.number.toUpperCase();
  return db.tx(async (sql) => {
    const clash = await sql.one<{ id: string }>(`SELECT id FROM member WHERE number = ? OR (phone IS NOT NULL AND phone = ?)`, [number, input.phone ?? null]);
    if (clash) throw new MemberError('MEMBER_TAKEN', 'A member with this number or phone already exists.');
    const row: MemberRow = { id: input.id ?? randomUUID(), number, phone: input.phone ?? null, name: input.name, createdAt: now.toISOString() };
    await sql.run(`INSERT INTO member (id, number, phone, name, created_at) VALUES (?, ?, ?, ?, ?)`, [row.id, row.number, row.phone, row.name, row.createdAt]);
    return row;
  });
}

/** The member's balances in every unit they hold (an account not opened yet is not listed). */
export async function memberBalances(sql: Sql, memberId: string): Promise<ValueBalance[]> {
  const rows = await sql.all<{ unit: ValueUnit; balance: number | string; held: number | string }>(
    `SELECT unit, balance, held FROM value_account WHERE owner_kind = 'member' AND owner_id = ? ORDER BY unit`,
    [memberId],
  );
  return rows.map((r) => ({ unit: r.unit, balance: Number(r.balance), held: Number(r.held), available: Number(r.balance) - Number(r.held) }));
}

/** What a counter may see of a member: the phone only by its last four digits. */
export async function memberView(sql: Sql, m: MemberRow): Promise<ValueMember> {
  return { id: m.id, number: m.number, name: m.name, phoneTail: m.phone ? m.phone.slice(-4) : null, balances: await memberBalances(sql, m.id) };
}

/** Credits value to a member from outside (miles earned, a demo balance), inside a value-ledger command. */
export async function credit(tx: ValueTx, memberId: string, unit: ValueUnit, amount: number, memo: string): Promise<string> {
  const to = memberAccount(memberId, unit);
  const from = outsideAccount(unit);
  await tx.openAccount(from);
  await tx.openAccount(to);
  return tx.transfer(from.id, to.id, amount, memo);
}
