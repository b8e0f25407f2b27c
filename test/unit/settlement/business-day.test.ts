import { describe, expect, it } from 'vitest';
import { addDays, businessDayOf, calendarDay, closableDay, dayBounds, hourOf, isDay } from '../../../src-main/domain/settlement';

const SH = 'Asia/Shanghai';

describe('business day in the store time zone', () => {
  it('a sale at 23:59:59 store time belongs to that day, one at 00:00:00 to the next', () => {
    // 23:59:59 in Shanghai is 15:59:59 UTC.
    expect(calendarDay('2026-12-04T15:59:59.999Z', SH)).toBe('2026-12-04');
    expect(calendarDay('2026-12-04T16:00:00.000Z', SH)).toBe('2026-12-05');
    expect(hourOf('2026-12-04T15:59:59.999Z', SH)).toBe(23);
    expect(hourOf('2026-12-04T16:00:00.000Z', SH)).toBe(0);
  });

  it('a Shanghai day runs from 16:00 UTC the day before, 24 hours', () => {
    const { start, end } = dayBounds('2026-12-05', SH);
    expect(start.toISOString()).toBe('2026-12-04T16:00:00.000Z');
    expect(end.toISOString()).toBe('2026-12-05T16:00:00.000Z');
  });

  it('New York: the spring-forward day has 23 hours, the fall-back day 25, each starting at local midnight', () => {
    const ny = 'America/New_York';
    const spring = dayBounds('2026-03-08', ny);
    expect(spring.start.toISOString()).toBe('2026-03-08T05:00:00.000Z'); // EST midnight
    expect(spring.end.toISOString()).toBe('2026-03-09T04:00:00.000Z'); // EDT midnight
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
    const fall = dayBounds('2026-11-01', ny);
    expect(fall.start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(fall.end.toISOString()).toBe('2026-11-02T05:00:00.000Z');
    expect(fall.end.getTime() - fall.start.getTime()).toBe(25 * 3600_000);
    // 23:59:59 and 00:00:00 around the switch nights.
    expect(calendarDay('2026-03-09T03:59:59Z', ny)).toBe('2026-03-08');
    expect(calendarDay('2026-03-09T04:00:00Z', ny)).toBe('2026-03-09');
    expect(calendarDay('2026-11-02T04:59:59Z', ny)).toBe('2026-11-01');
    expect(calendarDay('2026-11-02T05:00:00Z', ny)).toBe('2026-11-02');
  });

  it('Berlin: the switch days have 23 and 25 hours', () => {
    const b = 'Europe/Berlin';
    const spring = dayBounds('2026-03-29', b);
    expect(spring.start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3600_000);
    const fall = dayBounds('2026-10-25', b);
    expect(fall.end.getTime() - fall.start.getTime()).toBe(25 * 3600_000);
  });

  it('a zone whose midnight is skipped by the switch (Santiago) starts the day at 01:00', () => {
    const { start } = dayBounds('2026-09-06', 'America/Santiago');
    expect(calendarDay(start, 'America/Santiago')).toBe('2026-09-06');
    expect(calendarDay(new Date(start.getTime() - 1), 'America/Santiago')).toBe('2026-09-05');
  });

  it('days are checked and counted on the calendar', () => {
    expect(isDay('2026-02-29')).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-12-4')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('dating entries around a Z report', () => {
  const last = { day: '2026-12-04', closedAt: '2026-12-04T14:00:00.000Z' }; // closed at 22:00 Shanghai

  it('no close yet: the calendar day', () => {
    expect(businessDayOf('2026-12-04T15:59:59Z', SH, null)).toEqual({ ok: true, day: '2026-12-04' });
  });

  it('after the close, the rest of the closed calendar day carries over to the next day', () => {
    expect(businessDayOf('2026-12-04T14:00:00Z', SH, last)).toEqual({ ok: true, day: '2026-12-05' });
    expect(businessDayOf('2026-12-04T15:59:59Z', SH, last)).toEqual({ ok: true, day: '2026-12-05' });
    expect(businessDayOf('2026-12-04T16:00:00Z', SH, last)).toEqual({ ok: true, day: '2026-12-05' });
  });

  it('an entry dated into the closed day (a clock set back) is refused', () => {
    expect(businessDayOf('2026-12-04T13:59:59.999Z', SH, last)).toEqual({ ok: false, closedDay: '2026-12-04' });
    expect(businessDayOf('2026-12-01T03:00:00Z', SH, last)).toEqual({ ok: false, closedDay: '2026-12-01' });
  });

  it('a day closes once, in order, and never before it starts', () => {
    const now = new Date('2026-12-05T02:00:00Z'); // 10:00 on the 5th
    expect(closableDay('2026-12-04', now, SH, last, null)).toEqual({ ok: false, reason: 'closed', day: '2026-12-04' });
    expect(closableDay('2026-12-06', now, SH, last, null)).toEqual({ ok: false, reason: 'future', day: '2026-12-06' });
    expect(closableDay('2026-12-05', now, SH, last, null)).toEqual({ ok: true });
    expect(closableDay('2026-12-05', now, SH, null, '2026-12-03')).toEqual({ ok: false, reason: 'earlier-open', day: '2026-12-03' });
    // Closed at 22:00 on the 4th: at 23:00 the counter already sells on the 5th, which may close.
    expect(closableDay('2026-12-05', new Date('2026-12-04T15:00:00Z'), SH, last, null)).toEqual({ ok: true });
  });
});
