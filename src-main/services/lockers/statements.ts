import type { Sqlite } from '../../ledger';

export interface LockerRecord {
  number: number;
  uid: string;
  state: 'free' | 'occupied' | 'out_of_service';
  party_id: string | null;
}
export interface PartyRecord {
  id: string;
  phone: string | null;
  member_code: string | null;
  group_account_id: string;
  party_quota: number;
  status: 'open' | 'settled';
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
}
export interface WristbandRecord {
  id: string;
  party_id: string;
  locker_number: number;
  uid: string;
  account_id: string;
  quota: number;
  status: 'active' | 'lost' | 'settled';
  replaced_by: string | null;
  bound_at: string;
}
export interface ChargeRecord {
  id: string;
  party_id: string;
  wristband_id: string;
  hold_id: string;
  outlet: string;
  description: string;
  amount: number;
  status: 'open' | 'voided' | 'settled';
  created_at: string;
  created_by: string;
  voided_by: string | null;
  settlement_id: string | null;
}

/**
 * Prepared statements on the ledger's own connection. Reads are used by the service; writes only
 * by the event projector (events.ts), inside the ledger command that journals the event, so a
 * charge row never exists without its hold (and the other way round) and a replay of the
 * journal writes exactly the same rows.
 */
export function lockerStatements(db: Sqlite) {
  return {
    lockerByNumber: db.prepare<[number], LockerRecord>(`SELECT * FROM locker WHERE number = ?`),
    lockerByUid: db.prepare<[string], LockerRecord>(`SELECT * FROM locker WHERE uid = ?`),
    lockers: db.prepare<[], LockerRecord>(`SELECT * FROM locker ORDER BY number`),
    insertLocker: db.prepare(`INSERT OR IGNORE INTO locker (number, uid, state) VALUES (?, ?, 'free')`),
    setLocker: db.prepare(`UPDATE locker SET state = ?, party_id = ? WHERE number = ?`),
    setLockerUid: db.prepare(`UPDATE locker SET uid = ? WHERE number = ?`),
    blocked: db.prepare<[string], { uid: string; locker_number: number }>(`SELECT * FROM locker_blocked_uid WHERE uid = ?`),
    block: db.prepare(`INSERT INTO locker_blocked_uid (uid, locker_number, blocked_at, blocked_by) VALUES (?, ?, ?, ?)`),
    saveItem: db.prepare(`INSERT INTO locker_item (id, outlet, name_zh, name_en, price) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (id) DO UPDATE SET outlet = excluded.outlet, name_zh = excluded.name_zh, name_en = excluded.name_en, price = excluded.price`),
    party: db.prepare<[string], PartyRecord>(`SELECT * FROM locker_party WHERE id = ?`),
    insertParty: db.prepare(`INSERT INTO locker_party (id, phone, member_code, group_account_id, party_quota, status, opened_at, opened_by)
      VALUES (@id, @phone, @member_code, @group_account_id, @party_quota, 'open', @opened_at, @opened_by)`),
    closeParty: db.prepare(`UPDATE locker_party SET status = 'settled', closed_at = ? WHERE id = ?`),
    activeBand: db.prepare<[number], WristbandRecord>(`SELECT * FROM locker_wristband WHERE locker_number = ? AND status = 'active'`),
    band: db.prepare<[string], WristbandRecord>(`SELECT * FROM locker_wristband WHERE id = ?`),
    bandsOf: db.prepare<[string], WristbandRecord>(`SELECT * FROM locker_wristband WHERE party_id = ? ORDER BY locker_number, bound_at`),
    insertBand: db.prepare(`INSERT INTO locker_wristband (id, party_id, locker_number, uid, account_id, quota, status, bound_at)
      VALUES (@id, @party_id, @locker_number, @uid, @account_id, @quota, 'active', @bound_at)`),
    setBandStatus: db.prepare(`UPDATE locker_wristband SET status = ?, replaced_by = ? WHERE id = ?`),
    charge: db.prepare<[string], ChargeRecord>(`SELECT * FROM locker_charge WHERE id = ?`),
    chargesOfParty: db.prepare<[string], ChargeRecord>(`SELECT * FROM locker_charge WHERE party_id = ? ORDER BY created_at, id`),
    insertCharge: db.prepare(`INSERT INTO locker_charge (id, party_id, wristband_id, hold_id, outlet, description, amount, status, created_at, created_by)
      VALUES (@id, @party_id, @wristband_id, @hold_id, @outlet, @description, @amount, 'open', @created_at, @created_by)`),
    voidCharge: db.prepare(`UPDATE locker_charge SET status = 'voided', voided_by = ? WHERE id = ?`),
    moveCharge: db.prepare(`UPDATE locker_charge SET wristband_id = ?, hold_id = ? WHERE id = ?`),
    settleCharge: db.prepare(`UPDATE locker_charge SET status = 'settled', settlement_id = ? WHERE id = ?`),
    insertSettlement: db.prepare(`INSERT INTO locker_settlement (id, party_id, entry_id, total, change, tenders, lockers, at, staff_id, approved_by)
      VALUES (@id, @party_id, @entry_id, @total, @change, @tenders, @lockers, @at, @staff_id, @approved_by)`),
    pendingLockers: db.prepare<[], { number: number; state: 'free' | 'out_of_service' }>(`SELECT * FROM locker_pending ORDER BY number`),
    pendingLocker: db.prepare<[number], { number: number; state: 'free' | 'out_of_service' }>(`SELECT * FROM locker_pending WHERE number = ?`),
    insertPending: db.prepare(`INSERT OR IGNORE INTO locker_pending (number) SELECT @n WHERE NOT EXISTS (SELECT 1 FROM locker WHERE number = @n)`),
    deletePending: db.prepare(`DELETE FROM locker_pending WHERE number = ?`),
    setPendingState: db.prepare(`UPDATE locker_pending SET state = ? WHERE number = ?`),
    settings: db.prepare<[], { json: string }>(`SELECT json FROM locker_settings WHERE id = 1`),
    saveSettings: db.prepare(`INSERT INTO locker_settings (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json`),
  };
}

export type LockerStatements = ReturnType<typeof lockerStatements>;
