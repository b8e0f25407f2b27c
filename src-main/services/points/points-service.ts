// Miles redemption at the travel desk: find the passenger, plan the payment by the rules, hold
// the miles on the server, take the cash part in one local command, capture on the server.
import { PosError, type PosErrorData } from '../../domain/errors';
import { SERVICE_TYPES, firstPlan, shareChoices, matchRule, parseBoardingPass, planAtShare, routeLabel, shareRange, type PlanResult, type PointsPlan, type PointsRule } from '../../domain/points';
import type { CounterTender, Tender } from '../../domain/payments';
import type { ValueMember } from '../../domain/value/protocol';
import type { Ledger, LedgerTx } from '../../ledger';
import type { Logger } from '../../ops/logging';
import type { SettingsStore } from '../../ops/settings-file';
import type { CommandPath } from '../commands';
import type { DeviceService } from '../devices/device-service';
import type { PaymentsService } from '../payments';
import type { StaffInfo } from '../staff/staff-service';
import type { OnlineValueClient } from '../value/value-client';
import { ValueRefusal } from '../value/value-client';
import { pointsProjector } from './points-events';
import { redemptionReceipt, refundReceipt, serviceName } from './points-receipt';
import { PointsRecovery } from './points-recovery';
import { PointsRules } from './points-rules';
import { PointsStore, type RedemptionRow } from './points-store';

export interface FlightInput {
  flight: string;
  origin: string;
  destination: string;
  date: string | null;
}

export interface QuoteInput extends Omit<FlightInput, 'flight' | 'date'> {
  serviceType: string;
  price: number;
  /** The passenger's available miles (from the look-up). */
  balance: number;
  /** The share the passenger chose (the second ratio); absent: the first plan. */
  sharePct?: number | undefined;
}

export interface RedeemInput {
  commandId: string;
  memberId: string;
  flight: FlightInput;
  serviceType: string;
  price: number;
  sharePct: number;
  /** The miles the passenger agreed to: a different plan now (a rule changed) is refused. */
  points: number;
  /** The cash part's tenders as handed over (cash may exceed: change). */
  tenders: { method: CounterTender; amount: number }[];
}

export interface PointsDeps {
  db: PointsStore['db'];
  ledger: Ledger;
  commands: CommandPath;
  payments: PaymentsService;
  deviceService: DeviceService;
  settings: SettingsStore;
  value: OnlineValueClient;
  log: Logger;
  now: () => Date;
  /** How soon recovery asks an unreachable server again (default 30 s). */
  retryMs?: number;
}

const MILES = 'MILES' as const;

export class PointsService {
  readonly store: PointsStore;
  readonly rules: PointsRules;
  readonly recovery: PointsRecovery;
  /** Redemptions running now, so a double click waits for the first and recovery leaves them alone. */
  private readonly inflight = new Map<string, Promise<RedemptionRow>>();
  /** Members seen by a look-up, for the receipt's name and number (the hold names the member by id only). */
  private readonly members = new Map<string, ValueMember>();

  constructor(private readonly d: PointsDeps) {
    this.store = new PointsStore(d.db);
    d.ledger.projectors.register('points', pointsProjector(this.store));
    this.rules = new PointsRules(this.store, d.commands);
    this.recovery = new PointsRecovery({ store: this.store, commands: d.commands, value: d.value, log: d.log, inflight: (id) => this.inflight.has(id), ...(d.retryMs ? { retryMs: d.retryMs } : {}) });
  }

  /** Finishes what a crash interrupted (see PointsRecovery), retrying until the server answers. */
  start(): void {
    this.recovery.start();
  }

  stop(): void {
    this.recovery.stop();
  }

  connected(): boolean {
    return this.d.value.connected();
  }

  serviceTypes(): readonly string[] {
    return SERVICE_TYPES;
  }

  /** A passenger by member number or phone, with their miles. */
  async lookup(by: { number: string } | { phone: string }): Promise<ValueMember> {
    try {
      const m = await this.d.value.lookup(by);
      this.members.set(m.id, m);
      return m;
    } catch (e) {
      if (e instanceof ValueRefusal && e.body.code === 'MEMBER_NOT_FOUND') {
        const [key, value] = 'number' in by ? ['number', by.number] : ['phone', by.phone];
        throw new PosError('VALUE_MEMBER_NOT_FOUND', { by: key === 'number' ? { en: 'member number', 'zh-CN': '会员号' } : { en: 'phone', 'zh-CN': '手机号' }, value });
      }
      throw this.valueError(e);
    }
  }

  /** The passenger's balance and latest movements. */
  async history(memberId: string) {
    try {
      const h = await this.d.value.history(memberId, MILES);
      this.members.set(h.member.id, h.member);
      return h;
    } catch (e) {
      throw this.valueError(e);
    }
  }

  /** A scanned boarding pass: name, flight, route, date, and the passenger when it carries a member number. */
  async scan(raw: string) {
    const r = parseBoardingPass(raw, this.d.now());
    if (!r.ok) throw new PosError('POINTS_BOARDING_PASS_INVALID', { reason: r.error.reason });
    const leg = r.pass.legs[0]!;
    const flight = { flight: leg.flight, origin: leg.origin, destination: leg.destination, date: leg.date };
    let member: ValueMember | null = null;
    let problem: PosErrorData | null = null;
    if (leg.frequentFlyer) {
      try {
        member = await this.lookup({ number: leg.frequentFlyer.number });
      } catch (e) {
        if (!(e instanceof PosError)) throw e;
        problem = e.toData();
      }
    }
    return { passengerName: r.pass.passengerName, flight, seat: leg.seat, frequentFlyer: leg.frequentFlyer ?? null, member, problem };
  }

  private ruleFor(origin: string, destination: string, serviceType: string): PointsRule | null {
    return matchRule(this.store.rules(), { origin, destination, groups: this.store.groupsOf(origin, destination), serviceType, at: this.d.now().getTime() });
  }

  /**
   * The plan shown to the passenger: the matching rule, the first plan (or a refusal saying how
   * many miles are missing), the shares they may choose and the plan at the chosen share. Refusals
   * are data here (the screen shows them); paying refuses the same way with an error.
   */
  quote(q: QuoteInput) {
    const rule = this.ruleFor(q.origin, q.destination, q.serviceType);
    if (!rule) {
      return { rule: null, plan: null, range: null, choices: [], refusal: new PosError('POINTS_NO_RULE', { service: this.serviceLabel(q.serviceType), route: routeLabel(q.origin, q.destination) }).toData() };
    }
    const first = firstPlan(q.price, rule, q.balance);
    const range = rule.pointsOnly ? null : shareRange(q.price, rule, q.balance);
    const choices = range ? shareChoices(range, rule.minPointsPerUse > 0) : [];
    const result = q.sharePct === undefined || !first.ok ? first : planAtShare(q.price, rule, q.balance, q.sharePct);
    return {
      rule: { id: rule.id, maxSharePct: rule.maxSharePct, pointsOnly: rule.pointsOnly, exchange: rule.exchange, minPointsPerUse: rule.minPointsPerUse },
      plan: result.ok ? planOf(result) : null,
      firstSharePct: first.ok ? first.sharePct : null,
      range,
      choices,
      refusal: result.ok ? null : planRefusal(result).toData(),
    };
  }

  /**
   * Pays a service: hold the miles on the server, take the cash part and record the redemption in
   * ONE local command (`points.redeem`, same command id as the hold), then capture on the server.
   * Both or neither: a refused or failed local command voids the hold; a capture that does not get
   * through leaves the sale made and the capture pending for recovery. Replaying the command id
   * returns the first redemption.
   */
  async redeem(staff: StaffInfo, input: RedeemInput): Promise<{ redemption: RedemptionRow; receipt: { jobId: string; state: string } | null }> {
    const running = this.inflight.get(input.commandId);
    if (running) return { redemption: await running, receipt: null };
    const { commandId, ...body } = input;
    // A replay (same id, same body) returns the first result; another body is IDEMPOTENCY_CONFLICT.
    const before = this.d.ledger.previous<{ redemptionId: string }>({ commandId, method: 'points.redeem', body });
    if (before) return { redemption: this.redemption(before.redemptionId), receipt: null };
    const run = this.run(staff, input).finally(() => this.inflight.delete(commandId));
    this.inflight.set(commandId, run);
    const redemption = await run;
    const printed = await this.d.deviceService.print(redemptionReceipt(redemption, this.receiptContext()));
    return { redemption: this.redemption(redemption.id), receipt: { jobId: printed.jobId, state: printed.state } };
  }

  private async run(staff: StaffInfo, input: RedeemInput): Promise<RedemptionRow> {
    const { commandId, ...body } = input;
    const rule = this.ruleFor(input.flight.origin, input.flight.destination, input.serviceType);
    if (!rule) throw new PosError('POINTS_NO_RULE', { service: this.serviceLabel(input.serviceType), route: routeLabel(input.flight.origin, input.flight.destination) });
    // The plan does not depend on the balance (only whether it is enough): the server's hold checks that.
    const planned = rule.pointsOnly ? firstPlan(input.price, rule, Number.MAX_SAFE_INTEGER) : planAtShare(input.price, rule, Number.MAX_SAFE_INTEGER, input.sharePct);
    if (!planned.ok) throw planRefusal(planned);
    if (planned.points !== input.points) throw new PosError('POINTS_PLAN_CHANGED', { reason: `${input.points} → ${planned.points}` });
    const member = this.members.get(input.memberId) ?? (await this.history(input.memberId)).member;

    let pointsLeft: number | null = null;
    if (planned.points > 0) {
      const memo = `${serviceName(input.serviceType)} ${input.flight.flight} ${routeLabel(input.flight.origin, input.flight.destination)}`;
      try {
        const held = await this.d.value.hold({ commandId, memberId: input.memberId, unit: MILES, amount: planned.points, memo });
        // The same id again after this attempt was undone (voided): a new attempt needs a new id.
        if (held.state !== 'held') throw new PosError('VALUE_REFUSED', { reason: `this attempt was ${held.state}; start again` });
        pointsLeft = held.balance.available;
      } catch (e) {
        // No answer: the hold may have been made. Undo it by the same id (or recovery will).
        if (e instanceof PosError && e.code === 'VALUE_OFFLINE') await this.recovery.voidQuietly(commandId);
        if (e instanceof ValueRefusal && e.body.code === 'INSUFFICIENT_VALUE') {
          const missing = planned.points - (e.body.available ?? 0);
          throw rule.pointsOnly ? new PosError('POINTS_ONLY_SHORT', { needed: planned.points, missing }) : new PosError('POINTS_NOT_ENOUGH', { needed: planned.points, missing });
        }
        throw this.valueError(e);
      }
    }

    let made: { redemptionId: string };
    try {
      made = this.d.commands.runNow({
        commandId,
        method: 'points.redeem',
        body,
        actor: staff,
        work: (tx) => this.book(tx, staff, input, member, rule, planned, pointsLeft),
        audit: (r) => ({ redemptionId: r.redemptionId, points: planned.points, cash: planned.cashFen }),
      }).result;
    } catch (e) {
      // The cash part failed: the miles go back (both or neither).
      if (planned.points > 0) await this.recovery.voidQuietly(commandId);
      throw e;
    }
    if (planned.points > 0) await this.recovery.capture(this.redemption(made.redemptionId));
    return this.redemption(made.redemptionId);
  }

  /** The local half, in the command's one transaction: the cash part's tenders, the miles' value, the redemption row. */
  private book(tx: LedgerTx, staff: StaffInfo, input: RedeemInput, member: ValueMember, rule: PointsRule, plan: PointsPlan, pointsLeft: number | null): { redemptionId: string } {
    const cash = this.d.payments.plan(plan.cashFen, input.tenders);
    const redemptionId = tx.newId();
    const tenders: Tender[] = [...(plan.points > 0 ? [{ method: 'miles' as const, amount: plan.pointsValueFen }] : []), ...cash.tenders];
    const paymentTransferId = this.d.payments.take(tx, tenders, [{ accountId: this.salesAccount(tx), amount: input.price }], `miles redemption ${redemptionId}`);
    tx.event({
      type: 'points.redemption.made',
      redemption: {
        id: redemptionId,
        commandId: input.commandId,
        day: this.day(new Date(tx.at)),
        createdAt: tx.at,
        staffId: staff.id,
        staffName: staff.name,
        memberId: member.id,
        memberNumber: member.number,
        memberName: member.name,
        flight: input.flight.flight,
        origin: input.flight.origin,
        destination: input.flight.destination,
        flightDate: input.flight.date,
        serviceType: input.serviceType,
        price: input.price,
        points: plan.points,
        pointsValue: plan.pointsValueFen,
        cash: plan.cashFen,
        sharePct: plan.sharePct,
        roundedUp: plan.roundedUpFen,
        pointsLeft,
        ruleId: rule.id,
        tenders: cash.tenders,
        change: cash.change,
        paymentTransferId,
        captureState: plan.points > 0 ? 'pending' : 'none',
        captureProblem: null,
        state: 'made',
        refundCommandId: null,
        reversalTransferId: null,
        refundedAt: null,
      },
    });
    return { redemptionId };
  }

  /**
   * A manager refunds a service: the miles go back to the passenger on the server, then the cash
   * part goes back to its tenders and the sale is reversed in one local command (`refundCommandId`).
   * A retry after a crash in between finds the miles already returned and finishes the local part.
   */
  async refund(by: StaffInfo, input: { commandId: string; redemptionId: string }) {
    const r = this.redemption(input.redemptionId);
    if (r.state === 'refunded') return { redemption: r, receipt: null };
    if (r.captureState === 'pending') await this.recovery.capture(r);
    const now = this.redemption(r.id);
    if (now.captureState === 'pending' || now.captureState === 'failed') throw new PosError('POINTS_NOT_REFUNDABLE', { reason: now.captureProblem ?? 'the miles were not captured yet' });
    let pointsLeft: number | null = null;
    if (now.points > 0) {
      try {
        pointsLeft = (await this.d.value.refund(now.commandId, input.commandId)).balance.available;
      } catch (e) {
        const already = e instanceof ValueRefusal && e.body.code === 'NOT_REFUNDABLE' && e.body.state === 'refunded';
        if (!already) throw this.valueError(e);
      }
    }
    this.d.commands.runNow({
      commandId: input.commandId,
      method: 'points.refund',
      body: { redemptionId: r.id },
      actor: by,
      work: (tx) => {
        if (this.redemption(r.id).state === 'refunded') return;
        const reversalTransferId = tx.reverse(now.paymentTransferId, `miles redemption ${r.id} refunded`);
        tx.event({ type: 'points.redemption.refunded', redemptionId: r.id, refundCommandId: input.commandId, reversalTransferId, pointsLeft });
      },
      audit: () => ({ redemptionId: r.id, points: now.points, cash: now.cash }),
    });
    const done = this.redemption(r.id);
    const printed = await this.d.deviceService.print(refundReceipt(done, this.receiptContext()));
    return { redemption: done, receipt: { jobId: printed.jobId, state: printed.state } };
  }

  today(): RedemptionRow[] {
    return this.store.ofDay(this.day(this.d.now()));
  }

  /** Miles taken per service type on a business day (for the day's report): count, miles, their value, the cash part. */
  summary(day = this.day(this.d.now())) {
    const by = new Map<string, { serviceType: string; count: number; points: number; pointsValue: number; cash: number }>();
    for (const r of this.store.ofDay(day)) {
      if (r.state !== 'made') continue;
      const s = by.get(r.serviceType) ?? { serviceType: r.serviceType, count: 0, points: 0, pointsValue: 0, cash: 0 };
      s.count += 1;
      s.points += r.points;
      s.pointsValue += r.pointsValue;
      s.cash += r.cash;
      by.set(r.serviceType, s);
    }
    return { day, services: [...by.values()].sort((a, b) => a.serviceType.localeCompare(b.serviceType)) };
  }

  redemption(id: string): RedemptionRow {
    const r = this.store.redemption(id);
    if (!r) throw new PosError('NOT_FOUND', { what: { en: `miles sale ${id}`, 'zh-CN': `里程订单 ${id}` } });
    return r;
  }

  private valueError(e: unknown): unknown {
    return e instanceof ValueRefusal ? this.d.value.toPosError(e) : e;
  }

  private serviceLabel(type: string): Record<'en' | 'zh-CN', string> {
    const [zh, ...en] = serviceName(type).split(' ');
    return { 'zh-CN': zh ?? type, en: en.join(' ') || type };
  }

  /** Ancillary services revenue (one account per store, opened on first use). */
  private salesAccount(tx: LedgerTx): string {
    return tx.ensureAccount('points_sales', '辅营服务 Ancillary services', 'revenue', this.d.settings.get().store.currency);
  }

  private day(at: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.d.settings.get().store.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  }

  private receiptContext() {
    const { store, terminal } = this.d.settings.get();
    return { storeName: store.name, terminal: terminal.name, timeZone: store.timeZone, currency: store.currency };
  }
}

function planOf(p: Extract<PlanResult, { ok: true }>): PointsPlan {
  return { points: p.points, cashFen: p.cashFen, pointsValueFen: p.pointsValueFen, pointsLeft: p.pointsLeft, sharePct: p.sharePct, roundedUpFen: p.roundedUpFen };
}

function planRefusal(p: Extract<PlanResult, { ok: false }>): PosError {
  switch (p.reason) {
    case 'badPrice':
      return new PosError('POINTS_PRICE_INVALID');
    case 'noShare':
      return new PosError('POINTS_NO_SHARE');
    case 'pointsOnlyShort':
      return new PosError('POINTS_ONLY_SHORT', { needed: p.needed, missing: p.missing });
    case 'notEnoughPoints':
      return new PosError('POINTS_NOT_ENOUGH', { needed: p.needed, missing: p.missing });
    case 'belowMinimum':
      return new PosError('POINTS_BELOW_MINIMUM', { minimum: p.minimum });
    case 'shareOutOfRange':
      return new PosError('POINTS_SHARE_OUT_OF_RANGE', { maxPct: p.maxPct });
  }
}
