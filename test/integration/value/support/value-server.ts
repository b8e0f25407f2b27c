import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { EnrollResponse } from '../../../../src-main/domain/sync/protocol';
import { post } from '../../sync/support/entries';
import { type Admin, type Json } from '../../sync/support/server-process';

export interface EnrolledTerminal {
  terminalId: string;
  storeId: string;
  credential: string;
}

/** A store with a terminal enrolled by a pairing code, speaking the protocol directly (no terminal app). */
export async function enrollRaw(url: string, admin: Admin, storeId?: string): Promise<EnrolledTerminal> {
  const store = storeId ?? (await admin.store(`Desk ${randomUUID().slice(0, 6)}`)).id;
  const terminalId = randomUUID();
  const r = await post(url, '/api/v1/enroll', { code: await admin.pairingCode(store), terminalId, terminalName: 'Desk 1' });
  expect(r.status).toBe(200);
  return { terminalId, storeId: store, credential: (r.json as EnrollResponse).credential };
}

/** A member made in the back office, with `miles` credited. */
export async function member(admin: Admin, number: string, phone: string, name: string, miles: number): Promise<Json> {
  const made = await admin.request('POST', '/admin/api/members', { number, phone, name });
  expect(made.status).toBe(200);
  if (miles > 0) {
    const credited = await admin.request('POST', `/admin/api/members/${made.json.id}/credit`, { commandId: randomUUID(), unit: 'MILES', amount: miles, memo: 'flown' });
    expect(credited.status).toBe(200);
    return credited.json;
  }
  return made.json;
}
