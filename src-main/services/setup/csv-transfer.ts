import { toDecimalString } from '../../domain/receipt/money';
import { PosError } from '../../domain/errors';
import {
  CATALOG_COLUMNS,
  LOCKER_COLUMNS,
  STATION_COLUMNS,
  checkCatalogRows,
  checkLockerRows,
  checkStationRows,
  parseStoreTime,
  readCsv,
  writeCsv,
  type CsvEncoding,
  type RowProblem,
} from '../../domain/setup';
import type { LedgerTx } from '../../ledger';
import type { SettingsStore } from '../../ops/settings-file';
import type { CatalogService } from '../catalog';
import type { CommandPath } from '../commands';
import type { FuelService } from '../fuel/fuel-service';
import type { LockerService } from '../lockers';
import type { StaffInfo } from '../staff/staff-service';

export type CsvKind = 'catalog' | 'lockers' | 'stations';

export interface CsvTransferDeps {
  commands: CommandPath;
  settings: SettingsStore;
  catalog: CatalogService;
  lockers: LockerService;
  fuel: FuelService;
  now: () => Date;
}

interface Plan {
  encoding: CsvEncoding;
  rows: number;
  problems: RowProblem[];
  /** Writes the accepted rows as events; runs only when there is no problem. */
  apply(tx: LedgerTx): { created: number; updated: number };
}

/**
 * CSV import and export of the catalog, lockers with their wristbands, and fuel stations.
 * A preview checks every row against the current data and lists each refusal; the import
 * checks again inside its one transaction and writes all rows or none, idempotent by command id.
 */
export class CsvTransfer {
  constructor(private readonly d: CsvTransferDeps) {}

  preview(kind: CsvKind, content: Uint8Array) {
    const plan = this.plan(kind, content);
    return { encoding: plan.encoding, rows: plan.rows, accepted: plan.rows - new Set(plan.problems.map((p) => p.row)).size, problems: plan.problems };
  }

  import(by: StaffInfo, input: { commandId: string; kind: CsvKind; content: string }) {
    return this.d.commands.run({
      commandId: input.commandId,
      method: 'setup.import',
      body: { kind: input.kind, content: input.content },
      actor: by,
      work: (tx) => {
        const plan = this.plan(input.kind, Buffer.from(input.content, 'base64'));
        if (plan.problems.length > 0) {
          throw new PosError(
            'CSV_ROWS_REFUSED',
            { count: new Set(plan.problems.map((p) => p.row)).size },
            plan.problems.slice(0, 200).map((p) => ({ path: `${p.row}:${p.field}`, message: p.message })),
          );
        }
        return { kind: input.kind, rows: plan.rows, ...plan.apply(tx) };
      },
      announce: () => [
        ['setup.changed', { at: new Date().toISOString() }],
        [input.kind === 'lockers' ? 'lockers.changed' : 'catalog.changed', { at: new Date().toISOString() }],
      ],
      audit: (r) => ({ kind: r.kind, rows: r.rows, created: r.created, updated: r.updated }),
    });
  }

  export(kind: CsvKind): { fileName: string; content: string } {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: this.d.settings.get().store.timeZone }).format(this.d.now());
    let bytes: Uint8Array;
    if (kind === 'catalog') {
      const { items } = this.d.catalog.list();
      const currency = this.d.settings.get().store.currency;
      bytes = writeCsv(CATALOG_COLUMNS, items.map((i) => [i.id, i.outletId, i.nameZh, i.nameEn, i.category, i.price === null ? '' : toDecimalString(i.price, currency), i.barcode ?? '', i.active ? 1 : 0, '']));
    } else if (kind === 'lockers') {
      bytes = writeCsv(LOCKER_COLUMNS, this.d.lockers.setup.view().lockers.map((l) => [l.number, l.uid ?? '', l.state === 'out_of_service' ? 'out_of_service' : 'free']));
    } else {
      bytes = writeCsv(STATION_COLUMNS, this.d.fuel.store.stationDirectory().map((s) => [s.id, s.name, s.address, String(s.latitude), String(s.longitude)]));
    }
    return { fileName: `${kind}-${day}.csv`, content: Buffer.from(bytes).toString('base64') };
  }

  private plan(kind: CsvKind, content: Uint8Array): Plan {
    const table = readCsv(content);
    if ('error' in table) {
      const e = table.error;
      const message =
        e.code === 'empty'
          ? { en: 'The file is empty.', 'zh-CN': '文件是空的。' }
          : e.code === 'utf16'
            ? { en: 'Save the file as "CSV UTF-8" or "CSV" in Excel (not Unicode text).', 'zh-CN': '请在 Excel 中另存为"CSV UTF-8"或"CSV"（不要选 Unicode 文本）。' }
            : { en: `The file cannot be read as CSV (${e.reason}).`, 'zh-CN': `文件无法按 CSV 读取（${e.reason}）。` };
      return { encoding: 'utf-8', rows: 0, problems: [{ row: e.code === 'malformed' ? e.row : 1, field: '', message }], apply: () => ({ created: 0, updated: 0 }) };
    }
    const rows = table.rows.length;
    if (kind === 'catalog') {
      const timeZone = this.d.settings.get().store.timeZone;
      const list = this.d.catalog.list();
      const checked = checkCatalogRows(table, { outlets: list.outlets, items: list.items, now: this.d.now(), parseLocalTime: (t) => parseStoreTime(t, timeZone) });
      return {
        encoding: table.encoding,
        rows,
        problems: checked.problems,
        apply: (tx) => {
          let created = 0;
          let updated = 0;
          for (const r of checked.rows) {
            const e = this.d.catalog.itemEvent(tx, {
              id: r.existingId ?? r.newId ?? undefined,
              outletId: r.outletId,
              nameZh: r.nameZh,
              nameEn: r.nameEn,
              category: r.category,
              barcode: r.barcode,
              active: r.active,
              price: r.price,
              ...(r.effectiveFrom ? { effectiveFrom: r.effectiveFrom } : {}),
            });
            const before = r.existingId ? this.d.catalog.store.item(r.existingId) : undefined;
            if (before && !e.price && JSON.stringify(before) === JSON.stringify(e.item)) continue; // unchanged: nothing to journal
            tx.event(e);
            if (before) updated += 1;
            else created += 1;
          }
          return { created, updated };
        },
      };
    }
    if (kind === 'lockers') {
      const { desk } = this.d.lockers;
      const current = this.d.lockers.setup.view().lockers;
      const checked = checkLockerRows(table, { lockers: current, isBlocked: (uid) => Boolean(desk.rows.blocked.get(uid)) });
      return {
        encoding: table.encoding,
        rows,
        problems: checked.problems,
        apply: (tx) => {
          let created = 0;
          let updated = 0;
          const added: number[] = [];
          for (const r of checked.rows) {
            const now = current.find((l) => l.number === r.locker);
            if (!now) created += 1;
            if (r.uid && r.uid !== now?.uid) {
              tx.event({ type: 'lockers.locker.registered', locker: r.locker, uid: r.uid });
              if (now) updated += 1;
            } else if (!r.uid && !now) added.push(r.locker);
          }
          if (added.length > 0) tx.event({ type: 'lockers.locker.added', lockers: added });
          for (const r of checked.rows) {
            const now = current.find((l) => l.number === r.locker);
            if ((now?.state ?? 'free') !== r.state) tx.event({ type: 'lockers.locker.stateChanged', locker: r.locker, state: r.state });
          }
          return { created, updated };
        },
      };
    }
    const stations = this.d.fuel.store.stationDirectory();
    const checked = checkStationRows(table, { stations });
    return {
      encoding: table.encoding,
      rows,
      problems: checked.problems,
      apply: (tx) => {
        let created = 0;
        let updated = 0;
        for (const r of checked.rows) {
          const before = stations.find((s) => s.id === r.id);
          if (before && before.name === r.name && before.address === r.address && String(before.latitude) === r.latitude && String(before.longitude) === r.longitude) continue;
          tx.event({ type: 'fuel.station.saved', station: { id: r.id, name: r.name, address: r.address, latitude: r.latitude, longitude: r.longitude, origin: 'local' } });
          if (before) updated += 1;
          else created += 1;
        }
        return { created, updated };
      },
    };
  }
}
