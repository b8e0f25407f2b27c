import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime } from './time';

describe('times at the counter', () => {
  it('are in the store time zone, 24-hour, whatever the screen language', () => {
    // 16:36 UTC is 00:36 the next day in Shanghai.
    expect(formatTime('2026-11-21T16:36:42Z', 'zh-CN', 'Asia/Shanghai')).toBe('00:36');
    expect(formatTime('2026-11-21T16:36:42Z', 'en', 'Asia/Shanghai')).toBe('00:36');
    expect(formatDateTime('2026-11-21T16:36:42Z', 'zh-CN', 'Asia/Shanghai')).toBe('2026/11/22 00:36');
  });
});
