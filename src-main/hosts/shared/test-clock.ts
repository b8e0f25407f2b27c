import fs from 'node:fs';

/**
 * The host's injectable clock, for end-to-end tests of business days: POS_CLOCK_FILE names a
 * file holding a number of milliseconds added to the system clock (a test moves the counter to
 * the next morning, or back into a closed day, by rewriting it). Read at every tick, so a change
 * applies to the very next command. Unset (every real store): the system clock.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): (() => Date) | undefined {
  const file = env.POS_CLOCK_FILE;
  if (!file) return undefined;
  return () => {
    let offset = 0;
    try {
      offset = Number(fs.readFileSync(file, 'utf8').trim()) || 0;
    } catch {
      offset = 0;
    }
    return new Date(Date.now() + offset);
  };
}
