import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as ed from '@noble/ed25519';
import {
  checkSignature,
  generateSigningKey,
  signCanonical,
  signingKeyFromSeed,
  verifyWithNoble,
  verifyWithNodeCrypto,
} from '../../daemon/src/receipts/keys.js';

// RFC 8032 §7.1, TEST 1 and TEST 2.
const VECTORS = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

test('node:crypto signing reproduces the RFC 8032 test vectors', () => {
  for (const v of VECTORS) {
    const key = signingKeyFromSeed(Buffer.from(v.secret, 'hex'), '2026-01-01T00:00:00.000Z');
    assert.equal(key.publicKey.toString('hex'), v.public);
    const sig = Buffer.from(
      signCanonical(key, Buffer.from(v.message, 'hex').toString('latin1')),
      'base64url',
    );
    assert.equal(sig.toString('hex'), v.signature);
  }
});

test('node:crypto and @noble/ed25519 verify each other', () => {
  const key = generateSigningKey();
  const message = Buffer.from('{"kind":"action","seq":1}');
  const nodeSig = Buffer.from(signCanonical(key, message.toString()), 'base64url');
  assert.equal(
    verifyWithNoble(key.publicKey, message, nodeSig),
    true,
    'noble verifies a node:crypto signature',
  );
  const nobleSig = ed.sign(message, key.seed);
  assert.equal(Buffer.compare(Buffer.from(nobleSig), nodeSig), 0, 'Ed25519 is deterministic: same signature');
  assert.equal(
    verifyWithNodeCrypto(key.publicKey, message, nobleSig),
    true,
    'node:crypto verifies a noble signature',
  );
});

test('a changed message or signature does not verify, with either verifier', () => {
  const key = generateSigningKey();
  const message = Buffer.from('receipt');
  const sig = Buffer.from(signCanonical(key, 'receipt'), 'base64url');
  const other = Buffer.from('receipT');
  const badSig = Buffer.from(sig);
  badSig[0] = badSig[0]! ^ 1;
  for (const verify of [verifyWithNodeCrypto, verifyWithNoble]) {
    assert.equal(verify(key.publicKey, other, sig), false);
    assert.equal(verify(key.publicKey, message, badSig), false);
    assert.equal(verify(generateSigningKey().publicKey, message, sig), false);
  }
});

test('a signature is one text: another spelling of the same bytes does not verify', () => {
  const key = generateSigningKey();
  const sig = signCanonical(key, 'receipt');
  assert.equal(checkSignature(verifyWithNodeCrypto, key.publicKey, 'receipt', sig), true);
  // The last of 86 characters carries 2 bits; a decoder ignores the other 4, and anything not base64url.
  const last = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(sig.at(-1)!);
  const spare = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'[last ^ 1]!;
  const respelled = [
    `${sig.slice(0, -1)}${spare}`,
    `${sig}=`,
    `${sig.slice(0, 40)}.${sig.slice(40)}`,
    ` ${sig}`,
  ];
  for (const other of respelled) {
    assert.deepEqual(Buffer.from(other, 'base64url'), Buffer.from(sig, 'base64url'), other);
    assert.equal(checkSignature(verifyWithNodeCrypto, key.publicKey, 'receipt', other), false, other);
  }
});
