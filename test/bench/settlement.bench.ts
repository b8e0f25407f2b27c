// `npm run bench -- settlement`: the Z report and the dashboard over a big ledger.
// The ledger is generated fast with direct inserts (not through the app): N journal entries
// (lockers settlements and fuel orders, 2,740 a day ≈ 1,000,000 a year), one receipt per sale,
// and the day figures the settlement observer keeps for them. Figures at 100k and at 1M entries
// show that a report's time does not grow with the days before it: it reads one day's rows.
// Baseline: the same rows read by raw better-sqlite3 statements in the same run. `journalScan`
// is what the report would cost without the figures (summing the day's journal bodies).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase } from '../../src-main/ledger/database';
import { addDays, businessDayWindow, calendarDay, dashboardRange, dayStart } from '../../src-main/domain/settlement';
import { createServices } from '../../src-main/services';
import type { Benchmark, BenchLine } from './run';

const PER_DAY = 2_740;
const TZ = 'Asia/Shanghai';
const LAST_DAY = '2026-12-04';
const STAFF = ['staff-a', 'staff-b', 'staff-c'];
const TENDERS = ['cash', 'mobile', 'bank_card'];
const GRADES = ['92#', '95#', '98#'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number) => Number(x.toFixed(3));

function time(fn: () => unknown, runs = 15): number {
  fn(); // warm the statements and the page cache
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(xs);
}

/** Appends `days` days of business ending the day before `firstDay + days`, in one transaction per 40 days. */
function generate(file: string, firstDay: string, days: number, startSeq: number): number {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const journal = db.prepare(`INSERT INTO ledger_journal (id, store_id, terminal_id, seq, committed_at, command_id, body, prev_hash, hash) VALUES (?, 'store', 'terminal', ?, ?, ?, ?, ?, ?)`);
  const receipt = db.prepare(`INSERT INTO receipt (id, number, terminal_id, day, seq, kind, transaction_id, total, phone, lockers, pump, paper_mm, text_mode, created_at, body)
    VALUES (?, ?, 'terminal', ?, ?, ?, ?, ?, NULL, NULL, NULL, 80, 'multibyte', ?, '{}')`);
  const figure = db.prepare(`INSERT INTO settlement_figure (day, terminal_id, staff_id, kind, key, count, amount, volume) VALUES (?, 'terminal', ?, ?, ?, ?, ?, ?)`);
  const exception = db.prepare(`INSERT INTO settlement_exception (id, day, at, kind, workflow, ref, amount, staff_id, approved_by, reason) VALUES (?, ?, ?, 'void', 'lockers', 'massage', ?, ?, 'manager', 'charge voided')`);
  const hash = Buffer.alloc(32);
  let seq = startSeq;
  const chunk = db.transaction((from: number, to: number) => {
    for (let d = from; d < to; d++) {
      const day = addDays(firstDay, d);
      const start = dayStart(day, TZ).getTime();
      const sums = new Map<string, [number, number, number]>();
      const add = (staff: string, kind: string, key: string, count: number, amount: number, volume: number) => {
        const k = `${staff}\u0000${kind}\u0000${key}`;
        const s = sums.get(k) ?? [0, 0, 0];
        s[0] += count;
        s[1] += amount;
        s[2] += volume;
        sums.set(k, s);
      };
      for (let i = 0; i < PER_DAY; i++) {
        seq++;
        // Sales from 08:00 to 23:00 store time.
        const at = new Date(start + 8 * 3600_000 + Math.floor((i * 15 * 3600_000) / PER_DAY)).toISOString();
        const staff = STAFF[i % 3]!;
        const tender = TENDERS[i % 3]!;
        const fuel = i % 2 === 1;
        const amount = 1_000 + ((i * 7919) % 40_000);
        const volume = fuel ? Math.floor((amount * 100) / 759) : 0;
        const id = uuidv7();
        const event = fuel
          ? { type: 'fuel.order.paid', order: { id, staffId: staff, amount, volume, gradeName: GRADES[i % 3], tender } }
          : { type: 'lockers.party.settled', settlement: { id, total: amount, change: 0, tenders: [{ method: tender, amount }], by: staff } };
        const body = JSON.stringify({ v: 2, id, seq, at, type: 'command', events: [event] });
        hash.writeUInt32BE(seq, 0);
        journal.run(id, seq, at, id, body, hash, hash);
        receipt.run(id, `C1-${day.replaceAll('-', '')}-${String(i + 1).padStart(4, '0')}`, day.replaceAll('-', ''), i + 1, fuel ? 'fuel-pass' : 'locker-checkout', id, amount, at);
        const workflow = fuel ? 'fuel' : 'lockers';
        add(staff, 'sale', workflow, 1, amount, volume);
        add(staff, 'tender', tender, 0, amount, 0);
        add(staff, 'hour', at.slice(11, 13), 1, amount, 0); // UTC hour: the bench only needs the row count right
        if (fuel) add(staff, 'grade', GRADES[i % 3]!, 1, amount, volume);
        if (i % 500 === 0) exception.run(`void:${id}`, day, at, 500, staff);
      }
      for (const [k, [count, amount, volume]] of sums) {
        const [staff, kind, key] = k.split('\u0000') as [string, string, string];
        figure.run(day, staff, kind, key, count, amount, volume);
      }
    }
  });
  for (let d = 0; d < days; d += 40) chunk(d, Math.min(days, d + 40));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return seq;
}

async function measure(dir: string, entries: number, emit: (l: BenchLine) => void): Promise<void> {
  // The services' clock at 20:00 on the last day: the report is today's X (what a manager runs before the Z).
  const now = new Date(dayStart(LAST_DAY, TZ).getTime() + 20 * 3600_000);
  const s = await createServices({ dataDir: dir, host: 'browser', version: 'bench', logger: 'silent', now: () => now });
  try {
    const db = s.db.sqlite;
    const days = s.settlement.days;
    if (calendarDay(now, TZ) !== LAST_DAY) throw new Error('clock');
    const report = time(() => days.report(LAST_DAY));
    // Baseline: the same reads as raw statements (figures, exceptions, shifts, receipt numbers), no folding.
    const w = businessDayWindow(LAST_DAY, TZ, null, null);
    const raw = {
      figures: db.prepare(`SELECT day, terminal_id, staff_id, kind, key, count, amount, volume FROM settlement_figure WHERE day = ?`),
      exceptions: db.prepare(`SELECT * FROM settlement_exception WHERE day = ? ORDER BY at`),
      shifts: db.prepare(`SELECT * FROM settlement_shift WHERE close_day = ? OR status = 'open'`),
      receipts: db.prepare(`SELECT MIN(created_at), MAX(created_at), COUNT(*) FROM receipt WHERE created_at >= ? AND created_at < ?`),
    };
    const baseline = time(() => {
      raw.figures.all(LAST_DAY);
      raw.exceptions.all(LAST_DAY);
      raw.shifts.all(LAST_DAY);
      raw.receipts.get(w.from, w.to);
    });
    const scan = db.prepare(`SELECT SUM(COALESCE(json_extract(body, '$.events[0].settlement.total'), json_extract(body, '$.events[0].order.amount'))) AS total
      FROM ledger_journal WHERE committed_at >= ? AND committed_at < ?`);
    const journalScan = time(() => scan.get(w.from, w.to), 5);
    const check = days.report(LAST_DAY);
    const scanned = (scan.get(w.from, w.to) as { total: number }).total;
    emit({
      name: 'settlement.zReport',
      entries,
      value: round(report),
      unit: 'ms',
      baseline: round(baseline),
      ratio: round(report / baseline),
      target: '< 200 ms',
      met: report < 200,
      journalScanMs: round(journalScan),
      salesTotalEqualsJournal: check.salesTotal === scanned,
      tickets: check.tickets,
      loadavg1: round(os.loadavg()[0]!),
    });
    const dash = time(() => days.dashboard());
    const { from, to } = dashboardRange(LAST_DAY);
    const dashRaw = db.prepare(`SELECT day, kind, key, SUM(count), SUM(amount) FROM settlement_figure WHERE day BETWEEN ? AND ? AND kind IN ('sale', 'hour') GROUP BY day, kind, key`);
    const dashBase = time(() => dashRaw.all(from, to));
    emit({ name: 'settlement.dashboard30', entries, value: round(dash), unit: 'ms', baseline: round(dashBase), ratio: round(dash / dashBase), target: '< 300 ms', met: dash < 300, loadavg1: round(os.loadavg()[0]!) });
  } finally {
    await s.close();
  }
}

export const settlementBenchmarks: Benchmark[] = [
  {
    name: 'settlement',
    async run(emit) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'settlement-bench-'));
      try {
        const db = await openDatabase(dir);
        const file = db.file;
        await db.close();
        const small = Math.round(100_000 / PER_DAY); // 36 days ≈ 100k entries
        const year = Math.round(1_000_000 / PER_DAY); // 365 days ≈ 1M entries
        const t0 = Date.now();
        let seq = generate(file, addDays(LAST_DAY, -(small - 1)), small, 0);
        emit({ name: 'settlement.generate', entries: seq, value: Date.now() - t0, unit: 'ms' });
        await measure(dir, seq, emit);
        // The same last day, now with a year of business before it.
        const t1 = Date.now();
        seq = generate(file, addDays(LAST_DAY, -(year - 1)), year - small, seq);
        emit({ name: 'settlement.generate', entries: seq, value: Date.now() - t1, unit: 'ms' });
        await measure(dir, seq, emit);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  },
];
