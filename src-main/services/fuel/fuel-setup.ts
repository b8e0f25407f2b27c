// Station settings (manager): the terminal's location, the station list, grades with prices
// effective from an instant, pumps with the grades on their nozzles and a per-order limit.
// The same rows will later arrive from the central server by sync.
import { nearestStation, priceAt } from '../../domain/fuel';
import { localize } from '../../domain/errors';
import { PosError } from '../../domain/errors';
import { newId, type LedgerTx } from '../../ledger';
import type { CommandPath } from '../commands';
import type { StaffInfo } from '../staff/staff-service';
import type { CentralRecords } from '../sync/reference/reference-data';
import { coordinates, type FuelEvent } from './fuel-events';
import type { FuelStore, LocationRow, PumpRow, StationRow } from './fuel-store';

/** Every set-up change is a journaled command (fuel.* events), audited with who made it. */
export class FuelSetup {
  constructor(
    private readonly store: FuelStore,
    private readonly commands: CommandPath,
    private readonly now: () => Date,
    private readonly central?: CentralRecords,
  ) {}

  private async change(by: StaffInfo | null, method: string, body: unknown, events: (tx: LedgerTx) => FuelEvent[], audit: Record<string, unknown>) {
    await this.commands.run({
      commandId: newId(),
      method,
      body,
      actor: by,
      work: (tx) => {
        for (const e of events(tx)) tx.event(e);
        return null;
      },
      audit: () => audit,
    });
    return this.view();
  }

  /** Everything the settings screen shows, with the station found (or why none is). */
  view() {
    const location = this.store.location() ?? null;
    const stations = this.store.stations();
    const found = location ? nearestStation(location, stations, location.radiusMetres) : undefined;
    const at = this.now();
    return {
      location,
      stations,
      station: found ? { id: found.station.id, name: found.station.name, distanceMetres: Math.round(found.distance) } : null,
      problem: found ? null : { code: 'FUEL_NO_STATION', message: localize('FUEL_NO_STATION', { radius: location?.radiusMetres ?? 0 }) },
      grades: this.store.grades().map((g) => {
        const prices = this.store.prices(g.id);
        return { ...g, price: priceAt(prices, at)?.price ?? null, prices: prices.map(({ price, effectiveFrom }) => ({ price, effectiveFrom })) };
      }),
      pumps: this.store.pumps(),
    };
  }

  setLocation(by: StaffInfo | null, l: LocationRow) {
    return this.change(by, 'fuel.setLocation', coordinates(l), () => [{ type: 'fuel.location.set', location: { ...coordinates(l), radiusMetres: l.radiusMetres } }], { ...l });
  }

  setStations(by: StaffInfo | null, stations: StationRow[]) {
    const ids = new Set(stations.map((s) => s.id));
    if (ids.size !== stations.length) throw new PosError('INVALID_INPUT', {}, [{ path: 'stations', message: { en: 'Each station id once.', 'zh-CN': '油站编号不能重复。' } }]);
    // Head office's stations must come back unchanged: the list is edited whole, its central rows are read-only.
    for (const id of this.central?.ids('fuel.stations') ?? []) {
      const mine = this.store.stations().find((s) => s.id === id);
      const sent = stations.find((s) => s.id === id);
      if (!mine || !sent || sent.name !== mine.name || sent.latitude !== mine.latitude || sent.longitude !== mine.longitude) {
        throw new PosError('REFERENCE_READ_ONLY', { what: { en: `Station ${mine?.name ?? id}`, 'zh-CN': `油站 ${mine?.name ?? id} ` } });
      }
    }
    const list = stations.map((s) => ({ id: s.id, name: s.name, ...coordinates(s) }));
    return this.change(by, 'fuel.setStations', list, () => [{ type: 'fuel.stations.set', stations: list }], { count: stations.length });
  }

  /** A grade and, optionally, a price from an instant (a scheduled price change). */
  setGrade(by: StaffInfo | null, g: { id: string; name: string; price?: number | undefined; effectiveFrom?: string | undefined }) {
    this.central?.assertLocal('fuel.grades', g.id, { en: `Grade ${g.id} and its prices`, 'zh-CN': `油品 ${g.id} 及其价格` });
    const price = g.price === undefined ? null : { price: g.price, effectiveFrom: new Date(g.effectiveFrom ?? this.now()).toISOString() };
    return this.change(by, 'fuel.setGrade', { ...g }, () => [{ type: 'fuel.grade.set', grade: { id: g.id, name: g.name }, price }], {
      grade: g.id,
      price: g.price ?? null,
      effectiveFrom: g.effectiveFrom ?? null,
    });
  }

  setPump(by: StaffInfo | null, p: PumpRow) {
    for (const n of p.nozzles) {
      if (!this.store.grade(n.gradeId)) throw new PosError('NOT_FOUND', { what: `grade ${n.gradeId}` });
    }
    const nozzles = new Set(p.nozzles.map((n) => n.nozzle));
    const grades = new Set(p.nozzles.map((n) => n.gradeId));
    if (nozzles.size !== p.nozzles.length || grades.size !== p.nozzles.length) {
      throw new PosError('INVALID_INPUT', {}, [{ path: 'nozzles', message: { en: 'Each nozzle and each grade once per pump.', 'zh-CN': '每支油枪的枪号和油品不能重复。' } }]);
    }
    const pump: PumpRow = { number: p.number, stationId: p.stationId, maxVolume: p.maxVolume, nozzles: p.nozzles.map((n) => ({ nozzle: n.nozzle, gradeId: n.gradeId })) };
    return this.change(by, 'fuel.setPump', pump, () => [{ type: 'fuel.pump.set', pump }], { pump: p.number });
  }
}
