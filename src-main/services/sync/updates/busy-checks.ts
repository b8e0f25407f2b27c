import type { FuelStore } from '../../fuel/fuel-store';
import type { BusyCheck } from './update-service';

/** A fuel order paid and not yet finished (its pump released or running) keeps the counter busy. */
export function fuelBusy(store: FuelStore): BusyCheck {
  return () => {
    const running = (['paid', 'released', 'dispensing'] as const).flatMap((s) => store.ordersInState(s));
    return running.length ? `fuel order on pump ${running[0]!.pump} is ${running[0]!.state}` : null;
  };
}
