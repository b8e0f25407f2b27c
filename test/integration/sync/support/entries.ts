import { GENESIS_HASH, canonicalJson, chainHash } from '../../../../src-main/domain/ledger';
import type { WireEntry } from '../../../../src-main/domain/sync/protocol';

/** Answers are read loosely here and checked by each test's assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/**
 * A chain of journal entries as a terminal would send them (same body shape and chain rule as
 * the ledger), for tests that speak the protocol directly.
 */
export function makeChain(terminalId: string, count: number, from: { seq: number; hash: Buffer } = { seq: 0, hash: GENESIS_HASH }): WireEntry[] {
  const out: WireEntry[] = [];
  let prev = from.hash;
  for (let seq = from.seq + 1; seq <= from.seq + count; seq++) {
    const id = `e-${terminalId.slice(0, 8)}-${seq}`;
    const at = new Date(Date.UTC(2026, 10, 22, 1, 0, 0) + seq * 1000).toISOString();
    const body = canonicalJson({ v: 1, id, store: 'store-local', terminal: terminalId, seq, at, type: 'post', command: null, ops: [] });
    const hash = chainHash(prev, body);
    out.push({ id, seq, committedAt: at, commandId: null, body, prevHash: prev.toString('hex'), hash: hash.toString('hex') });
    prev = hash;
  }
  return out;
}

export async function post(url: string, p: string, body: unknown, credential?: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(new URL(p, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(credential ? { authorization: `Bearer ${credential}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

export async function get(url: string, p: string, credential?: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(new URL(p, url), { headers: credential ? { authorization: `Bearer ${credential}` } : {} });
  return { status: res.status, json: await res.json() };
}
