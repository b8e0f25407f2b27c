import type { LockerDesk } from './desk';
import { customerLabel } from './refusals';
import type { PartyRecord } from './statements';

/** More than a handful of parties for one tail means the cashier should type more digits. */
const MAX_MATCHES = 8;

/**
 * Open parties whose phone ends with the digits the customer says ("the last four are 8000"):
 * for a guest without a wristband at hand. Only masked phones and locker numbers come back.
 */
export function findByPhoneTail(desk: LockerDesk, tail: string): { customer: string; lockers: number[]; openedAt: string }[] {
  const parties = desk.deps.sqlite
    .prepare(`SELECT * FROM locker_party WHERE status = 'open' AND phone LIKE ? ORDER BY opened_at DESC LIMIT ?`)
    .all(`%${tail}`, MAX_MATCHES) as PartyRecord[];
  return parties.map((p) => ({
    customer: customerLabel(p),
    lockers: desk.rows.bandsOf.all(p.id).filter((w) => w.status === 'active').map((w) => w.locker_number),
    openedAt: p.opened_at,
  }));
}
