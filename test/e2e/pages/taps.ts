/// <reference lib="dom" />
import { expect, type Locator, type Page } from '@playwright/test';

/** Smallest comfortable touch target (WCAG 2.5.5 / Apple HIG): 44 × 44 CSS px. */
export const MIN_TARGET = 44;

/**
 * Counts what a cashier does for one task: taps and key presses. Every tap is checked the way
 * a person at the counter would meet it: the target is already on screen (nobody scrolled) and
 * big enough for a finger. Playwright's click would scroll silently, so the check comes first.
 */
export class TapCounter {
  taps = 0;
  keys = 0;
  readonly log: string[] = [];

  constructor(readonly page: Page) {}

  async tap(target: Locator, what: string): Promise<void> {
    await expect(target, what).toBeVisible();
    await expectOnScreen(this.page, target, what);
    const box = (await target.boundingBox())!;
    expect(Math.round(box.height), `${what}: height`).toBeGreaterThanOrEqual(MIN_TARGET);
    expect(Math.round(box.width), `${what}: width`).toBeGreaterThanOrEqual(MIN_TARGET);
    await target.click();
    this.taps += 1;
    this.log.push(`tap ${what}`);
  }

  /** A tap that is not on the screen: a wristband held to the card reader. */
  async reader(tap: () => Promise<void>, what: string): Promise<void> {
    await tap();
    this.taps += 1;
    this.log.push(`reader ${what}`);
  }

  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    this.keys += text.length;
    this.log.push(`type ${text}`);
  }

  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
    this.keys += 1;
    this.log.push(`press ${key}`);
  }
}

/** Fully inside the viewport, and the page itself was never scrolled. */
export async function expectOnScreen(page: Page, target: Locator, what: string): Promise<void> {
  const box = await target.boundingBox();
  expect(box, `${what}: has a box`).not.toBeNull();
  const vp = page.viewportSize()!;
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled, `${what}: page scrolled`).toBe(0);
  expect(box!.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(Math.round(box!.y + box!.height), `${what}: bottom edge (viewport ${vp.height})`).toBeLessThanOrEqual(vp.height);
  expect(Math.round(box!.x + box!.width), `${what}: right edge (viewport ${vp.width})`).toBeLessThanOrEqual(vp.width);
}

/**
 * Every visible control on the page smaller than 44 px in either direction, named by its text
 * or label: buttons, segmented-control options, checkboxes (their whole clickable body), inputs.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const selectors = [
      'button',
      '.mantine-SegmentedControl-label',
      '.mantine-Checkbox-body',
      'input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not(.mantine-PasswordInput-innerInput)',
      '.mantine-PasswordInput-input', // the PIN field's box; its inner <input> is smaller by design
    ];
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(selectors.join(',')))) {
      if (el.closest('[data-testid="demo-tap"]')) continue; // the demo's stand-in for a card reader
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (el.matches('button') && el.closest('.mantine-SegmentedControl-root')) continue;
      if (Math.round(r.width) < min || Math.round(r.height) < min) {
        const name = el.getAttribute('aria-label') || el.textContent?.trim() || el.getAttribute('placeholder') || el.className.split(' ')[0];
        out.push(`${name} ${Math.round(r.width)}×${Math.round(r.height)}`);
      }
    }
    return out;
  }, MIN_TARGET);
}
