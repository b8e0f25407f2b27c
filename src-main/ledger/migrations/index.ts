import { Foundation1763700000001 } from './0001-foundation';
import { Ledger1763700000002 } from './0002-ledger';
import { Fuel1763700000004 } from './0004-fuel';
import { Lockers1763700000005 } from './0005-lockers';
import { Payments1763700000006 } from './0006-payments';
import { Receipts1763700000007 } from './0007-receipts';
import { Hardening1763700000008 } from './0008-hardening';
import { Sync1763700000009 } from './0009-sync';
import { Integrity1763700000010 } from './0010-integrity';
import { StoreSetup1763700000011 } from './0011-store-setup';
import { Settlement1763700000012 } from './0012-settlement';
import { ReferenceData1763700000013 } from './0013-reference-data';
import { Points1763700000014 } from './0014-points';
import { MemberCards1763700000015 } from './0015-member-cards';
import { Shop1763700000016 } from './0016-shop';

/**
 * Every migration, in order. Listed statically because a glob of files breaks once
 * Vite bundles the main process. Append new ones at the end; never edit a shipped one.
 */
export const migrations = [Foundation1763700000001, Ledger1763700000002, Fuel1763700000004, Lockers1763700000005, Payments1763700000006, Receipts1763700000007, Hardening1763700000008, Sync1763700000009, Integrity1763700000010, StoreSetup1763700000011, Settlement1763700000012, ReferenceData1763700000013, Points1763700000014, MemberCards1763700000015, Shop1763700000016];
