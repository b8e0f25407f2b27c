// Demo reference data: one station next to the demo terminal, three grades at realistic
// prices and the emulator's pumps 1 and 2. Runs once; a data dir with stations is left alone.
import type { FuelStore } from './fuel-store';

export const DEMO_FUEL = {
  location: { latitude: 31.2304, longitude: 121.4737, radiusMetres: 500 },
  station: { id: 'SH-0012', name: '人民广场加油站 People’s Square Station', latitude: 31.2311, longitude: 121.4745 },
  grades: [
    { id: '92', name: '92#汽油', price: 759 },
    { id: '95', name: '95#汽油', price: 812 },
    { id: '0', name: '0#柴油', price: 729 },
  ],
  pumps: [
    { number: 1, maxVolume: 15_000, nozzles: [{ nozzle: 1, gradeId: '92' }, { nozzle: 2, gradeId: '95' }] },
    { number: 2, maxVolume: 30_000, nozzles: [{ nozzle: 1, gradeId: '95' }, { nozzle: 2, gradeId: '0' }] },
  ],
} as const;

export function seedFuelDemo(store: FuelStore, effectiveFrom = '2025-01-01T00:00:00.000Z'): boolean {
  if (store.stations().length > 0) return false;
  store.transaction(() => {
    store.setLocation(DEMO_FUEL.location);
    store.replaceStations([DEMO_FUEL.station]);
    for (const g of DEMO_FUEL.grades) {
      store.upsertGrade({ id: g.id, name: g.name });
      store.setPrice({ gradeId: g.id, price: g.price, effectiveFrom });
    }
    for (const p of DEMO_FUEL.pumps) store.setPump({ number: p.number, stationId: DEMO_FUEL.station.id, maxVolume: p.maxVolume, nozzles: p.nozzles.map((n) => ({ ...n })) });
  });
  return true;
}
