import type { EventProjector } from '../../ledger';
import type { FuelStore, LocationRow, OrderRow, PumpRow, StationRow } from './fuel-store';

/**
 * Fuel in business terms (version 1 of the `fuel.*` events): station set-up, and each step of a
 * prepaid order — paid, released, dispensing, completed or refunded, reversed, failed — with the
 * columns that step changed. The projector is the only writer of the fuel tables, live and on
 * replay. Coordinates travel as decimal strings: the canonical journal holds integers only.
 */
type OrderChanges = Partial<Pick<OrderRow, 'state' | 'reversalTransferId' | 'pumpTransaction' | 'dispensedVolume' | 'chargedAmount' | 'refundAmount' | 'refundTransferId' | 'passJobId' | 'passState' | 'problem'>>;
type Coordinates = { latitude: string; longitude: string };

export type FuelOrderStep = 'released' | 'dispensing' | 'completed' | 'refunded' | 'reversed' | 'failed' | 'passPrinted';

export type FuelEvent =
  | { type: 'fuel.location.set'; location: Coordinates & { radiusMetres: number } }
  | { type: 'fuel.stations.set'; stations: (Coordinates & { id: string; name: string })[] }
  /** One station with its address (store setup, CSV import, later the sync stream): an upsert by id. */
  | { type: 'fuel.station.saved'; station: Coordinates & { id: string; name: string; address: string; origin: 'local' | 'central' } }
  | { type: 'fuel.grade.set'; grade: { id: string; name: string }; price: { price: number; effectiveFrom: string } | null }
  | { type: 'fuel.pump.set'; pump: PumpRow }
  // A grade as head office manages it (reference data): its name and its whole price list, replaced.
  | { type: 'fuel.grade.replaced'; grade: { id: string; name: string }; prices: { price: number; effectiveFrom: string }[] }
  | { type: 'fuel.order.paid'; order: Omit<OrderRow, 'updatedAt'> }
  | { type: `fuel.order.${FuelOrderStep}`; orderId: string; changes: OrderChanges };

export const coordinates = (l: { latitude: number; longitude: number }): Coordinates => ({ latitude: String(l.latitude), longitude: String(l.longitude) });
const fromCoordinates = (c: Coordinates) => ({ latitude: Number(c.latitude), longitude: Number(c.longitude) });

export function fuelProjector(store: FuelStore): EventProjector {
  return (raw, at) => {
    const e = raw as FuelEvent;
    switch (e.type) {
      case 'fuel.location.set':
        store.setLocation({ ...fromCoordinates(e.location), radiusMetres: e.location.radiusMetres } satisfies LocationRow);
        return;
      case 'fuel.stations.set':
        store.replaceStations(e.stations.map((s): StationRow => ({ id: s.id, name: s.name, ...fromCoordinates(s) })));
        return;
      case 'fuel.station.saved':
        store.upsertStation({ ...e.station, ...fromCoordinates(e.station) });
        return;
      case 'fuel.grade.set':
        store.upsertGrade(e.grade);
        if (e.price) store.setPrice({ gradeId: e.grade.id, ...e.price });
        return;
      case 'fuel.pump.set':
        store.setPump(e.pump);
        return;
      case 'fuel.grade.replaced':
        store.upsertGrade(e.grade);
        store.replacePrices(e.grade.id, e.prices);
        return;
      case 'fuel.order.paid':
        store.insertOrder({ ...e.order, createdAt: at, updatedAt: at });
        return;
      default:
        if (!e.type.startsWith('fuel.order.')) throw new Error(`unknown fuel event ${e.type}`);
        store.updateOrder(e.orderId, e.changes, at);
    }
  };
}
