import { Initial1763800000001 } from './0001-initial';
import { SalesReadModel1763800000002 } from './0002-sales-read-model';
import { ValueLedger1763800000005 } from './0005-value-ledger';
import { ReferenceUpdates1763800000006 } from './0006-reference-updates';
import { MembersRedemptions1763800000007 } from './0007-members-redemptions';
import { Coupons1763800000009 } from './0009-coupons';

/** The server's migrations, in order, run on PostgreSQL and SQLite alike. Append; never edit a shipped one. */
export const serverMigrations = [Initial1763800000001, SalesReadModel1763800000002, ValueLedger1763800000005, ReferenceUpdates1763800000006, MembersRedemptions1763800000007, Coupons1763800000009];
