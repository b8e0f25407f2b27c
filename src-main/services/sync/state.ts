import type { Database as Sqlite } from 'better-sqlite3';
import type { SignedAck, WireEntry } from '../../domain/sync/protocol';

/** The enrolled terminal's sync row (table sync_state, migration 0009). */
export interface SyncState {
  serverUrl: string;
  serverStoreId: string;
  serverStoreName: string;
  credential: string;
  serverKey: string;
  enrolledAt: string;
  ack: SignedAck;
  lastSyncAt: string | null;
  lastError: string | null;
}

interface Row {
  server_url: string;
  server_store_id: string;
  server_store_name: string;
  credential: string;
  server_key: string;
  enrolled_at: string;
  acked_seq: number;
  acked_hash: string;
  ack_at: string;
  ack_signature: string;
  last_sync_at: string | null;
  last_error: string | null;
}

export function readSyncState(db: Sqlite, terminalId: string): SyncState | null {
  const r = db.prepare(`SELECT * FROM sync_state WHERE id = 1`).get() as Row | undefined;
  if (!r) return null;
  return {
    serverUrl: r.server_url,
    serverStoreId: r.server_store_id,
    serverStoreName: r.server_store_name,
    credential: r.credential,
    serverKey: r.server_key,
    enrolledAt: r.enrolled_at,
    ack: { terminalId, seq: r.acked_seq, hash: r.acked_hash, at: r.ack_at, signature: r.ack_signature },
    lastSyncAt: r.last_sync_at,
    lastError: r.last_error,
  };
}

/** The sync service's own statements on the ledger connection: reads of the journal, writes of sync_state only. */
export class SyncStatements {
  private readonly head;
  private readonly rows;
  private readonly hashAt;
  private readonly saveAckStmt;

  constructor(
    private readonly db: Sqlite,
    private readonly terminalId: string,
  ) {
    this.head = db.prepare(`SELECT MAX(seq) FROM ledger_journal WHERE terminal_id = ?`).pluck();
    this.rows = db.prepare(
      `SELECT id, seq, committed_at, command_id, body, prev_hash, hash FROM ledger_journal WHERE terminal_id = ? AND seq > ? ORDER BY seq LIMIT ?`,
    );
    this.hashAt = db.prepare(`SELECT hash FROM ledger_journal WHERE terminal_id = ? AND seq = ?`).pluck();
    this.saveAckStmt = db.prepare(
      `UPDATE sync_state SET
         acked_hash = CASE WHEN acked_seq <= @seq THEN @hash ELSE acked_hash END,
         ack_at = CASE WHEN acked_seq <= @seq THEN @at ELSE ack_at END,
         ack_signature = CASE WHEN acked_seq <= @seq THEN @signature ELSE ack_signature END,
         acked_seq = MAX(acked_seq, @seq),
         last_sync_at = @syncedAt, last_error = NULL
       WHERE id = 1`,
    );
  }

  localHead(): number {
    return (this.head.get(this.terminalId) as number | null) ?? 0;
  }

  /** Hex hash of the local entry `seq`, or null if it is not there. */
  localHash(seq: number): string | null {
    const h = this.hashAt.get(this.terminalId, seq) as Buffer | undefined;
    return h ? h.toString('hex') : null;
  }

  entriesAfter(seq: number, limit: number): WireEntry[] {
    const rows = this.rows.all(this.terminalId, seq, limit) as {
      id: string;
      seq: number;
      committed_at: string;
      command_id: string | null;
      body: string;
      prev_hash: Buffer;
      hash: Buffer;
    }[];
    return rows.map((r) => ({
      id: r.id,
      seq: r.seq,
      committedAt: r.committed_at,
      commandId: r.command_id,
      body: r.body,
      prevHash: r.prev_hash.toString('hex'),
      hash: r.hash.toString('hex'),
    }));
  }

  read(): SyncState | null {
    return readSyncState(this.db, this.terminalId);
  }

  saveEnrollment(s: Omit<SyncState, 'lastSyncAt' | 'lastError'>): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO sync_state (id, server_url, server_store_id, server_store_name, credential, server_key, enrolled_at, acked_seq, acked_hash, ack_at, ack_signature)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(s.serverUrl, s.serverStoreId, s.serverStoreName, s.credential, s.serverKey, s.enrolledAt, s.ack.seq, s.ack.hash, s.ack.at, s.ack.signature);
  }

  /** Keeps the highest signed head only: an older ack never replaces a newer one. */
  saveAck(ack: SignedAck, syncedAt: string): void {
    // One statement (one fsync per batch): the head fields move only forward, the sync time always.
    this.saveAckStmt.run({ seq: ack.seq, hash: ack.hash, at: ack.at, signature: ack.signature, syncedAt });
  }

  saveError(message: string | null): void {
    this.db.prepare(`UPDATE sync_state SET last_error = ? WHERE id = 1`).run(message);
  }
}
