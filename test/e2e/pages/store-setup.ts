import { expect, type Locator, type Page } from '@playwright/test';

/** The store setup guide as an owner uses it (zh-CN labels). */
export class StoreSetupPage {
  constructor(readonly page: Page) {}

  step(name: 'store' | 'workflows' | 'devices' | 'lockers' | 'catalog' | 'fuel'): Locator {
    return this.page.getByTestId(`guide-${name}`);
  }

  async next(): Promise<void> {
    await this.page.getByTestId('guide-next').click();
  }

  async confirm(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
  }

  /** Picks a file in the CSV panel of `kind`, as the file dialog would hand it over. */
  async chooseCsv(kind: 'catalog' | 'lockers' | 'stations', name: string, bytes: Buffer): Promise<Locator> {
    const panel = this.page.getByTestId(`csv-${kind}`);
    await panel.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: bytes });
    return panel;
  }

  async importCsv(kind: 'catalog' | 'lockers' | 'stations', name: string, bytes: Buffer, rows: number): Promise<void> {
    const panel = await this.chooseCsv(kind, name, bytes);
    await expect(panel.getByTestId('csv-preview')).toContainText(`可导入 ${rows} 行`);
    await panel.getByRole('button', { name: `导入 ${rows} 行` }).click();
    await this.confirm();
    await expect(panel.getByRole('status')).toContainText('已导入');
  }

  /**
   * A wristband held to the emulated card reader (the host runs with --emulators): the tap goes
   * through the HID card reader adapter and reaches every window as `device.card`.
   */
  async tapWristband(openUrl: string, staff: string, pin: string, uid: string): Promise<void> {
    const reply = await this.page.evaluate(
      async ({ openUrl, staff, pin, uid }) => {
        const url = new URL(openUrl);
        const token = new URLSearchParams(url.hash.slice(1)).get('token');
        const ws = new WebSocket(`ws://${url.host}/bridge?token=${token}`);
        await new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = reject;
        });
        let next = 1;
        const call = (method: string, input: unknown) =>
          new Promise<{ ok: boolean; value?: unknown }>((resolve) => {
            const id = next++;
            const onMessage = (e: MessageEvent) => {
              const msg = JSON.parse(String(e.data));
              if (msg.type === 'result' && msg.id === id) {
                ws.removeEventListener('message', onMessage);
                resolve(msg.result);
              }
            };
            ws.addEventListener('message', onMessage);
            ws.send(JSON.stringify({ id, method, input }));
          });
        const people = (await call('staff.list', {})).value as { id: string; name: string }[];
        await call('staff.signIn', { staffId: people.find((p) => p.name === staff)!.id, pin });
        const r = await call('demo.tapCard', { uid });
        ws.close();
        return r;
      },
      { openUrl, staff, pin, uid },
    );
    expect(reply.ok).toBe(true);
  }
}
