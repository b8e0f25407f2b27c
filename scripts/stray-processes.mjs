// Finding processes a test run left behind: each process the run starts inherits a marker in
// its environment (POS_TEST_RUN=<uuid>), so they are found by that, whoever their parent is now
// (an orphaned socat is re-parented to init). Linux only: it reads /proc.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** Processes other than this one whose environment holds `mark` ("KEY=value"). */
export function markedProcesses(mark) {
  const found = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!fs.readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(mark)) continue;
      const command = fs.readFileSync(`/proc/${entry}/cmdline`, 'latin1').split('\0').join(' ').trim();
      if (command) found.push({ pid: Number(entry), command: command.slice(0, 160) }); // a zombie has none
    } catch {
      /* gone meanwhile */
    }
  }
  return found;
}

/** The marked processes still running after a short grace for those on their way out. */
export function strayProcesses(mark, graceTenths = 30) {
  let strays = markedProcesses(mark);
  for (let i = 0; i < graceTenths && strays.length > 0; i++) {
    spawnSync('sleep', ['0.1']);
    strays = markedProcesses(mark);
  }
  return strays;
}
