import { createHash, generateKeyPairSync, randomBytes, scrypt, timingSafeEqual, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { ackMessage, type AckBody, type SignedAck } from '../src-main/domain/sync/protocol';
import type { ServerDb } from './db';

/** SHA-256 hex: how bearer credentials, session ids and pairing codes are kept (never in clear). */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

function scryptAsync(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64): the parameters travel with the hash so they can be raised later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt);
  return `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) }, (e, k) => (e ? reject(e) : resolve(k))),
  );
  return timingSafeEqual(key, expected);
}

export interface Signer {
  /** The public key (SPKI DER, base64) terminals keep to check acks. */
  publicKey: string;
  sign(ack: AckBody): SignedAck;
}

/**
 * The server's Ed25519 key lives in the database, so every server process on it signs with the
 * same key (processes stay stateless). The first process to start makes it; the others read it.
 */
export async function loadSigner(db: ServerDb): Promise<Signer> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  await db.tx((sql) =>
    sql.run(`INSERT INTO server_key (id, private_key, public_key, created_at) VALUES ('ack', ?, ?, ?) ON CONFLICT (id) DO NOTHING`, [
      privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      new Date().toISOString(),
    ]),
  );
  const row = await db.one<{ private_key: string; public_key: string }>(`SELECT private_key, public_key FROM server_key WHERE id = 'ack'`);
  if (!row) throw new Error('server key missing after insert');
  const key: KeyObject = createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' });
  return {
    publicKey: row.public_key,
    sign: (ack) => ({ ...ack, signature: sign(null, ackMessage(ack), key).toString('base64') }),
  };
}
