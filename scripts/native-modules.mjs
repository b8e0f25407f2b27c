// Native modules (better-sqlite3) are compiled for one runtime's ABI: Node's (what `npm ci`
// builds and the tests run under) or Electron's (what the app runs under). `npm start` and
// `npm test` call ensureNativeModules() so each finds them built for its runtime, rebuilding
// when needed with a one-line message: a developer never has to know.
//
// N-API modules (node-hid, serialport) work under both and are left alone.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The ABI a compiled module was built for, read from the binary: modules built against Node's
 * or Electron's headers export `node_register_module_v<ABI>`. Null for N-API modules (no ABI).
 */
export function builtAbi(file) {
  const bytes = fs.readFileSync(file);
  const m = /node_register_module_v(\d+)/.exec(bytes.toString('latin1'));
  return m ? Number(m[1]) : null;
}

/** The compiled modules of the app's own dependencies, with the ABI each was built for. */
export function nativeModules(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const found = [];
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    const release = path.join(root, 'node_modules', name, 'build', 'Release');
    if (!fs.existsSync(release)) continue;
    for (const f of fs.readdirSync(release)) {
      if (!f.endsWith('.node')) continue;
      const abi = builtAbi(path.join(release, f));
      if (abi !== null) found.push({ name, file: path.join(release, f), abi });
    }
  }
  return found;
}

/**
 * What to do before running under `target`: nothing, or rebuild for it. Pure, so it is tested
 * under Node where no Electron binary exists.
 * @param {{ target: 'node' | 'electron', modules: { name: string, abi: number }[], nodeAbi: number, electronAbi: number | null }} s
 */
export function decide(s) {
  const want = s.target === 'node' ? s.nodeAbi : s.electronAbi;
  if (want === null || want === undefined) return { action: 'none', modules: [] };
  const wrong = s.modules.filter((m) => m.abi !== want);
  if (wrong.length === 0) return { action: 'none', modules: [] };
  const names = [...new Set(wrong.map((m) => m.name))];
  return {
    action: s.target === 'node' ? 'rebuild-node' : 'rebuild-electron',
    modules: names,
    message:
      s.target === 'node'
        ? `Rebuilding ${names.join(', ')} for Node (they were built for Electron)…`
        : `Rebuilding ${names.join(', ')} for Electron (they were built for Node)…`,
  };
}

/** Electron's module ABI, asked from the Electron binary itself (running as plain Node). */
export function electronAbi(electronPath) {
  const r = spawnSync(electronPath, ['-p', 'process.versions.modules'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' });
  const abi = Number.parseInt(r.stdout ?? '', 10);
  return r.status === 0 && Number.isInteger(abi) ? abi : null;
}

/** Rebuilds when needed; returns the decision. Exits the process if a rebuild fails. */
export function ensureNativeModules(root, target, electronPath = null) {
  const decision = decide({
    target,
    modules: nativeModules(root),
    nodeAbi: Number(process.versions.modules),
    electronAbi: target === 'electron' && electronPath ? electronAbi(electronPath) : null,
  });
  if (decision.action === 'none') return decision;
  console.log(decision.message);
  const run =
    decision.action === 'rebuild-node'
      ? spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', ...decision.modules], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' })
      : spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-builder', 'cli.js'), 'install-app-deps'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) {
    console.error(`The rebuild failed (exit ${run.status}). Build tools are needed: python3, make and a C++ compiler.`);
    process.exit(run.status ?? 1);
  }
  return decision;
}
