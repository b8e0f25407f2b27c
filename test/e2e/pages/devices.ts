import { expect, type Locator, type Page } from '@playwright/test';

/** The manager's device screen. */
export class DevicesPage {
  constructor(readonly page: Page) {}

  card(kind: RegExp): Locator {
    return this.page.locator('.mantine-Card-root').filter({ has: this.page.getByRole('heading', { name: kind }) });
  }

  get printer(): Locator {
    return this.card(/小票打印机|Receipt printer/);
  }

  async usePrinterAt(address: string): Promise<void> {
    await this.printer.getByRole('switch', { name: /启用|In use/ }).check({ force: true });
    await this.printer.getByLabel(/地址|Address/).fill(address);
    await this.page.getByRole('button', { name: /保存并应用|Save and apply/ }).click();
    await expect(this.page.getByRole('status')).toContainText(/已保存|saved/);
  }

  async expectPrinterState(state: 'online' | 'offline'): Promise<void> {
    await expect(this.printer.locator(`[data-device="printer"]`)).toHaveAttribute('data-state', state, { timeout: 15_000 });
  }

  async testPrint(): Promise<void> {
    await this.printer.getByRole('button', { name: /打印测试|Test print/ }).click();
  }
}
