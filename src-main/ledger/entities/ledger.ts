import { EntitySchema } from 'typeorm';

/**
 * Read-side TypeORM views of the ledger tables (created by migration 0002). Writes go
 * only through the Ledger class, which keeps counters, postings and the journal in step.
 */
export interface LedgerAccountRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  unit: string;
  normal: 'debit' | 'credit';
  isGroup: boolean;
  parentId: string | null;
  quota: number | null;
  nonNegative: boolean;
  debitsPosted: number;
  creditsPosted: number;
  debitsPending: number;
  creditsPending: number;
  createdAt: string;
}

export const LedgerAccountEntity = new EntitySchema<LedgerAccountRow>({
  name: 'LedgerAccount',
  tableName: 'ledger_account',
  columns: {
    id: { type: 'text', primary: true },
    code: { type: 'text', unique: true },
    name: { type: 'text' },
    kind: { type: 'text' },
    unit: { type: 'text' },
    normal: { type: 'text' },
    isGroup: { type: 'boolean', name: 'is_group' },
    parentId: { type: 'text', name: 'parent_id', nullable: true },
    quota: { type: 'integer', nullable: true },
    nonNegative: { type: 'boolean', name: 'non_negative' },
    debitsPosted: { type: 'integer', name: 'debits_posted' },
    creditsPosted: { type: 'integer', name: 'credits_posted' },
    debitsPending: { type: 'integer', name: 'debits_pending' },
    creditsPending: { type: 'integer', name: 'credits_pending' },
    createdAt: { type: 'text', name: 'created_at' },
  },
});

export interface LedgerJournalRow {
  id: string;
  storeId: string;
  terminalId: string;
  seq: number;
  committedAt: string;
  commandId: string | null;
  body: string;
  prevHash: Buffer;
  hash: Buffer;
}

export const LedgerJournalEntity = new EntitySchema<LedgerJournalRow>({
  name: 'LedgerJournal',
  tableName: 'ledger_journal',
  columns: {
    id: { type: 'text', primary: true },
    storeId: { type: 'text', name: 'store_id' },
    terminalId: { type: 'text', name: 'terminal_id' },
    seq: { type: 'integer' },
    committedAt: { type: 'text', name: 'committed_at' },
    commandId: { type: 'text', name: 'command_id', nullable: true },
    body: { type: 'text' },
    prevHash: { type: 'blob', name: 'prev_hash' },
    hash: { type: 'blob' },
  },
});
