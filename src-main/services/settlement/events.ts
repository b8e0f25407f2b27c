import type { EventProjector } from '../../ledger';
import type { CashCount, Day, DayReport } from '../../domain/settlement';
import type { SettlementStatements } from './statements';

/** The store's settlement settings (set by a manager, journaled). */
export interface SettlementSettings {
  /** Sales need an open shift: 'required' refuses them (SHIFT_NOT_OPEN), 'auto' opens one with no float, 'off' does not ask. */
  shiftMode: 'off' | 'required' | 'auto';
  /** A cash difference larger than this (minor units) needs a manager at shift close. */
  differenceLimit: number;
}

export const DEFAULT_SETTLEMENT_SETTINGS: SettlementSettings = { shiftMode: 'off', differenceLimit: 1000 };

/**
 * Shifts, the drawer and the day close in business terms (version 1 of the `settlement.*`
 * events). The projector below is the only writer of the shift, cash-move and closed-day tables,
 * live and on replay; a change of shape is a new event type.
 */
export type SettlementEvent =
  | { type: 'settlement.settings.changed'; settings: SettlementSettings }
  | { type: 'settlement.shift.opened'; shift: { id: string; terminal: string; staff: string; float: number; count: CashCount; auto: boolean } }
  | { type: 'settlement.cash.paidIn'; move: { id: string; shiftId: string; amount: number; reason: string; staff: string } }
  | { type: 'settlement.cash.paidOut'; move: { id: string; shiftId: string; amount: number; reason: string; staff: string; approvedBy: string } }
  | {
      type: 'settlement.shift.closed';
      shift: { id: string; closedBy: string; day: Day; counted: number; count: CashCount; expected: number; difference: number; approvedBy: string | null };
    }
  | { type: 'settlement.day.closed'; day: Day; closedBy: string; commandId: string; report: DayReport };

/** Cash moves also count in the day's figures and exceptions; `figures` writes those. */
export interface CashMoveFigures {
  payIn(move: { id: string; shiftId: string; amount: number; reason: string; staff: string }, at: string): void;
  payOut(move: { id: string; shiftId: string; amount: number; reason: string; staff: string; approvedBy: string }, at: string): void;
  difference(shift: { id: string; closedBy: string; difference: number; approvedBy: string | null }, at: string): void;
}

export function settlementProjector(sql: SettlementStatements, figures: CashMoveFigures): EventProjector {
  return (raw, at) => {
    const e = raw as SettlementEvent;
    switch (e.type) {
      case 'settlement.settings.changed':
        sql.saveSettings.run(JSON.stringify(e.settings));
        return;
      case 'settlement.shift.opened': {
        const s = e.shift;
        sql.insertShift.run({ id: s.id, terminal_id: s.terminal, staff_id: s.staff, opened_at: at, float: s.float, float_count: JSON.stringify(s.count), auto_opened: s.auto ? 1 : 0 });
        return;
      }
      case 'settlement.cash.paidIn':
        sql.insertMove.run({ id: e.move.id, shift_id: e.move.shiftId, kind: 'pay_in', amount: e.move.amount, reason: e.move.reason, staff_id: e.move.staff, approved_by: null, at });
        sql.addDrawer.run({ id: e.move.shiftId, cash_sales: 0, cash_refunds: 0, pay_ins: e.move.amount, pay_outs: 0 });
        figures.payIn(e.move, at);
        return;
      case 'settlement.cash.paidOut':
        sql.insertMove.run({ id: e.move.id, shift_id: e.move.shiftId, kind: 'pay_out', amount: e.move.amount, reason: e.move.reason, staff_id: e.move.staff, approved_by: e.move.approvedBy, at });
        sql.addDrawer.run({ id: e.move.shiftId, cash_sales: 0, cash_refunds: 0, pay_ins: 0, pay_outs: e.move.amount });
        figures.payOut(e.move, at);
        return;
      case 'settlement.shift.closed': {
        const s = e.shift;
        sql.closeShift.run({
          id: s.id,
          closed_at: at,
          closed_by: s.closedBy,
          close_day: s.day,
          counted: s.counted,
          count: JSON.stringify(s.count),
          expected: s.expected,
          difference: s.difference,
          approved_by: s.approvedBy,
        });
        if (s.difference !== 0) figures.difference(s, at);
        return;
      }
      case 'settlement.day.closed':
        sql.insertDay.run({ day: e.day, closed_at: at, closed_by: e.closedBy, command_id: e.commandId, report: JSON.stringify(e.report) });
        return;
      default:
        throw new Error(`unknown settlement event ${(e as { type: string }).type}`);
    }
  };
}
