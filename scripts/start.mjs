#!/usr/bin/env node
// `npm start [-- --demo]` (or `npm start --demo`): builds the app, then runs it in Electron
// where the Electron binary is installed, or else says so in one line and serves the same
// app through the browser host.
import { spawnSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNativeModules } from './native-modules.mjs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
if (process.env.npm_config_demo === 'true' && !args.includes('--demo')) args.push('--demo');

const electronVite = path.join(path.dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
console.log('Building Counter POS…');
const build = spawnSync(process.execPath, [electronVite, 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) process.exit(build.status ?? 1);

let electronPath = null;
try {
  electronPath = require('electron'); // the package throws when its binary was never downloaded
  if (typeof electronPath !== 'string' || !fs.existsSync(electronPath)) electronPath = null;
} catch {
  electronPath = null;
}

// `npm ci` builds native modules for Node; Electron needs them built for its own ABI.
if (electronPath) ensureNativeModules(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'), 'electron', electronPath);

const child = electronPath
  ? spawn(electronPath, ['.', ...args], { stdio: 'inherit' })
  : (console.log('Electron is not installed on this machine; serving Counter POS through the browser host instead.'),
    spawn(process.execPath, ['out/main/browser-host.js', ...args], { stdio: 'inherit' }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
