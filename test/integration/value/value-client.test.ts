import { afterEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { PosError } from '../../../src-main/domain/errors';
import { OnlineValueClient, ValueRefusal } from '../../../src-main/services/value/value-client';
import { tempDir } from '../../support/services';
import { FaultProxy } from '../sync/support/fault-proxy';
import { Admin, startServer, type ServerProcess } from '../sync/support/server-process';
import { syncTerminal, type SyncTerminal } from '../sync/support/terminal';
import { member } from './support/value-server';

const MILES = { en: 'miles', 'zh-CN': '里程' };

/** The terminal's online value client, over the sync credential, against a real server process (SQLite). */
describe('online value client', () => {
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  async function setUp(): Promise<{ s: ServerProcess; proxy: FaultProxy & { url: string }; t: SyncTerminal; client: OnlineValueClient; admin: Admin }> {
    const s = await startServer({ dataDir: tempDir('pos-server-') });
    open.push({ close: () => s.stop() });
    const proxy = await FaultProxy.start(s.url);
    proxy.only = '/api/v1/value';
    open.push(proxy);
    const t = await syncTerminal();
    open.push(t);
    const admin = await Admin.signIn(s.url);
    const client = new OnlineValueClient({ sqlite: t.services.db.sqlite, terminalId: t.services.settings.get().terminal.id, label: MILES, timeoutMs: 4000 });
    return { s, proxy, t, client, admin };
  }

  async function enroll(t: SyncTerminal, admin: Admin, url: string) {
    const store = await admin.store('Airport Desk');
    await t.ok('sync.enroll', { serverUrl: url, code: await admin.pairingCode(store.id) });
  }

  const codeOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return 'ok';
    } catch (e) {
      if (e instanceof PosError) return e.code;
      if (e instanceof ValueRefusal) return e.body.code;
      throw e;
    }
  };

  it('says the terminal is not connected before enrolment, then holds and captures over the sync credential', async () => {
    const { proxy, t, client, admin } = await setUp();
    expect(client.connected()).toBe(false);
    const notConnected = await client.lookup({ number: 'CA1001' }).catch((e: PosError) => e);
    expect(notConnected).toBeInstanceOf(PosError);
    expect((notConnected as PosError).toData().message.en).toContain('not connected to the central server, so miles cannot be used');

    await enroll(t, admin, proxy.url);
    const m = await member(admin, 'CA1001', '13900000001', '张三', 5_000);
    expect(client.connected()).toBe(true);
    expect(await client.lookup({ phone: '13900000001' })).toMatchObject({ id: m.id, number: 'CA1001', balances: [{ unit: 'MILES', available: 5_000 }] });
    expect(await codeOf(client.lookup({ number: 'ZZ0000' }))).toBe('MEMBER_NOT_FOUND');

    const commandId = uuidv7();
    expect(await client.hold({ commandId, memberId: m.id, unit: 'MILES', amount: 1_200, memo: 'seat' })).toMatchObject({ state: 'held', balance: { available: 3_800 } });
    expect(await client.openHolds()).toEqual([expect.objectContaining({ commandId, amount: 1_200 })]);
    expect(await client.capture(commandId)).toMatchObject({ state: 'captured', balance: { balance: 3_800, held: 0 } });
    const refused = await client.hold({ commandId: uuidv7(), memberId: m.id, unit: 'MILES', amount: 3_801 }).catch((e: ValueRefusal) => e);
    expect(refused).toBeInstanceOf(ValueRefusal);
    expect(client.toPosError(refused as ValueRefusal).toData().message).toEqual({ en: 'Not enough miles: 3800 available, 3801 needed.', 'zh-CN': '里程不足：可用 3800，需要 3801。' });
    expect((await client.history(m.id, 'MILES')).movements.map((x) => x.amount)).toEqual([-1_200, 5_000]);
  });

  it('is offline (VALUE_OFFLINE, "miles cannot be redeemed offline") when the server hangs, fails or is down; a retry by the same id after a lost answer holds once', async () => {
    const { s, proxy, t, client, admin } = await setUp();
    await enroll(t, admin, proxy.url);
    const m = await member(admin, 'CA1002', '13900000002', 'Li', 5_000);

    proxy.mode = 'hang';
    const hung = await client.lookup({ number: 'CA1002' }).catch((e: PosError) => e);
    expect((hung as PosError).code).toBe('VALUE_OFFLINE');
    expect((hung as PosError).toData().message.en).toContain('miles cannot be redeemed offline');
    expect((hung as PosError).toData().message['zh-CN']).toContain('里程不能离线使用');
    proxy.mode = 'error500';
    expect(await codeOf(client.lookup({ number: 'CA1002' }))).toBe('VALUE_OFFLINE');

    // The server held the miles but the answer was lost: the same command id again holds nothing more.
    proxy.mode = 'loseResponse';
    const commandId = uuidv7();
    expect(await codeOf(client.hold({ commandId, memberId: m.id, unit: 'MILES', amount: 2_000 }))).toBe('VALUE_OFFLINE');
    proxy.mode = 'pass';
    expect(await client.hold({ commandId, memberId: m.id, unit: 'MILES', amount: 2_000 })).toMatchObject({ balance: { held: 2_000, available: 3_000 } });

    await s.stop();
    expect(await codeOf(client.void(commandId))).toBe('VALUE_OFFLINE');
  });
});
