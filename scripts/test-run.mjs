#!/usr/bin/env node
// `npm test`: makes sure native modules are built for Node (after `npm start` rebuilt them for
// Electron), runs every step (`npm run test:steps`), then fails if any process the run started
// is still running (socat, a browser host, Chromium): see stray-processes.mjs.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNativeModules } from './native-modules.mjs';
import { strayProcesses } from './stray-processes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureNativeModules(root, 'node');

const id = randomUUID();
// TEST_RUN_STEPS (a JSON command array) replaces the steps; only the test of this script uses it.
const [command, ...args] = process.env.TEST_RUN_STEPS ? JSON.parse(process.env.TEST_RUN_STEPS) : [process.platform === 'win32' ? 'npm.cmd' : 'npm', 'run', 'test:steps'];
const steps = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, POS_TEST_RUN: id }, shell: process.platform === 'win32' });

let strays = [];
if (process.platform === 'linux') {
  strays = strayProcesses(`POS_TEST_RUN=${id}`);
  if (strays.length > 0) {
    console.error(`\nnpm test left ${strays.length} process(es) running; stop them in the test that started them:`);
    for (const p of strays) console.error(`  ${p.pid}  ${p.command}`);
  }
} else {
  console.log('(The check for stray processes runs on Linux only.)');
}
process.exit(steps.status !== 0 ? (steps.status ?? 1) : strays.length > 0 ? 1 : 0);
