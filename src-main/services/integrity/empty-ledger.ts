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
 *
 * It is the SAME terminal of the same store in the same time zone as `sourceDataDir` (its
 * settings file copied, without devices): projectors that key rows by terminal or by business day
 * (the settlement figures) must rebuild exactly the rows the real terminal wrote.
 */
export async function openEmptyLedger(create: typeof createServices, sourceDataDir?: string): Promise<EmptyLedger> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-verify-'));
  try {
    copyIdentity(sourceDataDir, dataDir);
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

function copyIdentity(sourceDataDir: string | undefined, dataDir: string): void {
  if (!sourceDataDir) return;
  let settings: Record<string, unknown>;
  try {
    settings = JSON.parse(fs.readFileSync(path.join(sourceDataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return; // no or unreadable settings: a fresh identity (the journal's own terminal ids still apply)
  }
  settings.devices = {}; // the throwaway terminal opens no printer, reader or pump
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(settings));
}
