/**
 * `npm run pos -- <command> [options]`: maintenance commands that run under plain Node
 * (no Electron). Add a command by adding an entry to COMMANDS.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { DATABASE_FILE } from './ledger/database';
import { createServices } from './services';
import { openEmptyLedger } from './services/integrity/empty-ledger';
import { describeReport, verifyLedger } from './services/integrity/verify-ledger';

interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

type Command = { usage: string; run: (args: string[], io: CliIo) => number | Promise<number> };

const COMMANDS: Record<string, Command> = {
  'journal verify': {
    usage: 'journal verify --data-dir DIR',
    async run(args, io) {
      const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' } }, strict: true });
      const dir = values['data-dir'];
      if (!dir) throw new UsageError('--data-dir is required');
      const file = path.join(dir, DATABASE_FILE);
      if (!fs.existsSync(file)) {
        io.err(`No ledger database at ${file}`);
        return 2;
      }
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        // The chain, the server's signed ack (when enrolled), then every derived table rebuilt from the journal.
        const report = await verifyLedger(db, terminalOf(dir, db), () => openEmptyLedger(createServices, dir));
        io.out(describeReport(report));
        return report.ok ? 0 : 1;
      } finally {
        db.close();
      }
    },
  },
};

class UsageError extends Error {}

/** This data dir's terminal: from settings.json, else the (only) terminal of its journal. */
function terminalOf(dir: string, db: Database.Database): string | null {
  try {
    const settings = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')) as { terminal?: { id?: unknown } };
    if (typeof settings.terminal?.id === 'string') return settings.terminal.id;
  } catch {
    // No or unreadable settings file: fall back to the journal.
  }
  return (db.prepare(`SELECT MIN(terminal_id) FROM ledger_journal`).pluck().get() as string | null) ?? null;
}

export async function main(argv: string[], io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) }): Promise<number> {
  const usage = () => io.err(`Usage:\n${Object.values(COMMANDS).map((c) => `  pos ${c.usage}`).join('\n')}`);
  // Longest command name that prefixes the arguments wins ("journal verify" before "journal").
  const name = Object.keys(COMMANDS)
    .sort((a, b) => b.length - a.length)
    .find((n) => n.split(' ').every((w, i) => argv[i] === w));
  if (!name) {
    usage();
    return 2;
  }
  try {
    return await COMMANDS[name]!.run(argv.slice(name.split(' ').length), io);
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err((e as Error).message);
      usage();
      return 2;
    }
    throw e;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
