import type { EventProjector, Sqlite } from '../../ledger';
import type { StaffRole } from '../../ledger/entities/staff';

/** A staff member as the journal carries it: the row of the `staff` table (the PIN as its scrypt hash, never the PIN). */
export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  pinHash: string;
  active: boolean;
  createdAt: string;
}

/**
 * Who may do what at this counter, in business terms (version 1 of the `staff.*` events). Rights
 * are part of the ledger's trust: a cashier made a manager by a hand edit can void charges, so the
 * staff table is rebuilt from these events like any money table and `journal verify` compares it.
 * - `staff.member.added`: the first manager at set-up, or a member a manager added;
 * - `staff.member.recorded`: a member that existed before staff changes were journaled, written
 *   into the journal once at upgrade (the row as it was then);
 * - `staff.role.changed`, `staff.pin.changed`, `staff.member.deactivated`: a manager's changes.
 * A change of shape is a new event type, never an edit of one of these.
 */
export type StaffEvent =
  | { type: 'staff.member.added'; member: StaffMember }
  | { type: 'staff.member.recorded'; member: StaffMember }
  | { type: 'staff.role.changed'; staffId: string; role: StaffRole }
  | { type: 'staff.pin.changed'; staffId: string; pinHash: string }
  | { type: 'staff.member.deactivated'; staffId: string };

/** Writes the staff table for one event: the only writer of that table, live and on replay. */
export function staffProjector(db: Sqlite): EventProjector {
  const upsert = db.prepare(`INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES (@id, @name, @role, @pinHash, @active, @createdAt)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active, created_at = excluded.created_at`);
  const insert = db.prepare(`INSERT INTO staff (id, name, role, pin_hash, active, created_at) VALUES (@id, @name, @role, @pinHash, @active, @createdAt)`);
  const recorded = db.prepare(`DELETE FROM staff_unjournaled WHERE id = ?`);
  const setRole = db.prepare(`UPDATE staff SET role = ? WHERE id = ?`);
  const setPin = db.prepare(`UPDATE staff SET pin_hash = ? WHERE id = ?`);
  const deactivate = db.prepare(`UPDATE staff SET active = 0 WHERE id = ?`);
  const row = (m: StaffMember) => ({ ...m, active: m.active ? 1 : 0 });
  const changed = (n: number, id: string) => {
    if (n !== 1) throw new Error(`staff event for unknown member ${id}`);
  };
  return (raw) => {
    const e = raw as StaffEvent;
    switch (e.type) {
      case 'staff.member.added':
        insert.run(row(e.member));
        return;
      case 'staff.member.recorded':
        // Live, the row is already there (it is being journaled); on replay this writes it.
        upsert.run(row(e.member));
        recorded.run(e.member.id);
        return;
      case 'staff.role.changed':
        return changed(setRole.run(e.role, e.staffId).changes, e.staffId);
      case 'staff.pin.changed':
        return changed(setPin.run(e.pinHash, e.staffId).changes, e.staffId);
      case 'staff.member.deactivated':
        return changed(deactivate.run(e.staffId).changes, e.staffId);
      default:
        throw new Error(`unknown staff event ${(e as { type: string }).type}`);
    }
  };
}
