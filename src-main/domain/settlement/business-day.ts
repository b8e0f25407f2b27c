// Business days: a store's sales belong to the calendar day of its own time zone (not UTC,
// not the PC's zone), and a day closed by a Z report accepts nothing more. Pure functions of an
// instant, a zone and the last close, so they are tested at 23:59:59 / 00:00:00 and on the
// daylight-saving switch days of zones that have them.

/** A business day as YYYY-MM-DD. */
export type Day = string;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const partFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f;
}

/** The calendar day an instant falls on in the store's zone. */
export function calendarDay(at: Date | string, timeZone: string): Day {
  return dayFormat(timeZone).format(typeof at === 'string' ? new Date(at) : at);
}

/** The wall-clock fields of an instant in a zone. */
function wallClock(at: number, timeZone: string) {
  let f = partFormats.get(timeZone);
  if (!f) {
    partFormats.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })),
    );
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour), mi: Number(p.minute), s: Number(p.second) };
}

/** The hour (0–23) on the store's clock: what "sales per hour" groups by. */
export function hourOf(at: Date | string, timeZone: string): number {
  return wallClock(typeof at === 'string' ? Date.parse(at) : at.getTime(), timeZone).h;
}

/** The zone's offset from UTC at an instant, in milliseconds (+8 h for Shanghai). */
function offsetAt(at: number, timeZone: string): number {
  const w = wallClock(at, timeZone);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - Math.floor(at / 1000) * 1000;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDay(s: unknown): s is Day {
  if (typeof s !== 'string') return false;
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The day n days after (or before) a day. */
export function addDays(day: Day, n: number): Day {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
}

/**
 * The first instant of a day on the store's clock (its local midnight, or the first instant
 * after it where a DST switch skips midnight). Found from the zone's offset, corrected once
 * for a switch between the guess and the answer.
 */
export function dayStart(day: Day, timeZone: string): Date {
  const m = DAY_RE.exec(day);
  if (!m) throw new RangeError(`not a day: ${day}`);
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  let t = wall - offsetAt(wall, timeZone);
  t = wall - offsetAt(t, timeZone);
  // A zone whose midnight does not exist that day (a switch at 00:00): the day starts when it does.
  while (calendarDay(new Date(t), timeZone) !== day && calendarDay(new Date(t), timeZone) < day) t += 15 * 60_000;
  while (calendarDay(new Date(t - 1), timeZone) === day) t -= 15 * 60_000;
  return new Date(t);
}

/** [start, end) of a calendar day in the store's zone: 23, 24 or 25 hours long. */
export function dayBounds(day: Day, timeZone: string): { start: Date; end: Date } {
  return { start: dayStart(day, timeZone), end: dayStart(addDays(day, 1), timeZone) };
}

/** The last Z report: the day it closed and the instant it was taken. */
export interface LastClose {
  day: Day;
  closedAt: string;
}

export type Dating = { ok: true; day: Day } | { ok: false; closedDay: Day };

/**
 * The business day an entry made at `at` belongs to, given the last day closed:
 * - its calendar day in the store's zone, when that day is after the last closed day;
 * - the day after the last closed one, when the clock still shows the closed day but the entry
 *   comes after the Z report (a close at 22:00, a pump finishing at 22:30, late sales): the
 *   closed day's totals never change, so they carry over to the next day;
 * - refused (DAY_CLOSED) when the entry would be dated into a closed day: the clock shows a day
 *   before the last closed one, or the closed day before the moment it was closed (a back-dated
 *   clock). Corrections are made today, as reversals.
 */
export function businessDayOf(at: Date | string, timeZone: string, last: LastClose | null): Dating {
  const day = calendarDay(at, timeZone);
  if (!last || day > last.day) return { ok: true, day };
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (day === last.day && t >= Date.parse(last.closedAt)) return { ok: true, day: addDays(last.day, 1) };
  return { ok: false, closedDay: day < last.day ? day : last.day };
}

/**
 * Whether a Z report may close `requested` now: never a day already closed (each day closes
 * once), never a day that has not started on the store's clock, and days close in order: an
 * earlier day with sales that is still open (`earlierOpen`) is closed first.
 */
export function closableDay(
  requested: Day,
  now: Date,
  timeZone: string,
  last: LastClose | null,
  earlierOpen: Day | null,
): { ok: true } | { ok: false; reason: 'closed' | 'future' | 'earlier-open'; day: Day } {
  if (last && requested <= last.day) return { ok: false, reason: 'closed', day: requested };
  const current = businessDayOf(now, timeZone, last);
  const today = current.ok ? current.day : calendarDay(now, timeZone);
  if (requested > today) return { ok: false, reason: 'future', day: requested };
  if (earlierOpen !== null && earlierOpen < requested) return { ok: false, reason: 'earlier-open', day: earlierOpen };
  return { ok: true };
}

/**
 * The instants [from, to) whose entries belong to business day `day`: from its local midnight,
 * or from the previous day's Z report when that was taken the evening before (what came after it
 * carried over to this day); to the end of the day, or this day's own Z report if taken before.
 */
export function businessDayWindow(day: Day, timeZone: string, previous: LastClose | null, closedAt: string | null): { from: string; to: string } {
  const { start, end } = dayBounds(day, timeZone);
  let from = start.toISOString();
  if (previous && previous.day === addDays(day, -1) && previous.closedAt < from) from = previous.closedAt;
  const to = closedAt !== null && closedAt < end.toISOString() ? closedAt : end.toISOString();
  return { from, to };
}
