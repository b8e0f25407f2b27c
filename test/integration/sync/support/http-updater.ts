import { createHash } from 'node:crypto';
import type { AppUpdater, UpdateFeed } from '../../../../src-main/services/sync/updates/update-service';
import { compareVersions } from '../../../../src-server/updates/rollout';

/**
 * A stand-in for electron-updater, which cannot run without Electron: it reads the same generic
 * feed over real HTTP as electron-updater does (latest.yml, then the installer it names, checked
 * against its sha512), and records an install instead of restarting the app.
 */
export class HttpUpdater implements AppUpdater {
  installs: { version: string; at: number }[] = [];
  downloaded: { version: string; bytes: Buffer } | null = null;
  onInstall: (() => void) | null = null;

  constructor(private readonly current: string) {}

  async check(feed: UpdateFeed): Promise<{ version: string } | null> {
    const res = await fetch(`${feed.url}/latest.yml`, { headers: feed.headers });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`feed answered HTTP ${res.status}`);
    const yml = await res.text();
    const version = /^version:\s*(\S+)/m.exec(yml)![1]!;
    if (compareVersions(version, this.current) <= 0) return null;
    const file = /^path:\s*(\S+)/m.exec(yml)![1]!;
    const sha512 = /^sha512:\s*(\S+)/m.exec(yml)![1]!;
    const got = await fetch(`${feed.url}/${encodeURIComponent(file)}`, { headers: feed.headers });
    if (!got.ok) throw new Error(`installer answered HTTP ${got.status}`);
    const bytes = Buffer.from(await got.arrayBuffer());
    if (createHash('sha512').update(bytes).digest('base64') !== sha512) throw new Error('sha512 mismatch');
    this.downloaded = { version, bytes };
    return { version };
  }

  install(): void {
    this.onInstall?.();
    this.installs.push({ version: this.downloaded!.version, at: Date.now() });
  }
}

/** A release as electron-builder writes it: latest.yml naming one installer with its sha512. */
export function release(version: string, bytes: Buffer) {
  const name = `Counter-POS-Setup-${version}.exe`;
  const sha512 = createHash('sha512').update(bytes).digest('base64');
  const latestYml = `version: ${version}\nfiles:\n  - url: ${name}\n    sha512: ${sha512}\n    size: ${bytes.length}\npath: ${name}\nsha512: ${sha512}\nreleaseDate: '2026-12-04T06:00:00.000Z'\n`;
  return { version, name, bytes, latestYml };
}
