import { describe, expect, it } from 'vitest';
import { WedgeDetector, attachWedge, classifyWedge, type KeydownTarget, type WedgeBurst, type WedgeKey } from './wedge';

/** Keys of `text` then Enter, `gapMs` apart, starting at `start`. */
function keys(text: string, gapMs: number, start = 1000): WedgeKey[] {
  return [...text, 'Enter'].map((ch, i) => ({ key: ch === 'Enter' && i === text.length ? 'Enter' : ch, timeStamp: start + i * gapMs }));
}

function run(detector: WedgeDetector, events: WedgeKey[]): (WedgeBurst | undefined)[] {
  return events.map((e) => detector.feed(e)).filter((b) => b !== undefined);
}

describe('keyboard-wedge burst detection', () => {
  it('catches a card reader burst (8 ms per key, ending in Enter)', () => {
    const bursts = run(new WedgeDetector(), keys('0012345678', 8));
    expect(bursts).toEqual([{ kind: 'card', text: '0012345678', durationMs: 80 }]);
  });

  it('does not take a cashier typing the same digits for a card', () => {
    expect(run(new WedgeDetector(), keys('0012345678', 120))).toEqual([]);
    // Even a fast typist (45 ms per key) stays below burst speed.
    expect(run(new WedgeDetector(), keys('0012345678', 45))).toEqual([]);
  });

  it('does not take a typed PIN with one lucky double-tap for a card', () => {
    const pin: WedgeKey[] = [
      { key: '1', timeStamp: 0 },
      { key: '2', timeStamp: 150 },
      { key: '3', timeStamp: 160 },
      { key: '4', timeStamp: 320 },
      { key: 'Enter', timeStamp: 330 },
    ];
    expect(run(new WedgeDetector(), pin)).toEqual([]);
  });

  it('finds a scan burst that follows slow typing, and ignores Shift between capitals', () => {
    const events: WedgeKey[] = [
      { key: '9', timeStamp: 0 },
      { key: '9', timeStamp: 200 },
      ...'COUPON-7'.split('').flatMap((ch, i) => [
        { key: 'Shift', timeStamp: 500 + i * 10 + 1 },
        { key: ch, timeStamp: 500 + i * 10 + 2 },
      ]),
      { key: 'Enter', timeStamp: 590 },
    ];
    expect(run(new WedgeDetector(), events)).toEqual([{ kind: 'scan', text: 'COUPON-7', durationMs: 88 }]);
  });

  it('drops a burst broken by editing keys or a late Enter', () => {
    const d = new WedgeDetector();
    expect(run(d, [...keys('123456', 5).slice(0, 3), { key: 'Backspace', timeStamp: 1016 }, ...keys('456', 5, 1020).slice(0, 3), { key: 'Enter', timeStamp: 1035 }])).toEqual([]);
    expect(run(d, [...keys('6901234567892', 5).slice(0, -1), { key: 'Enter', timeStamp: 1000 + 13 * 5 + 200 }])).toEqual([]);
  });

  it('classifies cards and barcodes', () => {
    expect(classifyWedge('0012345678')).toBe('card');
    expect(classifyWedge('04A1B2C3D4E5F6')).toBe('card');
    expect(classifyWedge('DEADBEEF')).toBe('card');
    expect(classifyWedge('69012345')).toBe('scan'); // EAN-8
    expect(classifyWedge('6901234567892')).toBe('scan'); // EAN-13
    expect(new WedgeDetector({ classify: () => 'scan' }).feed({ key: 'Enter', timeStamp: 0 })).toBeUndefined();
  });

  it('attaches to a keydown target, swallows the Enter and clears the burst from the field', () => {
    let listener: ((e: KeyboardEvent) => void) | undefined;
    const target: KeydownTarget = {
      addEventListener: (_t, l) => (listener = l),
      removeEventListener: () => (listener = undefined),
    };
    const field = { value: 'note: ' };
    const bursts: WedgeBurst[] = [];
    const detach = attachWedge(target, (b) => bursts.push(b));
    let prevented = 0;
    for (const k of keys('0012345678', 5)) {
      if (k.key !== 'Enter') field.value += k.key;
      listener!({ ...k, target: field, preventDefault: () => prevented++, stopPropagation: () => {} } as unknown as KeyboardEvent);
    }
    expect(bursts.map((b) => b.text)).toEqual(['0012345678']);
    expect(prevented).toBe(1);
    expect(field.value).toBe('note: ');
    detach();
    expect(listener).toBeUndefined();
  });
});
