// What a row of an imported CSV must say, checked before anything is written: every refused row
// is listed with its Excel row number, the column, and the reason in both languages. The
// services turn the accepted rows into the same journaled events the screens make.
import type { Locale } from '../errors';
import { hasControlCharacters } from '../receipt/text';
import { BARCODE, ITEM_ID, type Item, type Origin, type Outlet } from '../catalog';
import type { CsvTable } from './csv';

export interface RowProblem {
  /** The row number Excel shows (the header is row 1). */
  row: number;
  /** The column name, or '' for the row as a whole. */
  field: string;
  message: Record<Locale, string>;
}

const say = (en: string, zh: string): Record<Locale, string> => ({ en, 'zh-CN': zh });
const REASONS = {
  required: () => say('Required.', '必填。'),
  tooLong: (max: number) => say(`At most ${max} characters.`, `最多 ${max} 个字符。`),
  control: () => say('Line breaks and control characters are not allowed.', '不能包含换行或控制字符。'),
  money: () => say('A price above zero with at most 2 decimals, like 12.50.', '请填写大于零、最多两位小数的价格，如 12.50。'),
  unknownOutlet: (v: string) => say(`No outlet "${v}". Add it first or use an existing outlet's code or name.`, `没有营业点"${v}"。请先添加，或填写已有营业点的编号或名称。`),
  barcode: () => say('4 to 32 letters or digits.', '条码须为 4 到 32 位字母或数字。'),
  barcodeTwice: (row: number) => say(`The same barcode is on row ${row}.`, `与第 ${row} 行条码重复。`),
  barcodeTaken: (name: string) => say(`This barcode belongs to "${name}".`, `该条码已属于"${name}"。`),
  active: () => say('Use 1 or 0 (yes/no, 是/否).', '请填写 1 或 0（是/否）。'),
  id: () => say('Letters, digits, - and _ only (at most 64).', '编号只能包含字母、数字、- 和 _（最多 64 位）。'),
  idTwice: (row: number) => say(`The same id is on row ${row}.`, `与第 ${row} 行编号重复。`),
  central: () => say('Managed by head office: read-only at the counter.', '由总部统一管理，门店不能修改。'),
  when: () => say('A date and time like 2026-12-01 08:00 (store time).', '请填写日期时间，如 2026-12-01 08:00（门店时间）。'),
  past: () => say('A price change cannot start in the past.', '调价生效时间不能早于现在。'),
  locker: () => say('A locker number from 1 to 999999.', '柜号须为 1 到 999999 的整数。'),
  lockerTwice: (row: number) => say(`The same locker is on row ${row}.`, `与第 ${row} 行柜号重复。`),
  uid: () => say('8 to 20 hex digits as the reader shows them.', '须为读卡器显示的 8 到 20 位十六进制卡号。'),
  uidTwice: (row: number) => say(`The same wristband is on row ${row}.`, `与第 ${row} 行手牌重复。`),
  uidTaken: (locker: number) => say(`This wristband belongs to locker ${locker}.`, `该手牌已登记在 ${locker} 号柜。`),
  uidBlocked: () => say('This wristband was reported lost and is blocked.', '该手牌已挂失冻结。'),
  occupied: (locker: number) => say(`Locker ${locker} has a guest now; change it after checkout.`, `${locker} 号柜正在使用，请结账后再修改。`),
  state: () => say('Use "free" or "out_of_service" (空闲/停用).', '请填写 free 或 out_of_service（空闲/停用）。'),
  latitude: () => say('A latitude from -90 to 90, like 31.230416.', '纬度须在 -90 到 90 之间，如 31.230416。'),
  longitude: () => say('A longitude from -180 to 180, like 121.473701.', '经度须在 -180 到 180 之间，如 121.473701。'),
  stationId: () => say('1 to 32 letters, digits, - or _.', '编号须为 1 到 32 位字母、数字、- 或 _。'),
  missingColumn: (c: string) => say(`The file has no "${c}" column.`, `文件缺少"${c}"列。`),
  noRows: () => say('The file has no data rows.', '文件没有数据行。'),
};

export const CATALOG_COLUMNS = ['id', 'outlet', 'name_zh', 'name_en', 'category', 'price', 'barcode', 'active', 'effective_from'] as const;
export const LOCKER_COLUMNS = ['locker', 'uid', 'state'] as const;
export const STATION_COLUMNS = ['id', 'name', 'address', 'latitude', 'longitude'] as const;

/** Required columns missing from the header, as row-1 problems. */
export function headerProblems(table: CsvTable, required: readonly string[]): RowProblem[] {
  const problems = required.filter((c) => !table.header.includes(c)).map((c) => ({ row: 1, field: c, message: REASONS.missingColumn(c) }));
  if (problems.length === 0 && table.rows.length === 0) problems.push({ row: 1, field: '', message: REASONS.noRows() });
  return problems;
}

/** Exact money: "12.3" and "12.30" are 1230 (two decimals); no signs, exponents or rounding. */
export function parsePrice(text: string): number | null {
  const m = /^[¥￥]?(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.replace(/,/g, ''));
  if (!m) return null;
  const minor = Number(m[1]! + (m[2] ?? '').padEnd(2, '0'));
  return minor > 0 ? minor : null;
}

function text(problems: RowProblem[], row: number, field: string, value: string, max: number, required = true): string {
  if (value === '') {
    if (required) problems.push({ row, field, message: REASONS.required() });
    return value;
  }
  if (value.length > max) problems.push({ row, field, message: REASONS.tooLong(max) });
  else if (hasControlCharacters(value)) problems.push({ row, field, message: REASONS.control() });
  return value;
}

function flag(problems: RowProblem[], row: number, field: string, value: string): boolean {
  const v = value.toLowerCase();
  if (v === '' || ['1', 'yes', 'y', 'true', '是'].includes(v)) return true;
  if (['0', 'no', 'n', 'false', '否'].includes(v)) return false;
  problems.push({ row, field, message: REASONS.active() });
  return true;
}

export interface CatalogRow {
  row: number;
  /** The existing item this row updates, or null for a new one. */
  existingId: string | null;
  /** The id the file gave, for a new item (null: one is made). */
  newId: string | null;
  outletId: string;
  nameZh: string;
  nameEn: string;
  category: string;
  barcode: string | null;
  active: boolean;
  price: number;
  /** When the price starts; null: now. */
  effectiveFrom: string | null;
}

export interface CatalogContext {
  outlets: readonly Outlet[];
  items: readonly (Item & { price: number | null })[];
  now: Date;
  /** Turns "2026-12-01 08:00" in the store's time zone into an instant, or null when unreadable. */
  parseLocalTime(text: string): Date | null;
}

/**
 * Catalog rows: an existing item is found by id, else by barcode, else by outlet and Chinese
 * name, so importing the same file twice changes nothing the second time.
 */
export function checkCatalogRows(table: CsvTable, ctx: CatalogContext): { rows: CatalogRow[]; problems: RowProblem[] } {
  const problems = headerProblems(table, ['outlet', 'name_zh', 'name_en', 'price']);
  if (problems.length > 0) return { rows: [], problems };
  const outletOf = (v: string) => ctx.outlets.find((o) => o.id === v || o.nameZh === v || o.nameEn.toLowerCase() === v.toLowerCase());
  const seenBarcode = new Map<string, number>();
  const seenId = new Map<string, number>();
  const rows: CatalogRow[] = [];
  for (const { row, cells } of table.rows) {
    const p: RowProblem[] = [];
    const outlet = outletOf(cells.outlet ?? '');
    if ((cells.outlet ?? '') === '') p.push({ row, field: 'outlet', message: REASONS.required() });
    else if (!outlet) p.push({ row, field: 'outlet', message: REASONS.unknownOutlet(cells.outlet!) });
    const nameZh = text(p, row, 'name_zh', cells.name_zh ?? '', 60);
    const nameEn = text(p, row, 'name_en', cells.name_en ?? '', 60);
    const category = text(p, row, 'category', cells.category ?? '', 30, false);
    const price = parsePrice(cells.price ?? '');
    if (price === null) p.push({ row, field: 'price', message: REASONS.money() });
    const active = flag(p, row, 'active', cells.active ?? '');
    const id = cells.id ?? '';
    if (id !== '' && !ITEM_ID.test(id)) p.push({ row, field: 'id', message: REASONS.id() });
    if (id !== '' && seenId.has(id)) p.push({ row, field: 'id', message: REASONS.idTwice(seenId.get(id)!) });
    if (id !== '') seenId.set(id, row);
    const barcode = cells.barcode ?? '';
    if (barcode !== '' && !BARCODE.test(barcode)) p.push({ row, field: 'barcode', message: REASONS.barcode() });
    else if (barcode !== '' && seenBarcode.has(barcode)) p.push({ row, field: 'barcode', message: REASONS.barcodeTwice(seenBarcode.get(barcode)!) });
    if (barcode !== '') seenBarcode.set(barcode, row);
    let effectiveFrom: string | null = null;
    if ((cells.effective_from ?? '') !== '') {
      const when = ctx.parseLocalTime(cells.effective_from!);
      if (!when) p.push({ row, field: 'effective_from', message: REASONS.when() });
      else if (when.getTime() < ctx.now.getTime() - 1000) p.push({ row, field: 'effective_from', message: REASONS.past() });
      else effectiveFrom = when.toISOString();
    }
    const existing =
      (id !== '' ? ctx.items.find((i) => i.id === id) : undefined) ??
      (barcode !== '' ? ctx.items.find((i) => i.barcode === barcode) : undefined) ??
      (outlet && id === '' ? ctx.items.find((i) => i.outletId === outlet.id && i.nameZh === nameZh) : undefined);
    if (existing?.origin === 'central') p.push({ row, field: 'id', message: REASONS.central() });
    const holder = barcode !== '' ? ctx.items.find((i) => i.barcode === barcode) : undefined;
    if (holder && existing && holder.id !== existing.id) p.push({ row, field: 'barcode', message: REASONS.barcodeTaken(holder.nameZh) });
    problems.push(...p);
    if (p.length === 0 && outlet && price !== null) {
      rows.push({ row, existingId: existing?.id ?? null, newId: existing ? null : id || null, outletId: outlet.id, nameZh, nameEn, category, barcode: barcode || null, active, price, effectiveFrom });
    }
  }
  return { rows, problems };
}

export interface LockerRow {
  row: number;
  locker: number;
  uid: string | null;
  state: 'free' | 'out_of_service';
}
export interface LockerContext {
  /** Registered lockers with their wristband and state. */
  lockers: readonly { number: number; uid: string | null; state: 'free' | 'occupied' | 'out_of_service' }[];
  isBlocked(uid: string): boolean;
}

/** Lockers and their wristbands: `uid` may be empty (the wristband is tapped in later). */
export function checkLockerRows(table: CsvTable, ctx: LockerContext): { rows: LockerRow[]; problems: RowProblem[] } {
  const problems = headerProblems(table, ['locker']);
  if (problems.length > 0) return { rows: [], problems };
  const seenLocker = new Map<number, number>();
  const seenUid = new Map<string, number>();
  const rows: LockerRow[] = [];
  for (const { row, cells } of table.rows) {
    const p: RowProblem[] = [];
    const raw = cells.locker ?? '';
    const locker = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
    if (!(locker >= 1 && locker <= 999_999)) p.push({ row, field: 'locker', message: REASONS.locker() });
    else if (seenLocker.has(locker)) p.push({ row, field: 'locker', message: REASONS.lockerTwice(seenLocker.get(locker)!) });
    else seenLocker.set(locker, row);
    const uidText = (cells.uid ?? '').toUpperCase();
    const uid = uidText === '' ? null : uidText;
    if (uid !== null) {
      if (!/^[0-9A-F]{8,20}$/.test(uid)) p.push({ row, field: 'uid', message: REASONS.uid() });
      else if (seenUid.has(uid)) p.push({ row, field: 'uid', message: REASONS.uidTwice(seenUid.get(uid)!) });
      else if (ctx.isBlocked(uid)) p.push({ row, field: 'uid', message: REASONS.uidBlocked() });
      else {
        seenUid.set(uid, row);
        const holder = ctx.lockers.find((l) => l.uid === uid && l.number !== locker);
        if (holder) p.push({ row, field: 'uid', message: REASONS.uidTaken(holder.number) });
      }
    }
    const s = (cells.state ?? '').toLowerCase();
    let state: LockerRow['state'] = 'free';
    if (['out_of_service', 'out of service', '停用'].includes(s)) state = 'out_of_service';
    else if (!['', 'free', '空闲'].includes(s)) p.push({ row, field: 'state', message: REASONS.state() });
    const current = ctx.lockers.find((l) => l.number === locker);
    if (current?.state === 'occupied' && ((uid !== null && uid !== current.uid) || state === 'out_of_service')) p.push({ row, field: 'locker', message: REASONS.occupied(locker) });
    problems.push(...p);
    if (p.length === 0) rows.push({ row, locker, uid, state });
  }
  return { rows, problems };
}

export interface StationRow {
  row: number;
  id: string;
  name: string;
  address: string;
  /** Decimal text, exactly as typed (the journal holds integers only, so coordinates travel as text). */
  latitude: string;
  longitude: string;
}

/** Fuel stations with their coordinates; an id already managed by head office is read-only. */
export function checkStationRows(table: CsvTable, ctx: { stations: readonly { id: string; origin: Origin }[] }): { rows: StationRow[]; problems: RowProblem[] } {
  const problems = headerProblems(table, ['id', 'name', 'latitude', 'longitude']);
  if (problems.length > 0) return { rows: [], problems };
  const seen = new Map<string, number>();
  const rows: StationRow[] = [];
  for (const { row, cells } of table.rows) {
    const p: RowProblem[] = [];
    const id = cells.id ?? '';
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(id)) p.push({ row, field: 'id', message: REASONS.stationId() });
    else if (seen.has(id)) p.push({ row, field: 'id', message: REASONS.idTwice(seen.get(id)!) });
    else seen.set(id, row);
    if (ctx.stations.find((s) => s.id === id)?.origin === 'central') p.push({ row, field: 'id', message: REASONS.central() });
    const name = text(p, row, 'name', cells.name ?? '', 60);
    const address = text(p, row, 'address', cells.address ?? '', 120, false);
    const latitude = coordinate(cells.latitude ?? '', 90);
    if (latitude === null) p.push({ row, field: 'latitude', message: REASONS.latitude() });
    const longitude = coordinate(cells.longitude ?? '', 180);
    if (longitude === null) p.push({ row, field: 'longitude', message: REASONS.longitude() });
    problems.push(...p);
    if (p.length === 0) rows.push({ row, id, name, address, latitude: latitude!, longitude: longitude! });
  }
  return { rows, problems };
}

/** A decimal coordinate within ±limit, normalised ("031.20" → "31.2"), or null. */
export function coordinate(text: string, limit: number): string | null {
  if (!/^-?\d{1,3}(\.\d{1,8})?$/.test(text)) return null;
  const n = Number(text);
  return Math.abs(n) <= limit ? String(n) : null;
}
