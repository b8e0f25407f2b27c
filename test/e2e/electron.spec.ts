import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { _electron as electron, expect, test } from '@playwright/test';

const require = createRequire(import.meta.url);

function electronBinary(): string | null {
  try {
    const p = require('electron') as unknown;
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('Electron shell', () => {
  // Skipped, by name, where the Electron binary could not be downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD).
  test.skip(!binary, 'Electron binary not installed on this machine');

  test('opens the app isolated and sandboxed, with only posBridge exposed, and signs in', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: ['.', '--data-dir', dataDir, '--demo'] });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: '请登录收银台' })).toBeVisible();
      // No Node in the page; the preload exposes posBridge and nothing else.
      const page_ = await page.evaluate(() => {
        const g = globalThis as Record<string, unknown>;
        return { require: typeof g.require, process: typeof g.process, bridge: Object.keys(g.posBridge as object).sort() };
      });
      expect(page_).toEqual({ require: 'undefined', process: 'undefined', bridge: ['host', 'invoke', 'subscribe'] });
      // Navigation away from the app is refused.
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/';
      });
      await expect(page.getByRole('heading', { name: '请登录收银台' })).toBeVisible();
      await page.getByRole('button', { name: '王芳 Wang Fang' }).click();
      await page.keyboard.type('1234');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('status-host')).toContainText('桌面应用');
    } finally {
      await app.close();
    }
  });
});
