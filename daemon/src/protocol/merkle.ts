/**
 * Merkle trees as RFC 6962 / RFC 9162 §2.1 define them, for what the daemon signs once for many
 * (R5): the receipts of one group commit, the decisions released by one commit. A leaf is
 * SHA-256(0x00 ‖ data), a node SHA-256(0x01 ‖ left ‖ right) — the prefixes keep a leaf from
 * passing for a node — and a tree of n leaves splits at the largest power of two below n. One
 * item is proven by its inclusion path: the sibling hashes from its leaf up to the root.
 * node:crypto only: every hook process loads this (client/daemon-identity.ts).
 */
import { createHash } from 'node:crypto';

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);
/** deeper than any tree of 2^53 leaves: a longer path is not one */
export const MAX_PATH = 64;
const HEX_HASH = /^[0-9a-f]{64}$/;

export function leafHash(data: Uint8Array | string): Buffer {
  return createHash('sha256')
    .update(LEAF)
    .update(typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    .digest();
}

function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/** The root over `leaves` (leaf hashes, at least one) and each leaf's inclusion path, in hex. */
export function merkleTree(leaves: readonly Buffer[]): { root: Buffer; paths: string[][] } {
  if (leaves.length === 0) throw new Error('a Merkle tree needs at least one leaf');
  const paths: string[][] = leaves.map(() => []);
  // RFC 9162 §2.1.3.1: PATH(m, D[0:n]) = PATH(m, D[0:k]) : MTH(D[k:n]) for m < k, and the mirror.
  const build = (from: number, to: number): Buffer => {
    if (to - from === 1) return leaves[from]!;
    let k = 1;
    while (k * 2 < to - from) k *= 2;
    const left = build(from, from + k);
    const right = build(from + k, to);
    const leftHex = left.toString('hex');
    const rightHex = right.toString('hex');
    for (let i = from; i < from + k; i++) paths[i]!.push(rightHex);
    for (let i = from + k; i < to; i++) paths[i]!.push(leftHex);
    return nodeHash(left, right);
  };
  return { root: build(0, leaves.length), paths };
}

/**
 * The root that `path` leads to from the leaf `leaf` at `index` of a tree of `size` leaves (RFC
 * 9162 §2.1.3.2), or undefined when the path cannot be one of that tree (wrong length, not hashes).
 * The caller compares it to a root it trusts.
 */
export function inclusionRoot(
  leaf: Buffer,
  index: number,
  size: number,
  path: readonly unknown[],
): Buffer | undefined {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    return undefined;
  if (path.length > MAX_PATH) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const step of path) {
    if (sn === 0 || typeof step !== 'string' || !HEX_HASH.test(step)) return undefined;
    const p = Buffer.from(step, 'hex');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0)
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
    } else r = nodeHash(r, p);
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}
