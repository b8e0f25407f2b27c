import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ZH_CLIPS, announce } from '../../../src-main/domain/voice';

const DIR = path.resolve(__dirname, '../../../resources/voice/zh-CN');

describe('recorded voice clips shipped in resources/voice/zh-CN', () => {
  it('has one small WAV for every clip an announcement can use, and nothing else', () => {
    const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.wav'));
    expect(files.map((f) => f.slice(0, -4)).sort()).toEqual([...ZH_CLIPS].sort());
    const total = files.reduce((n, f) => n + fs.statSync(path.join(DIR, f)).size, 0);
    // Small enough to ship in every installer (11 kHz 8-bit mono).
    expect(total).toBeLessThan(300_000);
    for (const f of files) expect(fs.readFileSync(path.join(DIR, f)).subarray(0, 4).toString('latin1')).toBe('RIFF');
  });

  it('every clip of the issue example and of the edge amounts has a file', () => {
    const have = new Set(fs.readdirSync(DIR).map((f) => f.slice(0, -4)));
    for (const [amount, balance] of [[12_800, 37_200], [1_000, null], [100_500, 50], [1_000_101, 0]] as const) {
      for (const clip of announce('memberPayment', amount, balance, 'zh-CN').clips) expect(have.has(clip), clip).toBe(true);
    }
  });
});
