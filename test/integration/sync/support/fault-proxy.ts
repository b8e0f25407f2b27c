import http from 'node:http';
import type net from 'node:net';

export type Fault =
  | 'pass'
  /** Answers 500 without forwarding. */
  | 'error500'
  /** Accepts the request and never answers (the client's timeout fires). */
  | 'hang'
  /** Forwards, lets the server commit, then drops the connection instead of answering. */
  | 'loseResponse'
  /** Forwards the same push twice (the second after the first was answered), answers with the second. */
  | 'duplicate';

/**
 * An HTTP proxy between terminal and server that injects one fault per request, by mode; the
 * server behind it is a real process and never knows. Counts what it saw.
 */
export class FaultProxy {
  mode: Fault = 'pass';
  /** Only requests to paths starting with this get the fault (others pass). */
  only = '/api/v1/journal';
  /** Further narrows the faulted requests to paths ending with this (one step of a two-phase redemption: '/confirm'). */
  endsWith = '';
  seen = 0;
  faulted = 0;
  /** Sum of `duplicates` in the server's push answers: entries it was sent again and did not store twice. */
  duplicatesAnswered = 0;
  private readonly server: http.Server;
  private readonly sockets = new Set<net.Socket>();

  private constructor(private target: string) {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  static async start(target: string): Promise<FaultProxy & { url: string }> {
    const p = new FaultProxy(target);
    await new Promise<void>((r) => p.server.listen(0, '127.0.0.1', r));
    const { port } = p.server.address() as net.AddressInfo;
    return Object.assign(p, { url: `http://127.0.0.1:${port}/` });
  }

  retarget(target: string): void {
    this.target = target;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    this.seen++;
    const mode = req.url?.startsWith(this.only) && req.url.endsWith(this.endsWith) ? this.mode : 'pass';
    if (mode !== 'pass') this.faulted++;
    if (mode === 'error500') {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"injected"}');
      return;
    }
    if (mode === 'hang') return;
    try {
      let answer = await this.forward(req, body);
      if (mode === 'duplicate') answer = await this.forward(req, body);
      if (mode === 'loseResponse') {
        req.socket.destroy();
        return;
      }
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    } catch {
      // The server is down: the terminal sees a dropped connection, as it would without a proxy.
      req.socket.destroy();
    }
  }

  private async forward(req: http.IncomingMessage, body: Buffer): Promise<{ status: number; body: Buffer }> {
    const headers: Record<string, string> = {};
    for (const k of ['content-type', 'authorization', 'cookie', 'x-csrf-token']) {
      const v = req.headers[k];
      if (typeof v === 'string') headers[k] = v;
    }
    const r = await fetch(new URL(req.url ?? '/', this.target), { method: req.method ?? 'GET', headers, ...(body.length ? { body: new Uint8Array(body) } : {}) });
    const answer = Buffer.from(await r.arrayBuffer());
    try {
      this.duplicatesAnswered += (JSON.parse(answer.toString()) as { duplicates?: number }).duplicates ?? 0;
    } catch {
      // not JSON: nothing to count
    }
    return { status: r.status, body: answer };
  }
}
