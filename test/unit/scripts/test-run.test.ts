import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtAbi, decide, nativeModules } from '../../../scripts/native-modules.mjs';

describe.runIf(process.platform === 'linux')('npm test fails on processes it left running (issue 11, item 9)', () => {
  const run = (steps: string[]) =>
    spawnSync(process.execPath, ['scripts/test-run.mjs'], { encoding: 'utf8', env: { ...process.env, TEST_RUN_STEPS: JSON.stringify(steps) } });

  it('passes when the steps leave nothing behind', () => {
    expect(run(['sh', '-c', 'sleep 0.2 & wait']).status).toBe(0);
  });

  it('fails, naming the process, when a step leaves one running', () => {
    const r = run(['sh', '-c', 'setsid sleep 47 >/dev/null 2>&1 < /dev/null & echo $! > /tmp/pos-stray-test.pid']);
    const pid = Number(fs.readFileSync('/tmp/pos-stray-test.pid', 'utf8'));
    try {
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('left 1 process(es) running');
      expect(r.stderr).toContain('sleep 47');
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });

  it('passes on the steps’ own failure code when they fail', () => {
    expect(run(['sh', '-c', 'exit 3']).status).toBe(3);
  });
});

describe('native modules for the runtime at hand (issue 11, item 10)', () => {
  it('reads the ABI a module was built for from its binary', () => {
    const modules = nativeModules(process.cwd());
    expect(modules.map((m) => m.name)).toContain('better-sqlite3');
    // npm ci built it for this Node, which is why these tests run at all.
    expect(modules.find((m) => m.name === 'better-sqlite3')!.abi).toBe(Number(process.versions.modules));
    const fake = `${fs.mkdtempSync('/tmp/pos-abi-')}/x.node`;
    fs.writeFileSync(fake, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), Buffer.from('\0node_register_module_v139\0')]));
    expect(builtAbi(fake)).toBe(139);
    fs.writeFileSync(fake, Buffer.from('\0napi_register_module_v1\0')); // N-API: any runtime
    expect(builtAbi(fake)).toBeNull();
  });

  const modules = [{ name: 'better-sqlite3', abi: 115 }];
  it('rebuilds for Electron when the modules were built for Node, with a one-line message', () => {
    const d = decide({ target: 'electron', modules, nodeAbi: 115, electronAbi: 139 });
    expect(d).toMatchObject({ action: 'rebuild-electron', modules: ['better-sqlite3'] });
    expect(d.message).toBe('Rebuilding better-sqlite3 for Electron (they were built for Node)…');
    expect(decide({ target: 'electron', modules: [{ name: 'better-sqlite3', abi: 139 }], nodeAbi: 115, electronAbi: 139 }).action).toBe('none');
  });

  it('rebuilds for Node before the tests when the last `npm start` built them for Electron', () => {
    expect(decide({ target: 'node', modules: [{ name: 'better-sqlite3', abi: 139 }], nodeAbi: 115, electronAbi: null })).toMatchObject({ action: 'rebuild-node', message: 'Rebuilding better-sqlite3 for Node (they were built for Electron)…' });
    expect(decide({ target: 'node', modules, nodeAbi: 115, electronAbi: null }).action).toBe('none');
  });

  it('does nothing where Electron is absent (its ABI unknown)', () => {
    expect(decide({ target: 'electron', modules, nodeAbi: 115, electronAbi: null }).action).toBe('none');
  });
});
