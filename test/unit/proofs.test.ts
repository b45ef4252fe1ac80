/**
 * What the daemon signs once for many (R5): RFC 6962 Merkle trees, checked against the Certificate
 * Transparency reference roots and inclusion paths.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { inclusionRoot, leafHash, merkleTree } from '../../daemon/src/protocol/index.js';

// RFC 6962's reference data, as the Certificate Transparency implementations test it.
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => leafHash(Buffer.from(hex, 'hex')));
const CT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

test('Merkle trees: the RFC 6962 reference roots and inclusion paths', () => {
  for (let n = 1; n <= CT_LEAVES.length; n++)
    assert.equal(merkleTree(CT_LEAVES.slice(0, n)).root.toString('hex'), CT_ROOTS[n - 1], `size ${n}`);
  const { paths } = merkleTree(CT_LEAVES);
  assert.deepEqual(paths[0], [
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
  ]);
  assert.deepEqual(paths[5], [
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
    'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  ]);
});

// (The tree's size is not proven by a path — index 0 of 3 and of 4 take the same steps — so what is
// signed names it: a group head its `firstSeq` and `lastSeq`, a decision batch its `size`.)
test('Merkle trees: every leaf of every size up to 40 is proven, and a wrong leaf, place or path is not', () => {
  const leaves = Array.from({ length: 40 }, (_, i) => leafHash(`leaf ${i}`));
  for (let size = 1; size <= leaves.length; size++) {
    const { root, paths } = merkleTree(leaves.slice(0, size));
    for (let i = 0; i < size; i++) {
      const path = paths[i]!;
      assert.ok(inclusionRoot(leaves[i]!, i, size, path)?.equals(root), `leaf ${i} of ${size}`);
      const other = (i + 1) % size;
      if (other !== i) {
        assert.ok(!inclusionRoot(leaves[other]!, i, size, path)?.equals(root), 'another leaf');
        assert.ok(!inclusionRoot(leaves[i]!, other, size, path)?.equals(root), 'another place');
      }
      if (path.length > 0) {
        const bent = [...path];
        bent[0] = createHash('sha256').update(bent[0]!).digest('hex');
        assert.ok(!inclusionRoot(leaves[i]!, i, size, bent)?.equals(root), 'a changed path');
        assert.equal(inclusionRoot(leaves[i]!, i, size, path.slice(1))?.equals(root) ?? false, false);
        assert.equal(inclusionRoot(leaves[i]!, i, size, [...path, path[0]!])?.equals(root) ?? false, false);
      }
    }
  }
  // A leaf is never taken for a node (the 0x00 / 0x01 prefixes).
  const { root } = merkleTree(leaves.slice(0, 2));
  assert.equal(inclusionRoot(root, 0, 1, [])?.equals(root), true, 'a root is itself only as a tree of one');
  assert.equal(merkleTree([leafHash(Buffer.concat([leaves[0]!, leaves[1]!]))]).root.equals(root), false);
  for (const bad of [
    [-1, 1],
    [1, 1],
    [0, 0],
    [0.5, 2],
  ] as const)
    assert.equal(inclusionRoot(leaves[0]!, bad[0], bad[1], []), undefined, `index ${bad[0]} of ${bad[1]}`);
  assert.equal(inclusionRoot(leaves[0]!, 0, 2, ['not a hash']), undefined);
  assert.equal(inclusionRoot(leaves[0]!, 0, 2, [42]), undefined);
});
