import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { pushMessage, type PushMessage } from '../../../src-main/domain/sync/reference';
import { Admin, startServer, type ServerProcess } from '../sync/support/server-process';
import { tempDir } from '../../support/services';
import { enrollRaw } from '../value/support/value-server';

/** A change in the coupon back office reaches a connected terminal over the push channel. */
describe('coupon push', () => {
  let server: ServerProcess | null = null;
  let ws: WebSocket | null = null;
  afterEach(async () => {
    ws?.terminate();
    await server?.stop();
    server = null;
  });

  it('tells the terminal coupons.rules changed when a coupon is saved or withdrawn, and coupons.displays for a display', async () => {
    server = await startServer({ dataDir: tempDir('pos-server-') });
    const admin = await Admin.signIn(server.url);
    const t = await enrollRaw(server.url, admin);
    const messages: PushMessage[] = [];
    ws = new WebSocket(server.url.replace('http', 'ws') + '/api/v1/events', { headers: { authorization: `Bearer ${t.credential}` } });
    ws.on('message', (d) => messages.push(pushMessage.parse(JSON.parse(String(d)))));
    await expect.poll(() => messages.some((m) => m.type === 'hello')).toBe(true);
    const changed = () => messages.flatMap((m) => (m.type === 'reference.changed' ? m.streams : []));

    const coupon = { id: 'p1', titleZh: '满100减20', offer: { kind: 'amountOff', threshold: 10_000, off: 2_000 }, scope: { kind: 'all' } };
    expect((await admin.request('POST', '/admin/api/coupons', coupon)).status).toBe(200);
    await expect.poll(changed).toContain('coupons.rules');
    messages.length = 0;
    expect((await admin.request('POST', '/admin/api/coupon-displays', { id: 'd1', titleZh: '新品', titleEn: '', itemIds: ['x'], textZh: '', textEn: '', imageUrl: null, sort: 0 })).status).toBe(200);
    await expect.poll(changed).toContain('coupons.displays');
    messages.length = 0;
    expect((await admin.request('POST', '/admin/api/coupons/p1/withdraw', {})).status).toBe(200);
    await expect.poll(changed).toContain('coupons.rules');
  });
});
