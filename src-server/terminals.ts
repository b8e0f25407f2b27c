import { randomInt, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { EnrollRequest, EnrollResponse } from '../src-main/domain/sync/protocol';
import type { ServerDb } from './db';
import { SyncHttpError, unauthenticated } from './errors';
import { GENESIS_HEX, headOf, signHead } from './journal-store';
import { randomToken, sha256, type Signer } from './secrets';

export interface AuthedTerminal {
  id: string;
  storeId: string;
}

/** Pairing codes: 12 characters from an alphabet without look-alikes (0/O, 1/I/L), shown as XXXX-XXXX-XXXX. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newPairingCode(): string {
  let out = '';
  while (out.length < 12) out += ALPHABET[randomInt(ALPHABET.length)];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8)}`;
}

/** What a manager types is compared without dashes, spaces or case. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

export async function createPairingCode(db: ServerDb, storeId: string, adminId: string, ttlMinutes: number, now: Date) {
  const store = await db.one(`SELECT id FROM store WHERE id = ?`, [storeId]);
  if (!store) throw new SyncHttpError(404, { code: 'INVALID_INPUT', message: 'No such store.' });
  const code = newPairingCode();
  const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000).toISOString();
  await db.tx((sql) =>
    sql.run(`INSERT INTO pairing_code (code_hash, store_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`, [
      sha256(normalizeCode(code)),
      storeId,
      adminId,
      now.toISOString(),
      expiresAt,
    ]),
  );
  return { code, expiresAt };
}

/**
 * Spends a pairing code (once, before it expires) and gives the terminal a fresh credential.
 * A terminal enrolling again in the same store (a reinstall, a lost credential, after a
 * revocation) keeps its journal and gets a new credential; the old one stops working.
 */
export async function enroll(db: ServerDb, signer: Signer, input: EnrollRequest, now: Date): Promise<EnrollResponse> {
  const credential = randomToken(32);
  return db.tx(async (sql) => {
    const codeHash = sha256(normalizeCode(input.code));
    const spent = await sql.run(`UPDATE pairing_code SET used_at = ?, used_by = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?`, [
      now.toISOString(),
      input.terminalId,
      codeHash,
      now.toISOString(),
    ]);
    if (spent === 0) throw new SyncHttpError(403, { code: 'PAIRING_CODE_INVALID', message: 'The pairing code is wrong, expired or already used.' });
    const code = await sql.one<{ store_id: string }>(`SELECT store_id FROM pairing_code WHERE code_hash = ?`, [codeHash]);
    const store = await sql.one<{ id: string; name: string }>(`SELECT id, name FROM store WHERE id = ?`, [code!.store_id]);
    const existing = await sql.one<{ store_id: string }>(`SELECT store_id FROM terminal WHERE id = ?`, [input.terminalId]);
    if (existing && existing.store_id !== store!.id) {
      throw new SyncHttpError(409, { code: 'CONFLICT', message: 'This terminal is enrolled in another store.' });
    }
    if (existing) {
      await sql.run(`UPDATE terminal SET credential_hash = ?, name = ?, revoked_at = NULL, enrolled_at = ? WHERE id = ?`, [
        sha256(credential),
        input.terminalName,
        now.toISOString(),
        input.terminalId,
      ]);
    } else {
      await sql.run(`INSERT INTO terminal (id, store_id, name, credential_hash, enrolled_at, head_seq, head_hash) VALUES (?, ?, ?, ?, ?, 0, ?)`, [
        input.terminalId,
        store!.id,
        input.terminalName,
        sha256(credential),
        now.toISOString(),
        GENESIS_HEX,
      ]);
    }
    const head = await headOf(sql, input.terminalId);
    return {
      terminalId: input.terminalId,
      storeId: store!.id,
      storeName: store!.name,
      credential,
      serverKey: signer.publicKey,
      head: signHead(signer, input.terminalId, head, now),
    };
  });
}

/**
 * Every terminal request: `Authorization: Bearer <credential>`, looked up by its hash on each
 * request (no cache), so a revocation stops the terminal at its very next request.
 */
export async function authenticateTerminal(db: ServerDb, req: FastifyRequest): Promise<AuthedTerminal> {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header);
  if (!m) throw unauthenticated('This terminal is not enrolled (no credential).');
  const row = await db.one<{ id: string; store_id: string; revoked_at: string | null }>(
    `SELECT id, store_id, revoked_at FROM terminal WHERE credential_hash = ?`,
    [sha256(m[1]!)],
  );
  if (!row) throw unauthenticated('Unknown terminal credential.');
  if (row.revoked_at) throw new SyncHttpError(401, { code: 'REVOKED', message: 'This terminal was revoked on the server.' });
  return { id: row.id, storeId: row.store_id };
}

export async function revokeTerminal(db: ServerDb, terminalId: string, now: Date): Promise<boolean> {
  return (await db.tx((sql) => sql.run(`UPDATE terminal SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, [now.toISOString(), terminalId]))) > 0;
}

export async function createStore(db: ServerDb, name: string, timeZone: string, now: Date) {
  const id = randomUUID();
  await db.tx((sql) => sql.run(`INSERT INTO store (id, name, time_zone, created_at) VALUES (?, ?, ?, ?)`, [id, name, timeZone, now.toISOString()]));
  return { id, name, timeZone };
}

export async function recordError(db: ServerDb, terminalId: string, message: string): Promise<void> {
  await db.tx((sql) => sql.run(`UPDATE terminal SET last_error = ? WHERE id = ?`, [message.slice(0, 500), terminalId])).catch(() => undefined);
}
