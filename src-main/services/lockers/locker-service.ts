import { PosError } from '../../domain/errors';
import { MAX_WRISTBANDS_PER_PARTY, catalogTotal, checkChargeAmount, normalizePhone, resolveQuotas, type LockerSettings, MAX_QUOTA } from '../../domain/lockers';
import { newId, type LedgerTx } from '../../ledger';
import type { StaffInfo } from '../staff/staff-service';
import { outletCode, partyCode, wristbandCode } from './accounts';
import { LockerDesk, type Approval, type LockerDeps } from './desk';
import { checkout, type CheckoutInput } from './checkout';
import type { NewWristband } from './events';
import { customerLabel, money, translateQuota, uidLabel } from './refusals';
import { partyView } from './views';
import { DEMO_SPARE_UIDS } from './demo-seed';
import { LockerSetup } from './locker-setup';

export interface BindInput {
  commandId: string;
  wristbands: string[];
  phone?: string | undefined;
  memberCode?: string | undefined;
  wristbandQuota?: number | undefined;
  partyQuota?: number | undefined;
}
export interface ChargeInput {
  commandId: string;
  wristband: string;
  outlet: string;
  items?: { itemId: string; quantity: number }[] | undefined;
  amount?: number | undefined;
  note?: string | undefined;
}

/** Every change to lockers is announced, so every counter's locker screen follows at once. */
const changed = (): [string, unknown][] => [['lockers.changed', { at: new Date().toISOString() }]];

/**
 * Locker wristbands: bind a party's wristbands to one customer, charge them at the venue's
 * outlets within the wristband and party quotas, void, replace a lost wristband, check out.
 * Every change runs on the one command path (CommandPath): one journal entry per command with
 * its ledger ops and `lockers.*` business events (events.ts). See accounts.ts for the money.
 */
export class LockerService {
  readonly desk: LockerDesk;
  /** Manager set-up: ranges of lockers, the list with wristband UIDs. */
  readonly setup: LockerSetup;

  constructor(deps: LockerDeps) {
    this.desk = new LockerDesk(deps);
    this.setup = new LockerSetup(this.desk);
  }

  overview(demo: boolean) {
    const { rows } = this.desk;
    const lockers = rows.lockers.all().map((l) => {
      const band = rows.activeBand.get(l.number);
      const party = band ? rows.party.get(band.party_id) : undefined;
      return { number: l.number, state: l.state, partyId: party?.id ?? null, customer: party ? customerLabel(party) : null };
    });
    const outlets = this.sellingOutlets();
    // UIDs are card numbers: shown only in the demo store, where the helper taps them.
    const demoHelper = demo ? { lockers: rows.lockers.all().map((l) => ({ locker: l.number, uid: l.uid })), spareUids: DEMO_SPARE_UIDS } : null;
    return { currency: this.desk.currency, settings: this.desk.lockerSettings(), lockers, outlets, demo: demoHelper };
  }

  /** The party of any of its wristbands, as the checkout screen lists it. */
  lookup(ref: string) {
    const { band, party } = this.desk.activeWristband(ref);
    return { tappedLocker: band.locker_number, party: partyView(this.desk, party.id) };
  }

  bind(by: StaffInfo, input: BindInput) {
    const { desk } = this;
    const { commandId, ...body } = input;
    return desk.commands.run({
      commandId,
      method: 'lockers.bind',
      body,
      actor: by,
      work: (tx) => {
        const settings = desk.lockerSettings();
        if (input.wristbands.length > MAX_WRISTBANDS_PER_PARTY) throw new PosError('LOCKER_TOO_MANY_WRISTBANDS', { max: MAX_WRISTBANDS_PER_PARTY });
        const lockers = input.wristbands.map((ref) => desk.freeLocker(ref));
        const seen = new Set<number>();
        for (const l of lockers) {
          if (seen.has(l.number)) throw new PosError('LOCKER_DUPLICATE_WRISTBAND', { locker: l.number });
          seen.add(l.number);
        }
        let phone: string | null = null;
        if (input.phone !== undefined) {
          phone = normalizePhone(input.phone, settings.phoneFormat);
          if (!phone) throw new PosError('LOCKER_PHONE_INVALID');
        }
        const quotas = this.quotas(input, settings);
        const partyId = tx.newId();
        const groupAccountId = tx.openAccount({
          code: partyCode(partyId),
          name: `Party ${phone ?? input.memberCode ?? ''}`.trim(),
          kind: 'customer_group',
          unit: desk.currency,
          group: true,
          quota: quotas.partyQuota,
        });
        const wristbands = lockers.map((l) => this.newWristband(tx, groupAccountId, l.number, l.uid, quotas.wristbandQuota));
        tx.event({
          type: 'lockers.party.bound',
          party: { id: partyId, phone, memberCode: input.memberCode ?? null, groupAccountId, partyQuota: quotas.partyQuota, openedBy: by.id },
          wristbands,
        });
        return { partyId, lockers: lockers.map((l) => l.number), wristbandQuota: quotas.wristbandQuota, partyQuota: quotas.partyQuota };
      },
      announce: changed,
      audit: (r) => ({ partyId: r.partyId, lockers: r.lockers }),
    });
  }

  /** One more wristband for an open party (a friend joins later). */
  addWristband(by: StaffInfo, input: { commandId: string; party: string; wristband: string; wristbandQuota?: number | undefined }) {
    const { desk } = this;
    const { commandId, ...body } = input;
    return desk.commands.run({
      commandId,
      method: 'lockers.addWristband',
      body,
      actor: by,
      work: (tx) => {
        const { party } = desk.activeWristband(input.party);
        const locker = desk.freeLocker(input.wristband);
        if (desk.rows.bandsOf.all(party.id).filter((b) => b.status === 'active').length >= MAX_WRISTBANDS_PER_PARTY) {
          throw new PosError('LOCKER_TOO_MANY_WRISTBANDS', { max: MAX_WRISTBANDS_PER_PARTY });
        }
        const quota = this.quotas({ wristbandQuota: input.wristbandQuota }, desk.lockerSettings()).wristbandQuota;
        const wristband = this.newWristband(tx, party.group_account_id, locker.number, locker.uid, quota);
        tx.event({ type: 'lockers.wristband.added', partyId: party.id, wristband });
        return { partyId: party.id, locker: locker.number };
      },
      announce: changed,
      audit: (r) => ({ partyId: r.partyId, locker: r.locker }),
    });
  }

  /**
   * A lost wristband is blocked at once (its UID is refused from now on) and its open charges
   * move to a replacement wristband for the same locker, in one command: each hold is voided
   * on the old wristband account and placed again on the new one.
   */
  reportLost(by: StaffInfo, input: { commandId: string; wristband: string; replacementUid: string }) {
    const { desk } = this;
    const { commandId, ...body } = input;
    return desk.commands.run({
      commandId,
      method: 'lockers.reportLost',
      body,
      actor: by,
      work: (tx) => {
        const { locker, band, party } = desk.activeWristband(input.wristband);
        const uid = input.replacementUid.toUpperCase();
        if (desk.rows.lockerByUid.get(uid) || desk.rows.blocked.get(uid)) throw new PosError('LOCKER_UID_IN_USE', { ref: uidLabel(uid) });
        const replacement = this.newWristband(tx, party.group_account_id, locker.number, uid, band.quota);
        const open = desk.rows.chargesOfParty.all(party.id).filter((ch) => ch.wristband_id === band.id && ch.status === 'open');
        const movedCharges = open.map((ch) => {
          const hold = desk.ledger.hold(ch.hold_id)!;
          tx.void(ch.hold_id);
          const placed = tx.authorize({ debitAccountId: replacement.accountId, creditAccountId: hold.creditAccountId, amount: ch.amount, memo: `locker ${locker.number} moved from lost wristband` });
          return { chargeId: ch.id, holdId: placed.holdId };
        });
        tx.event({ type: 'lockers.wristband.lost', partyId: party.id, wristbandId: band.id, blockedUid: band.uid, reportedBy: by.id, replacement, movedCharges });
        return { partyId: party.id, locker: locker.number, movedCharges: open.length, moved: open.reduce((s, ch) => s + ch.amount, 0) };
      },
      announce: changed,
      audit: (r) => ({ locker: r.locker, movedCharges: r.movedCharges }),
    });
  }

  /** A venue charge: a hold on the wristband, checked against its quota and the party's in one step. */
  charge(by: StaffInfo, input: ChargeInput) {
    const { desk } = this;
    const { commandId, ...body } = input;
    return desk.commands.run({
      commandId,
      method: 'lockers.charge',
      body,
      actor: by,
      work: (tx) => {
        const { locker, band } = desk.activeWristband(input.wristband);
        const outlet = desk.deps.catalog.store.outlet(input.outlet);
        if (!outlet || !outlet.active) throw new PosError('NOT_FOUND', { what: input.outlet });
        let amount: number;
        let description: string;
        if (input.items && input.items.length > 0) {
          // Each item at the catalog price in force now; the charge keeps its amount, so a later price change never alters it.
          const at = desk.deps.now();
          const lines = input.items.map((l) => {
            const item = desk.deps.catalog.store.item(l.itemId);
            const price = item?.active ? desk.deps.catalog.priceAt(item.id, at) : undefined;
            if (!item || item.outletId !== outlet.id || price === undefined) throw new PosError('LOCKER_ITEM_UNKNOWN', { outlet: outlet.nameEn, outletZh: outlet.nameZh });
            return { name_zh: item.nameZh, name_en: item.nameEn, price, quantity: l.quantity };
          });
          amount = catalogTotal(lines);
          description = lines.map((l) => (l.quantity === 1 ? `${l.name_zh} ${l.name_en}` : `${l.name_zh} ${l.name_en} x${l.quantity}`)).join(', ');
        } else {
          amount = input.amount ?? 0;
          description = input.note?.trim() || `${outlet.nameZh} ${outlet.nameEn}`;
        }
        const settings = desk.lockerSettings();
        if (!checkChargeAmount(amount, settings).ok) throw new PosError('LOCKER_AMOUNT_INVALID', money('max', settings.maxCharge, desk.currency));
        const revenue = tx.ensureAccount(outletCode(outlet.id), `${outlet.nameZh} ${outlet.nameEn}`, 'revenue', desk.currency);
        let holdId: string;
        try {
          holdId = tx.authorize({ debitAccountId: band.account_id, creditAccountId: revenue, amount, memo: `locker ${locker.number} ${outlet.id}: ${description}`.slice(0, 200) }).holdId;
        } catch (e) {
          throw translateQuota(e, { accountId: band.account_id, locker: locker.number }, desk.currency);
        }
        const chargeId = tx.newId();
        tx.event({ type: 'lockers.charge.made', charge: { id: chargeId, partyId: band.party_id, wristbandId: band.id, holdId, outlet: outlet.id, description, amount, by: by.id } });
        const party = desk.rows.party.get(band.party_id)!;
        return {
          chargeId,
          locker: locker.number,
          amount,
          description,
          wristbandLeft: Math.max(0, desk.ledger.balance(band.account_id).available ?? 0),
          partyLeft: Math.max(0, desk.ledger.balance(party.group_account_id).available ?? 0),
        };
      },
      announce: changed,
      audit: (r) => ({ chargeId: r.chargeId, locker: r.locker, amount: r.amount }),
    });
  }

  /** A manager voids a charge before checkout: the hold is released, the quota is free again. */
  voidCharge(by: StaffInfo, input: { commandId: string; chargeId: string; approval: Approval }) {
    const { desk } = this;
    return desk.commands.run({
      commandId: input.commandId,
      method: 'lockers.voidCharge',
      // The PIN never enters a fingerprint or the journal; who approved does.
      body: { chargeId: input.chargeId, approverId: input.approval.staffId },
      actor: by,
      prepare: () => desk.approve(input.approval, 'lockers.voidCharge', by, { chargeId: input.chargeId }),
      work: (tx, approver) => {
        const charge = desk.rows.charge.get(input.chargeId);
        if (!charge) throw new PosError('NOT_FOUND', { what: 'charge' });
        if (charge.status !== 'open') throw new PosError('LOCKER_CHARGE_CLOSED');
        tx.void(charge.hold_id);
        tx.event({ type: 'lockers.charge.voided', chargeId: charge.id, approvedBy: approver.id });
        return { chargeId: charge.id, amount: charge.amount };
      },
      announce: changed,
      audit: (r) => ({ chargeId: r.chargeId, amount: r.amount, approvedBy: input.approval.staffId }),
    });
  }

  checkout(by: StaffInfo, input: CheckoutInput) {
    return checkout(this.desk, by, input);
  }

  /** Manager: take a free locker out of service or back. An occupied locker is settled first. */
  setLockerState(by: StaffInfo, input: { locker: number; state: 'free' | 'out_of_service' }) {
    const { desk } = this;
    return desk.commands.run({
      commandId: newId(),
      method: 'lockers.setLockerState',
      body: input,
      actor: by,
      work: (tx) => {
        // A locker still waiting for its wristband can be taken out of service too.
        if (desk.rows.pendingLocker.get(input.locker)) {
          tx.event({ type: 'lockers.locker.stateChanged', locker: input.locker, state: input.state });
          return { number: input.locker, state: input.state };
        }
        const locker = desk.locker(String(input.locker));
        if (locker.state === 'occupied') {
          const band = desk.rows.activeBand.get(locker.number);
          const party = band && desk.rows.party.get(band.party_id);
          throw new PosError('LOCKER_ALREADY_BOUND', { locker: locker.number, customer: party ? customerLabel(party) : '-', since: party ? desk.clock(party.opened_at) : '-' });
        }
        tx.event({ type: 'lockers.locker.stateChanged', locker: locker.number, state: input.state });
        return { number: locker.number, state: input.state };
      },
      announce: changed,
      audit: () => ({ locker: input.locker, state: input.state }),
    });
  }

  /** Manager: register a locker and the UID of its wristband (a new locker, or a re-keyed one while free). */
  registerLocker(by: StaffInfo | null, input: { locker: number; uid: string }) {
    const { desk } = this;
    return desk.commands.run({
      commandId: newId(),
      method: 'lockers.registerLocker',
      body: input,
      actor: by,
      work: (tx) => {
        const uid = input.uid.toUpperCase();
        const holder = desk.rows.lockerByUid.get(uid);
        if ((holder && holder.number !== input.locker) || desk.rows.blocked.get(uid)) throw new PosError('LOCKER_UID_IN_USE', { ref: uidLabel(uid) });
        const existing = desk.rows.lockerByNumber.get(input.locker);
        if (existing?.state === 'occupied') throw new PosError('LOCKER_ALREADY_BOUND', { locker: input.locker, customer: '-', since: '-' });
        tx.event({ type: 'lockers.locker.registered', locker: input.locker, uid });
        return { number: input.locker, state: existing?.state ?? ('free' as const) };
      },
      announce: changed,
      audit: () => ({ locker: input.locker }),
    });
  }

  /** The active outlets with their active items at the price in force now (items without a price yet are not sold). */
  private sellingOutlets() {
    const { catalog } = this.desk.deps;
    const { outlets, items } = catalog.list();
    return outlets
      .filter((o) => o.active)
      .map((o) => ({
        code: o.id,
        nameZh: o.nameZh,
        nameEn: o.nameEn,
        items: items
          .filter((i) => i.outletId === o.id && i.active && i.price !== null)
          .sort((a, b) => a.price! - b.price! || a.nameZh.localeCompare(b.nameZh))
          .map((i) => ({ id: i.id, nameZh: i.nameZh, nameEn: i.nameEn, price: i.price! })),
      }));
  }

  updateSettings(by: StaffInfo, change: Partial<LockerSettings>) {
    const { desk } = this;
    return desk.commands.run({
      commandId: newId(),
      method: 'lockers.updateSettings',
      body: change,
      actor: by,
      work: (tx) => {
        const next = { ...desk.lockerSettings(), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) } as LockerSettings;
        for (const which of ['wristbandQuota', 'partyQuota', 'maxCharge'] as const) {
          if (!(Number.isSafeInteger(next[which]) && next[which] > 0 && next[which] <= MAX_QUOTA)) throw this.quotaInvalid(which);
        }
        tx.event({ type: 'lockers.settings.changed', settings: next });
        return next;
      },
      announce: changed,
      audit: () => ({ ...change }),
    });
  }

  private quotas(requested: { wristbandQuota?: number | undefined; partyQuota?: number | undefined }, settings: LockerSettings) {
    const q = resolveQuotas(requested, settings);
    if ('invalid' in q) throw this.quotaInvalid(q.invalid);
    return q;
  }

  private quotaInvalid(which: 'wristbandQuota' | 'partyQuota' | 'maxCharge'): PosError {
    const names = { wristbandQuota: ['wristband', '手牌'], partyQuota: ['party', '同行总'], maxCharge: ['single charge', '单笔消费'] }[which];
    const max = money('max', MAX_QUOTA, this.desk.currency);
    return new PosError('LOCKER_QUOTA_INVALID', { which: names[0]!, whichZh: names[1]!, max: max.maxEn!, maxZh: max.maxZh! });
  }

  /** Opens the ledger account of a new wristband binding (a child of the party's group); the event writes the row. */
  private newWristband(tx: LedgerTx, groupAccountId: string, locker: number, uid: string, quota: number): NewWristband {
    const id = tx.newId();
    const accountId = tx.openAccount({ code: wristbandCode(id), name: `Wristband ${locker}`, kind: 'medium', unit: this.desk.currency, parentId: groupAccountId, quota });
    return { id, locker, uid, accountId, quota };
  }
}
