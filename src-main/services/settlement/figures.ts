// The day's figures: a reader of every workflow's sales events that adds each sale, refund and
// void to its business day, terminal and cashier (settlement_figure), lists voids and refunds
// with who approved them (settlement_exception) and moves the cash of the open shift's drawer.
// It runs inside the transaction of the event it reads (EventProjectors.observe), live and on
// replay, so the figures always equal the sum of the journal and are rebuilt from it.
import { hourOf, type FigureKind } from '../../domain/settlement';
import type { BusinessEvent, Ledger } from '../../ledger';
import type { Tender } from '../../domain/payments';
import type { CashMoveFigures } from './events';
import type { SettlementStatements } from './statements';

type Add = (kind: FigureKind, key: string, n: { count?: number; amount?: number; volume?: number }) => void;

export class DayFigures implements CashMoveFigures {
  constructor(
    private readonly sql: SettlementStatements,
    private readonly ledger: Ledger,
    private readonly timeZone: () => string,
  ) {}

  /** The business day an event at `at` counts on (the ledger refused it if that day were closed). */
  private day(at: string): string {
    const d = this.ledger.days.dating(at);
    return d.ok ? d.day : d.closedDay;
  }

  private adder(at: string, staff: string): Add {
    const day = this.day(at);
    const terminal = this.ledger.terminalId;
    return (kind, key, n) => this.sql.addFigure.run({ day, terminal, staff, kind, key, count: n.count ?? 0, amount: n.amount ?? 0, volume: n.volume ?? 0 });
  }

  private drawer(change: Partial<{ cash_sales: number; cash_refunds: number }>): void {
    const shift = this.sql.openShift.get(this.ledger.terminalId);
    if (shift) this.sql.addDrawer.run({ id: shift.id, cash_sales: change.cash_sales ?? 0, cash_refunds: change.cash_refunds ?? 0, pay_ins: 0, pay_outs: 0 });
  }

  private sale(at: string, staff: string, workflow: string, amount: number, tenders: Tender[], volume = 0): void {
    const add = this.adder(at, staff);
    add('sale', workflow, { count: 1, amount, volume });
    add('hour', String(hourOf(at, this.timeZone())).padStart(2, '0'), { count: 1, amount });
    for (const t of tenders) add('tender', t.method, { amount: t.amount });
    const cash = tenders.filter((t) => t.method === 'cash').reduce((s, t) => s + t.amount, 0);
    if (cash > 0) this.drawer({ cash_sales: cash });
  }

  private exception(id: string, at: string, e: { kind: 'void' | 'refund' | 'pay_in' | 'pay_out' | 'difference'; workflow: string; ref: string; amount: number; staff: string; approvedBy: string | null; reason: string }): void {
    this.sql.insertException.run({ id, day: this.day(at), at, kind: e.kind, workflow: e.workflow, ref: e.ref, amount: e.amount, staff_id: e.staff, approved_by: e.approvedBy, reason: e.reason });
  }

  /** The observer registered with the ledger: one call per business event of any workflow. */
  readonly observe = (event: BusinessEvent, at: string): void => {
    switch (event.type) {
      case 'lockers.party.settled': {
        const s = event.settlement as { id: string; total: number; tenders: Tender[]; by: string };
        if (s.total > 0) this.sale(at, s.by, 'lockers', s.total, s.tenders);
        return;
      }
      case 'lockers.charge.voided': {
        const charge = this.sql.charge.get(event.chargeId as string);
        if (!charge) return;
        this.adder(at, charge.created_by)('void', 'lockers', { count: 1, amount: charge.amount });
        this.exception(`void:${charge.id}`, at, { kind: 'void', workflow: 'lockers', ref: charge.outlet, amount: charge.amount, staff: charge.created_by, approvedBy: event.approvedBy as string, reason: 'charge voided' });
        return;
      }
      case 'fuel.order.paid': {
        const o = event.order as { staffId: string; amount: number; volume: number; gradeName: string; tender: Tender['method'] };
        this.sale(at, o.staffId, 'fuel', o.amount, [{ method: o.tender, amount: o.amount }], o.volume);
        this.adder(at, o.staffId)('grade', o.gradeName, { count: 1, amount: o.amount, volume: o.volume });
        return;
      }
      case 'fuel.order.refunded':
      case 'fuel.order.reversed': {
        const o = this.sql.fuelOrder.get(event.orderId as string);
        if (!o) return;
        const changes = event.changes as { refundAmount?: number; dispensedVolume?: number; problem?: { code: string } };
        const reversed = event.type === 'fuel.order.reversed';
        const amount = reversed ? o.amount : (changes.refundAmount ?? 0);
        if (amount <= 0) return;
        const volume = reversed ? o.volume : o.volume - (changes.dispensedVolume ?? o.volume);
        const add = this.adder(at, o.staff_id);
        add('refund', 'fuel', { count: 1, amount, volume });
        add('refund_tender', o.tender, { amount });
        // Litres by grade are what the pumps delivered: the undelivered part comes off.
        add('grade', o.grade_name, { amount: -amount, volume: -volume });
        if (o.tender === 'cash') this.drawer({ cash_refunds: amount });
        const reason = reversed ? `reversed: ${changes.problem?.code ?? ''}`.trim() : 'underrun';
        this.exception(`refund:${o.id}`, at, { kind: 'refund', workflow: 'fuel', ref: `pump ${o.pump}`, amount, staff: o.staff_id, approvedBy: null, reason });
        return;
      }
      case 'points.redemption.made': {
        const r = event.redemption as { staffId: string; serviceType: string; price: number; points: number; pointsValue: number; tenders: Tender[] };
        const tenders = r.pointsValue > 0 ? [...r.tenders, { method: 'miles' as const, amount: r.pointsValue }] : r.tenders;
        this.sale(at, r.staffId, 'miles', r.price, tenders);
        this.adder(at, r.staffId)('service', r.serviceType, { count: 1, amount: r.price, volume: r.points });
        return;
      }
      case 'shop.sale.made': {
        // Sales count at what the customer paid (revenue net of discounts); the discount is listed apart, never as a tender.
        const sale = event.sale as { staffId: string; total: number; discount: number; tenders: Tender[] };
        this.sale(at, sale.staffId, 'shop', sale.total, sale.tenders);
        if (sale.discount > 0) this.adder(at, sale.staffId)('discount', 'shop', { count: 1, amount: sale.discount });
        return;
      }
      case 'points.redemption.refunded': {
        const r = this.sql.redemption.get(event.redemptionId as string);
        if (!r) return;
        const tenders = JSON.parse(r.tenders) as Tender[];
        const add = this.adder(at, r.staff_id);
        add('refund', 'miles', { count: 1, amount: r.price });
        for (const t of tenders) add('refund_tender', t.method, { amount: t.amount });
        if (r.points_value > 0) add('refund_tender', 'miles', { amount: r.points_value });
        add('service', r.service_type, { amount: -r.price, volume: -r.points });
        const cash = tenders.filter((t) => t.method === 'cash').reduce((a, t) => a + t.amount, 0);
        if (cash > 0) this.drawer({ cash_refunds: cash });
        this.exception(`refund:${r.id}`, at, { kind: 'refund', workflow: 'miles', ref: r.service_type, amount: r.price, staff: r.staff_id, approvedBy: null, reason: 'miles refunded' });
        return;
      }
      // Member cards: what a member pays with a card (at the counter or from their phone) is a sale
      // under the member_card tender; a recharge is stored value sold (money in, a liability, not a
      // sale), counted apart per tender; a reversal is a refund of the payment.
      case 'memberCard.redemption.made':
      case 'memberCard.phonePayment.received': {
        const m = event.movement as { staffId: string | null; money: number };
        if (m.money > 0) this.sale(at, m.staffId ?? 'phone', 'memberCards', m.money, [{ method: 'member_card', amount: m.money }]);
        return;
      }
      case 'memberCard.recharge.made':
      case 'memberCard.card.opened': {
        const m = event.movement as { staffId: string | null; money: number; tender: 'cash' | 'bankCard' | 'mobile' | null };
        if (m.money <= 0 || !m.tender) return;
        const method = m.tender === 'bankCard' ? 'bank_card' : m.tender;
        this.adder(at, m.staffId ?? '')('recharge', method, { count: 1, amount: m.money });
        if (method === 'cash') this.drawer({ cash_sales: m.money });
        return;
      }
      case 'memberCard.payment.reversed': {
        const m = this.sql.cardMovement.get(event.commandId as string);
        if (!m || m.money <= 0) return;
        const add = this.adder(at, m.staff_id ?? 'phone');
        add('refund', 'memberCards', { count: 1, amount: m.money });
        add('refund_tender', 'member_card', { amount: m.money });
        this.exception(`refund:${event.commandId as string}`, at, { kind: 'refund', workflow: 'memberCards', ref: m.product_name, amount: m.money, staff: m.staff_id ?? 'phone', approvedBy: null, reason: 'member card payment reversed' });
        return;
      }
      default:
    }
  };

  payIn(move: { id: string; amount: number; reason: string; staff: string }, at: string): void {
    this.adder(at, move.staff)('pay_in', 'cash', { count: 1, amount: move.amount });
    this.exception(move.id, at, { kind: 'pay_in', workflow: 'cash', ref: '', amount: move.amount, staff: move.staff, approvedBy: null, reason: move.reason });
  }

  payOut(move: { id: string; amount: number; reason: string; staff: string; approvedBy: string }, at: string): void {
    this.adder(at, move.staff)('pay_out', 'cash', { count: 1, amount: move.amount });
    this.exception(move.id, at, { kind: 'pay_out', workflow: 'cash', ref: '', amount: move.amount, staff: move.staff, approvedBy: move.approvedBy, reason: move.reason });
  }

  difference(shift: { id: string; closedBy: string; difference: number; approvedBy: string | null }, at: string): void {
    this.exception(`diff:${shift.id}`, at, { kind: 'difference', workflow: 'cash', ref: shift.id, amount: shift.difference, staff: shift.closedBy, approvedBy: shift.approvedBy, reason: shift.difference > 0 ? 'over' : 'short' });
  }
}
