/**
 * The client's side of authenticating the daemon (protocol/daemon-proof.ts): the HMAC that proves
 * the token without sending it, and the checks of the daemon's signatures against the public
 * keys it published in the state directory.
 */
import { createHash, createHmac, createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DecisionMessage, Welcome } from '../protocol/index.js';
import {
  AUTH_SCHEME,
  authText,
  daemonProofText,
  decisionBatchText,
  decisionProofText,
} from '../protocol/daemon-proof.js';
import { aarmCommand } from './aarm-command.js';
import { inclusionRoot, leafHash } from '../protocol/merkle.js';
import { aarmHome } from '../protocol/state-layout.js';

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** batch signatures already checked on this connection, kept (most recent) to check each once */
const VERIFIED_BATCHES = 64;

export interface DaemonIdentity {
  /** the Authorization header: the token proven, never sent */
  authorization: string;
  /** the nonce the hello carries, which the daemon signs */
  nonce: string;
  /** whether the welcome proves the daemon holds one of its published keys */
  welcomeHolds(welcome: Welcome): boolean;
  /**
   * whether a decision is proven by that daemon for this connection and the action sent
   * (`actionText`): its leaf leads by its path to a root the daemon signed
   */
  decisionHolds(decision: DecisionMessage, actionText: string): boolean;
  /** import the published keys now (while waiting for the daemon), so the checks do not wait for it */
  prepare(): void;
}

/** The daemon's published public keys (`keys/public.json`), by key id. */
export function readDaemonKeys(homeDir: string): Map<string, string> {
  const file = aarmHome(homeDir).publicKeysFile;
  let list: Array<{ keyId?: unknown; publicKey?: unknown }>;
  try {
    list = JSON.parse(readFileSync(file, 'utf8')) as typeof list;
  } catch (error) {
    throw new Error(
      `cannot check that the daemon is the real one: \`${file}\` is unreadable (${(error as Error).message}); restart the daemon (\`${aarmCommand('daemon')}\`)`,
    );
  }
  const keys = new Map<string, string>();
  for (const key of Array.isArray(list) ? list : [])
    if (typeof key.keyId === 'string' && typeof key.publicKey === 'string')
      keys.set(key.keyId, key.publicKey);
  return keys;
}

export function daemonIdentity(token: string, keys: Map<string, string>, now = Date.now()): DaemonIdentity {
  const authNonce = randomBytes(24).toString('base64url');
  const nonce = randomBytes(24).toString('base64url');
  const mac = createHmac('sha256', token).update(authText(authNonce, now)).digest('base64url');
  let provenKey: string | undefined;
  const verifiedBatches = new Set<string>();
  const imported = new Map<string, KeyObject>();
  const importKey = (publicKey: string): KeyObject => {
    let key = imported.get(publicKey);
    if (key === undefined) {
      key = createPublicKey({
        key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(publicKey, 'base64url')]),
        format: 'der',
        type: 'spki',
      });
      imported.set(publicKey, key);
    }
    return key;
  };
  const holds = (publicKey: string | undefined, text: string, signature: string | undefined) => {
    if (publicKey === undefined || signature === undefined) return false;
    try {
      return verify(
        null,
        Buffer.from(text, 'utf8'),
        importKey(publicKey),
        Buffer.from(signature, 'base64url'),
      );
    } catch {
      return false;
    }
  };
  return {
    authorization: `${AUTH_SCHEME} nonce=${authNonce},time=${now},mac=${mac}`,
    nonce,
    welcomeHolds(welcome) {
      const publicKey = welcome.proof ? keys.get(welcome.proof.keyId) : undefined;
      if (!holds(publicKey, daemonProofText(nonce), welcome.proof?.signature)) return false;
      provenKey = publicKey;
      return true;
    },
    prepare() {
      for (const publicKey of keys.values())
        try {
          importKey(publicKey);
        } catch {
          // a key that cannot be imported proves nothing; `holds` says so when it is used
        }
    },
    decisionHolds(decision, actionText) {
      const proof = decision.proof;
      if (proof === undefined || provenKey === undefined) return false;
      const leaf = leafHash(
        decisionProofText(nonce, createHash('sha256').update(actionText, 'utf8').digest('hex'), decision),
      );
      const root = inclusionRoot(leaf, proof.index, proof.size, proof.path);
      if (root === undefined) return false;
      const signed = decisionBatchText(proof.size, root.toString('hex'));
      const batch = `${proof.sig}\n${signed}`;
      if (verifiedBatches.has(batch)) return true;
      if (!holds(provenKey, signed, proof.sig)) return false;
      if (verifiedBatches.size >= VERIFIED_BATCHES)
        verifiedBatches.delete(verifiedBatches.values().next().value!);
      verifiedBatches.add(batch);
      return true;
    },
  };
}
