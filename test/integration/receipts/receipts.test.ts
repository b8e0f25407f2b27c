// Receipts as data and the print queue, through the API on real SQLite with the LAN printer
// emulator: numbers, search, previews exactly as printed, reprints marked and audited, failed
// jobs that survive new printer settings and a restart, and the manager's "open drawer".
import { v7 as randomUUID } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { seedLockerDemo } from '../../../src-main/services/lockers';
import { startPrinterEmulator, type PrinterEmulator } from '../../emulators/printer-emulator';
import { openTerminal, setUpStore, type TestTerminal } from '../../support/services';
import { eventually, fastTiming } from '../devices/fixtures';

type Summary = { id: string; number: string; total: number; printState: string; reprints: number; lockers: number[]; kind: string };
type Listing = { receipts: Summary[]; waiting: { jobId: string; receiptId: string; number: string; attempts: number }[] };

let printer: PrinterEmulator;
let t: TestTerminal;
afterEach(async () => {
  await t?.close();
  await printer?.stop();
});

const clock = { now: new Date('2026-11-22T02:00:00Z') }; // 10:00 in Shanghai

async function counter(paperMm: 58 | 80 = 58, dataDir?: string) {
  const settings = { printer: { enabled: true, address: printer.address, paperMm } };
  t = await openTerminal({ ...(dataDir ? { dataDir } : {}), now: () => clock.now, devices: { settings, timing: fastTiming } });
  return t;
}

async function openStore() {
  printer = await startPrinterEmulator();
  await counter();
  const staff = await setUpStore(t);
  t.services.settings.update((s) => {
    s.terminal.name = 'Counter 1';
  });
  seedLockerDemo(t.services.lockers);
  await eventually(() => t.services.devices.printer.status().state === 'online', 5000, 'printer online');
  return staff;
}

/** Binds a party, charges it and checks it out paying cash (change back); returns the settlement. */
async function sale(lockers: number[], phone: string, amount: number, cash: number) {
  await t.ok('lockers.bind', { commandId: randomUUID(), wristbands: lockers.map(String), phone });
  await t.ok('lockers.charge', { commandId: randomUUID(), wristband: String(lockers[0]), outlet: 'massage', amount, note: '加钟' });
  return t.ok<{ settlementId: string; print: { state: string } }>('lockers.checkout', { commandId: randomUUID(), wristband: String(lockers[0]), tenders: [{ method: 'cash', amount: cash }] });
}

describe('receipts as data', () => {
  it('numbers every receipt per terminal per day, prints the number and the store header, and finds it by number, amount, phone tail and locker', async () => {
    await openStore();
    await t.ok('receipts.configure', { address: '北京市朝阳区建国路 88 号', phone: '010-8888 6666', taxNumber: '91110105MA01ABCD2X', invoiceNote: '如需发票请联系前台', footer: '欢迎再来 See you soon' });
    await sale([101, 102], '13800138000', 29_800, 30_000);
    await sale([103], '13900001234', 12_300, 20_000);
    const jobs = await printer.waitForJobs(2);
    expect(jobs[0]!.text).toMatch(/单号\s+C1-20261122-0001/);
    expect(jobs[1]!.text).toMatch(/单号\s+C1-20261122-0002/);
    expect(jobs[1]!.text).toContain('税号 91110105MA01ABCD2X');
    expect(jobs[1]!.text).toContain('欢迎再来 See you soon');
    expect(jobs[1]!.text).toMatch(/应收\s+￥123\.00\n实收 现金\s+￥200\.00\n找零\s+￥77\.00/);
    expect(jobs[1]!.drawerKicks).toBe(1);

    const all = await t.ok<Listing>('receipts.list', {});
    expect(all.receipts.map((r) => r.number)).toEqual(['C1-20261122-0002', 'C1-20261122-0001']); // newest first
    expect(all.receipts.every((r) => r.printState === 'printed' && r.kind === 'locker-checkout')).toBe(true);
    const find = async (query: string) => (await t.ok<Listing>('receipts.list', { query })).receipts.map((r) => r.number.slice(-4));
    expect(await find('0001')).toEqual(['0001']);
    expect(await find('123')).toEqual(['0002']); // ¥123.00
    expect(await find('298.00')).toEqual(['0001']);
    expect(await find('1234')).toEqual(['0002']); // phone tail
    expect(await find('8000')).toEqual(['0001']);
    expect(await find('102')).toEqual(['0001']); // locker
    expect(await find('nothing')).toEqual([]);

    // The preview is the paper: every line the printer received, in the same order.
    const detail = await t.ok<{ preview: string; paperMm: number }>('receipts.get', { id: all.receipts[0]!.id });
    expect(detail.paperMm).toBe(58);
    const printedLines = jobs[1]!.lines.map((l) => l.trim()).filter(Boolean);
    const previewLines = detail.preview.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('[QR'));
    expect(previewLines).toEqual(printedLines);

    // The next day starts again at 0001.
    clock.now = new Date('2026-11-22T16:30:00Z'); // 00:30 on the 23rd in Shanghai
    await sale([104], '13700000000', 5_000, 5_000);
    expect((await t.ok<Listing>('receipts.list', {})).receipts.map((r) => r.number)).toEqual(['C1-20261123-0001']);
    clock.now = new Date('2026-11-22T02:00:00Z');
  });

  it('a reprint is marked 重印 / REPRINT, does not open the drawer, and is audited', async () => {
    await openStore();
    await sale([101], '13800138000', 29_800, 30_000);
    await printer.waitForJobs(1);
    const [first] = (await t.ok<Listing>('receipts.list', {})).receipts;
    await t.ok('receipts.reprint', { id: first!.id });
    const [original, copy] = await printer.waitForJobs(2);
    expect(original!.text).not.toContain('重印');
    expect(copy!.lines[0]).toContain('** 重印 REPRINT **');
    expect(copy!.text).toMatch(/单号\s+C1-20261122-0001/);
    expect(copy!.drawerKicks).toBe(0);
    expect(copy!.cuts).toBe(1);
    expect((await t.ok<Listing>('receipts.list', {})).receipts[0]).toMatchObject({ reprints: 1, printState: 'printed' });
    const audit = await t.ok<{ action: string; detail: { number?: string } }[]>('staff.audit', { limit: 5 });
    expect(audit.find((a) => a.action === 'receipts.reprint')?.detail.number).toBe('C1-20261122-0001');
    // A copy in English for a foreign customer: the same receipt, labelled in English, still marked.
    await t.ok('receipts.reprint', { id: first!.id, locale: 'en' });
    const [, , english] = await printer.waitForJobs(3);
    expect(english!.lines[0]).toContain('** REPRINT 重印 **');
    expect(english!.text).toMatch(/Total due\s+￥298\.00/);
    expect(english!.text).toMatch(/No\.\s+C1-20261122-0001/);
  });
});

describe('receipts that failed to print', () => {
  it('wait in the database through new printer settings and a restart, and print (once, as the original) when the printer is back', async () => {
    await openStore();
    await printer.stop();
    const settled = await sale([101], '13800138000', 29_800, 30_000);
    expect(settled.print.state).toBe('failed');
    let listing = await t.ok<Listing>('receipts.list', {});
    expect(listing.waiting.map((w) => w.number)).toEqual(['C1-20261122-0001']);
    expect(listing.receipts[0]!.printState).toBe('failed');

    // The manager saves printer settings (now 80 mm): the waiting receipt is still there.
    const devices = await t.ok<Record<string, unknown>>('devices.settings');
    await t.ok('devices.configure', { ...devices, printer: { ...(devices.printer as object), paperMm: 80 } });
    expect((await t.ok<{ failedJobs: { number: string }[] }>('devices.status')).failedJobs.map((j) => j.number)).toEqual(['C1-20261122-0001']);

    // The terminal restarts: still there.
    const dataDir = t.dataDir;
    await t.close();
    await counter(80, dataDir);
    await t.ok('staff.signIn', { staffId: (await t.ok<{ id: string; role: string }[]>('staff.list')).find((s) => s.role === 'cashier')!.id, pin: '1111' });
    listing = await t.ok<Listing>('receipts.list', {});
    expect(listing.waiting.map((w) => w.number)).toEqual(['C1-20261122-0001']);

    // Printer back: the cashier retries; it prints at 80 mm as the original (drawer kick included), and the list empties.
    await printer.start();
    await t.ok('receipts.retry', { jobId: listing.waiting[0]!.jobId });
    const [job] = await printer.waitForJobs(1);
    expect(job!.text).not.toContain('重印');
    expect(job!.lines.find((l) => l.startsWith('应收'))).toMatch(/^应收 {36}￥298\.00$/);
    expect(job!.drawerKicks).toBe(1);
    listing = await t.ok<Listing>('receipts.list', {});
    expect(listing.waiting).toEqual([]);
    expect(listing.receipts[0]).toMatchObject({ printState: 'printed', reprints: 0 });
    expect((await t.ok<{ paperMm: number; preview: string }>('receipts.get', { id: listing.receipts[0]!.id })).preview).toMatch(/^应收 {36}￥298\.00$/m);
    const jobId = (await t.ok<{ prints: { jobId: string }[] }>('receipts.get', { id: listing.receipts[0]!.id })).prints[0]!.jobId;
    expect(await t.call('receipts.retry', { jobId })).toMatchObject({ ok: false, error: { code: 'PRINT_JOB_CLOSED' } });
  });

  it('a failed reprint says the printer is offline in both languages and keeps one waiting entry', async () => {
    await openStore();
    await printer.stop();
    await sale([101], '13800138000', 1_000, 1_000);
    const id = (await t.ok<Listing>('receipts.list', {})).receipts[0]!.id;
    const r = await t.call('receipts.reprint', { id });
    expect(r).toMatchObject({ ok: false, error: { code: 'DEVICE_OFFLINE', message: { 'zh-CN': expect.stringContaining('小票打印机') } } });
    expect((await t.ok<Listing>('receipts.list', {})).waiting).toHaveLength(1);
  });

  it('only a manager dismisses a waiting receipt, and it is audited', async () => {
    const { cashier } = await openStore();
    await printer.stop();
    await sale([101], '13800138000', 1_000, 1_000);
    const [waiting] = (await t.ok<Listing>('receipts.list', {})).waiting;
    await t.ok('staff.signIn', { staffId: cashier.id, pin: '1111' });
    expect(await t.call('receipts.dismiss', { jobId: waiting!.jobId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const manager = (await t.ok<{ id: string; role: string }[]>('staff.list')).find((s) => s.role === 'manager')!;
    await t.ok('staff.signIn', { staffId: manager.id, pin: '1234' });
    await t.ok('receipts.dismiss', { jobId: waiting!.jobId });
    const listing = await t.ok<Listing>('receipts.list', {});
    expect(listing.waiting).toEqual([]);
    expect(listing.receipts[0]!.printState).toBe('dismissed');
    const audit = await t.ok<{ action: string }[]>('staff.audit', { limit: 5 });
    expect(audit.map((a) => a.action)).toContain('receipts.dismiss');
  });
});

describe('the cash drawer', () => {
  it('opens for a manager with a reason (audited) and is refused to a cashier', async () => {
    const { cashier } = await openStore();
    expect(await t.call('receipts.openDrawer', { reason: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await t.call('receipts.openDrawer', { reason: 'x\x1bp' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await t.ok('receipts.openDrawer', { reason: '找零备用金 Float change' });
    const [job] = await printer.waitForJobs(1);
    expect(job!.drawerKicks).toBe(1);
    expect(job!.cuts).toBe(0);
    await t.ok('staff.signIn', { staffId: cashier.id, pin: '1111' });
    expect(await t.call('receipts.openDrawer', { reason: 'no sale' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const audit = await t.services.audit.recent(10);
    expect(audit.filter((a) => a.action === 'drawer.open').map((a) => [a.outcome, a.detail.reason, a.staffName])).toEqual([['ok', '找零备用金 Float change', 'Manager']]);
    expect(audit.some((a) => a.action === 'receipts.openDrawer' && a.outcome === 'refused')).toBe(true);
  });
});

describe('names that would reach the printer', () => {
  it('are refused with control characters where they are stored (staff, fuel station and grade, charge note)', async () => {
    await openStore();
    expect(await t.call('staff.create', { name: 'Eve\x1bp\x00', role: 'cashier', pin: '2222' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', fields: [{ path: 'name' }] } });
    expect(await t.call('fuel.setGrade', { id: '92', name: '92#\x1dV\x00' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    await t.ok('lockers.bind', { commandId: randomUUID(), wristbands: ['101'], phone: '13800138000' });
    expect(await t.call('lockers.charge', { commandId: randomUUID(), wristband: '101', outlet: 'massage', amount: 100, note: '加钟\x1bp\x00' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
