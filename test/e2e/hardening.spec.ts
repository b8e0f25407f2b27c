import { expect, test } from './support/fixtures';

test.describe('free disk space (issue 11, item 2)', () => {
  // A threshold above any disk's size: this machine's disk counts as "almost full".
  test.use({ hostEnv: { POS_LOW_DISK_BYTES: String(2 ** 60) } });

  test('a manager is warned in the status bar; nobody signed in is not', async ({ counter, page }) => {
    await counter.setUpStore('清泉浴场', '王芳', '2468');
    await counter.expectHome('王芳');
    const warning = page.getByTestId('status-disk-low');
    await expect(warning).toBeVisible();
    await expect(warning).toContainText('磁盘空间不足');
    await counter.switchLanguage('English');
    await expect(warning).toContainText('Disk almost full');
    await counter.signOut();
    await expect(warning).toHaveCount(0);
  });
});
