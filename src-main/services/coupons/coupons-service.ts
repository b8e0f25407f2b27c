// Coupons at the counter: scan → matching coupons best first, a member's claims, and the coupon
// step of a shop sale (choose the best claimed coupon, reserve → confirm | release on the server).
import { applyCoupons, bestCoupons, couponsForProduct, validAt, type Cart, type Coupon } from '../../domain/coupons';
import { toDomainCoupon, type ClaimResponse } from '../../domain/coupons/protocol';
import { PosError } from '../../domain/errors';
import type { Ledger } from '../../ledger';
import type { Logger } from '../../ops/logging';
import type { AuditTrail } from '../audit/audit-trail';
import type { CatalogService } from '../catalog';
import type { StaffInfo } from '../staff/staff-service';
import type { CartRequestLine } from '../shop/shop-cart';
import type { CouponStep, SaleMember, ShopService } from '../shop/shop-service';
import type { AppliedCoupon } from '../shop/shop-store';
import type { CentralRecords } from '../sync/reference/reference-data';
import { CouponBook } from './coupon-book';
import { CustomerDisplay } from '../shop/customer-display';
import type { EventBus } from '../events';
import { CouponRefusal, type CouponsClient } from './coupons-client';

/** Identifies a member by number or phone (today through the value look-up; member cards' `members.identify` can replace it). */
/** Who the member is: by the dynamic member code from their phone (as member cards identify them), member number or phone. */
export type FindMember = (by: { code: string } | { number: string } | { phone: string }) => Promise<SaleMember>;

export interface CouponsDeps {
  ledger: Ledger;
  central: CentralRecords;
  catalog: CatalogService;
  shop: ShopService;
  client: CouponsClient;
  findMember: FindMember;
  audit: AuditTrail;
  events: EventBus;
  currency: () => string;
  log: Logger;
  now: () => Date;
}

export interface CouponView {
  id: string;
  titleZh: string;
  titleEn: string;
  offer: Coupon['offer'];
  scope: Coupon['scope']['kind'];
  validTo: string | null;
  stacks: boolean;
}

export interface ClaimView {
  claimId: string;
  state: string;
  coupon: CouponView;
  /** What it would save on the cart it was evaluated against (0: does not apply). */
  saving: number;
}

function view(id: string, r: ClaimResponse['coupon']['rule']): CouponView {
  return { id, titleZh: r.titleZh, titleEn: r.titleEn, offer: r.offer, scope: r.scope.kind, validTo: r.validTo, stacks: r.stacks };
}

export class CouponsService implements CouponStep {
  readonly book: CouponBook;
  /** The customer-facing display: head office's promotions and the cart being rung up. */
  readonly display: CustomerDisplay;
  /** Members found by a look-up, for sale rows and receipts (the sale names the member by id). */
  private readonly members = new Map<string, SaleMember>();

  constructor(private readonly d: CouponsDeps) {
    this.book = new CouponBook(d.central);
    // A batch applied (live or replayed) changes the records the index is built from.
    d.ledger.projectors.observe((e) => {
      if (e.type === 'reference.batch.applied' && String(e.stream).startsWith('coupons.')) this.book.changed();
    });
    d.shop.useCoupons(this);
    this.display = new CustomerDisplay(d.events, () => this.book.displays().map((p) => ({ id: p.id, titleZh: p.titleZh, titleEn: p.titleEn, textZh: p.textZh, textEn: p.textEn, imageUrl: p.imageUrl })), d.currency);
    // After a pulled batch committed (never from inside its transaction): the displays redraw.
    d.events.onAny((event, payload) => {
      if (event === 'sync.reference' && (payload as { streams: string[] }).streams.some((s) => s.startsWith('coupons.'))) this.display.refresh();
    });
  }

  connected(): boolean {
    return this.d.client.connected();
  }

  /** The id store-scoped coupons name: the server's id of this store once enrolled. */
  private storeId(): string {
    return this.d.client.serverStoreId() ?? '';
  }

  cartOf(lines: readonly CartRequestLine[]): Cart {
    const priced = this.d.shop.price(lines).lines;
    const store = this.storeId();
    return { storeId: store, merchantId: store, lines: priced.map((l) => ({ itemId: l.itemId, category: l.category, unitPrice: l.unitPrice, quantity: l.quantity })) };
  }

  /**
   * The coupons matching a scanned product (and its store), valid now, best first by the stated
   * ranking (domain/coupons/best.ts), each with what it would save on the current cart.
   */
  forProduct(itemId: string, lines: readonly CartRequestLine[]): { item: { id: string; nameZh: string; nameEn: string }; coupons: (CouponView & { saving: number; best: boolean })[] } {
    const item = this.d.catalog.store.item(itemId);
    if (!item) throw new PosError('SHOP_ITEM_UNKNOWN', { item: itemId });
    const store = this.storeId();
    const cart = this.cartOf(lines.some((l) => l.itemId === itemId) ? lines : [...lines, { itemId, quantity: 1 }]);
    const product = { itemId, category: item.category, storeId: store, merchantId: store };
    const ranked = couponsForProduct(this.book.index().forProduct(product), product, cart, this.d.now().getTime());
    return {
      item: { id: item.id, nameZh: item.nameZh, nameEn: item.nameEn },
      coupons: ranked.map((r, i) => ({ ...view(r.coupon.id, this.book.get(r.coupon.id)!.rule), saving: r.saving, best: i === 0 })),
    };
  }

  displays() {
    return this.book.displays();
  }

  async findMember(by: { code: string } | { number: string } | { phone: string }): Promise<SaleMember> {
    const m = await this.d.findMember(by);
    this.members.set(m.id, m);
    return m;
  }

  async member(memberId: string): Promise<SaleMember> {
    const m = this.members.get(memberId);
    if (!m) throw new PosError('VALUE_MEMBER_NOT_FOUND', { by: { en: 'id', 'zh-CN': '编号' }, value: memberId });
    return m;
  }

  /** Claims a coupon to the member on the server (limits enforced there). Online only. */
  async claim(staff: StaffInfo, input: { commandId: string; memberId: string; couponId: string }): Promise<ClaimView> {
    const known = this.book.get(input.couponId);
    if (!known) throw new PosError('COUPON_UNKNOWN', { id: input.couponId });
    try {
      const r = await this.d.client.claim(input);
      void this.d.audit.record('coupons.claim', 'ok', staff.id, { commandId: input.commandId, memberId: input.memberId, couponId: input.couponId, claimId: r.claim.claimId });
      return { claimId: r.claim.claimId, state: r.claim.state, coupon: view(r.coupon.id, r.coupon.rule), saving: 0 };
    } catch (e) {
      throw this.refusal(e, known.rule.titleZh);
    }
  }

  /** The member's unused claims, each with what it would save on the cart; the best first. */
  async claims(memberId: string, lines: readonly CartRequestLine[]): Promise<{ claims: ClaimView[]; best: string[]; bestSaving: number }> {
    const list = await this.unused(memberId);
    const cart = lines.length ? this.cartOf(lines) : null;
    const at = this.d.now().getTime();
    const claims = list.map(({ claim, coupon }) => ({ claimId: claim.claimId, state: claim.state, coupon: view(coupon.id, coupon.rule), saving: cart && validAt(coupon.domain, at) ? applyCoupons([coupon.domain], cart).saving : 0 }));
    const best = cart ? this.bestOf(list, cart, at) : [];
    // Most saved first, then the earliest expiry (open-ended last).
    claims.sort((a, b) => b.saving - a.saving || (a.coupon.validTo ?? '~').localeCompare(b.coupon.validTo ?? '~'));
    return { claims, best: best.map((b) => b.claimId), bestSaving: cart && best.length ? applyCoupons(best.map((b) => b.coupon), cart).saving : 0 };
  }

  private async unused(memberId: string) {
    let r;
    try {
      r = await this.d.client.memberClaims(memberId);
    } catch (e) {
      throw this.refusal(e, '');
    }
    return r.claims.filter((c) => c.claim.state === 'claimed').map((c) => ({ claim: c.claim, coupon: { ...c.coupon, domain: toCoupon(c.coupon) } }));
  }

  /**
   * Why a claim the cashier picked is not among the member's unused ones: another counter reserved or
   * redeemed it since the screen listed it (COUPON_ALREADY_USED, the usual race of two counters), or
   * the member never had it.
   */
  private async notUsable(memberId: string, claimId: string): Promise<PosError> {
    let all;
    try {
      all = await this.d.client.memberClaims(memberId, true);
    } catch (e) {
      const r = this.refusal(e, '');
      return r instanceof PosError ? r : new PosError('COUPON_CLAIM_UNKNOWN', { claim: claimId });
    }
    const held = all.claims.find((c) => c.claim.claimId === claimId);
    return held ? new PosError('COUPON_ALREADY_USED', { name: held.coupon.rule.titleZh }) : new PosError('COUPON_CLAIM_UNKNOWN', { claim: claimId });
  }

  /** The claims whose coupons save the most together (one coupon, or a stacking set); one claim per coupon. */
  private bestOf(list: Awaited<ReturnType<CouponsService['unused']>>, cart: Cart, at: number) {
    // A member may hold two claims of one coupon: only one per coupon competes (it is the same offer).
    const firstClaim = new Map<string, (typeof list)[number]>();
    for (const c of list) if (!firstClaim.has(c.coupon.id)) firstClaim.set(c.coupon.id, c);
    const choice = bestCoupons([...firstClaim.values()].map((c) => c.coupon.domain), cart, at);
    if (!choice) return [];
    return choice.coupons.map((k) => ({ claimId: firstClaim.get(k.id)!.claim.claimId, coupon: k }));
  }

  // --- the coupon step of a shop sale (CouponStep) -------------------------------------------

  async choose(cart: Cart, memberId: string, claimIds: string[] | undefined, at: Date): Promise<{ coupons: AppliedCoupon[]; saving: number }> {
    const list = await this.unused(memberId);
    const store = this.storeId();
    const c: Cart = { ...cart, storeId: store, merchantId: store };
    let picked: { claimId: string; coupon: Coupon }[];
    if (claimIds === undefined) picked = this.bestOf(list, c, at.getTime());
    else {
      for (const id of claimIds) if (!list.some((x) => x.claim.claimId === id)) throw await this.notUsable(memberId, id);
      picked = claimIds.map((id) => ({ claimId: id, coupon: list.find((x) => x.claim.claimId === id)!.coupon.domain }));
      if (picked.length > 1 && picked.some((p) => !p.coupon.stacks)) throw new PosError('COUPON_NOT_STACKABLE');
    }
    if (picked.length === 0) return { coupons: [], saving: 0 };
    const applied = applyCoupons(
      picked.map((p) => p.coupon),
      c,
    );
    const alone = (k: Coupon) => applyCoupons([k], c).saving;
    for (const p of picked) {
      const rule = list.find((x) => x.claim.claimId === p.claimId)!.coupon.rule;
      const now = at.getTime();
      if ((p.coupon.validFrom !== null && now < p.coupon.validFrom) || (p.coupon.validTo !== null && now >= p.coupon.validTo)) throw new PosError('COUPON_NOT_VALID_NOW', { name: rule.titleZh });
      if (alone(p.coupon) === 0) throw new PosError('COUPON_NOT_APPLICABLE', { name: rule.titleZh });
    }
    // Each coupon's share of the saving, in the stacking order the rules applied them.
    const coupons: AppliedCoupon[] = [];
    let before = 0;
    for (let i = 0; i < applied.coupons.length; i++) {
      const k = applied.coupons[i]!;
      const upTo = applyCoupons(applied.coupons.slice(0, i + 1), c).saving;
      const p = picked.find((x) => x.coupon.id === k.id)!;
      const rule = list.find((x) => x.claim.claimId === p.claimId)!.coupon.rule;
      coupons.push({ claimId: p.claimId, couponId: k.id, titleZh: rule.titleZh, titleEn: rule.titleEn, saving: upTo - before });
      before = upTo;
    }
    return { coupons, saving: applied.saving };
  }

  /** Reserves every claim for the sale; on any refusal releases those already reserved (both or neither). */
  async reserve(commandId: string, _memberId: string, coupons: AppliedCoupon[]): Promise<void> {
    const done: AppliedCoupon[] = [];
    for (const c of coupons) {
      try {
        await this.d.client.reserve(c.claimId, commandId);
        done.push(c);
      } catch (e) {
        // No answer: this reservation may exist too; release it by the same sale id.
        if (e instanceof PosError && e.code === 'COUPON_OFFLINE') done.push(c);
        for (const r of done) await this.releaseOne(r.claimId, commandId);
        throw this.refusal(e, c.titleZh);
      }
    }
  }

  private pendingClaims(commandId: string): AppliedCoupon[] {
    return this.d.shop.store.byCommand(commandId)?.coupons ?? [];
  }

  async confirm(commandId: string): Promise<'confirmed' | 'pending' | { failed: string }> {
    const sale = this.d.shop.store.byCommand(commandId);
    for (const c of this.pendingClaims(commandId)) {
      try {
        await this.d.client.confirm(c.claimId, commandId);
      } catch (e) {
        // The reservation ran out before the confirm (the server gave it back): the sale still used
        // the coupon, so it is reported as an offline use; if another sale took the claim meanwhile,
        // the server keeps it as an exception for the store's report.
        if (e instanceof CouponRefusal && e.body.code === 'NOT_RESERVED' && sale) {
          const late = await this.reportLate(c.claimId, commandId, sale.createdAt);
          if (late === null) continue;
          return late;
        }
        if (e instanceof CouponRefusal) return { failed: `${e.body.code}: ${e.body.message}` };
        this.d.log.warn({ commandId, claimId: c.claimId, err: String(e) }, 'coupon confirm not through yet');
        return 'pending';
      }
    }
    return 'confirmed';
  }

  /** null: accepted as the claim's use; otherwise why not (pending: no answer; failed: a double use). */
  private async reportLate(claimId: string, commandId: string, at: string): Promise<null | 'pending' | { failed: string }> {
    try {
      const r = await this.d.client.offline(claimId, commandId, at);
      return r.outcome === 'accepted' ? null : { failed: `used twice: the claim's use is sale ${r.exception.firstSaleCommandId}` };
    } catch (e) {
      if (e instanceof CouponRefusal) return { failed: `${e.body.code}: ${e.body.message}` };
      return 'pending';
    }
  }

  async release(commandId: string, coupons: AppliedCoupon[]): Promise<void> {
    for (const c of coupons) await this.releaseOne(c.claimId, commandId);
  }

  private async releaseOne(claimId: string, commandId: string): Promise<void> {
    try {
      await this.d.client.release(claimId, commandId);
    } catch (e) {
      // The reservation lapses on the server after RESERVATION_MINUTES; nothing more to do here.
      this.d.log.warn({ commandId, claimId, err: String(e) }, 'coupon release failed');
    }
  }

  private timer: ReturnType<typeof setInterval> | null = null;
  private recovering: Promise<void> | null = null;

  /** Confirms what a crash or an outage left pending (sales made whose coupon the server has not confirmed); one run at a time. */
  recover(): Promise<void> {
    this.recovering ??= (async () => {
      for (const sale of this.d.shop.store.pending()) if (!this.d.shop.selling(sale.commandId)) await this.d.shop.confirm(sale.id);
    })().finally(() => (this.recovering = null));
    return this.recovering;
  }

  /** Recovery at start, then again every `retryMs` while a confirm is pending (an outage ends without a restart). */
  start(retryMs = 30_000): void {
    const run = () => void this.recover().catch((e: unknown) => this.d.log.warn({ err: String(e) }, 'coupon recovery postponed'));
    run();
    this.timer = setInterval(() => {
      if (this.d.shop.store.pending().length > 0) run();
    }, retryMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.recovering?.catch(() => undefined);
  }

  private refusal(e: unknown, name: string): unknown {
    if (!(e instanceof CouponRefusal)) return e;
    const b = e.body;
    switch (b.code) {
      case 'CLAIM_LIMIT_REACHED':
        return new PosError('COUPON_LIMIT_REACHED', { name, limit: b.limit ?? 1 });
      case 'COUPON_SOLD_OUT':
        return new PosError('COUPON_SOLD_OUT', { name });
      case 'COUPON_WITHDRAWN':
      case 'COUPON_NOT_STARTED':
      case 'COUPON_EXPIRED':
        return new PosError('COUPON_NOT_VALID_NOW', { name });
      case 'ALREADY_REDEEMED':
        return new PosError('COUPON_ALREADY_USED', { name });
      case 'MEMBER_NOT_FOUND':
        return new PosError('VALUE_MEMBER_NOT_FOUND', { by: { en: 'id', 'zh-CN': '编号' }, value: '' });
      default:
        return new PosError('COUPON_REFUSED', { reason: b.message });
    }
  }
}

function toCoupon(def: ClaimResponse['coupon']): Coupon {
  return toDomainCoupon(def.id, def.rule);
}
