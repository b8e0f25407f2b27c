/**
 * Issue 13: importing a 5,000-item catalog saved by Excel in GBK (decode, parse, check every row,
 * one command with 5,000 journaled `catalog.item.saved` events and their projections), beside a
 * same-run baseline: raw better-sqlite3 inserting the same 5,000 items and prices in one
 * transaction (no checks, no journal). Also the preview alone (decode, parse, check; no write).
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { v7 as uuidv7 } from 'uuid';
import { openTerminal, setUpStore, tempDir } from '../support/services';
import type { Benchmark } from './run';

const ITEMS = 5000;

function catalogFile(): Buffer {
  const rows = ['outlet,name_zh,name_en,category,price,barcode'];
  for (let i = 1; i <= ITEMS; i++) rows.push(`${['餐厅', '按摩', '商店'][i % 3]},商品 ${i} 号,"Item ${i}, regular",类别${i % 40},${1 + (i % 500)}.${String(i % 100).padStart(2, '0')},69${String(i).padStart(11, '0')}`);
  return iconv.encode(`${rows.join('\r\n')}\r\n`, 'gbk');
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

export const catalogImportBenchmarks: Benchmark[] = [
  {
    name: 'setup.import catalog 5000 GBK rows',
    async run(emit) {
      const content = catalogFile().toString('base64');
      const t = await openTerminal();
      try {
        await setUpStore(t);
        let t0 = process.hrtime.bigint();
        const preview = await t.ok<{ problems: unknown[]; rows: number }>('setup.importPreview', { kind: 'catalog', content });
        const previewMs = ms(t0);
        if (preview.problems.length > 0 || preview.rows !== ITEMS) throw new Error('bench file refused');
        t0 = process.hrtime.bigint();
        await t.ok('setup.import', { commandId: uuidv7(), kind: 'catalog', content });
        const importMs = ms(t0);

        // Baseline: the same rows straight into the same tables of a fresh database, one transaction.
        const base = await openTerminal({ dataDir: tempDir('pos-bench-') });
        try {
          const db = base.services.db.sqlite;
          const item = db.prepare(`INSERT INTO catalog_item (id, outlet_id, name_zh, name_en, category, barcode) VALUES (?, ?, ?, ?, ?, ?)`);
          const price = db.prepare(`INSERT INTO catalog_price (item_id, price, effective_from) VALUES (?, ?, ?)`);
          const now = new Date().toISOString();
          t0 = process.hrtime.bigint();
          db.transaction(() => {
            for (let i = 1; i <= ITEMS; i++) {
              const id = uuidv7();
              item.run(id, ['restaurant', 'massage', 'shop'][i % 3], `商品 ${i} 号`, `Item ${i}, regular`, `类别${i % 40}`, `69${String(i).padStart(11, '0')}`);
              price.run(id, (1 + (i % 500)) * 100 + (i % 100), now);
            }
          })();
          const baselineMs = ms(t0);
          emit({ name: 'setup.import catalog 5000 rows', value: Math.round(importMs), unit: 'ms', baseline: Math.round(baselineMs * 10) / 10, ratio: Math.round((importMs / baselineMs) * 10) / 10 });
          emit({ name: 'setup.importPreview catalog 5000 rows', value: Math.round(previewMs), unit: 'ms', baseline: Math.round(baselineMs * 10) / 10, ratio: Math.round((previewMs / baselineMs) * 10) / 10 });
        } finally {
          await base.close();
          fs.rmSync(base.dataDir, { recursive: true, force: true });
        }
      } finally {
        await t.close();
        fs.rmSync(t.dataDir, { recursive: true, force: true });
      }
    },
  },
];
