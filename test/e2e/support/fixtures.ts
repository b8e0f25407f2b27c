import { test as base } from '@playwright/test';
import { CounterPage } from '../pages/counter';
import { startHost, type HostProcess } from './host';

/** `host`: a fresh browser host for the test; `counter`: the page model opened on it. */
export const test = base.extend<{ host: HostProcess; counter: CounterPage; demo: boolean; hostEnv: Record<string, string> }>({
  demo: [false, { option: true }],
  /** Extra environment for the host, e.g. POS_DEMO_PUMP_SPEED for a fast emulated pump. */
  hostEnv: [{}, { option: true }],
  host: async ({ demo, hostEnv }, use) => {
    const host = await startHost({ demo, env: hostEnv });
    await use(host);
    await host.stop();
  },
  counter: async ({ page, host }, use) => {
    await page.goto(host.openUrl);
    await use(new CounterPage(page));
  },
});

export { expect } from '@playwright/test';
