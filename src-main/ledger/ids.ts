import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const pool = Buffer.alloc(8 * 512);
let poolPos = pool.length;
let lastMs = -1;
let counter = 0;

/**
 * RFC 9562 UUIDv7 for ledger-made ids (entries, holds, transfers): 48-bit Unix ms,
 * a 12-bit counter that keeps ids from one process increasing within a millisecond,
 * and 62 random bits drawn from a pooled buffer (the `uuid` package draws fresh random
 * bytes per id, which showed up in the authorize profile).
 */
export function newId(): string {
  let ms = Date.now();
  if (poolPos + 9 > pool.length) {
    randomFillSync(pool);
    poolPos = 0;
  }
  if (ms > lastMs) {
    lastMs = ms;
    counter = pool[poolPos++]! & 0x7f;
  } else {
    counter++;
    if (counter > 0xfff) {
      lastMs++;
      counter = 0;
    }
    ms = lastMs;
  }
  const t = ms.toString(16).padStart(12, '0');
  const p = poolPos;
  poolPos += 8;
  return (
    `${t.slice(0, 8)}-${t.slice(8)}-${(0x7000 | counter).toString(16)}-${HEX[0x80 | (pool[p]! & 0x3f)]}${HEX[pool[p + 1]!]}-` +
    `${HEX[pool[p + 2]!]}${HEX[pool[p + 3]!]}${HEX[pool[p + 4]!]}${HEX[pool[p + 5]!]}${HEX[pool[p + 6]!]}${HEX[pool[p + 7]!]}`
  );
}
