export { Ledger } from './ledger';
export { LedgerTx, EventProjectors, type EventProjector } from './command';
export { LedgerQueries } from './queries';
export { verifyJournal, verifyJournalTail, type VerifyOptions, type VerifyResult } from './journal';
export { NORMAL_BY_KIND } from './accounts';
export type { ImportRow } from './replay';
export * from './types';
export { LedgerError, isLedgerError, type LedgerErrorCode } from '../domain/ledger';
export { newId } from './ids';
