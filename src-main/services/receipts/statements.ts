// Prepared statements for stored receipts and the print queue, on the ledger's connection.
import type { Sqlite } from '../../ledger';

export interface ReceiptRow {
  id: string;
  number: string;
  terminal_id: string;
  day: string;
  seq: number;
  kind: string;
  transaction_id: string;
  total: number;
  phone: string | null;
  /** ",101,102," so a locker is found with LIKE '%,101,%'. */
  lockers: string | null;
  pump: number | null;
  paper_mm: 58 | 80;
  text_mode: string;
  created_at: string;
  body: string;
}

export type JobState = 'printing' | 'printed' | 'failed' | 'superseded' | 'dismissed';

export interface JobRow {
  id: string;
  receipt_id: string;
  reprint: number;
  state: JobState;
  attempts: number;
  error: string | null;
  created_at: string;
  updated_at: string;
  staff_id: string | null;
  resolved_by: string | null;
}

export type FailedJobRow = JobRow & Pick<ReceiptRow, 'number' | 'kind' | 'transaction_id' | 'total'>;

export function receiptStatements(db: Sqlite) {
  return {
    nextSeq: db.prepare<[string, string], { seq: number }>(`SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM receipt WHERE terminal_id = ? AND day = ?`),
    insertReceipt: db.prepare<[ReceiptRow]>(`INSERT INTO receipt (id, number, terminal_id, day, seq, kind, transaction_id, total, phone, lockers, pump, paper_mm, text_mode, created_at, body)
      VALUES (@id, @number, @terminal_id, @day, @seq, @kind, @transaction_id, @total, @phone, @lockers, @pump, @paper_mm, @text_mode, @created_at, @body)`),
    receipt: db.prepare<[string], ReceiptRow>(`SELECT * FROM receipt WHERE id = ?`),
    /** The paper a receipt last printed on, so its preview stays "as printed". */
    setPaper: db.prepare<[number, string, string]>(`UPDATE receipt SET paper_mm = ?, text_mode = ? WHERE id = ?`),
    byTransaction: db.prepare<[string, string], ReceiptRow>(`SELECT * FROM receipt WHERE transaction_id = ? AND kind = ? ORDER BY created_at LIMIT 1`),
    ofDay: db.prepare<[string, string], ReceiptRow>(`SELECT * FROM receipt WHERE terminal_id = ? AND day = ? ORDER BY seq DESC`),
    insertJob: db.prepare<[Omit<JobRow, 'error' | 'resolved_by'>]>(`INSERT INTO print_job (id, receipt_id, reprint, state, attempts, created_at, updated_at, staff_id)
      VALUES (@id, @receipt_id, @reprint, @state, @attempts, @created_at, @updated_at, @staff_id)`),
    job: db.prepare<[string], JobRow>(`SELECT * FROM print_job WHERE id = ?`),
    jobsOf: db.prepare<[string], JobRow>(`SELECT * FROM print_job WHERE receipt_id = ? ORDER BY created_at, id`),
    startJob: db.prepare<[string, string]>(`UPDATE print_job SET state = 'printing', updated_at = ? WHERE id = ?`),
    finishJob: db.prepare<[{ id: string; state: JobState; error: string | null; at: string }]>(
      `UPDATE print_job SET state = @state, attempts = attempts + 1, error = @error, updated_at = @at WHERE id = @id`,
    ),
    /** Once a receipt prints, its other waiting jobs are done: the customer has the paper. */
    supersede: db.prepare<[string, string, string]>(`UPDATE print_job SET state = 'superseded', updated_at = ? WHERE receipt_id = ? AND id <> ? AND state IN ('failed', 'printing')`),
    dismiss: db.prepare<[string, string, string]>(`UPDATE print_job SET state = 'dismissed', resolved_by = ?, updated_at = ? WHERE id = ? AND state = 'failed'`),
    printedCount: db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM print_job WHERE receipt_id = ? AND state = 'printed'`),
    /** Jobs left 'printing' by a crash never finished: they wait for reprint like a failure. */
    recoverPrinting: db.prepare<[string]>(`UPDATE print_job SET state = 'failed', error = 'the terminal stopped while printing', updated_at = ? WHERE state = 'printing'`),
    failed: db.prepare<[], FailedJobRow>(`SELECT j.*, r.number, r.kind, r.transaction_id, r.total FROM print_job j JOIN receipt r ON r.id = j.receipt_id
      WHERE j.state = 'failed' ORDER BY j.created_at, j.id`),
  };
}

export type ReceiptStatements = ReturnType<typeof receiptStatements>;
