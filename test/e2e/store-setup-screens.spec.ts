// The store setup screens at the smallest counter screen (1024×768), in both languages, for touch
// (no target under 44 px) and the keyboard; on the demo store, which is set up already.
import { expect, test } from './support/fixtures';
import { smallTargets } from './pages/taps';
import { FuelPage } from './pages/fuel';

test.use({ demo: true, viewport: { width: 1024, height: 768 } });

test('every step of the guide: no target under 44 px, both languages, keyboard, a scanned barcode', async ({ counter, page, host }) => {
  await counter.signInByTouch('王芳 Wang Fang', '1234');
  await counter.expectHome('王芳 Wang Fang');
  await expect(page.getByTestId('setup-missing')).toHaveCount(0); // the demo store is set up
  await counter.tile('门店设置').click();
  const small: Record<string, string[]> = {};
  for (const [step, title] of [
    ['store', '门店信息'],
    ['workflows', '业务'],
    ['devices', '设备'],
    ['lockers', '柜号手牌'],
    ['catalog', '价目表'],
    ['fuel', '加油站'],
  ] as const) {
    await page.getByTestId(`guide-step-${step}`).click();
    await expect(page.getByTestId(`guide-step-${step}`)).toContainText(title);
    await expect(page.getByTestId(`guide-${step}`)).toBeVisible();
    const found = await smallTargets(page);
    if (found.length) small[step] = found;
  }
  expect(small).toEqual({});

  // English, and the catalog by keyboard: search, Tab to the item, Enter opens it for editing.
  await counter.switchLanguage('English');
  await page.getByTestId('guide-step-catalog').click();
  await expect(page.getByTestId('guide-step-catalog')).toContainText('Catalog');
  await page.getByLabel('Quick search').fill('Beef');
  await expect(page.getByTestId('catalog-count')).toHaveText('1 items');
  await page.getByLabel('Quick search').press('Tab');
  await expect(page.getByRole('button', { name: 'Beef noodles' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Edit Beef noodles' })).toBeVisible();
  await expect(page.getByLabel('Price (yuan)')).toHaveValue('38.00');
  // A price from a later day at 08:00, typed and saved with Enter; today's price stays.
  await page.getByLabel('Price (yuan)').fill('40');
  await page.getByLabel('New price from').fill('2099-01-01T08:00');
  await page.getByLabel('Price (yuan)').press('Enter');
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByTestId('catalog-items')).toContainText('¥38.00');
  await expect(page.getByTestId('catalog-scheduled')).toHaveText('from 01/01/2099, 08:00: CN¥40.00');

  // A new item's barcode comes from the scanner (the emulated serial scanner); scanning it again opens the item.
  const scan = (code: string) => new FuelPage(page).rawCalls(host.openUrl, '王芳 Wang Fang', '1234', [['demo.scan', { code }]]);
  await page.getByRole('button', { name: 'New item' }).click();
  await expect(page.getByRole('heading', { name: 'New item' })).toBeVisible();
  await scan('6901234567892');
  await expect(page.getByLabel('Barcode')).toHaveValue('6901234567892');
  await page.getByRole('textbox', { name: 'Name (Chinese)', exact: true }).fill('矿泉水 大瓶');
  await page.getByRole('textbox', { name: 'Name (English)', exact: true }).fill('Water, large');
  await page.getByLabel('Price (yuan)').fill('4.50');
  await page.getByLabel('Price (yuan)').press('Enter');
  await expect(page.getByRole('heading', { name: 'Edit Water, large' })).toBeVisible();
  await page.getByRole('button', { name: 'New item' }).click();
  await scan('6901234567892');
  await expect(page.getByRole('heading', { name: 'Edit Water, large' })).toBeVisible();
  await expect(page.getByLabel('Price (yuan)')).toHaveValue('4.50');
});
