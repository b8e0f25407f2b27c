// Shifts and the cash drawer: open with a counted float, pay in and out with a reason (a
// manager's PIN for pay-outs), close with a blind count. Every change is one command on the one
// command path, journaled as `settlement.*` events; the projector writes the tables.
import { PosError } from '../../domain/errors';
import { moneyParams } from '../../domain/receipt';
import { cashDifference, countTotal, denominationsOf, expectedCash, normalizeCount, type CashCount } from '../../domain/settlement';
import { newId, type Ledger, type LedgerTx } from '../../ledger';
import type { SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import type { CommandPath } from '../commands';
import type { StaffInfo, StaffService } from '../staff/staff-service';
import { DEFAULT_SETTLEMENT_SETTINGS, type SettlementSettings } from './events';
import type { SettlementStatements, ShiftRow } from './statements';

export interface Approval {
  staffId: string;
  pin: string;
}

export interface ShiftDeps {
  sql: SettlementStatements;
  ledger: Ledger;
  commands: CommandPath;
  settings: SettingsStore;
  staff: StaffService;
  audit: AuditTrail;
}

/** The largest single pay-in, pay-out or limit: ¥100,000 (a typo guard). */
export const MAX_CASH_MOVE = 10_000_000;

/** The methods that are sales: they need an open shift when the store says so. */
export const SALE_METHODS = ['lockers.checkout', 'fuel.pay', 'shop.sell'];

const changed = (): [string, unknown][] => [['settlement.changed', { at: new Date().toISOString() }]];

export class ShiftService {
  constructor(private readonly d: ShiftDeps) {
    // Sales need an open shift: checked inside the sale's own transaction, on the one command path.
    d.commands.guard(SALE_METHODS, (tx, actor) => this.gate(tx, actor));
  }

  private get currency() {
    return this.d.settings.get().store.currency;
  }

  settings(): SettlementSettings {
    const row = this.d.sql.settings.get();
    return row ? { ...DEFAULT_SETTLEMENT_SETTINGS, ...(JSON.parse(row.json) as Partial<SettlementSettings>) } : { ...DEFAULT_SETTLEMENT_SETTINGS };
  }

  hasSettings(): boolean {
    return this.d.sql.settings.get() !== undefined;
  }

  updateSettings(by: StaffInfo, change: Partial<SettlementSettings>) {
    return this.d.commands.run({
      commandId: newId(),
      method: 'settlement.updateSettings',
      body: change,
      actor: by,
      work: (tx) => {
        const next: SettlementSettings = { ...this.settings(), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) };
        if (!Number.isSafeInteger(next.differenceLimit) || next.differenceLimit < 0 || next.differenceLimit > MAX_CASH_MOVE) {
          throw new PosError('SETTLEMENT_LIMIT_INVALID', moneyParams('max', MAX_CASH_MOVE, this.currency));
        }
        tx.event({ type: 'settlement.settings.changed', settings: next });
        return next;
      },
      announce: changed,
      audit: (r) => ({ ...r }),
    });
  }

  openShift(): ShiftRow | undefined {
    return this.d.sql.openShift.get(this.d.ledger.terminalId);
  }

  /** The counter's view: the open shift (never its expected cash: the count is blind), the rules and the denominations. */
  current() {
    const s = this.openShift();
    const names = this.names();
    const settings = this.settings();
    return {
      currency: this.currency,
      denominations: [...denominationsOf(this.currency)],
      shiftMode: settings.shiftMode,
      differenceLimit: settings.differenceLimit,
      shift: s
        ? {
            id: s.id,
            staffId: s.staff_id,
            staffName: names.get(s.staff_id) ?? s.staff_id,
            openedAt: s.opened_at,
            float: s.float,
            auto: s.auto_opened === 1,
            moves: this.d.sql.movesOf.all(s.id).map((m) => ({ id: m.id, kind: m.kind as 'pay_in' | 'pay_out', amount: m.amount, reason: m.reason, at: m.at, approvedBy: m.approved_by ? (names.get(m.approved_by) ?? m.approved_by) : null })),
          }
        : null,
    };
  }

  open(by: StaffInfo, input: { commandId: string; count: CashCount }) {
    const { commandId, ...body } = input;
    return this.d.commands.run({
      commandId,
      method: 'settlement.openShift',
      body,
      actor: by,
      work: (tx) => {
        const float = this.total(input.count);
        this.refuseIfOpen();
        return this.openIn(tx, by.id, float, normalizeCount(input.count, this.currency), false);
      },
      announce: changed,
      audit: (r) => ({ shiftId: r.shiftId, float: r.float }),
    });
  }

  payIn(by: StaffInfo, input: { commandId: string; amount: number; reason: string }) {
    const { commandId, ...body } = input;
    return this.d.commands.run({
      commandId,
      method: 'settlement.payIn',
      body,
      actor: by,
      work: (tx) => {
        const shift = this.requireOpen();
        this.checkAmount(input.amount);
        const id = tx.newId();
        tx.event({ type: 'settlement.cash.paidIn', move: { id, shiftId: shift.id, amount: input.amount, reason: input.reason, staff: by.id } });
        return { moveId: id, shiftId: shift.id, amount: input.amount };
      },
      announce: changed,
      audit: (r) => ({ ...r, reason: input.reason }),
    });
  }

  /** Cash taken out of the drawer (a supplier paid, a bank drop): a manager approves with a PIN. */
  payOut(by: StaffInfo, input: { commandId: string; amount: number; reason: string; approval: Approval }) {
    const { commandId, approval, ...rest } = input;
    return this.d.commands.run({
      commandId,
      method: 'settlement.payOut',
      // The PIN never enters a fingerprint or the journal; who approved does.
      body: { ...rest, approverId: approval.staffId },
      actor: by,
      prepare: () => this.approve(approval, 'settlement.payOut', by, { amount: input.amount }),
      work: (tx, approver) => {
        const shift = this.requireOpen();
        this.checkAmount(input.amount);
        const id = tx.newId();
        tx.event({ type: 'settlement.cash.paidOut', move: { id, shiftId: shift.id, amount: input.amount, reason: input.reason, staff: by.id, approvedBy: approver.id } });
        return { moveId: id, shiftId: shift.id, amount: input.amount, approvedBy: approver.id };
      },
      announce: changed,
      audit: (r) => ({ ...r, reason: input.reason }),
    });
  }

  /**
   * Closes the shift with a blind count: the cashier never saw the expected cash. The answer
   * shows expected and difference; a difference over the store's limit is refused unless a
   * manager approves (the refusal names the difference, and is audited).
   */
  async close(by: StaffInfo, input: { commandId: string; count: CashCount; approval?: Approval | undefined }) {
    const { commandId, approval, ...rest } = input;
    try {
      return await this.d.commands.run({
        commandId,
        method: 'settlement.closeShift',
        body: { ...rest, approverId: approval?.staffId ?? null },
        actor: by,
        prepare: async () => (approval ? this.approve(approval, 'settlement.closeShift', by, {}) : null),
        work: (tx, approver) => {
          const shift = this.requireOpen();
          if (shift.staff_id !== by.id && by.role !== 'manager') throw new PosError('FORBIDDEN');
          const counted = this.total(input.count);
          const expected = expectedCash({ float: shift.float, cashSales: shift.cash_sales, cashRefunds: shift.cash_refunds, payIns: shift.pay_ins, payOuts: shift.pay_outs });
          const limit = this.settings().differenceLimit;
          const { difference, needsManager } = cashDifference(expected, counted, limit);
          if (needsManager && !approver) {
            const c = this.currency;
            throw new PosError('SHIFT_DIFFERENCE_NEEDS_MANAGER', {
              ...moneyParams('difference', Math.abs(difference), c),
              ...moneyParams('expected', expected, c),
              ...moneyParams('counted', counted, c),
              ...moneyParams('limit', limit, c),
              direction: difference > 0 ? 'over' : 'short',
              directionZh: difference > 0 ? '多出' : '短缺',
            });
          }
          const day = this.d.ledger.days.dating(tx.at);
          tx.event({
            type: 'settlement.shift.closed',
            shift: { id: shift.id, closedBy: by.id, day: day.ok ? day.day : day.closedDay, counted, count: normalizeCount(input.count, this.currency), expected, difference, approvedBy: approver?.id ?? null },
          });
          return { shiftId: shift.id, float: shift.float, counted, expected, difference, approvedBy: approver?.id ?? null, at: tx.at };
        },
        announce: changed,
        audit: (r) => ({ shiftId: r.shiftId, counted: r.counted, expected: r.expected, difference: r.difference, approvedBy: r.approvedBy }),
      });
    } catch (e) {
      if (e instanceof PosError && e.code === 'SHIFT_DIFFERENCE_NEEDS_MANAGER') {
        await this.d.audit.record('settlement.closeShift', 'refused', by.id, { reason: 'difference over the limit', difference: e.params.differenceEn ?? '' });
      }
      throw e;
    }
  }

  /** The sale guard: an open shift, or one opened now with no float (auto), or no rule at all. */
  private gate(tx: LedgerTx, actor: { id: string } | null): void {
    const mode = this.settings().shiftMode;
    if (mode === 'off' || actor === null || this.openShift()) return;
    if (mode === 'required') throw new PosError('SHIFT_NOT_OPEN');
    this.openIn(tx, actor.id, 0, {}, true);
  }

  private openIn(tx: LedgerTx, staff: string, float: number, count: CashCount, auto: boolean) {
    const id = tx.newId();
    tx.event({ type: 'settlement.shift.opened', shift: { id, terminal: this.d.ledger.terminalId, staff, float, count, auto } });
    return { shiftId: id, float, openedAt: tx.at };
  }

  private refuseIfOpen(): void {
    const open = this.openShift();
    if (open) {
      const since = new Intl.DateTimeFormat('en-GB', { timeZone: this.d.settings.get().store.timeZone, hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(open.opened_at));
      throw new PosError('SHIFT_ALREADY_OPEN', { name: this.names().get(open.staff_id) ?? '-', since });
    }
  }

  private requireOpen(): ShiftRow {
    const s = this.openShift();
    if (!s) throw new PosError('SHIFT_NOT_OPEN');
    return s;
  }

  private total(count: CashCount): number {
    const r = countTotal(count, this.currency);
    if (!r.ok) throw new PosError('SHIFT_COUNT_INVALID', { denomination: r.problem.denomination });
    return r.total;
  }

  private checkAmount(amount: number): void {
    if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_CASH_MOVE) throw new PosError('SHIFT_AMOUNT_INVALID', moneyParams('max', MAX_CASH_MOVE, this.currency));
  }

  names(): Map<string, string> {
    return new Map(this.d.sql.staffNames.all().map((r) => [r.id, r.name]));
  }

  /** A manager's PIN typed on the cashier's screen (throttled and audited like a sign-in); a cashier's PIN approves nothing. */
  async approve(approval: Approval, action: string, by: StaffInfo, detail: Record<string, unknown>): Promise<StaffInfo> {
    const approver = await this.d.staff.signIn(approval.staffId, approval.pin);
    if (approver.role !== 'manager') {
      await this.d.audit.record(action, 'refused', by.id, { ...detail, approverId: approver.id, reason: 'approver is not a manager' });
      throw new PosError('LOCKER_APPROVAL_NOT_MANAGER', { name: approver.name });
    }
    return approver;
  }
}
