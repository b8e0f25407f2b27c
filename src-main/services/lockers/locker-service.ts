import { PosError } from '../../domain/errors';
import {
  MAX_WRISTBANDS_PER_PARTY,
  catalogTotal,
  checkChargeAmount,
  normalizePhone,
  resolveQuotas,
  type LockerSettings,
  MAX_QUOTA,
} from '../../domain/lockers';
import type { StaffInfo } from '../staff/staff-service';
import { ensureAccount, outletCode, partyCode, wristbandCode } from './accounts';
import { LockerContext, type Approval, type LockerDeps } from './context';
import { checkout, type CheckoutInput } from './checkout';
import { customerLabel, money, translateQuota, uidLabel } from './refusals';
import { partyView } from './views';
import { DEMO_SPARE_UIDS } from './demo-seed';

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

/**
 * Locker wristbands: bind a party's wristbands to one customer, charge them at the venue's
 * outlets within the wristband and party quotas, void, replace a lost wristband, check out.
 * See accounts.ts for how the money sits in the ledger.
 */
export class LockerService {
  readonly c: LockerContext;

  constructor(deps: LockerDeps) {
    this.c = new LockerContext(deps);
  }

  overview(demo: boolean) {
    const c = this.c;
    const lockers = c.st.lockers.all().map((l) => {
      const band = c.st.activeBand.get(l.number);
      const party = band ? c.st.party.get(band.party_id) : undefined;
      return { number: l.number, state: l.state, partyId: party?.id ?? null, customer: party ? customerLabel(party) : null };
    });
    const items = c.st.items.all();
    const outlets = c.st.outlets.all().map((o) => ({
      code: o.code,
      nameZh: o.name_zh,
      nameEn: o.name_en,
      items: items.filter((i) => i.outlet === o.code).map((i) => ({ id: i.id, nameZh: i.name_zh, nameEn: i.name_en, price: i.price })),
    }));
    // UIDs are card numbers: shown only in the demo store, where the helper taps them.
    const demoHelper = demo ? { lockers: c.st.lockers.all().map((l) => ({ locker: l.number, uid: l.uid })), spareUids: DEMO_SPARE_UIDS } : null;
    return { currency: c.currency, settings: c.lockerSettings(), lockers, outlets, demo: demoHelper };
  }

  /** The party of any of its wristbands, as the checkout screen lists it. */
  lookup(ref: string) {
    const { band, party } = this.c.activeWristband(ref);
    return { tappedLocker: band.locker_number, party: partyView(this.c, party.id) };
  }

  bind(by: StaffInfo, input: BindInput) {
    const c = this.c;
    return c.once(input.commandId, 'lockers.bind', { ...input, commandId: undefined }, () => {
      const settings = c.lockerSettings();
      if (input.wristbands.length > MAX_WRISTBANDS_PER_PARTY) throw new PosError('LOCKER_TOO_MANY_WRISTBANDS', { max: MAX_WRISTBANDS_PER_PARTY });
      const lockers = input.wristbands.map((ref) => c.freeLocker(ref));
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
      const partyId = c.newId();
      const groupId = c.ledger.openAccount({
        commandId: c.newId(),
        code: partyCode(partyId),
        name: `Party ${phone ?? input.memberCode ?? ''}`.trim(),
        kind: 'customer_group',
        unit: c.currency,
        group: true,
        quota: quotas.partyQuota,
      }).accountId;
      const at = c.nowIso();
      c.st.insertParty.run({ id: partyId, phone, member_code: input.memberCode ?? null, group_account_id: groupId, party_quota: quotas.partyQuota, opened_at: at, opened_by: by.id });
      for (const l of lockers) this.openWristband(partyId, groupId, l.number, l.uid, quotas.wristbandQuota);
      return { partyId, lockers: lockers.map((l) => l.number), wristbandQuota: quotas.wristbandQuota, partyQuota: quotas.partyQuota };
    }).result;
  }

  /** One more wristband for an open party (a friend joins later). */
  addWristband(input: { commandId: string; party: string; wristband: string; wristbandQuota?: number | undefined }) {
    const c = this.c;
    return c.once(input.commandId, 'lockers.addWristband', { ...input, commandId: undefined }, () => {
      const { party } = c.activeWristband(input.party);
      const locker = c.freeLocker(input.wristband);
      if (c.st.bandsOf.all(party.id).filter((b) => b.status === 'active').length >= MAX_WRISTBANDS_PER_PARTY) {
        throw new PosError('LOCKER_TOO_MANY_WRISTBANDS', { max: MAX_WRISTBANDS_PER_PARTY });
      }
      const quota = this.quotas({ wristbandQuota: input.wristbandQuota }, c.lockerSettings()).wristbandQuota;
      this.openWristband(party.id, party.group_account_id, locker.number, locker.uid, quota);
      return { partyId: party.id, locker: locker.number };
    }).result;
  }

  /**
   * A lost wristband is blocked at once (its UID is refused from now on) and its open charges
   * move to a replacement wristband for the same locker, in one transaction: each hold is
   * voided on the old wristband account and placed again on the new one.
   */
  async reportLost(by: StaffInfo, input: { commandId: string; wristband: string; replacementUid: string }) {
    const c = this.c;
    const result = c.once(input.commandId, 'lockers.reportLost', { ...input, commandId: undefined }, () => {
      const { locker, band, party } = c.activeWristband(input.wristband);
      const uid = input.replacementUid.toUpperCase();
      if (c.st.lockerByUid.get(uid) || c.st.blocked.get(uid)) throw new PosError('LOCKER_UID_IN_USE', { ref: uidLabel(uid) });
      const at = c.nowIso();
      c.st.block.run(band.uid, locker.number, at, by.id);
      c.st.setLockerUid.run(uid, locker.number);
      const replacement = this.openWristband(party.id, party.group_account_id, locker.number, uid, band.quota);
      c.st.setBandStatus.run('lost', replacement.id, band.id);
      const open = c.st.chargesOfParty.all(party.id).filter((ch) => ch.wristband_id === band.id && ch.status === 'open');
      if (open.length > 0) {
        const steps = open.flatMap((ch) => {
          const hold = c.ledger.hold(ch.hold_id)!;
          return [
            { type: 'void' as const, holdId: ch.hold_id },
            { type: 'authorize' as const, debitAccountId: replacement.accountId, creditAccountId: hold.creditAccountId, amount: ch.amount, memo: `locker ${locker.number} moved from lost wristband` },
          ];
        });
        const r = c.ledger.commit({ commandId: c.newId(), steps });
        open.forEach((ch, i) => {
          const placed = r.results[i * 2 + 1]!;
          if (placed.type !== 'authorize') throw new Error('unexpected step result');
          c.st.moveCharge.run(replacement.id, placed.holdId, ch.id);
        });
      }
      return { partyId: party.id, locker: locker.number, movedCharges: open.length, moved: open.reduce((s, ch) => s + ch.amount, 0) };
    }).result;
    await c.deps.audit.record('lockers.reportLost', 'ok', by.id, { locker: result.locker, movedCharges: result.movedCharges });
    return result;
  }

  /** A venue charge: a hold on the wristband, checked against its quota and the party's in one step. */
  charge(by: StaffInfo, input: ChargeInput) {
    const c = this.c;
    return c.once(input.commandId, 'lockers.charge', { ...input, commandId: undefined }, () => {
      const { locker, band } = c.activeWristband(input.wristband);
      const outlet = c.st.outlet.get(input.outlet);
      if (!outlet) throw new PosError('NOT_FOUND', { what: input.outlet });
      let amount: number;
      let description: string;
      if (input.items && input.items.length > 0) {
        const lines = input.items.map((l) => {
          const item = c.st.item.get(l.itemId);
          if (!item || item.outlet !== outlet.code) throw new PosError('LOCKER_ITEM_UNKNOWN', { outlet: outlet.name_en, outletZh: outlet.name_zh });
          return { ...item, quantity: l.quantity };
        });
        amount = catalogTotal(lines);
        description = lines.map((l) => (l.quantity === 1 ? `${l.name_zh} ${l.name_en}` : `${l.name_zh} ${l.name_en} x${l.quantity}`)).join(', ');
      } else {
        amount = input.amount ?? 0;
        description = input.note?.trim() || `${outlet.name_zh} ${outlet.name_en}`;
      }
      const settings = c.lockerSettings();
      if (!checkChargeAmount(amount, settings).ok) throw new PosError('LOCKER_AMOUNT_INVALID', money('max', settings.maxCharge, c.currency));
      const revenue = ensureAccount(c.ledger, outletCode(outlet.code), `${outlet.name_zh} ${outlet.name_en}`, 'revenue', c.currency);
      let holdId: string;
      try {
        holdId = c.ledger.authorize({
          commandId: c.newId(),
          debitAccountId: band.account_id,
          creditAccountId: revenue,
          amount,
          memo: `locker ${locker.number} ${outlet.code}: ${description}`.slice(0, 200),
        }).holdId;
      } catch (e) {
        throw translateQuota(e, { accountId: band.account_id, locker: locker.number }, c.currency);
      }
      const id = c.newId();
      c.st.insertCharge.run({ id, party_id: band.party_id, wristband_id: band.id, hold_id: holdId, outlet: outlet.code, description, amount, created_at: c.nowIso(), created_by: by.id });
      const party = c.st.party.get(band.party_id)!;
      return {
        chargeId: id,
        locker: locker.number,
        amount,
        description,
        wristbandLeft: Math.max(0, c.ledger.balance(band.account_id).available ?? 0),
        partyLeft: Math.max(0, c.ledger.balance(party.group_account_id).available ?? 0),
      };
    }).result;
  }

  /** A manager voids a charge before checkout: the hold is released, the quota is free again. */
  async voidCharge(by: StaffInfo, input: { commandId: string; chargeId: string; approval: Approval }) {
    const c = this.c;
    const body = { chargeId: input.chargeId, approverId: input.approval.staffId };
    const prev = c.previous<{ chargeId: string; amount: number }>(input.commandId, 'lockers.voidCharge', body);
    if (prev) return prev;
    const approver = await c.approve(input.approval, 'lockers.voidCharge', by, { chargeId: input.chargeId });
    const result = c.once(input.commandId, 'lockers.voidCharge', body, () => {
      const charge = c.st.charge.get(input.chargeId);
      if (!charge) throw new PosError('NOT_FOUND', { what: 'charge' });
      if (charge.status !== 'open') throw new PosError('LOCKER_CHARGE_CLOSED');
      c.ledger.void({ commandId: c.newId(), holdId: charge.hold_id });
      c.st.voidCharge.run(approver.id, charge.id);
      return { chargeId: charge.id, amount: charge.amount };
    }).result;
    await c.deps.audit.record('lockers.voidCharge', 'ok', by.id, { chargeId: result.chargeId, amount: result.amount, approvedBy: approver.id });
    return result;
  }

  checkout(by: StaffInfo, input: CheckoutInput) {
    return checkout(this.c, by, input);
  }

  /** Manager: take a free locker out of service or back. An occupied locker is settled first. */
  async setLockerState(by: StaffInfo, input: { locker: number; state: 'free' | 'out_of_service' }) {
    const c = this.c;
    const locker = c.locker(String(input.locker));
    if (locker.state === 'occupied') {
      const band = c.st.activeBand.get(locker.number);
      const party = band && c.st.party.get(band.party_id);
      throw new PosError('LOCKER_ALREADY_BOUND', { locker: locker.number, customer: party ? customerLabel(party) : '-', since: party ? c.clock(party.opened_at) : '-' });
    }
    c.st.setLocker.run(input.state, null, locker.number);
    await c.deps.audit.record('lockers.setLockerState', 'ok', by.id, { locker: locker.number, state: input.state });
    return { number: locker.number, state: input.state };
  }

  /** Manager: register a locker and the UID of its wristband (a new locker, or a re-keyed one while free). */
  async registerLocker(by: StaffInfo, input: { locker: number; uid: string }) {
    const c = this.c;
    const uid = input.uid.toUpperCase();
    const holder = c.st.lockerByUid.get(uid);
    if ((holder && holder.number !== input.locker) || c.st.blocked.get(uid)) throw new PosError('LOCKER_UID_IN_USE', { ref: uidLabel(uid) });
    const existing = c.st.lockerByNumber.get(input.locker);
    if (existing?.state === 'occupied') throw new PosError('LOCKER_ALREADY_BOUND', { locker: input.locker, customer: '-', since: '-' });
    if (existing) c.st.setLockerUid.run(uid, input.locker);
    else c.st.insertLocker.run(input.locker, uid);
    await c.deps.audit.record('lockers.registerLocker', 'ok', by.id, { locker: input.locker });
    return { number: input.locker, state: existing?.state ?? ('free' as const) };
  }

  async updateSettings(by: StaffInfo, change: Partial<LockerSettings>) {
    const c = this.c;
    const next = { ...c.lockerSettings(), ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) } as LockerSettings;
    for (const which of ['wristbandQuota', 'partyQuota', 'maxCharge'] as const) {
      if (!(Number.isSafeInteger(next[which]) && next[which] > 0 && next[which] <= MAX_QUOTA)) throw this.quotaInvalid(which);
    }
    c.st.saveSettings.run(JSON.stringify(next));
    await c.deps.audit.record('lockers.updateSettings', 'ok', by.id, { ...change });
    return next;
  }

  private quotas(requested: { wristbandQuota?: number | undefined; partyQuota?: number | undefined }, settings: LockerSettings) {
    const q = resolveQuotas(requested, settings);
    if ('invalid' in q) throw this.quotaInvalid(q.invalid);
    return q;
  }

  private quotaInvalid(which: 'wristbandQuota' | 'partyQuota' | 'maxCharge'): PosError {
    const names = { wristbandQuota: ['wristband', '手牌'], partyQuota: ['party', '同行总'], maxCharge: ['single charge', '单笔消费'] }[which];
    const max = money('max', MAX_QUOTA, this.c.currency);
    return new PosError('LOCKER_QUOTA_INVALID', { which: names[0]!, whichZh: names[1]!, max: max.maxEn!, maxZh: max.maxZh! });
  }

  private openWristband(partyId: string, groupId: string, locker: number, uid: string, quota: number) {
    const c = this.c;
    const id = c.newId();
    const accountId = c.ledger.openAccount({
      commandId: c.newId(),
      code: wristbandCode(id),
      name: `Wristband ${locker}`,
      kind: 'medium',
      unit: c.currency,
      parentId: groupId,
      quota,
    }).accountId;
    c.st.insertBand.run({ id, party_id: partyId, locker_number: locker, uid, account_id: accountId, quota, bound_at: c.nowIso() });
    c.st.setLocker.run('occupied', partyId, locker);
    return { id, accountId };
  }
}
