import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/** Where Debian's postgresql package puts initdb and pg_ctl (they are not on PATH there). */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv && fs.existsSync(path.join(fromEnv, 'initdb'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    for (const v of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
      const bin = path.join(root, v, 'bin');
      if (fs.existsSync(path.join(bin, 'initdb'))) return bin;
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  return which.status === 0 ? path.dirname(which.stdout.trim()) : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface PgCluster {
  /** A fresh, empty database on the cluster. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

/**
 * A throwaway PostgreSQL cluster in a temp dir on a free port (initdb + pg_ctl; no service, no
 * root-owned files). PostgreSQL refuses to run as root, so under root (CI) the cluster runs as
 * the `postgres` user through runuser.
 */
export async function startPgCluster(bin: string): Promise<PgCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-pg-'));
  const data = path.join(dir, 'data');
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) => (root ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' }));
  if (root) execFileSync('chown', ['postgres', dir]);
  as(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'pos', '-E', 'UTF8', '--no-sync']);
  as(path.join(bin, 'pg_ctl'), ['-D', data, '-w', '-l', path.join(dir, 'log'), '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200`, 'start']);
  const base = `postgres://pos@127.0.0.1:${port}`;
  return {
    async createDatabase(name: string) {
      const c = new pg.Client({ connectionString: `${base}/postgres` });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      return `${base}/${name}`;
    },
    stop() {
      try {
        as(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
