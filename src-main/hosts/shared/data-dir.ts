import os from 'node:os';
import path from 'node:path';

export const APP_ID = 'counter-pos';

/** Where a host keeps its data when no --data-dir is given; matches Electron's userData for APP_ID. */
export function defaultDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_ID);
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_ID);
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_ID);
}

export interface HostArgs {
  dataDir: string;
  demo: boolean;
  port: number;
  emulators: boolean;
}

/**
 * `--data-dir DIR`, `--port N`, `--demo` (also npm's `npm start --demo`, which arrives as npm_config_demo).
 * `--emulators` runs a fresh (non-demo) store on the device emulators, to try the store setup without hardware.
 */
export function parseHostArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): HostArgs {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    if (i >= 0) return argv[i + 1];
    const eq = argv.find((a) => a.startsWith(`${name}=`));
    return eq?.slice(name.length + 1);
  };
  const demo = argv.includes('--demo') || env.npm_config_demo === 'true';
  const port = Number(value('--port') ?? env.POS_PORT ?? 5723);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not ${value('--port')}`);
  return {
    dataDir: path.resolve(value('--data-dir') ?? env.POS_DATA_DIR ?? (demo ? path.join(defaultDataDir(), 'demo') : defaultDataDir())),
    demo,
    port,
    emulators: (demo && !argv.includes('--no-emulators')) || argv.includes('--emulators'),
  };
}
