import { expect, type Locator, type Page } from '@playwright/test';

/**
 * What a cashier sees and does at the counter, in words of the screen. Texts are matched
 * in either language where the test does not care which one is showing.
 */
export class CounterPage {
  constructor(readonly page: Page) {}

  get statusBar(): Locator {
    return this.page.getByTestId('status-bar');
  }

  get topBar(): Locator {
    return this.page.getByTestId('top-bar');
  }

  get alert(): Locator {
    return this.page.getByRole('alert');
  }

  async switchLanguage(lang: 'English' | '中文'): Promise<void> {
    await this.topBar.getByText(lang, { exact: true }).click();
  }

  /** Creates the store and its first manager; the setup guide that opens then is left for later unless `guide: 'stay'`. */
  async setUpStore(store: string, manager: string, pin: string, options: { guide?: 'leave' | 'stay' } = {}): Promise<void> {
    await this.page.getByLabel(/Store name|店名/).fill(store);
    await this.page.getByLabel(/Manager name|店长姓名/).fill(manager);
    await this.page.getByLabel(/Manager PIN|店长密码/).fill(pin);
    await this.page.getByLabel(/PIN again|再次输入密码/).fill(pin);
    await this.page.getByRole('button', { name: /Create store|创建门店/ }).click();
    if (options.guide === 'stay') return;
    const leave = this.page.getByRole('button', { name: /^(稍后继续|Leave \(resume later\))$/ });
    await expect(leave.or(this.alert).first()).toBeVisible();
    if (await leave.isVisible()) await leave.click();
  }

  /** Taps the name, then the PIN on the on-screen keypad, then Sign in. */
  async signInByTouch(name: string, pin: string): Promise<void> {
    await this.page.getByRole('button', { name }).click();
    for (const digit of pin) await this.page.getByRole('button', { name: digit, exact: true }).click();
    await this.page.getByRole('button', { name: /^(Sign in|登录)$/ }).click();
  }

  /** Taps the name, types the PIN on the keyboard and presses Enter. */
  async signInByKeyboard(name: string, pin: string): Promise<void> {
    await this.page.getByRole('button', { name }).click();
    await this.page.keyboard.type(pin);
    await this.page.keyboard.press('Enter');
  }

  async signOut(): Promise<void> {
    await this.topBar.getByRole('button', { name: /Sign out|退出登录/ }).click();
  }

  async expectHome(name: string): Promise<void> {
    await expect(this.page.getByRole('heading', { name: new RegExp(`(Hello|您好)，?,? ?${name}`) })).toBeVisible();
    await expect(this.page.getByTestId('status-staff')).toContainText(name);
  }

  tile(title: RegExp | string): Locator {
    return this.page.getByRole('button', { name: title });
  }
}
