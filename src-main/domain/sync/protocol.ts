import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import * as z from 'zod';
import { canonicalJson, chainHash } from '../../domain/ledger/canonical'; // (not '../ledger': the layer rule reads that as src-main/ledger)

/**
 * The sync protocol between a terminal and the central server: one module both sides import,
 * so a field renamed on one side is a type error on the other. Pure: schemas, the signed ack's
 * canonical form and the chain rule (no I/O).
 */
export const PROTOCOL_VERSION = 1;

const hex32 = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');
const seq = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** A journal entry as it travels: the terminal's `ledger_journal` row, hashes in hex. */
export const wireEntry = z
  .object({
    id: z.string().min(1).max(64),
    seq,
    committedAt: z.string().min(1).max(40),
    commandId: z.string().max(64).nullable(),
    body: z.string().min(2).max(1_000_000),
    prevHash: hex32,
    hash: hex32,
  })
  .strict();
export type WireEntry = z.infer<typeof wireEntry>;

/** At most this many entries per push; the terminal sends less. */
export const MAX_BATCH = 1000;

export const pushRequest = z
  .object({
    entries: z.array(wireEntry).min(1).max(MAX_BATCH),
    /** The terminal's local journal head when it sent this, so the back office can show its backlog. */
    localSeq: z.number().int().min(0).optional(),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequest>;

/** What the server holds for one terminal, signed with its Ed25519 key. seq 0 = nothing yet. */
export const ackBody = z
  .object({
    terminalId: z.string(),
    seq: z.number().int().min(0),
    hash: hex32,
    at: z.string(),
  })
  .strict();
export type AckBody = z.infer<typeof ackBody>;

export const signedAck = ackBody.extend({ signature: z.string().min(1) }).strict();
export type SignedAck = z.infer<typeof signedAck>;

export const pushResponse = z.object({ ack: signedAck, accepted: z.number().int().min(0), duplicates: z.number().int().min(0) }).strict();
export type PushResponse = z.infer<typeof pushResponse>;

export const enrollRequest = z
  .object({
    code: z.string().trim().min(6).max(32),
    /** The terminal's own id: the `terminal_id` of its journal. */
    terminalId: z.string().min(1).max(64),
    terminalName: z.string().min(1).max(80),
  })
  .strict();
export type EnrollRequest = z.infer<typeof enrollRequest>;

export const enrollResponse = z
  .object({
    terminalId: z.string(),
    storeId: z.string(),
    storeName: z.string(),
    /** Bearer secret for every later request; the server keeps only its hash. */
    credential: z.string().min(32),
    /** The server's Ed25519 public key (SPKI, DER, base64): verifies every ack. */
    serverKey: z.string().min(1),
    head: signedAck,
  })
  .strict();
export type EnrollResponse = z.infer<typeof enrollResponse>;

/** Error replies: a stable code the terminal maps to a PosError, plus what it needs to recover. */
export const SYNC_ERROR_CODES = [
  'UNAUTHENTICATED',
  'REVOKED',
  'PAIRING_CODE_INVALID',
  'GAP',
  'CHAIN_BROKEN',
  'CONFLICT',
  'WRONG_TERMINAL',
  'INVALID_INPUT',
  'INTERNAL',
  'RATE_LIMITED',
] as const;
export const errorResponse = z.object({
  error: z.object({
    code: z.enum(SYNC_ERROR_CODES),
    message: z.string(),
    /** GAP: the next seq the server expects; CHAIN_BROKEN/CONFLICT: the entry refused. */
    expectedSeq: z.number().int().optional(),
    seq: z.number().int().optional(),
    head: signedAck.optional(),
  }),
});
export type SyncErrorBody = z.infer<typeof errorResponse>['error'];

/** The exact bytes the server signs: canonical JSON of the ack body with a domain tag. */
export function ackMessage(ack: AckBody): Buffer {
  return Buffer.from(canonicalJson({ kind: 'counter-pos.sync.ack', v: PROTOCOL_VERSION, ...ack }), 'utf8');
}

/** Whether `ack` was signed by the holder of `serverKey` (SPKI DER, base64). */
const KEYS = new Map<string, KeyObject>();

export function verifyAck(ack: SignedAck, serverKey: string): boolean {
  try {
    let key = KEYS.get(serverKey);
    if (!key) {
      key = createPublicKey({ key: Buffer.from(serverKey, 'base64'), format: 'der', type: 'spki' });
      if (KEYS.size < 16) KEYS.set(serverKey, key);
    }
    const { signature, ...body } = ack;
    return verify(null, ackMessage(body), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The chain rule of src-main/domain/ledger: hash = SHA-256(prev_hash || body). */
export function entryChains(entry: Pick<WireEntry, 'prevHash' | 'hash' | 'body'>): boolean {
  return chainHash(Buffer.from(entry.prevHash, 'hex'), entry.body).toString('hex') === entry.hash;
}
