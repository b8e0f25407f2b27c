import { describe, expect, it } from 'vitest';
import { applyReport, authorizeRefusal, closeRefusal, idlePump } from './pump-cycle';
import type { PumpState } from './pump';

const at = (phase: PumpState['phase'], extra: Partial<PumpState> = {}): PumpState => ({ ...idlePump(1), phase, ...extra });

describe('pump cycle', () => {
  it('authorizes only an idle pump', () => {
    expect(authorizeRefusal(at('idle'))).toBeUndefined();
    expect(authorizeRefusal(at('authorized'))).toMatch(/authorized/);
    expect(authorizeRefusal(at('filling'))).toMatch(/filling/);
    expect(authorizeRefusal(at('offline'))).toMatch(/offline/);
    expect(authorizeRefusal(at('end-of-transaction', { transaction: 7 }))).toBe('pump 1 has a finished transaction 7 to close first');
  });

  it('closes only the finished transaction', () => {
    expect(closeRefusal(at('end-of-transaction', { transaction: 7 }), 7)).toBeUndefined();
    expect(closeRefusal(at('end-of-transaction', { transaction: 7 }), 8)).toMatch(/not 8/);
    expect(closeRefusal(at('filling', { transaction: 7 }), 7)).toMatch(/no finished transaction/);
  });

  it('takes the controller at its word: an idle report after an authorization means the pump is free again', () => {
    expect(applyReport(at('authorized', { price: 750 }), at('idle')).phase).toBe('idle');
    expect(applyReport(at('idle'), at('authorized', { preset: { type: 'Amount', dose: 2000 } })).preset).toEqual({ type: 'Amount', dose: 2000 });
    expect(applyReport(at('authorized'), at('filling', { volume: 10 })).phase).toBe('filling');
    expect(applyReport(at('end-of-transaction'), at('idle')).phase).toBe('idle');
  });
});
