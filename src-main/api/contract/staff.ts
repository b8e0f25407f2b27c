import * as z from 'zod';
import { method } from './define';
import { commandId, noInput, ok, personName, pin, staffInfo, staffRole, uuid } from './common';

export const staffContract = {
  'staff.setupStatus': method({
    summary: 'Whether the first manager still has to be created.',
    access: 'public',
    input: noInput,
    output: z.object({ needsSetup: z.boolean(), storeName: z.string() }),
  }),
  'staff.setup': method({
    summary: 'First run: name the store and create the first manager, who is then signed in.',
    access: 'public',
    input: z.object({ storeName: personName, managerName: personName, pin }).strict(),
    output: staffInfo,
  }),
  'staff.list': method({
    summary: 'Active staff for the sign-in screen (names and roles, never PINs).',
    access: 'public',
    input: noInput,
    output: z.array(staffInfo),
  }),
  'staff.signIn': method({
    summary: 'Sign in with a PIN. Wrong PINs are audited and throttled.',
    access: 'public',
    input: z.object({ staffId: uuid, pin }).strict(),
    output: staffInfo,
  }),
  'staff.signOut': method({ summary: 'Sign out.', access: 'staff', input: noInput, output: ok }),
  'staff.current': method({
    summary: 'Who is signed in on this screen.',
    access: 'public',
    input: noInput,
    output: z.object({ staff: staffInfo.nullable() }),
  }),
  'staff.resumeToken': method({
    summary: 'A fresh single-use token that signs this window in again after a reload (never the PIN); replaces the previous one.',
    access: 'staff',
    input: noInput,
    output: z.object({ token: z.string(), expiresAt: z.string() }),
  }),
  'staff.resume': method({
    summary: 'After a reload of the same window: trade the resume token for the session it was issued to, and a new token.',
    access: 'public',
    input: z.object({ token: z.string().min(20).max(100) }).strict(),
    output: z.object({ staff: staffInfo, token: z.string(), expiresAt: z.string() }),
  }),
  'staff.create': method({
    summary: 'Add a cashier or manager (manager only). Journaled (staff.member.added).',
    access: 'manager',
    input: z.object({ name: personName, role: staffRole, pin, commandId: commandId.optional() }).strict(),
    output: staffInfo,
  }),
  'staff.audit': method({
    summary: 'Recent audit records (manager only).',
    access: 'manager',
    input: z.object({ limit: z.number().int().min(1).max(500) }).strict(),
    output: z.array(
      z.object({
        at: z.string(),
        staffName: z.string().nullable(),
        action: z.string(),
        outcome: z.string(),
        detail: z.record(z.string(), z.unknown()),
        /** Identical records close together are one row with a count. */
        repeats: z.number().int().positive(),
        lastAt: z.string().nullable(),
      }),
    ),
  }),
  'staff.update': method({
    summary: "Change a member's role or PIN, or deactivate them (manager only). Journaled; the last active manager stays.",
    access: 'manager',
    input: z
      .object({ commandId: commandId.optional(), staffId: uuid, role: staffRole.optional(), pin: pin.optional(), deactivate: z.literal(true).optional() })
      .strict(),
    output: staffInfo,
  }),
};
