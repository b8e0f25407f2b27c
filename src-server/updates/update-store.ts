import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { ServerDb } from '../db';
import { SyncHttpError, invalidInput } from '../errors';
import { compareVersions, receivesRelease, type Rollout } from './rollout';

export const version = z.string().regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/, 'a version such as 1.4.0');
export const fileName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,199}$/, 'a plain file name');

export interface Release {
  version: string;
  latestYml: string;
  rollout: Rollout;
  files: { name: string; size: number; sha512: string }[];
  createdAt: string;
  createdBy: string;
}

/**
 * What the back office checks in an uploaded `latest.yml` (electron-builder's format): its
 * `version:` must be the release's, and the files it names (`url:` / `path:`) are the ones the
 * release must hold before terminals are offered it. A line-based reading: the file is small and
 * machine-written, and these are the only fields the server relies on.
 */
export function readLatestYml(text: string): { version: string; files: string[] } {
  const v = /^version:\s*['"]?([^'"\s]+)['"]?\s*$/m.exec(text)?.[1];
  if (!v) throw invalidInput('latest.yml: no version line');
  const files = [...text.matchAll(/^\s*(?:-\s+)?(?:url|path):\s*['"]?([^'"\n]+?)['"]?\s*$/gm)].map((m) => m[1]!);
  if (files.length === 0) throw invalidInput('latest.yml: names no installer (url: or path:)');
  for (const f of files) if (!fileName.safeParse(f).success) throw invalidInput(`latest.yml: ${f} is not a plain file name`);
  return { version: v, files: [...new Set(files)] };
}

export async function createRelease(db: ServerDb, v: string, latestYml: string, by: string, now: Date): Promise<void> {
  const yml = readLatestYml(latestYml);
  if (yml.version !== v) throw invalidInput(`latest.yml says version ${yml.version}, not ${v}`);
  await db.tx(async (sql) => {
    if (await sql.one(`SELECT version FROM update_release WHERE version = ?`, [v])) throw new SyncHttpError(409, { code: 'CONFLICT', message: `Release ${v} exists already.` });
    // A new release reaches nobody until its rollout is set.
    await sql.run(`INSERT INTO update_release (version, latest_yml, rollout_percent, rollout_stores, created_at, created_by) VALUES (?, ?, 0, '[]', ?, ?)`, [v, latestYml, now.toISOString(), by]);
  });
}

export async function addFile(db: ServerDb, v: string, name: string, content: Buffer, now: Date): Promise<{ size: number; sha512: string }> {
  const release = await db.one<{ latest_yml: string }>(`SELECT latest_yml FROM update_release WHERE version = ?`, [v]);
  if (!release) throw new SyncHttpError(404, { code: 'INVALID_INPUT', message: `No release ${v}.` });
  if (!readLatestYml(release.latest_yml).files.includes(name)) throw invalidInput(`latest.yml of ${v} does not name ${name}`);
  const sha512 = createHash('sha512').update(content).digest('base64');
  await db.tx(async (sql) => {
    await sql.run(`DELETE FROM update_file WHERE name = ?`, [name]);
    await sql.run(`INSERT INTO update_file (name, release_version, size, sha512, content, created_at) VALUES (?, ?, ?, ?, ?, ?)`, [name, v, content.length, sha512, content, now.toISOString()]);
  });
  return { size: content.length, sha512 };
}

export async function setRollout(db: ServerDb, v: string, rollout: Rollout): Promise<void> {
  for (const s of rollout.stores) if (!(await db.one(`SELECT id FROM store WHERE id = ?`, [s]))) throw invalidInput(`stores: no store ${s}`);
  const r = await db.one<{ latest_yml: string }>(`SELECT latest_yml FROM update_release WHERE version = ?`, [v]);
  if (!r) throw new SyncHttpError(404, { code: 'INVALID_INPUT', message: `No release ${v}.` });
  // Offering a release whose installer is not uploaded yet would fail on every terminal.
  const have = new Set((await db.all<{ name: string }>(`SELECT name FROM update_file WHERE release_version = ?`, [v])).map((f) => f.name));
  const missing = readLatestYml(r.latest_yml).files.filter((f) => !have.has(f));
  if (missing.length && (rollout.percent > 0 || rollout.stores.length > 0)) throw invalidInput(`upload ${missing.join(', ')} before rolling ${v} out`);
  await db.tx((sql) => sql.run(`UPDATE update_release SET rollout_percent = ?, rollout_stores = ? WHERE version = ?`, [rollout.percent, JSON.stringify(rollout.stores), v]));
}

export async function listReleases(db: ServerDb): Promise<Release[]> {
  const rows = await db.all<{ version: string; latest_yml: string; rollout_percent: number; rollout_stores: string; created_at: string; created_by: string }>(
    `SELECT version, latest_yml, rollout_percent, rollout_stores, created_at, created_by FROM update_release`,
  );
  const files = await db.all<{ name: string; release_version: string; size: number | string; sha512: string }>(`SELECT name, release_version, size, sha512 FROM update_file ORDER BY name`);
  return rows
    .map((r) => ({
      version: r.version,
      latestYml: r.latest_yml,
      rollout: { percent: Number(r.rollout_percent), stores: JSON.parse(r.rollout_stores) as string[] },
      files: files.filter((f) => f.release_version === r.version).map((f) => ({ name: f.name, size: Number(f.size), sha512: f.sha512 })),
      createdAt: r.created_at,
      createdBy: r.created_by,
    }))
    .sort((a, b) => compareVersions(b.version, a.version));
}

/** The newest release this terminal is offered (null: none; it stays on what it runs). */
export async function releaseFor(db: ServerDb, terminal: { id: string; storeId: string }): Promise<Release | null> {
  return (await listReleases(db)).find((r) => receivesRelease(r.rollout, terminal)) ?? null;
}

export async function fileContent(db: ServerDb, name: string): Promise<{ release: string; content: Buffer } | null> {
  const r = await db.one<{ release_version: string; content: Buffer | Uint8Array }>(`SELECT release_version, content FROM update_file WHERE name = ?`, [name]);
  return r ? { release: r.release_version, content: Buffer.from(r.content) } : null;
}
