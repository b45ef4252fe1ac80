/**
 * An approver's own Ed25519 key (T1): made once, kept by the approver where an agent's commands
 * cannot read it (the VS Code extension: SecretStorage), and used to prove registration and to
 * sign every answer. Only the seed is stored; the public key and key id follow from it.
 */
import { createHash, createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import {
  approvalText,
  approverKeyId,
  registrationText,
  ruleConfirmationText,
} from '../protocol/approval-text.js';

export interface ApproverSigner {
  keyId: string;
  /** raw public key, base64url */
  publicKey: string;
  sign(text: string): string;
  /** the proof of possession a registration carries */
  registration(name: string): { publicKey: string; name: string; proof: string };
}

/** A fresh key; keep the returned seed secret. */
export function newApproverSeed(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return (privateKey.export({ format: 'jwk' }) as { d: string }).d;
}

export function approverSigner(seed: string): ApproverSigner {
  const key: KeyObject = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d: seed, x: publicKeyOfSeed(seed) },
    format: 'jwk',
  });
  const publicKey = publicKeyOfSeed(seed);
  const signText = (text: string) => sign(null, Buffer.from(text, 'utf8'), key).toString('base64url');
  return {
    keyId: approverKeyId(publicKey, (bytes) => createHash('sha256').update(bytes).digest('hex')),
    publicKey,
    sign: signText,
    registration: (name) => ({ publicKey, name, proof: signText(registrationText(publicKey, name)) }),
  };
}

/** The raw public key for a seed (through a PKCS#8 private key, which node:crypto derives it from). */
function publicKeyOfSeed(seed: string): string {
  const pkcs8 = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(seed, 'base64url'),
  ]);
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  return (privateKey.export({ format: 'jwk' }) as { x: string }).x;
}

/** What an approver signs to answer this request: its grant key goes in as its SHA-256. */
export function approvalTextFor(input: {
  approvalId: string;
  session: string;
  key: string;
  answer: 'allow' | 'deny';
  scope: string;
}): string {
  const { key, ...rest } = input;
  return approvalText({ ...rest, keySha256: createHash('sha256').update(key, 'utf8').digest('hex') });
}

/** What an approver signs to have a proposed rule written (an "always" answer's rule): the proposal as shown. */
export function ruleConfirmationTextFor(proposal: {
  proposalId: string;
  approvalId: string;
  text: string;
}): string {
  return ruleConfirmationText({
    proposalId: proposal.proposalId,
    approvalId: proposal.approvalId,
    textSha256: createHash('sha256').update(proposal.text, 'utf8').digest('hex'),
  });
}
