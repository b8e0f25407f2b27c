import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cid, makeLedger, open } from './support';

/** The bound we promise: the attack saw ~18 MB after 250 charges. */
const BOUND = 8 * 1024 * 1024;

describe('the WAL under continuous load (issue 11, item 3)', () => {
  it('stays bounded although no idle moment ever comes', async () => {
    const t = await makeLedger();
    const walBytes = () => fs.statSync(`${t.db.file}-wal`).size;
    try {
      const cash = open(t.ledger, 'cash', 'tender');
      const revenue = open(t.ledger, 'revenue', 'revenue');
      const memo = 'x'.repeat(2000); // a charge writes ~72 KB of WAL across its tables; this is a few KB a post
      let largest = 0;
      let batchBytes = 0;
      for (let batch = 0; batch < 40; batch++) {
        const start = walBytes();
        for (let i = 0; i < 50; i++) t.ledger.post({ commandId: cid(), memo, legs: [{ accountId: cash, side: 'debit', amount: 100 }, { accountId: revenue, side: 'credit', amount: 100 }] });
        batchBytes = Math.max(batchBytes, walBytes() - start);
        // What the timer does between commits: the last write was just now, so never "idle".
        t.db.checkpointWhenIdle(60_000);
        largest = Math.max(largest, walBytes());
      }
      expect(batchBytes).toBeGreaterThan(0);
      expect(40 * batchBytes).toBeGreaterThan(2 * BOUND); // enough written to pass the bound twice over
      expect(largest).toBeLessThanOrEqual(BOUND);
    } finally {
      await t.close();
    }
  });
});
