import type * as z from 'zod';
import { fuelGradeRecord, fuelStationRecord } from '../../../domain/sync/reference';
import { coordinates, type FuelEvent } from '../../fuel/fuel-events';
import type { FuelStore } from '../../fuel/fuel-store';
import type { ReferenceStream } from '../reference/reference-data';

export const FUEL_STATIONS = 'fuel.stations';
export const FUEL_GRADES = 'fuel.grades';

/**
 * Fuel stations from head office. The counter's list is kept whole (`fuel.stations.set`):
 * central stations are added, changed or removed by id, the counter's own stations stay.
 */
export function fuelStationsStream(store: FuelStore): ReferenceStream<z.infer<typeof fuelStationRecord>> {
  return {
    name: FUEL_STATIONS,
    schema: fuelStationRecord,
    apply(tx, changes) {
      const list = new Map(store.stations().map((s) => [s.id, s]));
      for (const c of changes) {
        if (c.record === null) list.delete(c.id);
        else list.set(c.id, { id: c.id, ...c.record });
      }
      const stations = [...list.values()].map((s) => ({ id: s.id, name: s.name, ...coordinates(s) }));
      tx.event({ type: 'fuel.stations.set', stations } satisfies FuelEvent);
    },
  };
}

/**
 * Fuel grades with their whole price list (scheduled changes included) from head office. A grade
 * deleted centrally stays in the counter's list, because pumps and past orders name it; it
 * becomes a local grade again (editable by the manager).
 */
export function fuelGradesStream(): ReferenceStream<z.infer<typeof fuelGradeRecord>> {
  return {
    name: FUEL_GRADES,
    schema: fuelGradeRecord,
    apply(tx, changes) {
      for (const c of changes) {
        if (c.record === null) continue;
        const prices = c.record.prices.map((p) => ({ price: p.price, effectiveFrom: new Date(p.effectiveFrom).toISOString() }));
        tx.event({ type: 'fuel.grade.replaced', grade: { id: c.id, name: c.record.name }, prices } satisfies FuelEvent);
      }
    },
  };
}
