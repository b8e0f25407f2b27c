import type { StaffService } from '../staff/staff-service';
import type { Settlement } from '.';

/**
 * The demo store's shift rule: the first sale opens a shift (so the walk-through sells at once),
 * with a ¥10.00 allowed cash difference. Journaled like a manager's change, once.
 */
export async function seedSettlementDemo(settlement: Settlement, staff: StaffService): Promise<void> {
  if (settlement.shifts.hasSettings()) return;
  const manager = (await staff.list()).find((s) => s.role === 'manager');
  if (manager) await settlement.shifts.updateSettings(manager, { shiftMode: 'auto', differenceLimit: 1000 });
}
