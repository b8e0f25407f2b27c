import type { Ledger } from '../../ledger';
import type { SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import type { CommandPath } from '../commands';
import type { ReceiptService } from '../receipts/receipt-service';
import type { StaffService } from '../staff/staff-service';
import { DayCloseService } from './day-close';
import { settlementProjector } from './events';
import { DayFigures } from './figures';
import { ShiftService } from './shift-service';
import { settlementStatements } from './statements';

export { ShiftService } from './shift-service';
export { DayCloseService } from './day-close';
export type { SettlementSettings } from './events';

export interface SettlementDeps {
  ledger: Ledger;
  commands: CommandPath;
  settings: SettingsStore;
  staff: StaffService;
  audit: AuditTrail;
  receipts: ReceiptService;
  now: () => Date;
}

/**
 * Shifts, the drawer and the day close. Registers the `settlement.*` projector and the figures
 * observer (the day's sales of every workflow), and the sale guard on the command path.
 */
export function createSettlement(d: SettlementDeps) {
  const sql = settlementStatements(d.ledger.db);
  const figures = new DayFigures(sql, d.ledger, () => d.settings.get().store.timeZone);
  d.ledger.projectors.register('settlement', settlementProjector(sql, figures));
  d.ledger.projectors.observe(figures.observe);
  const shifts = new ShiftService({ sql, ledger: d.ledger, commands: d.commands, settings: d.settings, staff: d.staff, audit: d.audit });
  const days = new DayCloseService({ sql, ledger: d.ledger, commands: d.commands, settings: d.settings, shifts, receipts: d.receipts, now: d.now });
  return { shifts, days };
}

export type Settlement = ReturnType<typeof createSettlement>;
