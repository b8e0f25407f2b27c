// Member cards at the counter: identify the member, open cards, recharge, redeem (online hold →
// one local command → capture), payments members make from their phone (pushed), reversal.
// The balances live on the central server; this terminal journals what moved here.
import { PosError } from '../../domain/errors';
import type { AnnouncementKind } from '../../domain/voice';
import type { CardPaymentPush, CardPaymentView, CardTender, MemberCardView, MerchantView } from '../../domain/member-cards/protocol';
import { newId, type Ledger, type LedgerTx } from '../../ledger';
import type { Logger } from '../../ops/logging';
import type { SettingsStore } from '../../ops/settings-file';
import type { CommandPath } from '../commands';
import type { DeviceService } from '../devices/device-service';
import type { EventBus } from '../events';
import type { PaymentsService } from '../payments';
import type { StaffInfo } from '../staff/staff-service';
import { CardRefusal, type CardsClient } from './cards-client';
import { memberCardProjector } from './cards-events';
import { announcementOf, businessDay, counterMovement, liabilityAccount, localCommandId, salesAccount } from './cards-booking';
import { cardReceipt } from './cards-receipt';
import { CardsStore, type MovementRow } from './cards-store';
import { cardsError, identifyMember, type IdentifyInput } from './member-identify';

export interface CardsDeps {
  db: CardsStore['db'];
  ledger: Ledger;
  commands: CommandPath;
  payments: PaymentsService;
  deviceService: DeviceService;
  settings: SettingsStore;
  events: EventBus;
  client: CardsClient;
  /** Checks a manager's PIN (throttled and audited like a sign-in). */
  signIn: (staffId: string, pin: string) => Promise<StaffInfo>;
  log: Logger;
  now: () => Date;
  retryMs?: number;
}

type Printed = { jobId: string; state: string } | null;
const TENDER_METHOD = { cash: 'cash', bankCard: 'bank_card', mobile: 'mobile' } as const;

export class MemberCardsService {
  readonly store: CardsStore;
  private merchantCache: { at: number; merchants: MerchantView[] } | null = null;
  private readonly inflight = new Map<string, Promise<MovementRow>>();
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly d: CardsDeps) {
    this.store = new CardsStore(d.db);
    d.ledger.projectors.register('memberCard', memberCardProjector(this.store));
  }

  /** Captures left pending by a crash or an unreachable server, retrying until the server answers. */
  start(): void {
    this.stopped = false;
    void this.finishPending();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  connected(): boolean {
    return this.d.client.connected();
  }

  /** This store's merchants on the platform (cached briefly: the screen asks on every identify). */
  async merchants(fresh = false): Promise<MerchantView[]> {
    const now = this.d.now().getTime();
    if (!fresh && this.merchantCache && now - this.merchantCache.at < 30_000) return this.merchantCache.merchants;
    try {
      const merchants = await this.d.client.merchants();
      this.merchantCache = { at: now, merchants };
      return merchants;
    } catch (e) {
      throw cardsError(e);
    }
  }

  /** The merchant this counter sells for: the store's approved merchant (the first, if several). */
  async merchant(): Promise<MerchantView> {
    const m = (await this.merchants()).find((x) => x.state === 'approved') ?? (await this.merchants(true)).find((x) => x.state === 'approved');
    if (!m) throw new PosError('CARDS_NO_MERCHANT');
    return m;
  }

  async status() {
    const connected = this.connected();
    let merchant: MerchantView | null = null;
    let problem = null;
    if (connected) {
      try {
        merchant = await this.merchant();
      } catch (e) {
        problem = e instanceof PosError ? e.toData() : null;
      }
    }
    const server = this.d.client.serverUrl();
    return { connected, merchant, problem, phonePageUrl: merchant?.qrPath && server ? new URL(merchant.qrPath, server).toString() : null, voice: this.d.settings.get().voice };
  }

  async identify(input: IdentifyInput) {
    const merchant = await this.merchant();
    return identifyMember(this.d.client, merchant.id, input, this.d.now().getTime());
  }

  async sendOtp(phone: string) {
    try {
      return await this.d.client.sendOtp(phone);
    } catch (e) {
      throw cardsError(e);
    }
  }

  async register(input: { phone: string; name: string; uid?: string | undefined }) {
    const merchant = await this.merchant();
    try {
      const r = await this.d.client.register({ merchantId: merchant.id, phone: input.phone, name: input.name });
      if (input.uid) await this.d.client.linkUid(r.member.id, input.uid);
      return { ...r, merchantId: merchant.id, via: 'number' as const };
    } catch (e) {
      throw cardsError(e);
    }
  }

  async products() {
    const merchant = await this.merchant();
    try {
      return (await this.d.client.products(merchant.id)).filter((p) => p.active);
    } catch (e) {
      throw cardsError(e);
    }
  }

  async cards(memberId: string) {
    const merchant = await this.merchant();
    try {
      return await this.d.client.cards(merchant.id, memberId);
    } catch (e) {
      throw cardsError(e);
    }
  }

  /** The card's movements on the server (all sources), newest first. */
  async history(cardId: string) {
    try {
      return await this.d.client.history(cardId);
    } catch (e) {
      throw cardsError(e);
    }
  }

  /**
   * Sells a card: the server opens it (idempotent by the command id), then ONE local command takes
   * its price (punch cards, vouchers; stored-value cards are free to open). A local failure after
   * the server opened it is repaired by repeating the same command id (the screen keeps it).
   */
  async openCard(staff: StaffInfo, input: { commandId: string; memberId: string; productId: string; tender: CardTender }) {
    const { commandId, ...body } = input;
    const before = this.d.ledger.previous<{ commandId: string }>({ commandId, method: 'memberCards.open', body });
    if (before) return { movement: this.movement(commandId), card: null, receipt: null };
    const merchant = await this.merchant();
    let opened;
    try {
      opened = await this.d.client.openCard({ ...input, merchantId: merchant.id });
    } catch (e) {
      throw cardsError(e);
    }
    const { card, member, pricePaid } = opened;
    this.d.commands.runNow({
      commandId,
      method: 'memberCards.open',
      body,
      actor: staff,
      work: (tx) => {
        const transferId = pricePaid > 0 ? this.d.payments.take(tx, [{ method: TENDER_METHOD[input.tender], amount: pricePaid }], [{ accountId: this.liability(tx), amount: pricePaid }], `member card ${card.id} opened`) : null;
        tx.event({ type: 'memberCard.card.opened', movement: this.row(tx, staff, card, member.name, { commandId, kind: 'open', amount: 0, paidPart: 0, bonusPart: 0, money: pricePaid, tender: input.tender, transferId }) });
        return { commandId };
      },
      audit: () => ({ cardId: card.id, price: pricePaid }),
    });
    const m = this.movement(commandId);
    this.changed(card);
    return { movement: m, card, receipt: pricePaid > 0 ? await this.print(m) : null };
  }

  /**
   * A recharge paid at the counter: the server credits the card (paid + the bonus of the card's own
   * tiers) under the command id, then ONE local command takes the money into the stored-value
   * liability (money in, not revenue: the store owes it to the member until it is spent).
   * Repeating the id after any failure finishes what is missing and never credits twice.
   */
  async recharge(staff: StaffInfo, input: { commandId: string; cardId: string; amount: number; tender: CardTender }) {
    const { commandId, ...body } = input;
    const before = this.d.ledger.previous<{ commandId: string }>({ commandId, method: 'memberCards.recharge', body });
    if (before) return { movement: this.movement(commandId), receipt: null };
    let r;
    try {
      r = await this.d.client.recharge(input);
    } catch (e) {
      throw cardsError(e);
    }
    this.d.commands.runNow({
      commandId,
      method: 'memberCards.recharge',
      body,
      actor: staff,
      work: (tx) => {
        const transferId = this.d.payments.take(tx, [{ method: TENDER_METHOD[input.tender], amount: r.paid }], [{ accountId: this.liability(tx), amount: r.paid }], `member card ${r.card.id} recharge`);
        tx.event({ type: 'memberCard.recharge.made', movement: this.row(tx, staff, r.card, r.member.name, { commandId, kind: 'recharge', amount: r.paid + r.bonus, paidPart: r.paid, bonusPart: r.bonus, money: r.paid, tender: input.tender, transferId }) });
        return { commandId };
      },
      audit: () => ({ cardId: r.card.id, paid: r.paid, bonus: r.bonus }),
    });
    const m = this.movement(commandId);
    this.changed(r.card);
    this.announce('memberRecharge', m);
    return { movement: m, receipt: await this.print(m) };
  }

  /**
   * A sale paid from a card at the counter: hold on the server (fen, or uses of a punch card) →
   * ONE local command (`memberCards.redeem`, same command id) → capture. Both or neither: a failed
   * local command voids the hold; a capture that does not get through leaves the sale made and the
   * capture pending (retried, and at start). Offline it is refused: this store allows no offline
   * redemption, and nothing is taken.
   */
  async redeem(staff: StaffInfo, input: { commandId: string; cardId: string; amount: number; memo?: string | undefined }) {
    const running = this.inflight.get(input.commandId);
    if (running) return { movement: await running, receipt: null };
    const { commandId, ...body } = input;
    const before = this.d.ledger.previous<{ commandId: string }>({ commandId, method: 'memberCards.redeem', body });
    if (before) return { movement: this.movement(commandId), receipt: null };
    const run = this.runRedeem(staff, input).finally(() => this.inflight.delete(commandId));
    this.inflight.set(commandId, run);
    const m = await run;
    this.announce('memberPayment', m);
    return { movement: m, receipt: await this.print(m) };
  }

  private async runRedeem(staff: StaffInfo, input: { commandId: string; cardId: string; amount: number; memo?: string | undefined }): Promise<MovementRow> {
    const { commandId, ...body } = input;
    let held: CardPaymentView;
    try {
      held = await this.d.client.hold({ commandId, cardId: input.cardId, amount: input.amount, memo: input.memo ?? '' });
    } catch (e) {
      // No answer: the hold may have been made. Undo it by the same id (the server also expires it).
      if (e instanceof PosError && e.code === 'VALUE_OFFLINE') await this.voidQuietly(commandId);
      throw cardsError(e);
    }
    if (held.state !== 'held' && held.state !== 'captured') throw new PosError('CARDS_REFUSED', { reason: `this attempt was ${held.state}; start again` });
    try {
      this.d.commands.runNow({
        commandId,
        method: 'memberCards.redeem',
        body,
        actor: staff,
        work: (tx) => {
          const money = held.unit === 'CNY' ? held.covers || held.amount : 0;
          const transferId = money > 0 ? this.d.payments.take(tx, [{ method: 'member_card', amount: money }], [{ accountId: this.sales(tx), amount: money }], `member card ${held.cardId} payment`) : null;
          const movement = this.row(tx, staff, held.card, held.member.name, { commandId, kind: 'redemption', amount: held.amount, paidPart: held.paidPart, bonusPart: held.bonusPart, money, tender: null, transferId });
          tx.event({ type: 'memberCard.redemption.made', movement: { ...movement, captureState: 'pending', reversibleUntil: held.reversibleUntil } });
          return { commandId };
        },
        audit: () => ({ cardId: held.cardId, amount: held.amount }),
      });
    } catch (e) {
      await this.voidQuietly(commandId);
      throw e;
    }
    await this.capture(commandId);
    return this.movement(commandId);
  }

  /** Captures a pending redemption's hold; a refusal is recorded for a manager, no answer stays pending. */
  async capture(commandId: string): Promise<void> {
    let v: CardPaymentView;
    try {
      v = await this.d.client.capture(commandId);
    } catch (e) {
      if (e instanceof CardRefusal) {
        const problem = `${e.body.code}: ${e.body.message}`;
        this.step(commandId, 'memberCards.captureFailed', (tx) => tx.event({ type: 'memberCard.redemption.captureFailed', commandId, problem }));
        return;
      }
      this.d.log.warn({ commandId, err: e instanceof Error ? e.message : String(e) }, 'member cards: capture pending');
      this.scheduleRetry();
      return;
    }
    this.step(commandId, 'memberCards.captured', (tx) => tx.event({ type: 'memberCard.redemption.captured', commandId, paidAfter: v.card.paid, bonusAfter: v.card.bonus, usesAfter: v.card.usesLeft }));
    this.changed(v.card);
  }

  /**
   * A member paid from their phone (the server's push): journaled ONCE under the phone's command id
   * (a repeated push replays and changes nothing), then shown and announced. Returns whether it was new.
   */
  applyPush(p: CardPaymentPush): boolean {
    const { replay } = this.d.commands.runNow({
      commandId: localCommandId(p.paymentCommandId),
      method: 'memberCards.phonePayment',
      body: p,
      actor: null,
      work: (tx) => {
        if (this.store.byCommand(p.paymentCommandId)) return { commandId: p.paymentCommandId };
        const money = p.unit === 'CNY' ? p.amount : 0;
        const transferId = money > 0 ? this.d.payments.take(tx, [{ method: 'member_card', amount: money }], [{ accountId: this.sales(tx), amount: money }], `member card ${p.cardId} phone payment`) : null;
        tx.event({
          type: 'memberCard.phonePayment.received',
          movement: {
            commandId: p.paymentCommandId, kind: 'payment', source: 'phone', day: this.day(new Date(tx.at)), createdAt: tx.at, staffId: null, staffName: null,
            merchantId: p.merchantId, cardId: p.cardId, productName: p.productName, memberId: p.memberId, memberName: p.memberName, unit: p.unit,
            amount: p.amount, paidPart: p.paidPart, bonusPart: p.bonusPart, money, tender: null,
            paidAfter: p.paidAfter, bonusAfter: p.bonusAfter, usesAfter: p.usesAfter, transferId, captureState: 'none', captureProblem: null,
            reversibleUntil: p.reversibleUntil, state: 'made', reversalCommandId: null, reversalTransferId: null,
          },
        });
        return { commandId: p.paymentCommandId };
      },
    });
    if (replay) return false;
    const m = this.movement(p.paymentCommandId);
    this.d.events.emit('memberCards.changed', { cardId: p.cardId, memberId: p.memberId, paid: p.paidAfter, bonus: p.bonusAfter, usesLeft: p.usesAfter, at: this.d.now().toISOString() });
    this.announce('memberPayment', m);
    return true;
  }

  /**
   * A manager gives a redemption or phone payment back within the merchant's window: the server
   * returns the value to the card (by the reversal's command id), then ONE local command reverses
   * the sale's transfer. A retry after a crash in between finds the server step done and finishes.
   */
  async reverse(by: StaffInfo, input: { commandId: string; paymentCommandId: string; approval: { staffId: string; pin: string }; reason?: string | undefined }) {
    const m = this.movement(input.paymentCommandId);
    if (m.kind !== 'redemption' && m.kind !== 'payment') throw new PosError('CARDS_NOT_REVERSIBLE', { reason: 'not a payment' });
    if (m.state === 'reversed') return { movement: m, receipt: null };
    const approver = await this.d.signIn(input.approval.staffId, input.approval.pin);
    if (approver.role !== 'manager') throw new PosError('CARDS_APPROVAL_NOT_MANAGER', { name: approver.name });
    let v: CardPaymentView;
    try {
      v = await this.d.client.reverse(input.paymentCommandId, input.commandId, input.reason ?? '');
    } catch (e) {
      if (e instanceof CardRefusal && (e.body.code === 'REVERSAL_WINDOW_OVER' || e.body.code === 'NOT_REVERSIBLE')) throw new PosError('CARDS_NOT_REVERSIBLE', { reason: e.body.message });
      throw cardsError(e);
    }
    this.d.commands.runNow({
      commandId: input.commandId,
      method: 'memberCards.reverse',
      body: { paymentCommandId: input.paymentCommandId, approverId: approver.id },
      actor: by,
      work: (tx) => {
        if (this.movement(m.commandId).state === 'reversed') return;
        const reversalTransferId = m.transferId ? tx.reverse(m.transferId, `member card payment ${m.commandId} reversed`) : '';
        tx.event({ type: 'memberCard.payment.reversed', commandId: m.commandId, reversalCommandId: input.commandId, reversalTransferId, paidAfter: v.card.paid, bonusAfter: v.card.bonus, usesAfter: v.card.usesLeft });
      },
      audit: () => ({ paymentCommandId: m.commandId, approverId: approver.id, amount: m.amount }),
    });
    const done = this.movement(m.commandId);
    this.changed(v.card);
    this.announce('memberRefund', done);
    const printed = await this.d.deviceService.print(cardReceipt(done, this.receiptContext(), true));
    return { movement: done, receipt: { jobId: printed.jobId, state: printed.state } };
  }

  today(): MovementRow[] {
    return this.store.ofDay(this.day(this.d.now()));
  }

  /** The voice settings (persisted in the settings file). */
  setVoice(v: { enabled: boolean; volume: number }) {
    this.d.settings.update((s) => {
      s.voice = v;
    });
    return this.d.settings.get().voice;
  }

  movement(commandId: string): MovementRow {
    const m = this.store.byCommand(commandId);
    if (!m) throw new PosError('NOT_FOUND', { what: { en: `member card movement ${commandId}`, 'zh-CN': `会员卡记录 ${commandId}` } });
    return m;
  }

  /** A system step after a client command: a fresh id, no actor, the client command as its cause. */
  private step(cause: string, method: string, work: (tx: LedgerTx) => void): void {
    this.d.commands.runNow({ commandId: newId(), method, body: { cause }, actor: null, cause, work });
  }

  private async finishPending(): Promise<void> {
    for (const m of this.store.pendingCaptures()) {
      if (this.stopped) return;
      if (this.inflight.has(m.commandId)) continue;
      try {
        await this.capture(m.commandId);
      } catch (e) {
        this.d.log.error({ commandId: m.commandId, err: e instanceof Error ? e.message : String(e) }, 'member cards: recovery step failed');
      }
    }
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.finishPending().catch(() => undefined);
    }, this.d.retryMs ?? 30_000);
    this.retryTimer.unref?.();
  }

  private async voidQuietly(commandId: string): Promise<void> {
    try {
      await this.d.client.void(commandId);
    } catch (e) {
      this.d.log.warn({ commandId, err: e instanceof Error ? e.message : String(e) }, 'member cards: void did not get through (the server expires the hold)');
    }
  }

  private row(tx: LedgerTx, staff: StaffInfo, card: MemberCardView, memberName: string, m: Parameters<typeof counterMovement>[5]) {
    return counterMovement(tx, this.day(new Date(tx.at)), staff, card, memberName, m);
  }

  /** Live balances: every screen showing this card updates without a reload. */
  private changed(card: MemberCardView): void {
    this.d.events.emit('memberCards.changed', { cardId: card.id, memberId: card.memberId, paid: card.paid, bonus: card.bonus, usesLeft: card.usesLeft, at: this.d.now().toISOString() });
  }

  private announce(kind: AnnouncementKind, m: MovementRow): void {
    const a = announcementOf(kind, m, this.d.now().toISOString());
    if (a) this.d.events.emit('memberCards.announce', a);
  }

  private async print(m: MovementRow): Promise<Printed> {
    const printed = await this.d.deviceService.print(cardReceipt(m, this.receiptContext()));
    return { jobId: printed.jobId, state: printed.state };
  }

  private liability(tx: LedgerTx): string {
    return liabilityAccount(tx, this.d.settings.get().store.currency);
  }

  private sales(tx: LedgerTx): string {
    return salesAccount(tx, this.d.settings.get().store.currency);
  }

  private day(at: Date): string {
    return businessDay(at, this.d.settings.get().store.timeZone);
  }

  private receiptContext() {
    const { store, terminal } = this.d.settings.get();
    return { storeName: store.name, terminal: terminal.name, timeZone: store.timeZone, currency: store.currency };
  }
}
