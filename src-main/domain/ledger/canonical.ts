import { createHash } from 'node:crypto';

/**
 * Deterministic JSON: object keys sorted, no whitespace, `undefined` members dropped.
 * Only plain data (strings, safe integers, booleans, null, arrays, objects) is allowed:
 * a float or a non-plain value is a programming error and throws.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isSafeInteger(value)) throw new TypeError(`canonicalJson: not a safe integer: ${value}`);
      return String(value);
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const proto = Object.getPrototypeOf(value) as unknown;
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonicalJson: not a plain object');
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: unsupported ${typeof value}`);
  }
}

/** The hash of the first entry's predecessor: 32 zero bytes. */
export const GENESIS_HASH: Buffer = Buffer.alloc(32);

/** Journal chain link: SHA-256(prev_hash bytes || body UTF-8 bytes). */
export function chainHash(prevHash: Uint8Array, body: string): Buffer {
  return createHash('sha256').update(prevHash).update(body, 'utf8').digest();
}

/** Fingerprint of a command body, for idempotency: SHA-256 hex of its canonical JSON. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}
