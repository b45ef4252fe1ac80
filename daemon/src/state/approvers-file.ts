/**
 * `$AARM_HOME/approvers.json`: the registered approver keys, signed by the daemon's key. A file
 * edited outside aarm (a key added by hand, the signature gone) is not trusted: no key from it
 * approves anything, and the log says why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { ApproverKeySchema, type ApproverKey } from '../protocol/index.js';
import { canonicalize } from '../receipts/canonical.js';
import { signCanonical, verifyWithNodeCrypto, type SigningKey } from '../receipts/keys.js';
import { writePrivateFile } from './home.js';

const FileSchema = z.object({ keys: z.array(ApproverKeySchema), keyId: z.string(), sig: z.string() });

export function loadApprovers(file: string, keys: SigningKey[], log: (line: string) => void): ApproverKey[] {
  if (!existsSync(file)) return [];
  try {
    const parsed = FileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    const key = keys.find((k) => k.keyId === parsed.keyId);
    const text = Buffer.from(canonicalize(parsed.keys), 'utf8');
    if (key && verifyWithNodeCrypto(key.publicKey, text, Buffer.from(parsed.sig, 'base64url')))
      return parsed.keys.filter((k) => k.status === 'registered');
    log(
      `APPROVERS NOT TRUSTED: \`${file}\` is not signed by this daemon; no approver key is registered until one is confirmed again (\`aarm approvers confirm\`)`,
    );
  } catch (error) {
    log(
      `APPROVERS NOT TRUSTED: \`${file}\` cannot be read (${(error as Error).message}); no approver key is registered until one is confirmed again`,
    );
  }
  return [];
}

export function saveApprovers(file: string, key: SigningKey, approvers: ApproverKey[]): void {
  const sig = signCanonical(key, canonicalize(approvers));
  writePrivateFile(file, `${JSON.stringify({ keys: approvers, keyId: key.keyId, sig }, null, 2)}\n`);
}
