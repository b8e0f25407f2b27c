import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../../src-main/hosts/browser/server';
import { createServices, type Services } from '../../../src-main/services';
import { tempDir } from '../../support/services';

let services: Services;
let host: BrowserHost;

beforeAll(async () => {
  const rendererDir = tempDir('pos-renderer-');
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Counter POS</title>');
  services = await createServices({ dataDir: tempDir(), host: 'browser', version: 'test', logger: 'silent' });
  host = await startBrowserHost({ services, rendererDir });
});
afterAll(async () => {
  await host.close();
  await services.close();
});

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);

/** Garbage a hostile or broken local program might send on the bridge. */
const GARBAGE: [string, string | Buffer][] = [
  ['empty', ''],
  ['not JSON', 'hello'],
  ['truncated JSON', '{"id":1,"method":"staff.list"'],
  ['null', 'null'],
  ['a number', '42'],
  ['a string', '"staff.list"'],
  ['true', 'true'],
  ['an array', '[1,"staff.list",{}]'],
  ['an empty object', '{}'],
  ['a string id', '{"id":"1","method":"staff.list","input":{}}'],
  ['a negative id', '{"id":-1,"method":"staff.list","input":{}}'],
  ['a fractional id', '{"id":1.5,"method":"staff.list","input":{}}'],
  ['a huge id', '{"id":1e300,"method":"staff.list","input":{}}'],
  ['an object id', '{"id":{"a":1},"method":"staff.list","input":{}}'],
  ['a null id', '{"id":null,"method":"staff.list","input":{}}'],
  ['no id', '{"method":"staff.list","input":{}}'],
  ['a numeric method', '{"id":3,"method":42,"input":{}}'],
  ['an extra key', '{"id":4,"method":"staff.list","input":{},"x":1}'],
  ['a long method', JSON.stringify({ id: 5, method: 'x'.repeat(5000), input: {} })],
  ['an unknown method', '{"id":6,"method":"__proto__","input":{}}'],
  ['a prototype key', '{"__proto__":{"id":7},"method":"staff.list"}'],
  ['100k-deep JSON', deep(100_000)],
  ['100k-deep input', `{"id":8,"method":"staff.signIn","input":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`],
  ['a lone surrogate', '{"id":9,"method":"staff.list","input":"\\ud800"}'],
  ['binary bytes', Buffer.from([0xff, 0xfe, 0x00, 0x01])],
  ['invalid UTF-8 in a string', Buffer.concat([Buffer.from('{"id":10,"method":"'), Buffer.from([0xc3, 0x28]), Buffer.from('","input":{}}')])],
];

function connect(): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`, { headers: { Origin: `http://127.0.0.1:${host.port}` } });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The first answer to a frame: a non-event frame, or the socket closing with a code and reason. */
function answer(ws: WebSocket, frame: string | Buffer): Promise<{ type: string; id?: unknown; error?: { code: string; message: { en: string } }; result?: unknown } | { closed: number; reason: string }> {
  return new Promise((resolve) => {
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.type !== 'event') resolve(msg);
    });
    ws.once('close', (code, reason) => resolve({ closed: code, reason: reason.toString() }));
    ws.send(frame);
  });
}

describe('every frame gets an answer (issue 11, item 6)', () => {
  it.each(GARBAGE)('%s', async (_name, frame) => {
    const ws = await connect();
    const got = await answer(ws, frame);
    if ('closed' in got) {
      expect(got.reason).not.toBe('');
    } else {
      expect(['result', 'error']).toContain(got.type);
      const error = got.type === 'error' ? got.error : (got.result as { error?: { code: string } }).error;
      expect(['PROTOCOL_ERROR', 'INVALID_INPUT', 'UNKNOWN_METHOD']).toContain(error?.code);
    }
    // The connection still works after the garbage.
    if (ws.readyState === ws.OPEN) {
      expect(await answer(ws, JSON.stringify({ id: 99, method: 'staff.setupStatus', input: {} }))).toMatchObject({ type: 'result', id: 99, result: { ok: true } });
      ws.close();
    }
  });

  it('closes the socket with a reason on a frame over 1 MB', async () => {
    const ws = await connect();
    expect(await answer(ws, JSON.stringify({ id: 1, method: 'staff.list', input: { x: 'x'.repeat(2 * 1024 * 1024) } }))).toMatchObject({ closed: 1009 });
  });

  it('answers a string id with a protocol error that echoes it', async () => {
    const ws = await connect();
    expect(await answer(ws, '{"id":"abc","method":"staff.list","input":{}}')).toMatchObject({ type: 'error', id: 'abc', error: { code: 'PROTOCOL_ERROR' } });
    ws.close();
  });
});

describe('Host header (issue 11, item 8: DNS rebinding)', () => {
  const get = (hostHeader: string) =>
    new Promise<number>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: hostHeader } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });

  it('serves loopback names and refuses any other Host', async () => {
    expect(await get(`127.0.0.1:${host.port}`)).toBe(200);
    expect(await get(`localhost:${host.port}`)).toBe(200);
    expect(await get(`evil.example:${host.port}`)).toBe(421);
    expect(await get('evil.example')).toBe(421);
    expect(await get(`127.0.0.1:${host.port + 1}`)).toBe(421);
  });
});
