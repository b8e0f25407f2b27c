// Station settings (manager): the terminal's location, the station list, grades with prices
// effective from an instant, pumps with the grades on their nozzles and a per-order limit.
// The same rows will later arrive from the central server by sync.
import { nearestStation, priceAt } from '../../domain/fuel';
import { localize } from '../../domain/errors';
import type { AuditTrail } from '../audit/audit-trail';
import type { StaffInfo } from '../staff/staff-service';
import type { FuelStore, LocationRow, PumpRow, StationRow } from './fuel-store';
import { PosError } from '../../domain/errors';

export class FuelSetup {
  constructor(
    private readonly store: FuelStore,
    private readonly audit: AuditTrail,
    private readonly now: () => Date,
  ) {}

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

  async setLocation(by: StaffInfo, l: LocationRow) {
    this.store.setLocation(l);
    await this.audit.record('fuel.setLocation', 'ok', by.id, { ...l });
    return this.view();
  }

  async setStations(by: StaffInfo, stations: StationRow[]) {
    const ids = new Set(stations.map((s) => s.id));
    if (ids.size !== stations.length) throw new PosError('INVALID_INPUT', {}, [{ path: 'stations', message: { en: 'Each station id once.', 'zh-CN': '油站编号不能重复。' } }]);
    this.store.replaceStations(stations);
    await this.audit.record('fuel.setStations', 'ok', by.id, { count: stations.length });
    return this.view();
  }

  /** A grade and, optionally, a price from an instant (a scheduled price change). */
  async setGrade(by: StaffInfo, g: { id: string; name: string; price?: number | undefined; effectiveFrom?: string | undefined }) {
    this.store.transaction(() => {
      this.store.upsertGrade({ id: g.id, name: g.name });
      if (g.price !== undefined) this.store.setPrice({ gradeId: g.id, price: g.price, effectiveFrom: new Date(g.effectiveFrom ?? this.now()).toISOString() });
    });
    await this.audit.record('fuel.setGrade', 'ok', by.id, { grade: g.id, price: g.price ?? null, effectiveFrom: g.effectiveFrom ?? null });
    return this.view();
  }

  async setPump(by: StaffInfo, p: PumpRow) {
    for (const n of p.nozzles) {
      if (!this.store.grade(n.gradeId)) throw new PosError('NOT_FOUND', { what: `grade ${n.gradeId}` });
    }
    const nozzles = new Set(p.nozzles.map((n) => n.nozzle));
    const grades = new Set(p.nozzles.map((n) => n.gradeId));
    if (nozzles.size !== p.nozzles.length || grades.size !== p.nozzles.length) {
      throw new PosError('INVALID_INPUT', {}, [{ path: 'nozzles', message: { en: 'Each nozzle and each grade once per pump.', 'zh-CN': '每支油枪的枪号和油品不能重复。' } }]);
    }
    this.store.setPump(p);
    await this.audit.record('fuel.setPump', 'ok', by.id, { pump: p.number });
    return this.view();
  }
}
