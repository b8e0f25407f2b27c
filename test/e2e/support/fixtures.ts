import { test as base } from '@playwright/test';
import { CounterPage } from '../pages/counter';
import { startHost, type HostProcess } from './host';

/** `host`: a fresh browser host for the test; `counter`: the page model opened on it. */
export const test = base.extend<{ host: HostProcess; counter: CounterPage; demo: boolean }>({
  demo: [false, { option: true }],
  host: async ({ demo }, use) => {
    const host = await startHost({ demo });
    await use(host);
    await host.stop();
  },
  counter: async ({ page, host }, use) => {
    await page.goto(host.openUrl);
    await use(new CounterPage(page));
  },
});

export { expect } from '@playwright/test';
