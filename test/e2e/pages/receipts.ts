import { expect, type Locator, type Page } from '@playwright/test';

/** The cashier's Receipts screen (zh-CN labels): today's receipts, search, preview, reprint, the waiting list. */
export class ReceiptsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: '小票', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: '小票', exact: true })).toBeVisible();
  }

  get status(): Locator {
    return this.page.getByRole('status');
  }

  get waiting(): Locator {
    return this.page.getByTestId('waiting-receipts');
  }

  row(number: string): Locator {
    return this.page.getByTestId('receipts-list').locator(`[data-receipt="${number}"]`);
  }

  rows(): Locator {
    return this.page.getByTestId('receipts-list').locator('[data-receipt]');
  }

  /** The number of the first receipt waiting to print. */
  async firstWaitingNumber(): Promise<string> {
    return (await this.waiting.locator('[data-waiting]').first().getAttribute('data-waiting'))!;
  }

  async printWaiting(number: string): Promise<void> {
    await this.waiting.locator(`[data-waiting="${number}"]`).getByRole('button', { name: '立即打印' }).click();
  }

  async search(text: string): Promise<void> {
    await this.page.getByLabel('查找小票').fill(text);
  }

  /** Opens a receipt and returns its preview text (the paper as printed). */
  async openReceipt(number: string): Promise<string> {
    await this.row(number).getByRole('button', { name: '查看' }).click();
    const preview = this.page.getByTestId('receipt-preview');
    await expect(preview).toBeVisible();
    return (await preview.textContent()) ?? '';
  }

  async reprintOpen(): Promise<void> {
    await this.page.getByRole('dialog').getByRole('button', { name: /重印/ }).click();
  }
}
