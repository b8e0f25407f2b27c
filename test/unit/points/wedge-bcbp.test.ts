import { describe, expect, it } from 'vitest';
import { encodeBoardingPass } from '../../../src-main/domain/points';
import { WedgeDetector } from '../../../src-renderer/src/devices/wedge';

describe('a boarding pass read by a keyboard-wedge scanner (miles, issue 18)', () => {
  it('comes through whole as one scan: spaces, "/" and ">" included, Shift ignored', () => {
    const pass = encodeBoardingPass({ name: 'ZHANG/SAN', pnr: 'ABC123', origin: 'PEK', destination: 'SHA', carrier: 'CA', flightNumber: '1501', dayOfYear: 338, compartment: 'Y', seat: '12C', frequentFlyer: { airline: 'CA', number: 'CA88001234' } });
    const d = new WedgeDetector();
    let at = 1000;
    for (const ch of pass) {
      if (/[A-Z>/]/.test(ch)) expect(d.feed({ key: 'Shift', timeStamp: (at += 2) })).toBeUndefined();
      expect(d.feed({ key: ch, timeStamp: (at += 4) })).toBeUndefined();
    }
    expect(d.feed({ key: 'Enter', timeStamp: at + 4 })).toMatchObject({ kind: 'scan', text: pass });
  });
});
