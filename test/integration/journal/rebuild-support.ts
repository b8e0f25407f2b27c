import fs from 'node:fs';
import path from 'node:path';
import type { ImportRow } from '../../../src-main/ledger';
import { NOT_DERIVED } from '../../../src-main/ledger/integrity/derived-tables';
import type { Services } from '../../../src-main/services';
import { openTerminal, tempDir, type TestTerminal } from '../../support/services';

/** Tables the journal does not rebuild: the one list `journal verify` uses (see its reasons there). */
/** Every derived table, each row as JSON, rows sorted: what a rebuild must reproduce exactly. */
export function derivedState(services: Services): Record<string, string[]> {
  const db = services.db.sqlite;
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name).filter((n) => !NOT_DERIVED.has(n));
  return Object.fromEntries(tables.map((name) => [name, (db.prepare(`SELECT * FROM "${name}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort()]));
}

/**
 * Replays terminal `source`'s journal into an empty database of a new terminal with the same
 * store and terminal ids (and no devices), and returns that terminal.
 */
export async function rebuildFrom(source: TestTerminal): Promise<TestTerminal> {
  const dataDir = tempDir('pos-rebuild-');
  const settings = JSON.parse(fs.readFileSync(path.join(source.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  delete settings.devices;
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify(settings));
  const rebuilt = await openTerminal({ dataDir });
  const rows = source.services.db.sqlite.prepare(`SELECT id, terminal_id, seq, body, prev_hash, hash FROM ledger_journal ORDER BY terminal_id, seq`).all() as ImportRow[];
  rebuilt.services.ledger.importJournal(rows);
  return rebuilt;
}
