import { afterEach, describe, expect, it } from 'vitest';
import { syncTerminal } from './support/terminal';
import { databaseKinds } from './support/databases';
import { Admin, startServer, type ServerTarget } from './support/server-process';
import { writeStream } from './support/reference';

/**
 * The catalog (outlets, items with their prices) and the miles rules as reference data from head
 * office: applied at the counter through each workflow's own events, read-only there, and a batch
 * that does not fit the counter (an item of an unknown outlet, two rules that tie) is refused whole.
 */
const PAST = '2026-01-01T00:00:00.000Z';
const outlet = { nameZh: '水吧', nameEn: 'Juice bar', kind: 'restaurant', sort: 5, active: true };
const item = (over: Record<string, unknown> = {}) => ({ outletId: 'juice', nameZh: '鲜榨橙汁', nameEn: 'Orange juice', category: '饮品', barcode: '6901234567892', active: true, prices: [{ price: 1800, effectiveFrom: PAST }], ...over });
const rule = (over: Record<string, unknown> = {}) => ({ route: { kind: 'route', origin: 'PEK', destination: 'CAN' }, serviceType: 'meal', maxSharePct: 40, exchange: { points: 100, fen: 100 }, pointsOnly: false, minPointsPerUse: 0, validFrom: null, validTo: null, ...over });

interface CatalogList {
  outlets: { id: string; origin: string }[];
  items: { id: string; origin: string; price: number | null; nameEn: string }[];
}

describe('catalog and miles rules from head office', () => {
  const open: { close(): Promise<unknown> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0).reverse()) await o.close();
  });

  for (const kind of databaseKinds()) {
    describe.skipIf(!kind.available)(`on ${kind.name}`, () => {
      it('reach the counter read-only; a batch that does not fit is refused whole and changes nothing', async () => {
        const server = await startServer((await kind.target()) as ServerTarget);
        open.push({ close: () => server.stop() });
        const admin = await Admin.signIn(server.url);
        const store = await admin.store('Riverside Spa');
        const t = await syncTerminal({ pull: { pullMs: 200 }, timing: { requestTimeoutMs: 15_000 } });
        open.push(t);
        await t.ok('sync.enroll', { serverUrl: server.url, code: await admin.pairingCode(store.id) });

        await writeStream(admin, 'catalog.outlets', [{ id: 'juice', body: outlet }]);
        await writeStream(admin, 'catalog.items', [{ id: 'OJ-1', body: item() }]);
        await writeStream(admin, 'points.rules', [{ id: 'HQ-MEAL', body: rule() }]);

        await expect.poll(async () => (await t.ok<CatalogList>('catalog.list')).items.find((i) => i.id === 'OJ-1'), { timeout: 60_000 }).toMatchObject({ origin: 'central', price: 1800, nameEn: 'Orange juice' });
        const list = await t.ok<CatalogList>('catalog.list');
        expect(list.outlets.find((o) => o.id === 'juice')).toMatchObject({ origin: 'central' });
        await expect.poll(async () => (await t.ok<{ rules: { id: string; origin: string }[] }>('points.status')).rules.find((r) => r.id === 'HQ-MEAL'), { timeout: 60_000 }).toMatchObject({ origin: 'central' });

        // Read-only at the counter.
        const edit = await t.call('catalog.saveItem', { id: 'OJ-1', outletId: 'juice', nameZh: '橙汁', nameEn: 'Juice' });
        expect(edit.ok || edit.error.code).toBe('CATALOG_READ_ONLY');
        const ruleEdit = await t.call('points.removeRule', { ruleId: 'HQ-MEAL' });
        expect(ruleEdit.ok || ruleEdit.error.code).toBe('POINTS_RULE_CENTRAL');

        // A new price from head office takes effect; an item of an outlet the counter does not know refuses its batch.
        const cursorBefore = t.services.reference.cursor('catalog.items');
        await writeStream(admin, 'catalog.items', [
          { id: 'OJ-1', body: item({ prices: [{ price: 1800, effectiveFrom: PAST }, { price: 2000, effectiveFrom: '2026-02-01T00:00:00.000Z' }] }) },
          { id: 'TEA-9', body: item({ outletId: 'nowhere', barcode: null, nameEn: 'Tea' }) },
        ]);
        // A later change on a stream pulled after the catalog's: once it is here, the bad batch was pulled and refused.
        await writeStream(admin, 'points.rules', [{ id: 'HQ-SEAT', body: rule({ serviceType: 'seat' }) }]);
        await expect.poll(async () => (await t.ok<{ rules: { id: string }[] }>('points.status')).rules.some((r) => r.id === 'HQ-SEAT'), { timeout: 60_000 }).toBe(true);
        await expect.poll(() => t.services.sync.status().reference?.error?.code ?? null, { timeout: 60_000 }).toBe('SYNC_REFERENCE_INVALID');
        expect(t.services.reference.cursor('catalog.items')).toBe(cursorBefore);
        expect((await t.ok<CatalogList>('catalog.list')).items.find((i) => i.id === 'OJ-1')?.price).toBe(1800);
        expect((await t.ok<CatalogList>('catalog.list')).items.find((i) => i.id === 'TEA-9')).toBeUndefined();

        // Head office mends the record: both apply, the later price is in force.
        await writeStream(admin, 'catalog.items', [{ id: 'TEA-9', body: item({ barcode: null, nameEn: 'Tea' }) }]);
        await expect.poll(async () => (await t.ok<CatalogList>('catalog.list')).items.find((i) => i.id === 'TEA-9')?.origin ?? null, { timeout: 60_000 }).toBe('central');
        expect((await t.ok<CatalogList>('catalog.list')).items.find((i) => i.id === 'OJ-1')?.price).toBe(2000);
      });
    });
  }
});
