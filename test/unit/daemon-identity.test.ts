/**
 * The client's checks of the daemon (client/daemon-identity.ts) hold the same whether the
 * published keys were imported ahead (`prepare`, while the daemon reads the hello) or on use, and
 * a published key that cannot be imported proves nothing either way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { daemonIdentity } from '../../daemon/src/client/daemon-identity.js';
import {
  daemonProofText,
  decisionBatchText,
  decisionProofText,
} from '../../daemon/src/protocol/daemon-proof.js';
import { leafHash } from '../../daemon/src/protocol/merkle.js';
import type { DecisionMessage, Welcome } from '../../daemon/src/protocol/index.js';

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const raw = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer).subarray(12).toString('base64url');
const signed = (text: string) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url');
const keys = new Map([
  ['good', raw],
  ['broken', 'not a key'],
]);
const welcome = (nonce: string, keyId: string): Welcome => ({
  type: 'welcome',
  protocol: 1,
  daemon: { version: 'x' },
  role: 'agent',
  session: 's',
  proof: { keyId, signature: signed(daemonProofText(nonce)) },
});
const action = JSON.stringify({ tool: 'shell', operation: 'exec', parameters: { command: 'ls', cwd: '/w' } });
const decision = (nonce: string): DecisionMessage => {
  const message = {
    type: 'decision' as const,
    id: 'c1',
    receiptId: 'r',
    verdict: 'allow' as const,
    decision: { decision: 'allow', rule: 'r', reason: 'ok', risk: 'low', layer: 'allow', policyHash: 'h' },
  } as DecisionMessage;
  const digest = createHash('sha256').update(action).digest('hex');
  // a batch of one: the root is the leaf (RFC 6962)
  const root = leafHash(decisionProofText(nonce, digest, message)).toString('hex');
  return { ...message, proof: { index: 0, size: 1, path: [], sig: signed(decisionBatchText(1, root)) } };
};

for (const prepared of [true, false])
  test(`daemon identity (${prepared ? 'keys imported ahead' : 'keys imported on use'}): the real daemon’s proofs hold, nothing else does`, () => {
    const identity = daemonIdentity('token', keys);
    if (prepared) identity.prepare();
    assert.equal(identity.welcomeHolds(welcome(identity.nonce, 'broken')), false);
    assert.equal(identity.welcomeHolds(welcome('another nonce', 'good')), false);
    assert.equal(identity.welcomeHolds(welcome(identity.nonce, 'good')), true);
    assert.equal(identity.decisionHolds(decision(identity.nonce), action), true);
    assert.equal(identity.decisionHolds(decision(identity.nonce), action.replace('ls', 'rm')), false);
    assert.equal(identity.decisionHolds(decision('another nonce'), action), false);
  });
