// Demo reference data: one station next to the demo terminal, three grades at realistic
// prices and the emulator's pumps 1 and 2. Runs once; a data dir with stations is left alone.
import type { FuelSetup } from './fuel-setup';
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

/** Seeds through the manager's set-up commands, so the demo station is journaled like any other. */
export async function seedFuelDemo(setup: FuelSetup, store: FuelStore, effectiveFrom = '2025-01-01T00:00:00.000Z'): Promise<boolean> {
  if (store.stations().length > 0) return false;
  await setup.setLocation(null, DEMO_FUEL.location);
  await setup.setStations(null, [DEMO_FUEL.station]);
  for (const g of DEMO_FUEL.grades) await setup.setGrade(null, { id: g.id, name: g.name, price: g.price, effectiveFrom });
  for (const p of DEMO_FUEL.pumps) await setup.setPump(null, { number: p.number, stationId: DEMO_FUEL.station.id, maxVolume: p.maxVolume, nozzles: p.nozzles.map((n) => ({ ...n })) });
  return true;
}
