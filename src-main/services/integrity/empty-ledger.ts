import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { createServices } from '../index';
import type { EmptyLedger } from './verify-ledger';

/**
 * A throwaway terminal (its own temp data dir, no devices, no sync enrollment, no start-up check)
 * built by the same composition root as the real one, so every workflow has registered its
 * projector exactly as in the app: replaying a journal into it rebuilds what the app would have
 * written. The temp dir is removed on close. `create` is passed in (not imported) so the
 * composition root can hand itself to the integrity service without an import cycle.
 */
export async function openEmptyLedger(create: typeof createServices): Promise<EmptyLedger> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-verify-'));
  try {
    const s = await create({ dataDir, host: 'browser', version: 'verify', logger: 'silent', integrity: 'skip' });
    return {
      sqlite: s.db.sqlite,
      ledger: s.ledger,
      async close() {
        await s.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}
