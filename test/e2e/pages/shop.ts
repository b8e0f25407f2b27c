import { expect, type Locator, type Page } from '@playwright/test';

/** The shop sale screen (and the coupons tile, the same screen without payment), as a cashier uses it. */
export class ShopPage {
  readonly cart: Locator;
  readonly matching: Locator;
  readonly claims: Locator;
  readonly total: Locator;
  readonly discount: Locator;
  readonly payButton: Locator;

  constructor(readonly page: Page) {
    this.cart = page.getByTestId('shop-cart');
    this.matching = page.getByTestId('shop-matching');
    this.claims = page.getByTestId('shop-claims');
    this.total = page.getByTestId('shop-total');
    this.discount = page.getByTestId('shop-discount');
    this.payButton = page.getByTestId('shop-pay');
  }

  async open(tile: '商店' | '优惠券' = '商店'): Promise<void> {
    await this.page.getByRole('button', { name: tile, exact: true }).click();
  }

  /** The demo's emulated scanner reads the item's barcode. */
  async demoScan(name: string): Promise<void> {
    await this.page.getByTestId('shop-demo').getByRole('button', { name }).click();
  }

  /** Types a barcode (or a name) into the scan field and presses Enter, as a keyboard user or a wedge scanner does. */
  async typeCode(code: string): Promise<void> {
    await this.page.getByTestId('shop-code').fill(code);
    await this.page.getByTestId('shop-code').press('Enter');
  }

  async findMember(numberOrPhone: string): Promise<void> {
    await this.page.getByTestId('shop-member-input').fill(numberOrPhone);
    await this.page.getByTestId('shop-member-input').press('Enter');
  }

  coupons(): Locator {
    return this.matching.getByTestId('shop-coupon');
  }

  async claim(title: string): Promise<void> {
    const card = this.coupons().filter({ hasText: title });
    await card.getByRole('button', { name: '领取' }).click();
    await expect(card.getByRole('status')).toHaveText('领取成功');
  }

  async pay(): Promise<void> {
    await this.payButton.click();
    await this.page.getByRole('dialog').getByRole('button', { name: '确认' }).click();
    await expect(this.page.getByTestId('shop-done')).toBeVisible({ timeout: 20_000 });
  }
}
