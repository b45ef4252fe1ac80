/**
 * The approver keys the daemon trusts (T1, R4). A key asks to register with proof that its
 * holder has it; it approves nothing until a human confirms it from a terminal. Registered keys
 * are kept by `save` (signed by the daemon, state/approvers-file.ts); pending ones only in memory.
 */
import { approverKeyId, registrationText, type ApproverKey, type Result } from '../protocol/index.js';
import type { Clock } from './clock.js';

export interface ApproverRegistry {
  list(): ApproverKey[];
  register(input: { publicKey: string; name: string; proof: string }): Result<{ key: ApproverKey }>;
  confirm(keyId: string): Result<{ key: ApproverKey }>;
  remove(keyId: string): boolean;
  /** The registered key that signed `text`, if the signature holds. */
  check(keyId: string, text: string, signature: string): Result<{ key: ApproverKey }>;
}

/** Pending registrations kept at once; more push out the oldest (a flood cannot grow memory). */
const MAX_PENDING = 16;

export function createApproverRegistry(options: {
  registered: ApproverKey[];
  save: (registered: ApproverKey[]) => void;
  clock: Clock;
  verify: (publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array) => boolean;
  sha256Hex: (bytes: Uint8Array) => string;
}): ApproverRegistry {
  const registered = new Map(options.registered.map((k) => [k.keyId, k]));
  const pending = new Map<string, ApproverKey>();
  const signedBy = (publicKey: string, text: string, signature: string) => {
    try {
      return options.verify(
        Buffer.from(publicKey, 'base64url'),
        Buffer.from(text, 'utf8'),
        Buffer.from(signature, 'base64url'),
      );
    } catch {
      return false;
    }
  };
  const save = () => options.save([...registered.values()]);
  return {
    list: () => [...registered.values(), ...pending.values()],
    register({ publicKey, name, proof }) {
      if (!signedBy(publicKey, registrationText(publicKey, name), proof))
        return {
          ok: false,
          error: 'the registration proof is not a signature by that key over its registration',
        };
      const keyId = approverKeyId(publicKey, options.sha256Hex);
      const known = registered.get(keyId) ?? pending.get(keyId);
      if (known) return { ok: true, key: known };
      const key: ApproverKey = { keyId, name, publicKey, status: 'pending', requested: options.clock.iso() };
      pending.set(keyId, key);
      if (pending.size > MAX_PENDING) pending.delete(pending.keys().next().value!);
      return { ok: true, key };
    },
    confirm(keyId) {
      const key = pending.get(keyId);
      if (!key)
        return registered.has(keyId)
          ? { ok: true, key: registered.get(keyId)! }
          : {
              ok: false,
              error: `no approver key \`${keyId}\` is waiting; open the approver (VS Code) so it asks again`,
            };
      pending.delete(keyId);
      const confirmed: ApproverKey = { ...key, status: 'registered', confirmed: options.clock.iso() };
      registered.set(keyId, confirmed);
      save();
      return { ok: true, key: confirmed };
    },
    remove(keyId) {
      const removed = registered.delete(keyId) || pending.delete(keyId);
      if (removed) save();
      return removed;
    },
    check(keyId, text, signature) {
      const key = registered.get(keyId);
      if (!key)
        return {
          ok: false,
          error: pending.has(keyId)
            ? `approver key \`${keyId}\` is not confirmed yet: run \`aarm approvers confirm ${keyId}\` in a terminal`
            : `approver key \`${keyId}\` is not registered with this daemon`,
        };
      if (!signedBy(key.publicKey, text, signature))
        return { ok: false, error: `the signature is not by approver key \`${keyId}\` over this answer` };
      return { ok: true, key };
    },
  };
}
