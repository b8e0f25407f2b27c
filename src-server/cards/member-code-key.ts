import { createPrivateKey, type KeyObject } from 'node:crypto';
import { issueMemberCode, readMemberCode } from '../../src-main/domain/members/member-code';
import type { ServerDb } from '../db';
import { cardHttpError } from './errors';

/**
 * Member dynamic codes are signed with the server's Ed25519 key (the one that signs sync acks,
 * `server_key` 'ack', made by loadSigner at start-up), so a counter checks them offline with the
 * public key it got at enrollment.
 */
export class MemberCodes {
  private key: KeyObject | null = null;
  private publicKey = '';
  constructor(private readonly db: ServerDb) {}

  private async load(): Promise<KeyObject> {
    if (this.key) return this.key;
    const row = await this.db.one<{ private_key: string; public_key: string }>(`SELECT private_key, public_key FROM server_key WHERE id = 'ack'`);
    if (!row) throw new Error('server key missing: loadSigner runs first');
    this.publicKey = row.public_key;
    this.key = createPrivateKey({ key: Buffer.from(row.private_key, 'base64'), format: 'der', type: 'pkcs8' });
    return this.key;
  }

  async issue(memberId: string, at: Date): Promise<string> {
    return issueMemberCode(memberId, at.getTime(), await this.load());
  }

  /** The member a scanned code names; an old code is CODE_EXPIRED, anything else wrong CODE_INVALID. */
  async read(text: string, now: Date): Promise<string> {
    await this.load();
    const r = readMemberCode(text, this.publicKey, now.getTime());
    if (r.ok) return r.memberId;
    if (r.reason === 'expired') throw cardHttpError('CODE_EXPIRED', 'This member code has expired; ask the member to refresh it.');
    throw cardHttpError('CODE_INVALID', 'This is not a valid member code.');
  }
}
