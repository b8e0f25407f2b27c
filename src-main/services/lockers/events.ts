import type { EventProjector } from '../../ledger';
import type { LockerSettings } from '../../domain/lockers';
import type { Tender } from '../../domain/payments';
import { LEGACY_PRICE_FROM } from '../../domain/catalog';
import type { CatalogStore } from '../catalog';
import type { LockerStatements } from './statements';

/**
 * What happens to lockers, parties, wristbands and charges, in business terms: the journal keeps
 * these beside the ledger ops of the same command, and `projectLockerEvent` writes the tables from
 * them, live and on replay alike. Version 1 of the `lockers.*` events; a change of shape is a new
 * event type, never an edit of this one.
 */
export interface NewWristband {
  id: string;
  locker: number;
  uid: string;
  accountId: string;
  quota: number;
}
export type LockerEvent =
  | { type: 'lockers.locker.registered'; locker: number; uid: string }
  /** Lockers added (a range) that wait for their wristband to be tapped; existing ones are not listed. */
  | { type: 'lockers.locker.added'; lockers: number[] }
  | { type: 'lockers.locker.stateChanged'; locker: number; state: 'free' | 'out_of_service' }
  | { type: 'lockers.item.saved'; item: { id: string; outlet: string; nameZh: string; nameEn: string; price: number } }
  | { type: 'lockers.settings.changed'; settings: LockerSettings }
  | {
      type: 'lockers.party.bound';
      party: { id: string; phone: string | null; memberCode: string | null; groupAccountId: string; partyQuota: number; openedBy: string };
      wristbands: NewWristband[];
    }
  | { type: 'lockers.wristband.added'; partyId: string; wristband: NewWristband }
  | {
      type: 'lockers.wristband.lost';
      partyId: string;
      wristbandId: string;
      blockedUid: string;
      reportedBy: string;
      replacement: NewWristband;
      movedCharges: { chargeId: string; holdId: string }[];
    }
  | {
      type: 'lockers.charge.made';
      charge: { id: string; partyId: string; wristbandId: string; holdId: string; outlet: string; description: string; amount: number; by: string };
    }
  | { type: 'lockers.charge.voided'; chargeId: string; approvedBy: string }
  | {
      type: 'lockers.party.settled';
      settlement: { id: string; partyId: string; total: number; change: number; tenders: Tender[]; lockers: number[]; by: string; approvedBy: string | null };
      /** The ledger entry of the payment; null when there was nothing to pay. */
      entryId: string | null;
      chargeIds: string[];
      wristbandIds: string[];
      partyClosed: boolean;
    };

/** Writes the lockers tables for one event; the only writer of those tables. */
export function lockerProjector(sql: LockerStatements, catalog: CatalogStore): EventProjector {
  const openWristband = (partyId: string, w: NewWristband, at: string) => {
    sql.insertBand.run({ id: w.id, party_id: partyId, locker_number: w.locker, uid: w.uid, account_id: w.accountId, quota: w.quota, bound_at: at });
    sql.setLocker.run('occupied', partyId, w.locker);
  };
  return (raw, at) => {
    const e = raw as LockerEvent;
    switch (e.type) {
      case 'lockers.locker.registered': {
        const pending = sql.pendingLocker.get(e.locker);
        if (sql.lockerByNumber.get(e.locker)) sql.setLockerUid.run(e.uid, e.locker);
        else sql.insertLocker.run(e.locker, e.uid);
        // A locker added in a range keeps the state it was given while it waited for its wristband.
        if (pending) {
          sql.setLocker.run(pending.state, null, e.locker);
          sql.deletePending.run(e.locker);
        }
        return;
      }
      case 'lockers.locker.added':
        for (const n of e.lockers) sql.insertPending.run({ n });
        return;
      case 'lockers.locker.stateChanged':
        sql.setLocker.run(e.state, null, e.locker);
        sql.setPendingState.run(e.state, e.locker);
        return;
      case 'lockers.item.saved':
        // Journals from before the catalog: the item lands in the catalog, priced from the start of time.
        sql.saveItem.run(e.item.id, e.item.outlet, e.item.nameZh, e.item.nameEn, e.item.price);
        catalog.applyItem(
          { id: e.item.id, outletId: e.item.outlet, nameZh: e.item.nameZh, nameEn: e.item.nameEn, category: '', barcode: null, active: true, origin: 'local' },
          { price: e.item.price, effectiveFrom: LEGACY_PRICE_FROM },
        );
        return;
      case 'lockers.settings.changed':
        sql.saveSettings.run(JSON.stringify(e.settings));
        return;
      case 'lockers.party.bound': {
        const p = e.party;
        sql.insertParty.run({ id: p.id, phone: p.phone, member_code: p.memberCode, group_account_id: p.groupAccountId, party_quota: p.partyQuota, opened_at: at, opened_by: p.openedBy });
        for (const w of e.wristbands) openWristband(p.id, w, at);
        return;
      }
      case 'lockers.wristband.added':
        openWristband(e.partyId, e.wristband, at);
        return;
      case 'lockers.wristband.lost':
        sql.block.run(e.blockedUid, e.replacement.locker, at, e.reportedBy);
        sql.setLockerUid.run(e.replacement.uid, e.replacement.locker);
        openWristband(e.partyId, e.replacement, at);
        sql.setBandStatus.run('lost', e.replacement.id, e.wristbandId);
        for (const m of e.movedCharges) sql.moveCharge.run(e.replacement.id, m.holdId, m.chargeId);
        return;
      case 'lockers.charge.made': {
        const c = e.charge;
        sql.insertCharge.run({ id: c.id, party_id: c.partyId, wristband_id: c.wristbandId, hold_id: c.holdId, outlet: c.outlet, description: c.description, amount: c.amount, created_at: at, created_by: c.by });
        return;
      }
      case 'lockers.charge.voided':
        sql.voidCharge.run(e.approvedBy, e.chargeId);
        return;
      case 'lockers.party.settled': {
        const s = e.settlement;
        sql.insertSettlement.run({
          id: s.id,
          party_id: s.partyId,
          entry_id: e.entryId,
          total: s.total,
          change: s.change,
          tenders: JSON.stringify(s.tenders),
          lockers: JSON.stringify(s.lockers),
          at,
          staff_id: s.by,
          approved_by: s.approvedBy,
        });
        for (const id of e.chargeIds) sql.settleCharge.run(s.id, id);
        for (const id of e.wristbandIds) sql.setBandStatus.run('settled', null, id);
        for (const n of s.lockers) sql.setLocker.run('free', null, n);
        if (e.partyClosed) sql.closeParty.run(at, s.partyId);
        return;
      }
      default:
        throw new Error(`unknown lockers event ${(e as { type: string }).type}`);
    }
  };
}
