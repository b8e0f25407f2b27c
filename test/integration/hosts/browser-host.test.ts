import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../src-main/hosts/browser/server';
import { createServices, type Services } from '../../../src-main/services';
import { tempDir } from '../../support/services';

let services: Services;
let host: BrowserHost;

beforeEach(async () => {
  const rendererDir = tempDir('pos-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Counter POS</title>');
  services = await createServices({ dataDir: tempDir(), host: 'browser', version: 'test', logger: 'silent' });
  host = await startBrowserHost({ services, rendererDir });
});
afterEach(async () => {
  await host.close();
  await services.close();
});

function connect(options: { token?: string; origin?: string }): Promise<WebSocket> {
  const url = `ws://127.0.0.1:${host.port}/bridge${options.token !== undefined ? `?token=${options.token}` : ''}`;
  const ws = new WebSocket(url, { headers: options.origin ? { Origin: options.origin } : {} });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, frame: unknown): Promise<{ id: number; result: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if (msg.type === 'result') {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  });
}

describe('browser host', () => {
  it('listens on loopback only and serves the renderer with a CSP', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(host.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses the bridge without the per-run token, with a wrong one, or from a foreign page', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    await expect(connect({ origin })).rejects.toThrow('HTTP 401');
    await expect(connect({ origin, token: 'guess' })).rejects.toThrow('HTTP 401');
    await expect(connect({ origin: 'http://evil.example', token: host.token })).rejects.toThrow('HTTP 403');
    await expect(connect({ token: host.token })).rejects.toThrow('HTTP 403');
  });

  it('answers calls by id with the typed API, and malformed frames with INVALID_INPUT', async () => {
    const ws = await connect({ origin: `http://127.0.0.1:${host.port}`, token: host.token });
    const reply = await call(ws, { id: 7, method: 'staff.setupStatus', input: {} });
    expect(reply).toMatchObject({ id: 7, result: { ok: true, value: { needsSetup: true } } });
    const bad = await call(ws, { id: 8, method: 42 });
    expect(bad).toMatchObject({ id: 8, result: { ok: false, error: { code: 'INVALID_INPUT' } } });
    const unknown = await call(ws, { id: 9, method: 'nope.nope', input: {} });
    expect(unknown).toMatchObject({ id: 9, result: { ok: false, error: { code: 'UNKNOWN_METHOD' } } });
    ws.close();
  });

  it('keeps a sign-in to the screen that made it', async () => {
    const origin = `http://127.0.0.1:${host.port}`;
    const a = await connect({ origin, token: host.token });
    const b = await connect({ origin, token: host.token });
    await call(a, { id: 1, method: 'staff.setup', input: { storeName: 'Spa', managerName: 'Wang', pin: '1234' } });
    expect(await call(a, { id: 2, method: 'staff.current', input: {} })).toMatchObject({ result: { value: { staff: { name: 'Wang' } } } });
    expect(await call(b, { id: 3, method: 'staff.current', input: {} })).toMatchObject({ result: { value: { staff: null } } });
    expect(await call(b, { id: 4, method: 'staff.create', input: { name: 'X', role: 'manager', pin: '1111' } })).toMatchObject({
      result: { ok: false, error: { code: 'NOT_SIGNED_IN' } },
    });
    a.close();
    b.close();
  });
});
