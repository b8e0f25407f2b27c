import fs from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';

/** The forecourt as a cashier uses it: pump tile, grade, amount or litres, pay and confirm, watch the pump. */
export class FuelPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: /加油预付|Fuel release/ }).click();
    await expect(this.page.getByTestId('fuel-pump-1')).toBeVisible();
  }

  async order(pump: number, grade: string, by: 'amount' | 'volume', quantity: string): Promise<void> {
    await this.page.getByTestId(`fuel-pump-${pump}`).click();
    await this.page.getByTestId(`fuel-grade-${grade}`).click();
    await this.page.getByTestId('fuel-mode').getByText(by === 'amount' ? /按金额|By amount/ : /按升数|By litres/).click();
    await this.page.getByTestId('fuel-quantity').fill(quantity);
  }

  get quote(): Locator {
    return this.page.getByTestId('fuel-quote');
  }

  get current(): Locator {
    return this.page.getByTestId('fuel-order');
  }

  /** Pay, then the confirmation step every payment passes. */
  async pay(): Promise<void> {
    await this.page.getByTestId('fuel-pay').click();
    await this.confirmButton.click();
    await expect(this.current).toBeVisible();
  }

  get confirmButton(): Locator {
    return this.page.getByRole('dialog').getByRole('button', { name: /^(确认收款|Confirm payment)$/ });
  }

  async expectState(state: string, timeout = 30_000): Promise<void> {
    await expect(this.current).toHaveAttribute('data-state', state, { timeout });
  }

  /** The order id printed on the current order panel. */
  async orderId(): Promise<string> {
    const text = await this.current.getByText(/订单|Order/).first().innerText();
    return /([0-9a-f-]{36})/.exec(text)![1]!;
  }

  async stopPump(): Promise<void> {
    await this.page.getByTestId('fuel-stop').click();
  }

  async newOrder(): Promise<void> {
    await this.page.getByTestId('fuel-new').click();
  }

  orderRow(id: string): Locator {
    return this.page.locator(`[data-order="${id}"]`);
  }

  /** What the emulated printer printed, as decoded text. */
  static printed(dataDir: string): string {
    const file = path.join(dataDir, 'demo-printer.txt');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  /**
   * Calls sent straight over the page's own bridge (a second WebSocket from the same page,
   * signed in as `staff`), as a tampered or outdated screen could send them. Returns each reply.
   */
  async rawCalls(openUrl: string, staff: string, pin: string, calls: [string, unknown][]): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }[]> {
    return this.page.evaluate(
      async ({ openUrl, staff, pin, calls }) => {
        const url = new URL(openUrl);
        const token = new URLSearchParams(url.hash.slice(1)).get('token');
        const ws = new WebSocket(`ws://${url.host}/bridge?token=${token}`);
        await new Promise((resolve, reject) => {
          ws.onopen = resolve;
          ws.onerror = reject;
        });
        let next = 1;
        const call = (method: string, input: unknown) =>
          new Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>((resolve) => {
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
        const replies = [];
        for (const [method, input] of calls) replies.push(await call(method, input));
        ws.close();
        return replies;
      },
      { openUrl, staff, pin, calls },
    );
  }
}
