import type * as z from 'zod';
import { PosError } from '../../../domain/errors';
import { SINGLETON_ID, receiptHeaderRecord } from '../../../domain/sync/reference';
import type { CentralRecords, ReferenceStream } from '../reference/reference-data';

export const RECEIPT_HEADER = 'receipt.header';
export type ReceiptHeaderRecord = z.infer<typeof receiptHeaderRecord>;

/**
 * The receipt header and footer from head office: one record (id `store`). The central record
 * itself is what receipts print (reference_record keeps it); there is no table of its own, so
 * apply has nothing more to write. Other ids are refused, so a typo on the server changes nothing.
 */
export function receiptHeaderStream(): ReferenceStream<ReceiptHeaderRecord> {
  return {
    name: RECEIPT_HEADER,
    schema: receiptHeaderRecord,
    apply(_tx, changes) {
      const other = changes.find((c) => c.id !== SINGLETON_ID);
      if (other) throw new PosError('SYNC_REFERENCE_INVALID', { stream: RECEIPT_HEADER, record: other.id, reason: `the stream holds one record, ${SINGLETON_ID}` });
    },
  };
}

/** The header receipts print: head office's when it manages it, else the store's own settings. */
export function centralReceiptHeader(central: CentralRecords): ReceiptHeaderRecord | undefined {
  return central.body<ReceiptHeaderRecord>(RECEIPT_HEADER, SINGLETON_ID);
}
