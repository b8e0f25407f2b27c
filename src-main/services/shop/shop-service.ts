// The shop sale at the counter: a plain retail cart priced from the catalog, paid with the
// store's tenders in ONE local command (`shop.sell`), optionally with a member's claimed coupon
// reserved on the server before the sale commits and confirmed after (see CouponStep).
import { PosError } from '../../domain/errors';
import type { CounterTender } from '../../domain/payments';
import { newId, type Ledger, type LedgerTx } from '../../ledger';
import type { Logger } from '../../ops/logging';
import type { SettingsStore } from '../../ops/settings-file';
import type { CatalogService } from '../catalog';
import type { CommandPath } from '../commands';
import type { DeviceService } from '../devices/device-service';
import type { PaymentsService } from '../payments';
import type { StaffInfo } from '../staff/staff-service';
import { couponCart, priceCart, shopItems, type CartRequestLine } from './shop-cart';
import { shopProjector } from './shop-events';
import { saleReceipt } from './shop-receipt';
import { ShopStore, type AppliedCoupon, type SaleLine, type SaleRow } from './shop-store';
import type { Cart } from '../../domain/coupons';

export interface SellInput {
  commandId: string;
  lines: CartRequestLine[];
  /** The total the cashier confirmed with the customer: a different total now (a price changed) is refused. */
  total: number;
  tenders: { method: CounterTender; amount: number }[];
  /** The identified member (their claimed coupons may apply). */
  memberId?: string | null | undefined;
  /** The claims to redeem: absent = the best of the member's claims (chosen here), [] = none. */
  claimIds?: string[] | undefined;
}

export interface SaleMember {
  id: string;
  number: string;
  name: string;
}

/**
 * The coupon step of a sale (implemented by the coupons service; null while none is wired):
 * which claims apply and what they save, then the server's two-phase redemption under the sale's
 * command id. `reserve` failing refuses nothing here: the sale goes on without the coupon only if
 * the cashier accepts that (the screen asks again).
 */
export interface CouponStep {
  /** The member of a claim look-up (for the sale row and the receipt). */
  member(memberId: string): Promise<SaleMember>;
  /** The coupons applied to this cart: the named claims, or the best of the member's claims when `claimIds` is absent. */
  choose(cart: Cart, memberId: string, claimIds: string[] | undefined, at: Date): Promise<{ coupons: AppliedCoupon[]; saving: number }>;
  reserve(commandId: string, memberId: string, coupons: AppliedCoupon[]): Promise<void>;
  /** After the local sale committed: confirmed, still pending (no answer: recovery asks again), or refused with the problem. */
  confirm(commandId: string): Promise<'confirmed' | 'pending' | { failed: string }>;
  /** Undo a reservation the sale did not use (both or neither); never throws. */
  release(commandId: string, coupons: AppliedCoupon[]): Promise<void>;
}

export interface ShopDeps {
  db: ShopStore['db'];
  ledger: Ledger;
  commands: CommandPath;
  payments: PaymentsService;
  catalog: CatalogService;
  deviceService: DeviceService;
  settings: SettingsStore;
  log: Logger;
  now: () => Date;
}

export class ShopService {
  readonly store: ShopStore;
  private coupons: CouponStep | null = null;
  /** Sales running now, so a double click waits for the first instead of reserving twice. */
  private readonly inflight = new Map<string, Promise<SaleRow>>();

  constructor(private readonly d: ShopDeps) {
    this.store = new ShopStore(d.db);
    d.ledger.projectors.register('shop', shopProjector(this.store));
  }

  /** Wires the coupon step (the coupons service is built after the shop). */
  useCoupons(step: CouponStep): void {
    this.coupons = step;
  }

  /** Whether this sale is being made right now (recovery leaves it to the sale itself). */
  selling(commandId: string): boolean {
    return this.inflight.has(commandId);
  }

  items() {
    return shopItems(this.d.catalog);
  }

  /** A scanned or typed barcode: the shop item it names. */
  scan(code: string) {
    const item = this.items().find((i) => i.barcode === code.trim());
    if (!item) throw new PosError('CATALOG_BARCODE_UNKNOWN', { barcode: code.trim() });
    return item;
  }

  /** The cart priced now: lines, subtotal. Changes nothing. */
  price(lines: readonly CartRequestLine[]): { lines: SaleLine[]; subtotal: number } {
    const priced = priceCart(this.d.catalog, lines, this.d.now());
    return { lines: priced, subtotal: priced.reduce((s, l) => s + l.amount, 0) };
  }

  cart(lines: readonly SaleLine[]): Cart {
    const id = this.d.settings.get().store.id;
    return couponCart(lines, id, id);
  }

  /**
   * Sells the cart: with a coupon, reserve it on the server first (same command id), then ONE
   * local command takes the tenders, books the discount and records the sale; then confirm on the
   * server. A failed local command releases the reservation. Replaying the command id returns
   * the first sale without touching the server again.
   */
  async sell(staff: StaffInfo, input: SellInput): Promise<{ sale: SaleRow; receipt: { jobId: string; state: string } | null }> {
    const running = this.inflight.get(input.commandId);
    if (running) return { sale: await running, receipt: null };
    const { commandId, ...body } = input;
    const before = this.d.ledger.previous<{ saleId: string }>({ commandId, method: 'shop.sell', body });
    if (before) return { sale: this.sale(before.saleId), receipt: null };
    const run = this.run(staff, input).finally(() => this.inflight.delete(commandId));
    this.inflight.set(commandId, run);
    const sale = await run;
    const printed = await this.d.deviceService.print(saleReceipt(sale, this.receiptContext()));
    return { sale: this.sale(sale.id), receipt: { jobId: printed.jobId, state: printed.state } };
  }

  private async run(staff: StaffInfo, input: SellInput): Promise<SaleRow> {
    const { commandId, ...body } = input;
    if (input.lines.length === 0) throw new PosError('SHOP_CART_EMPTY');
    const { lines, subtotal } = this.price(input.lines);
    const memberId = input.memberId ?? null;
    let member: SaleMember | null = null;
    let coupons: AppliedCoupon[] = [];
    let discount = 0;
    if (memberId && this.coupons) {
      member = await this.coupons.member(memberId);
      if (input.claimIds === undefined || input.claimIds.length > 0) {
        const chosen = await this.coupons.choose(this.cart(lines), memberId, input.claimIds, this.d.now());
        coupons = chosen.coupons;
        discount = chosen.saving;
      }
    }
    const total = subtotal - discount;
    if (total !== input.total) throw new PosError('SHOP_TOTAL_CHANGED', { reason: `${input.total} → ${total}` });
    // Checked before anything reaches the server: a short payment reserves nothing.
    this.d.payments.plan(total, input.tenders);
    if (coupons.length > 0) await this.coupons!.reserve(commandId, memberId!, coupons);
    let made: { saleId: string };
    try {
      made = this.d.commands.runNow({
        commandId,
        method: 'shop.sell',
        body,
        actor: staff,
        work: (tx) => this.book(tx, staff, input, { lines, subtotal, discount, total, coupons, member }),
        audit: (r) => ({ saleId: r.saleId, total, discount }),
      }).result;
    } catch (e) {
      // The sale failed: the coupon goes back to the member (both or neither).
      if (coupons.length > 0) await this.coupons!.release(commandId, coupons);
      throw e;
    }
    if (coupons.length > 0) await this.confirm(made.saleId);
    return this.sale(made.saleId);
  }

  /** Confirms a sale's coupon on the server and records the answer (used after a sale and by recovery). */
  async confirm(saleId: string): Promise<void> {
    const sale = this.sale(saleId);
    if (sale.couponState !== 'pending' || !this.coupons) return;
    const answer = await this.coupons.confirm(sale.commandId);
    if (answer === 'pending') return;
    this.d.commands.runNow({
      commandId: newId(),
      method: answer === 'confirmed' ? 'shop.couponConfirmed' : 'shop.couponFailed',
      body: { saleId },
      actor: null,
      cause: sale.commandId,
      work: (tx) => tx.event(answer === 'confirmed' ? { type: 'shop.sale.couponConfirmed', saleId } : { type: 'shop.sale.couponFailed', saleId, problem: answer.failed }),
    });
  }

  /**
   * The local half in one transaction: tenders (net of change) and the discount debit against
   * the shop's revenue at the full price, so revenue less discounts is what was paid and the
   * discount is never a tender.
   */
  private book(tx: LedgerTx, staff: StaffInfo, input: SellInput, s: { lines: SaleLine[]; subtotal: number; discount: number; total: number; coupons: AppliedCoupon[]; member: SaleMember | null }): { saleId: string } {
    const plan = this.d.payments.plan(s.total, input.tenders);
    const saleId = tx.newId();
    const currency = this.d.settings.get().store.currency;
    const revenue = tx.ensureAccount('shop_sales', '商店销售 Shop sales', 'revenue', currency);
    const legs = [
      ...plan.tenders.filter((t) => t.amount > 0).map((t) => ({ accountId: this.d.payments.account(tx, t.method), side: 'debit' as const, amount: t.amount })),
      ...(s.discount > 0 ? [{ accountId: this.discountAccount(tx, currency), side: 'debit' as const, amount: s.discount }] : []),
      { accountId: revenue, side: 'credit' as const, amount: s.subtotal },
    ];
    const paymentTransferId = tx.post(legs, `shop sale ${saleId}`);
    tx.event({
      type: 'shop.sale.made',
      sale: {
        id: saleId,
        commandId: input.commandId,
        day: this.day(new Date(tx.at)),
        createdAt: tx.at,
        staffId: staff.id,
        staffName: staff.name,
        memberId: s.member?.id ?? null,
        memberNumber: s.member?.number ?? null,
        memberName: s.member?.name ?? null,
        lines: s.lines,
        subtotal: s.subtotal,
        discount: s.discount,
        total: s.total,
        coupons: s.coupons,
        tenders: plan.tenders,
        change: plan.change,
        paymentTransferId,
        couponState: s.coupons.length > 0 ? 'pending' : 'none',
        couponProblem: null,
      },
    });
    return { saleId };
  }

  /** Discounts given (contra-revenue: a debit-normal revenue account, so revenue nets of it in reports). */
  private discountAccount(tx: LedgerTx, currency: string): string {
    return tx.accountId('shop_discounts') ?? tx.openAccount({ code: 'shop_discounts', name: '商店优惠 Shop discounts', kind: 'revenue', unit: currency, normal: 'debit' });
  }

  today(): SaleRow[] {
    return this.store.ofDay(this.day(this.d.now()));
  }

  sale(id: string): SaleRow {
    const s = this.store.sale(id);
    if (!s) throw new PosError('SHOP_SALE_UNKNOWN', { id });
    return s;
  }

  private day(at: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.d.settings.get().store.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  }

  private receiptContext() {
    const { store, terminal } = this.d.settings.get();
    return { storeName: store.name, terminal: terminal.name, timeZone: store.timeZone, currency: store.currency };
  }
}
