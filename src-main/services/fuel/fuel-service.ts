// Prepaid fuel: quote, pay FIRST through the ledger, then release the pump with the
// preset; print the pass; settle when the pump reports the end (refunding an underrun).
import { ConversionError, isFinal, nearestStation, nextState, priceAt, quote, settle, type FuelQuote, type OrderEvent, type OrderMode } from '../../domain/fuel';
import { PosError } from '../../domain/errors';
import type { CounterTender } from '../../domain/payments';
import type { DeviceManager, PumpState } from '../../devices';
import { newId, type Ledger, type LedgerTx } from '../../ledger';
import type { Logger } from '../../ops/logging';
import type { SettingsStore } from '../../ops/settings-file';
import type { AuditTrail } from '../audit/audit-trail';
import type { CommandPath } from '../commands';
import type { PaymentsService } from '../payments';
import { deviceError, type DeviceService } from '../devices/device-service';
import type { EventBus } from '../events';
import type { StaffInfo } from '../staff/staff-service';
import { fuelProjector, type FuelOrderStep } from './fuel-events';
import { finalReceipt, litres, money, passReceipt } from './fuel-receipts';
import { FuelStore, type OrderRow, type Problem, type PumpRow, type StationRow } from './fuel-store';
import { FuelSetup } from './fuel-setup';
import type { CentralRecords } from '../sync/reference/reference-data';

export interface OrderRequest {
  pump: number;
  gradeId: string;
  mode: OrderMode;
  /** Minor units when mode is 'amount', centilitres when 'volume'. */
  quantity: number;
}

export interface PayRequest extends OrderRequest {
  commandId: string;
  /** The unit price the cashier saw; a different price now is refused. */
  price: number;
  tender: CounterTender;
  customerPhone?: string | undefined;
  memberId?: string | undefined;
}

export interface FuelDeps {
  db: FuelStore['db'];
  ledger: Ledger;
  commands: CommandPath;
  payments: PaymentsService;
  devices: DeviceManager;
  deviceService: DeviceService;
  events: EventBus;
  audit: AuditTrail;
  settings: SettingsStore;
  log: Logger;
  now: () => Date;
  /** Records head office manages (reference data): read-only in the station settings. */
  central?: CentralRecords;
}

export class FuelService {
  readonly store: FuelStore;
  readonly setup: FuelSetup;
  /** Pay calls still running, so a double click waits for the first instead of releasing twice. */
  private readonly inflight = new Map<string, Promise<OrderRow>>();
  private readonly settling = new Set<string>();
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly d: FuelDeps) {
    this.store = new FuelStore(d.db);
    d.ledger.projectors.register('fuel', fuelProjector(this.store));
    this.setup = new FuelSetup(this.store, d.commands, d.now, d.central);
  }

  /**
   * Follows the pumps: filling moves an order to dispensing, the end settles it. Then
   * recovers orders paid before a crash whose release was never recorded; an order whose
   * controller is offline now is recovered when its pump reports again.
   */
  start(): void {
    this.unsubscribe = this.d.devices.on('pump', (state) => {
      this.onPump(state).catch((err: unknown) => this.d.log.error({ err, pump: state.pump }, 'fuel: pump event not handled'));
    });
    this.recover().catch((err: unknown) => this.d.log.error({ err }, 'fuel: recovery failed'));
  }

  /**
   * Every order left 'paid' (the terminal stopped between the payment and recording the
   * release) is checked against its pump: released and followed when the pump holds its
   * transaction, reversed (FUEL_INTERRUPTED) when the pump is free, left paid while the
   * controller cannot say. Idempotent: a settled order is never touched again.
   */
  async recover(): Promise<OrderRow[]> {
    const stranded = this.store.ordersInState('paid').filter((o) => !this.inflight.has(o.commandId));
    return Promise.all(stranded.map((o) => this.track(o.commandId, () => this.resume(o, 'recover'))));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** The station this terminal stands at, or FUEL_NO_STATION (a setup error). */
  station(): StationRow {
    const location = this.store.location();
    const found = location && nearestStation(location, this.store.stations(), location.radiusMetres);
    if (!found) throw new PosError('FUEL_NO_STATION', { radius: location?.radiusMetres ?? 0 });
    return found.station;
  }

  /** The counter's view: this station's pumps, their grades at today's prices and their live state. */
  overview() {
    const station = this.station();
    const at = this.d.now();
    const grades = new Map(this.store.grades().map((g) => [g.id, g]));
    const live = new Map(this.d.devices.pump.pumps().map((p) => [p.pump, p]));
    const pumps = this.store
      .pumps()
      .filter((p) => p.stationId === station.id)
      .map((p) => ({
        number: p.number,
        maxVolume: p.maxVolume,
        phase: live.get(p.number)?.phase ?? 'offline',
        grades: p.nozzles.flatMap((n) => {
          const price = priceAt(this.store.prices(n.gradeId), at);
          const grade = grades.get(n.gradeId);
          return grade && price ? [{ gradeId: grade.id, gradeName: grade.name, nozzle: n.nozzle, price: price.price, effectiveFrom: price.effectiveFrom }] : [];
        }),
        activeOrderId: this.store.activeOrder(p.number)?.id ?? null,
      }));
    return { station: { id: station.id, name: station.name }, currency: this.d.settings.get().store.currency, pumps };
  }

  /** Both numbers before payment: the price now, what the customer pays and the litres. */
  quote(req: OrderRequest) {
    const r = this.resolve(req);
    return { stationId: r.station.id, stationName: r.station.name, pump: r.pump.number, nozzle: r.nozzle, gradeId: r.gradeId, gradeName: r.gradeName, ...r.quote, effectiveFrom: r.effectiveFrom };
  }

  /** Pays, then releases the pump. Replaying a commandId returns the first order. */
  async pay(staff: StaffInfo, req: PayRequest): Promise<OrderRow> {
    const { commandId, ...rest } = req;
    const body = { ...rest, customerPhone: rest.customerPhone ?? null, memberId: rest.memberId ?? null };
    // Synchronous from the check to the commit and the registration of the run: a double click
    // arriving meanwhile finds the run in `inflight` and waits for it instead of releasing twice.
    const { result, replay } = this.d.commands.runNow({
      commandId,
      method: 'fuel.pay',
      body,
      actor: staff,
      work: (tx) => this.charge(tx, staff, req),
      audit: (r) => ({ orderId: r.orderId, pump: req.pump, tender: req.tender }),
      announce: (r) => [['fuel.order', this.order(r.orderId)]],
    });
    if (replay) {
      const running = this.inflight.get(commandId);
      if (running) return running;
      const existing = this.order(result.orderId);
      // Paid but never released (the terminal stopped in between): finish the job now.
      return existing.state === 'paid' ? this.track(commandId, () => this.resume(existing, 'retry')) : existing;
    }
    return this.track(commandId, () => this.release(this.order(result.orderId)));
  }

  today(): OrderRow[] {
    return this.store.ordersOfDay(this.day(this.d.now()));
  }

  order(id: string): OrderRow {
    const o = this.store.order(id);
    if (!o) throw new PosError('NOT_FOUND', { what: `fuel order ${id}` });
    return o;
  }

  /**
   * The cashier's stop button: ends the fill where it is; the pump's end settles the order.
   * Before the nozzle is lifted the controller ends the authorization as a transaction of
   * zero volume, which settles as an underrun of 100%: the whole prepayment goes back.
   */
  async stopPump(by: StaffInfo | null, orderId: string): Promise<OrderRow> {
    const o = this.order(orderId);
    if (o.state !== 'dispensing' && o.state !== 'released') throw new PosError('FUEL_ORDER_NOT_ACTIVE', { order: o.id.slice(-8) });
    await this.d.devices.pump.stop(o.pump).catch((e: unknown) => {
      throw deviceError(e, 'pump');
    });
    await this.d.audit.record('fuel.stop', 'ok', by?.id ?? null, { order: o.id, pump: o.pump });
    return this.order(orderId);
  }

  /** Prints the pass again (e.g. after the printer came back), or the final receipt once the pump ended. */
  async print(orderId: string, which: 'pass' | 'final') {
    const o = this.order(orderId);
    if (which === 'final' && o.state !== 'completed' && o.state !== 'refunded') throw new PosError('CONFLICT', { reason: 'the pump has not finished this order' });
    const receipt = which === 'pass' ? passReceipt(o, this.receiptContext()) : finalReceipt(o, this.receiptContext());
    const result = await this.d.deviceService.print(receipt);
    if (which === 'pass') this.record(o, 'passPrinted', { passJobId: result.jobId, passState: result.state });
    return result;
  }

  /** Registers the run before it starts, so a pump event or a retry meanwhile waits for it. */
  private track(commandId: string, fn: () => Promise<OrderRow>): Promise<OrderRow> {
    let done!: (o: Promise<OrderRow>) => void;
    const run = new Promise<OrderRow>((resolve) => (done = resolve)).finally(() => this.inflight.delete(commandId));
    this.inflight.set(commandId, run);
    done(fn());
    return run;
  }

  /**
   * A paid order whose release was never recorded: asks the pump where it is. Our
   * transaction on the pump: released, and the usual path settles it. A free pump: the
   * release never reached it, so a retry releases it now and recovery refunds it.
   */
  private async resume(o: OrderRow, how: 'retry' | 'recover'): Promise<OrderRow> {
    let state: PumpState | undefined;
    try {
      state = await this.d.devices.pump.refresh(o.pump);
    } catch (err) {
      if (how === 'retry') return this.release(o); // as before: a refusal reverses the payment and says why
      this.d.log.warn({ err, order: o.id, pump: o.pump }, 'fuel: paid order left paid, the pump controller cannot say; retried when the pump reports again');
      return this.order(o.id);
    }
    if (this.order(o.id).state !== 'paid') return this.order(o.id);
    if (state.phase === 'offline') {
      if (how === 'retry') return this.release(o);
      this.d.log.warn({ order: o.id, pump: o.pump }, 'fuel: paid order left paid, its pump is offline; retried when the pump reports again');
      return this.order(o.id);
    }
    if (this.holds(state, o)) {
      this.d.log.info({ order: o.id, pump: o.pump, phase: state.phase }, 'fuel: recovered a released order from the pump');
      this.transition(o, 'released');
      this.announce(o.id);
      await this.d.audit.record('fuel.recover', 'ok', null, { order: o.id, pump: o.pump, found: state.phase });
      await this.follow(this.order(o.id), state);
      return this.order(o.id);
    }
    if (how === 'retry' && state.phase === 'idle') return this.release(o);
    // Idle, or busy with a transaction that is not this order's: the release never reached the pump.
    this.d.log.warn({ order: o.id, pump: o.pump, phase: state.phase }, 'fuel: the release never reached the pump; refunding the payment');
    const problem: Problem = { code: 'FUEL_INTERRUPTED', message: new PosError('FUEL_INTERRUPTED', { pump: o.pump, amount: money(o.amount) }).toData().message };
    const reversed = this.reversePayment(o, problem);
    await this.d.audit.record('fuel.recover', 'ok', null, { order: o.id, pump: o.pump, found: state.phase, reversed: reversed.state === 'reversed' });
    return reversed;
  }

  /** Whether the pump's current transaction is this order's: same nozzle, price and preset, not the previous order's. */
  private holds(state: PumpState, o: OrderRow): boolean {
    if (state.phase !== 'authorized' && state.phase !== 'filling' && state.phase !== 'end-of-transaction') return false;
    if (state.nozzle !== o.nozzle || state.price !== o.price) return false;
    if (state.transaction !== undefined && this.store.lastPumpTransaction(o.pump)?.pumpTransaction === state.transaction) return false;
    if (state.phase === 'authorized') {
      return !state.preset || (state.preset.type === (o.mode === 'amount' ? 'Amount' : 'Volume') && state.preset.dose === (o.mode === 'amount' ? o.amount : o.volume));
    }
    return state.volume <= o.volume && state.amount <= o.amount;
  }

  /** Checks everything, then takes the money (payments module) and records the order, inside the fuel.pay command. */
  private charge(tx: LedgerTx, staff: StaffInfo, req: PayRequest): { orderId: string } {
    const r = this.resolve(req);
    if (req.price !== r.quote.price) {
      throw new PosError('FUEL_PRICE_CHANGED', { grade: r.gradeName, quoted: money(req.price), current: money(r.quote.price) });
    }
    const busy = this.store.activeOrder(r.pump.number);
    const phase = this.d.devices.pump.pumps().find((p) => p.pump === r.pump.number)?.phase;
    if (busy || phase === 'authorized' || phase === 'filling' || phase === 'end-of-transaction') throw new PosError('FUEL_PUMP_BUSY', { pump: r.pump.number });
    const memberId = req.memberId ?? null;
    // Stored value is the member's: the card that pays must be named (member cards own the balance later).
    if (req.tender === 'stored_value' && !memberId) throw new PosError('FUEL_MEMBER_REQUIRED');
    const orderId = tx.newId();
    const paymentTransferId = this.d.payments.take(tx, [{ method: req.tender, amount: r.quote.amount }], [{ accountId: this.salesAccount(tx), amount: r.quote.amount }], `fuel order ${orderId}`);
    tx.event({
      type: 'fuel.order.paid',
      order: {
        id: orderId,
        commandId: req.commandId,
        fingerprint: '',
        day: this.day(new Date(tx.at)),
        createdAt: tx.at,
        staffId: staff.id,
        staffName: staff.name,
        stationId: r.station.id,
        stationName: r.station.name,
        pump: r.pump.number,
        nozzle: r.nozzle,
        gradeId: r.gradeId,
        gradeName: r.gradeName,
        ...r.quote,
        tender: req.tender,
        customerPhone: req.customerPhone ?? null,
        memberId,
        state: 'paid',
        paymentTransferId,
        reversalTransferId: null,
        pumpTransaction: null,
        dispensedVolume: null,
        chargedAmount: null,
        refundAmount: null,
        refundTransferId: null,
        passJobId: null,
        passState: null,
        problem: null,
      },
    });
    return { orderId };
  }

  /** Fuel sales revenue (one account per store, opened on first use). */
  private salesAccount(tx: LedgerTx): string {
    return tx.ensureAccount('fuel_sales', '油品销售 Fuel sales', 'fuel_sales', this.d.settings.get().store.currency);
  }

  /**
   * Journals one step of an order (fuel.order.<step>) as a system command that follows from the
   * order's fuel.pay command (its cause), with any ledger work of that step, in one transaction.
   */
  private record(o: Pick<OrderRow, 'id' | 'commandId'>, step: FuelOrderStep, changes: Parameters<FuelStore['updateOrder']>[1], ledgerWork?: (tx: LedgerTx) => Parameters<FuelStore['updateOrder']>[1] | null): boolean {
    const { result } = this.d.commands.runNow({
      commandId: newId(),
      method: `fuel.${step}`,
      body: { orderId: o.id },
      actor: null,
      cause: o.commandId,
      work: (tx) => {
        const extra = ledgerWork ? ledgerWork(tx) : {};
        if (extra === null) return false;
        tx.event({ type: `fuel.order.${step}`, orderId: o.id, changes: { ...changes, ...extra } });
        return true;
      },
    });
    return result;
  }

  /** Sends the paid order to the controller; a refusal reverses the payment. Then prints the pass. */
  private async release(order: OrderRow): Promise<OrderRow> {
    try {
      await this.d.devices.pump.authorize({
        pump: order.pump,
        nozzle: order.nozzle,
        type: order.mode === 'amount' ? 'Amount' : 'Volume',
        dose: order.mode === 'amount' ? order.amount : order.volume,
        price: order.price,
      });
    } catch (e) {
      const refusal = deviceError(e, 'pump');
      const problem: Problem = refusal instanceof PosError ? { code: refusal.code, message: refusal.toData().message } : { code: 'INTERNAL', message: new PosError('INTERNAL').toData().message };
      this.d.log.warn({ order: order.id, pump: order.pump, err: e }, 'fuel: controller refused, reversing the payment');
      return this.reversePayment(order, problem);
    }
    this.transition(order, 'released');
    const result = await this.d.deviceService.print(passReceipt(this.order(order.id), this.receiptContext()));
    // A failed pass stays in the printer's queue for reprint; the pump is released regardless.
    this.record(order, 'passPrinted', { passJobId: result.jobId, passState: result.state });
    return this.announce(order.id);
  }

  /** Reverses a paid order's payment once: an order no longer 'paid' is left as it is. */
  private reversePayment(order: OrderRow, problem: Problem): OrderRow {
    try {
      this.record(order, 'reversed', { state: 'reversed', problem }, (tx) => {
        if (this.order(order.id).state !== 'paid') return null;
        return { reversalTransferId: tx.reverse(order.paymentTransferId, `fuel order ${order.id} reversed: ${problem.code}`) };
      });
    } catch (err) {
      this.d.log.error({ err, order: order.id }, 'fuel: payment reversal failed');
      this.record(order, 'failed', { state: 'failed', problem });
    }
    return this.announce(order.id);
  }

  private async onPump(state: PumpState): Promise<void> {
    const o = this.store.activeOrder(state.pump);
    if (!o) {
      await this.closeSettled(state);
      return;
    }
    if (o.state === 'paid') {
      // A pump reporting again (e.g. back online) with an order stranded by a crash: recover it.
      if (state.phase !== 'offline' && !this.inflight.has(o.commandId)) await this.track(o.commandId, () => this.resume(o, 'recover'));
      return;
    }
    await this.follow(o, state);
  }

  /** A finished transaction of an order already settled (the terminal stopped before closing it): close it now. */
  private async closeSettled(state: PumpState): Promise<void> {
    if (state.phase !== 'end-of-transaction' || state.transaction === undefined) return;
    const settled = this.store.lastPumpTransaction(state.pump);
    if (!settled || settled.pumpTransaction !== state.transaction || !isFinal(settled.state)) return;
    await this.d.devices.pump.closeTransaction(state.pump, state.transaction).catch((err: unknown) => this.d.log.warn({ err, pump: state.pump }, 'fuel: could not close a settled pump transaction'));
  }

  /** Moves a released or dispensing order along with its pump. */
  private async follow(o: OrderRow, state: PumpState): Promise<void> {
    if (state.phase === 'filling') {
      if (o.state === 'released') {
        this.record(o, 'dispensing', { state: 'dispensing', ...(state.transaction !== undefined ? { pumpTransaction: state.transaction } : {}) });
        this.announce(o.id);
      }
      return;
    }
    if (state.phase === 'end-of-transaction') await this.finish(o, state);
  }

  /** Settles the order for the dispensed volume: an underrun refunds the difference in one ledger transaction. */
  private async finish(o: OrderRow, state: PumpState): Promise<void> {
    if (this.settling.has(o.id)) return;
    this.settling.add(o.id);
    try {
      const s = settle(o as FuelQuote, state.volume);
      const event: OrderEvent = s.refund > 0 ? 'ended-short' : 'ended-full';
      const next = nextState(this.order(o.id).state, event);
      let refunded = false;
      if (next === 'completed' || next === 'refunded') {
        const changes = { state: next, dispensedVolume: s.dispensed, chargedAmount: s.charged, refundAmount: s.refund, ...(state.transaction !== undefined ? { pumpTransaction: state.transaction } : {}) };
        const settled = this.record(o, next, changes, (tx) => {
          // Checked again inside the transaction: a second end report settles nothing.
          if (nextState(this.order(o.id).state, event) !== next) return null;
          if (s.refund === 0) return { refundTransferId: null };
          const memo = `fuel order ${o.id} underrun: dispensed ${s.dispensed} cl, charged ${s.charged}`;
          return { refundTransferId: this.d.payments.refundToOriginal(tx, [{ method: o.tender, amount: o.amount }], s.refund, this.salesAccount(tx), memo).transferId };
        });
        refunded = settled && s.refund > 0;
      }
      this.announce(o.id);
      // Cash going back to the customer opens the drawer: the refund slip prints with a kick (issue 10).
      if (refunded && o.tender === 'cash') await this.d.deviceService.print(finalReceipt(this.order(o.id), this.receiptContext())).catch(() => null);
      if (state.transaction !== undefined) {
        await this.d.devices.pump.closeTransaction(o.pump, state.transaction).catch((err: unknown) => this.d.log.warn({ err, pump: o.pump }, 'fuel: could not close the pump transaction'));
      }
    } finally {
      this.settling.delete(o.id);
    }
  }

  private transition(o: OrderRow, event: OrderEvent): void {
    const next = nextState(this.order(o.id).state, event);
    if (next && next !== 'paid') this.record(o, next, { state: next });
  }

  private announce(id: string): OrderRow {
    const o = this.order(id);
    this.d.events.emit('fuel.order', o);
    return o;
  }

  /** Pump, grade, price now, quantity and the pump's limit, each refused with its own message. */
  private resolve(req: OrderRequest) {
    const station = this.station();
    const pump: PumpRow | undefined = this.store.pumps().find((p) => p.number === req.pump && p.stationId === station.id);
    if (!pump) throw new PosError('FUEL_UNKNOWN_PUMP', { pump: req.pump });
    const grade = this.store.grade(req.gradeId);
    const nozzle = pump.nozzles.find((n) => n.gradeId === req.gradeId);
    if (!grade || !nozzle) throw new PosError('FUEL_GRADE_NOT_ON_PUMP', { pump: pump.number, grade: grade?.name ?? req.gradeId });
    const price = priceAt(this.store.prices(grade.id), this.d.now());
    if (!price) throw new PosError('FUEL_NO_PRICE', { grade: grade.name });
    if (!Number.isSafeInteger(req.quantity) || req.quantity <= 0) {
      throw new PosError('INVALID_INPUT', {}, [{ path: 'quantity', message: { en: 'Enter an amount or litres above zero.', 'zh-CN': '请输入大于零的金额或升数。' } }]);
    }
    let q: FuelQuote;
    try {
      q = quote(req.mode, req.quantity, price.price);
    } catch (e) {
      if (e instanceof ConversionError && e.reason === 'too-large') throw new PosError('FUEL_OVER_LIMIT', { pump: pump.number, limit: litres(pump.maxVolume), volume: '∞' });
      if (e instanceof ConversionError) throw new PosError('FUEL_QUANTITY_TOO_SMALL');
      throw e;
    }
    if (q.volume > pump.maxVolume) throw new PosError('FUEL_OVER_LIMIT', { pump: pump.number, limit: litres(pump.maxVolume), volume: litres(q.volume) });
    return { station, pump, nozzle: nozzle.nozzle, gradeId: grade.id, gradeName: grade.name, quote: q, effectiveFrom: price.effectiveFrom };
  }

  /** The business day in the store's time zone (YYYY-MM-DD). */
  private day(at: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.d.settings.get().store.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  }

  private receiptContext() {
    const { store, terminal } = this.d.settings.get();
    return { storeName: store.name, terminal: terminal.name, timeZone: store.timeZone, currency: store.currency, now: this.d.now().toISOString() };
  }
}
