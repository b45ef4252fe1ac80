/**
 * Ed25519 signing keys for receipts. node:crypto signs on the hot path; verification can use
 * node:crypto or @noble/ed25519 (portable, pure JS). Both are RFC 8032, so each verifies the other.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import * as ed from '@noble/ed25519';
import type { PublicKey } from '../protocol/index.js';

ed.hashes.sha512 = (message: Uint8Array) => new Uint8Array(createHash('sha512').update(message).digest());

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface SigningKey {
  keyId: string;
  created: string;
  /** raw 32-byte private seed */
  seed: Buffer;
  /** raw 32-byte public key */
  publicKey: Buffer;
  privateKeyObject: KeyObject;
}

export function keyIdOf(publicKey: Uint8Array): string {
  return `ed25519:${createHash('sha256').update(publicKey).digest('hex').slice(0, 16)}`;
}

export function signingKeyFromSeed(seed: Buffer, created: string): SigningKey {
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes');
  const privateKeyObject = createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const spki = createPublicKey(privateKeyObject).export({ format: 'der', type: 'spki' });
  const publicKey = Buffer.from(spki.subarray(SPKI_ED25519_PREFIX.length));
  return { keyId: keyIdOf(publicKey), created, seed, publicKey, privateKeyObject };
}

export function generateSigningKey(now: Date = new Date()): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  return signingKeyFromSeed(Buffer.from(der.subarray(PKCS8_ED25519_PREFIX.length)), now.toISOString());
}

export function publicKeyOf(key: SigningKey): PublicKey {
  return {
    keyId: key.keyId,
    alg: 'Ed25519',
    publicKey: key.publicKey.toString('base64url'),
    created: key.created,
  };
}

export function signCanonical(key: SigningKey, canonical: string): string {
  return sign(null, Buffer.from(canonical, 'utf8'), key.privateKeyObject).toString('base64url');
}

export type SignatureVerifier = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => boolean;

const publicKeyObjects = new Map<string, KeyObject>();

/** Fast verification with node:crypto (OpenSSL). */
export const verifyWithNodeCrypto: SignatureVerifier = (publicKey, message, signature) => {
  const cacheKey = Buffer.from(publicKey).toString('hex');
  let keyObject = publicKeyObjects.get(cacheKey);
  if (keyObject === undefined) {
    keyObject = createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    });
    publicKeyObjects.set(cacheKey, keyObject);
  }
  return verify(null, message, keyObject, signature);
};

/** Portable verification with @noble/ed25519 (pure JavaScript, runs anywhere). */
export const verifyWithNoble: SignatureVerifier = (publicKey, message, signature) => {
  try {
    return ed.verify(signature, message, publicKey);
  } catch {
    return false;
  }
};

/** Published keys by id, as raw public keys. */
export function publicKeyMap(keys: readonly PublicKey[]): Map<string, Uint8Array> {
  return new Map(keys.map((k) => [k.keyId, Buffer.from(k.publicKey, 'base64url')]));
}

/** Does `sig` (base64url) verify over `message` with `publicKey`? A malformed signature does not. */
export function checkSignature(
  verifier: SignatureVerifier,
  publicKey: Uint8Array,
  message: string,
  sig: string,
): boolean {
  const signature = Buffer.from(sig, 'base64url');
  // Exactly one text per signature: a decoder ignores what is not base64url and the spare bits of
  // the last character, and a signature written otherwise is not the one the daemon wrote.
  if (signature.length !== 64 || signature.toString('base64url') !== sig) return false;
  return verifier(publicKey, Buffer.from(message, 'utf8'), signature);
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
