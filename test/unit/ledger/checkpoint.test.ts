import { describe, expect, it } from 'vitest';
import { makeLedger, open } from './support';

describe('WAL checkpoints', () => {
  it('never run inside a commit; checkpointWhenIdle runs one only after an idle moment, once per write burst', async () => {
    const t = await makeLedger();
    try {
      const db = t.db.sqlite;
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
      open(t.ledger, 'revenue', 'revenue');
      expect(t.db.checkpointWhenIdle(60_000)).toBe(false); // just written: not idle
      expect(t.db.checkpointWhenIdle(0)).toBe(true);
      expect(t.db.checkpointWhenIdle(0)).toBe(false); // nothing new since
      open(t.ledger, 'cash', 'tender');
      expect(t.db.checkpointWhenIdle(0)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
