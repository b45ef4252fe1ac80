/**
 * What the daemon signs once for many (R5, T1): RFC 6962 Merkle trees (checked against the
 * Certificate Transparency reference roots and inclusion paths), and the decision proofs a client
 * checks — a decision proven to one connection for one action, never another's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  daemonProofText,
  decisionProofText,
  inclusionRoot,
  leafHash,
  merkleTree,
  type DecisionMessage,
  type Welcome,
} from '../../daemon/src/protocol/index.js';
import { daemonIdentity } from '../../daemon/src/client/daemon-identity.js';
import { createDecisionProofs } from '../../daemon/src/gate/decision-proofs.js';
import { generateSigningKey, signCanonical } from '../../daemon/src/receipts/keys.js';

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

/** A daemon key, a client connection's identity that has checked the daemon's welcome, and a decision. */
function connection(key = generateSigningKey()) {
  const identity = daemonIdentity('token', new Map([[key.keyId, key.publicKey.toString('base64url')]]));
  const welcome = {
    type: 'welcome',
    protocol: 1,
    daemon: { version: 'test' },
    role: 'agent',
    session: 's',
    proof: { keyId: key.keyId, signature: signCanonical(key, daemonProofText(identity.nonce)) },
  } as Welcome;
  assert.equal(identity.welcomeHolds(welcome), true);
  return { key, identity };
}
const decision = (id: string, verdict: 'allow' | 'deny' = 'allow'): DecisionMessage => ({
  type: 'decision',
  id,
  receiptId: `rcpt_${id}`,
  verdict,
  decision: { decision: verdict, rule: 'r', reason: 'why', risk: 'low', layer: 'default', policyHash: 'h' },
});
const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

test('decision proofs: one signature for every decision a commit releases, each proven to its connection and action only', () => {
  const a = connection();
  const b = connection(a.key);
  const proofs = createDecisionProofs(a.key);
  // Three decisions for connection a and one for b, released by the same commit.
  const sent = [
    { who: a, message: decision('1'), action: '{"n":1}' },
    { who: a, message: decision('2', 'deny'), action: '{"n":2}' },
    { who: b, message: decision('1'), action: '{"n":1}' },
    { who: a, message: decision('3'), action: '{"n":3}' },
  ].map((d) => ({
    ...d,
    proof: proofs.add(decisionProofText(d.who.identity.nonce, sha(d.action), d.message)),
  }));
  const proven = sent.map((d) => ({ ...d, message: { ...d.message, proof: d.proof() } }));
  assert.equal(new Set(proven.map((d) => d.message.proof.sig)).size, 1, 'one signature for all four');
  assert.deepEqual(
    proven.map((d) => [d.message.proof.index, d.message.proof.size]),
    [
      [0, 4],
      [1, 4],
      [2, 4],
      [3, 4],
    ],
  );
  for (const d of proven) assert.equal(d.who.identity.decisionHolds(d.message, d.action), true);

  const [first, second, other] = proven as [(typeof proven)[0], (typeof proven)[0], (typeof proven)[0]];
  const holds = (message: DecisionMessage, action = first.action) =>
    a.identity.decisionHolds(message, action);
  // Another decision's proof, on the same connection or another's.
  assert.equal(holds({ ...first.message, proof: second.message.proof }), false, 'another decision’s proof');
  assert.equal(holds({ ...first.message, proof: other.message.proof }), false, 'another connection’s proof');
  assert.equal(holds(other.message, other.action), false, 'a decision proven to another connection');
  // What it decides, or the action it answers, changed.
  assert.equal(holds({ ...first.message, verdict: 'deny' }), false);
  assert.equal(holds(first.message, '{"n":2}'), false);
  // The proof itself bent.
  const proof = first.message.proof!;
  for (const bent of [
    { ...proof, index: 1 },
    { ...proof, size: 5 },
    { ...proof, path: [...proof.path].reverse() },
    { ...proof, path: proof.path.slice(1) },
    { ...proof, path: [sha('x'), ...proof.path.slice(1)] },
    { ...proof, sig: second.message.proof!.sig.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) },
  ])
    assert.equal(holds({ ...first.message, proof: bent }), false, JSON.stringify(bent));
  assert.equal(holds({ ...first.message, proof: undefined }), false, 'no proof');
  // The genuine one still holds (its batch's signature is remembered, not trusted blindly).
  assert.equal(holds(first.message), true);
});

test('decision proofs: a decision alone costs one signature, as before; a sealed batch takes no more', () => {
  const a = connection();
  const proofs = createDecisionProofs(a.key);
  const one = proofs.add(decisionProofText(a.identity.nonce, sha('{}'), decision('1')));
  const sealed = one();
  assert.deepEqual([sealed.index, sealed.size, sealed.path], [0, 1, []]);
  assert.equal(a.identity.decisionHolds({ ...decision('1'), proof: sealed }, '{}'), true);
  // Added after the first proof went out: a new batch, a new signature.
  const next = proofs.add(decisionProofText(a.identity.nonce, sha('{}'), decision('2')))();
  assert.deepEqual([next.index, next.size], [0, 1]);
  assert.notEqual(next.sig, sealed.sig);
  assert.equal(a.identity.decisionHolds({ ...decision('2'), proof: next }, '{}'), true);
  // Signed by a key other than the one the welcome proved: refused.
  const stranger = createDecisionProofs(generateSigningKey());
  const forged = stranger.add(decisionProofText(a.identity.nonce, sha('{}'), decision('3')))();
  assert.equal(a.identity.decisionHolds({ ...decision('3'), proof: forged }, '{}'), false);
});
