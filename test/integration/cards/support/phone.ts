import type { Admin, Json } from '../../sync/support/server-process';

/**
 * A member's phone browsing a merchant's page (`/m/<token>`): keeps the session cookie the way a
 * browser does, and reads the live stream (server-sent events) the page listens to.
 */
export class Phone {
  private cookie = '';
  constructor(
    private readonly url: string,
    private readonly qrPath: string,
  ) {}

  async api(method: string, p: string, body?: unknown): Promise<{ status: number; json: Json }> {
    const res = await fetch(new URL(`${this.qrPath}/api/${p}`, this.url), {
      method,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return { status: res.status, json: await res.json().catch(() => null) };
  }

  /** The newest code the console SMS sender sent to `phone` (the back office's outbox). */
  async lastCode(admin: Admin, phone: string): Promise<string> {
    const out = (await admin.request('GET', '/admin/api/sms-outbox')).json as { phone: string; text: string }[];
    const sms = out.find((m) => m.phone === phone);
    if (!sms) throw new Error(`no SMS to ${phone}`);
    return /(\d{6})/.exec(sms.text)![1]!;
  }

  /** Opens the page's live stream; `last()` is the newest `cards` event (the member's cards). */
  live(): { last(): Json; close(): void } {
    const ctl = new AbortController();
    let latest: Json = null;
    void (async () => {
      try {
        const res = await fetch(new URL(`${this.qrPath}/api/live`, this.url), { headers: { cookie: this.cookie }, signal: ctl.signal });
        const reader = res.body!.getReader();
        let buf = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buf += Buffer.from(value).toString('utf8');
          let i: number;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (block.startsWith('event: cards') && data) latest = JSON.parse(data.slice(6));
          }
        }
      } catch {
        // aborted by close()
      }
    })();
    return { last: () => latest, close: () => ctl.abort() };
  }
}
