import { expect, type Locator, type Page } from '@playwright/test';

/** The travel desk's miles screen (里程兑换), in the words a ticket agent sees. */
export class MilesPage {
  constructor(readonly page: Page) {}

  /** A manager connects the terminal to the central server on the Sync screen (server address and pairing code). */
  async connect(serverUrl: string, code: string): Promise<void> {
    await this.page.getByRole('button', { name: '同步' }).click();
    await this.page.getByLabel('服务器地址').fill(serverUrl.replace('http://', ''));
    await this.page.getByLabel('配对码').fill(code);
    await this.page.getByRole('button', { name: '连接' }).click();
    await expect(this.page.getByTestId('sync-phase')).toHaveText('在线');
    await this.page.getByRole('button', { name: '返回' }).click();
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: '里程兑换' }).click();
    await expect(this.page.getByTestId('miles-tabs')).toBeVisible();
  }

  async findPassenger(numberOrPhone: string): Promise<void> {
    await this.page.getByTestId('miles-find-input').fill(numberOrPhone);
    await this.page.getByRole('button', { name: '查找' }).click();
    await expect(this.member).toBeVisible();
  }

  async flight(flight: string, origin: string, destination: string): Promise<void> {
    await this.page.getByTestId('miles-flight').fill(flight);
    await this.page.getByTestId('miles-origin').fill(origin);
    await this.page.getByTestId('miles-destination').fill(destination);
  }

  async service(name: string, price: string): Promise<void> {
    await this.page.getByTestId('miles-services').getByRole('button', { name }).click();
    await this.page.getByTestId('miles-price').fill(price);
  }

  share(label: string): Locator {
    return this.page.getByTestId('miles-shares').getByRole('button', { name: label, exact: true });
  }

  get member(): Locator {
    return this.page.getByTestId('miles-member');
  }

  get plan(): Locator {
    return this.page.getByTestId('miles-plan-figures');
  }

  get refusal(): Locator {
    return this.page.getByTestId('miles-refusal');
  }

  get payButton(): Locator {
    return this.page.getByTestId('miles-pay');
  }

  async payAndConfirm(): Promise<void> {
    await this.payButton.click();
    const dialog = this.page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(this.page.getByTestId('miles-done')).toBeVisible({ timeout: 20_000 });
  }
}
