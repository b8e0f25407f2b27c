import { describe, expect, it } from 'vitest';
import { businessDay, projectEntry, type ProjectorState } from './sales-projector';

const none: ProjectorState = { tender: () => undefined, hold: () => undefined };
const cash = { id: 'a-cash', code: 'tender:cash', kind: 'tender', unit: 'CNY' };
const revenue = { id: 'a-rev', code: 'revenue:shop', kind: 'revenue', unit: 'CNY' };

describe('sales projector', () => {
  it('counts money into and out of tender accounts only, with the account opened in the same entry', () => {
    const p = projectEntry(
      {
        ops: [
          { op: 'open', account: cash },
          { op: 'open', account: revenue },
          { op: 'post', legs: [{ accountId: 'a-cash', side: 'debit', amount: 1230 }, { accountId: 'a-rev', side: 'credit', amount: 1230 }] },
          { op: 'reverse', legs: [{ accountId: 'a-cash', side: 'credit', amount: 230 }, { accountId: 'a-rev', side: 'debit', amount: 230 }] },
        ],
      },
      none,
    );
    expect(p.tenders).toEqual([{ accountId: 'a-cash', code: 'tender:cash', unit: 'CNY' }]);
    expect([...p.takings]).toEqual([['CNY', 1000]]);
  });

  it('counts the capture of a hold on a tender in a later entry, for the captured amount', () => {
    const state: ProjectorState = { tender: (id) => (id === 'a-card' ? { accountId: 'a-card', code: 'tender:card', unit: 'CNY' } : undefined), hold: () => undefined };
    const placed = projectEntry({ ops: [{ op: 'hold', holdId: 'h1', debit: 'a-card', credit: 'a-rev', amount: 5000 }] }, state);
    expect(placed.holds).toEqual([{ holdId: 'h1', accountId: 'a-card', side: 'debit' }]);
    expect(placed.takings.size).toBe(0);
    const later = projectEntry({ ops: [{ op: 'capture', holdId: 'h1', transferId: 't', amount: 4200 }] }, { ...state, hold: (id) => placed.holds.find((h) => h.holdId === id) });
    expect([...later.takings]).toEqual([['CNY', 4200]]);
    // A hold that was never on a tender (a wristband charge into revenue) moves no takings.
    expect(projectEntry({ ops: [{ op: 'capture', holdId: 'other', transferId: 't2', amount: 99 }] }, state).takings.size).toBe(0);
  });

  it('puts an entry on the business day of the store time zone', () => {
    expect(businessDay('2026-11-21T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-11-22');
    expect(businessDay('2026-11-21T15:59:59.999Z', 'Asia/Shanghai')).toBe('2026-11-21');
    expect(businessDay('2026-11-21T16:30:00.000Z', 'UTC')).toBe('2026-11-21');
  });
});
