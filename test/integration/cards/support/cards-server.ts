import { expect } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { buildServer } from '../../../../src-server/app';
import { ensureAdmin } from '../../../../src-server/admin';
import { openServerDb, type ServerDb } from '../../../../src-server/db';
import { loadSigner } from '../../../../src-server/secrets';
import { get, post } from '../../sync/support/entries';
import { ADMIN_PASSWORD, type Admin, type Json, type ServerTarget } from '../../sync/support/server-process';
import { enrollRaw, type EnrolledTerminal } from '../../value/support/value-server';

export const STORED_TERMS = {
  kind: 'stored',
  tiers: [
    { pay: 10_000, bonus: 2_000 },
    { pay: 20_000, bonus: 5_000 },
  ],
} as const;

export interface CardsSetup {
  storeId: string;
  merchant: Json;
  stored: Json;
  punch: Json;
  voucher: Json;
  terminals: EnrolledTerminal[];
}

/** A store with `terminals` enrolled, an approved merchant and its three products (back office calls). */
export async function approvedMerchant(url: string, admin: Admin, terminals = 1): Promise<CardsSetup> {
  const store = await admin.store(`Spa ${uuidv7().slice(-6)}`);
  const applied = await admin.request('POST', '/admin/api/merchants', { storeId: store.id, name: '洗车行 Car Wash', contact: '王 Wang', phone: '010-1234', address: 'Beijing' });
  expect(applied.status).toBe(200);
  const approved = await admin.request('POST', `/admin/api/merchants/${applied.json.id}/decisions`, { action: 'approve' });
  expect(approved.status).toBe(200);
  const product = async (name: string, terms: unknown) => {
    const r = await admin.request('POST', `/admin/api/merchants/${applied.json.id}/products`, { name, terms });
    expect(r.status).toBe(200);
    return r.json;
  };
  const stored = await product('储值卡 Stored value', STORED_TERMS);
  const punch = await product('洗车10次 10 washes', { kind: 'punch', uses: 10, price: 30_000, validDays: 365 });
  const voucher = await product('代金券 ¥50 voucher', { kind: 'voucher', value: 5_000, price: 4_000, validDays: null });
  const ts: EnrolledTerminal[] = [];
  for (let i = 0; i < terminals; i++) ts.push(await enrollRaw(url, admin, store.id));
  return { storeId: store.id, merchant: approved.json, stored, punch, voucher, terminals: ts };
}

/** A member registered at the counter with a card of `productId` opened. */
export async function memberWithCard(url: string, t: EnrolledTerminal, merchantId: string, productId: string, phone: string): Promise<{ member: Json; card: Json }> {
  const reg = await post(url, '/api/v1/cards/members', { merchantId, phone, name: '张三' }, t.credential);
  expect(reg.status).toBe(200);
  const opened = await post(url, '/api/v1/cards/cards', { commandId: uuidv7(), merchantId, memberId: reg.json.member.id, productId, tender: 'cash' }, t.credential);
  expect(opened.status).toBe(200);
  return { member: reg.json.member, card: opened.json.card };
}

export async function recharge(url: string, t: EnrolledTerminal, cardId: string, amount: number): Promise<Json> {
  const r = await post(url, '/api/v1/cards/recharges', { commandId: uuidv7(), cardId, amount, tender: 'cash' }, t.credential);
  expect(r.status).toBe(200);
  return r.json;
}

export async function cardOf(url: string, t: EnrolledTerminal, cardId: string): Promise<Json> {
  return (await get(url, `/api/v1/cards/cards/${cardId}/history`, t.credential)).json.card;
}

/** The server in this process (app.listen on loopback) with a clock the test moves: for time edges only. */
export async function inProcessServer(target: ServerTarget, clock: { now: number }): Promise<{ url: string; db: ServerDb; close(): Promise<void> }> {
  const db = await openServerDb({ databaseUrl: target.databaseUrl, dataDir: target.dataDir });
  await ensureAdmin(db, ADMIN_PASSWORD, new Date());
  const signer = await loadSigner(db);
  const { app } = await buildServer({ db, signer, now: () => new Date(clock.now) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    db,
    async close() {
      await app.close();
      await db.close();
    },
  };
}
