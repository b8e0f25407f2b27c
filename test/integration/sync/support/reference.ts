import { openServerDb } from '../../../../src-server/db';
import type { Admin, Json, ServerTarget } from './server-process';

/** Writes records of one stream through the back office API (as head office does). */
export async function writeStream(admin: Admin, stream: string, records: { id: string; scope?: string; body?: unknown; deleted?: boolean }[]): Promise<Json> {
  const r = await admin.request('POST', `/admin/api/reference/${stream}`, { records });
  if (r.status !== 200) throw new Error(`write ${stream} failed: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json;
}

/**
 * Puts a record on the server that bypasses the back office's schema check, as a newer server
 * (or a hand edit of its database) might: the terminal must refuse it on its own.
 */
export async function writeRawRecord(target: ServerTarget, stream: string, id: string, body: unknown): Promise<number> {
  const db = await openServerDb(target);
  try {
    return await db.tx(async (sql) => {
      await sql.run(`UPDATE reference_counter SET last = last + 1 WHERE id = 1`);
      const v = Number((await sql.one<{ last: number | string }>(`SELECT last FROM reference_counter WHERE id = 1`))!.last);
      await sql.run(`DELETE FROM reference_record WHERE stream = ? AND record_id = ?`, [stream, id]);
      await sql.run(`INSERT INTO reference_record (stream, record_id, scope, version, body, deleted, updated_at, updated_by) VALUES (?, ?, '*', ?, ?, 0, ?, 'test')`, [
        stream,
        id,
        v,
        JSON.stringify(body),
        new Date().toISOString(),
      ]);
      return v;
    });
  } finally {
    await db.close();
  }
}

export const station = (name: string, latitude = 31.23, longitude = 121.47) => ({ name, latitude, longitude });
export const grade = (name: string, ...prices: [number, string][]) => ({ name, prices: prices.map(([price, effectiveFrom]) => ({ price, effectiveFrom })) });
export const header = (over: Partial<Record<'address' | 'phone' | 'taxNumber' | 'invoiceNote' | 'footer', string>> = {}) => ({
  address: '',
  phone: '',
  taxNumber: '',
  invoiceNote: '',
  footer: '',
  ...over,
});
