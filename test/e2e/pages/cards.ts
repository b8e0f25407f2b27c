import { expect, type Locator, type Page } from '@playwright/test';

/** The member cards screen (会员卡), in the words a cashier sees. */
export class CardsPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: '会员卡' }).first().click();
    await expect(this.page.getByTestId('member-panel')).toBeVisible();
  }

  async register(phone: string, name: string): Promise<void> {
    await this.page.getByTestId('member-register').click();
    await this.page.getByTestId('member-register-phone').fill(phone);
    await this.page.getByTestId('member-register-name').fill(name);
    await this.page.getByTestId('member-register-save').click();
    await expect(this.page.getByTestId('member-name')).toContainText(name);
  }

  async find(text: string): Promise<void> {
    await this.page.getByTestId('member-find-input').fill(text);
    await this.page.getByTestId('member-find').click();
  }

  async openCard(product: string): Promise<void> {
    await this.action('开卡');
    await this.page.getByTestId('cards-product').click();
    await this.page.getByRole('option', { name: product }).click();
    await this.page.getByTestId('cards-open').click();
    await this.confirm();
  }

  async action(label: string): Promise<void> {
    await this.page.getByTestId('cards-action').getByText(label, { exact: true }).click();
  }

  /** Presses Confirm in the "please confirm" dialog and waits for it to close. */
  async confirm(expectLines: string[] = []): Promise<void> {
    const dialog = this.page.getByRole('dialog');
    for (const l of expectLines) await expect(dialog).toContainText(l);
    await dialog.getByRole('button', { name: '确认' }).click();
    await expect(dialog).toBeHidden();
  }

  card(n = 0): Locator {
    return this.page.getByTestId('member-card').nth(n);
  }

  get announcement(): Locator {
    return this.page.getByTestId('announcement');
  }
}
