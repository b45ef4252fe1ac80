/**
 * The approver keys the daemon trusts (T1, R4). A key asks to register with proof that its
 * holder has it; it approves nothing until a human confirms it from a terminal. Registered keys
 * are kept by `save` (signed by the daemon, state/approvers-file.ts); pending ones only in memory.
 * A terminal approver's key (`aarm approve`) is ephemeral: it belongs to one connection (its
 * `owner`), is confirmed and used only from it, is never saved, and is forgotten when it closes.
 */
import { approverKeyId, registrationText, type ApproverKey, type Result } from '../protocol/index.js';
import type { Clock } from './clock.js';

export interface ApproverRegistry {
  list(): ApproverKey[];
  /** `owner`: the connection an ephemeral key belongs to */
  register(
    input: { publicKey: string; name: string; proof: string; ephemeral?: boolean | undefined },
    owner?: object,
  ): Result<{ key: ApproverKey }>;
  /** `by`: the connection asking (an ephemeral key is confirmed only by its own) */
  confirm(keyId: string, by?: object): Result<{ key: ApproverKey }>;
  remove(keyId: string): boolean;
  /** The registered key that signed `text`, if the signature holds (an ephemeral one only from its own connection). */
  check(keyId: string, text: string, signature: string, by?: object): Result<{ key: ApproverKey }>;
  /** A connection closed: its ephemeral keys approve nothing more. */
  forget(owner: object): void;
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
  /** the connection each ephemeral key belongs to */
  const owners = new Map<string, object>();
  const notOwner = (keyId: string, by: object | undefined) => owners.has(keyId) && owners.get(keyId) !== by;
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
  const save = () => options.save([...registered.values()].filter((k) => !k.ephemeral));
  return {
    list: () => [...registered.values(), ...pending.values()],
    register({ publicKey, name, proof, ephemeral }, owner) {
      if (!signedBy(publicKey, registrationText(publicKey, name), proof))
        return {
          ok: false,
          error: 'the registration proof is not a signature by that key over its registration',
        };
      const keyId = approverKeyId(publicKey, options.sha256Hex);
      const known = registered.get(keyId) ?? pending.get(keyId);
      if (known) {
        if (notOwner(keyId, owner) || (ephemeral === true) !== (known.ephemeral === true))
          return { ok: false, error: `approver key \`${keyId}\` is already registered another way` };
        return { ok: true, key: known };
      }
      if (ephemeral && owner === undefined)
        return { ok: false, error: 'an ephemeral approver key needs a connection to belong to' };
      const key: ApproverKey = {
        keyId,
        name,
        publicKey,
        status: 'pending',
        requested: options.clock.iso(),
        ...(ephemeral ? { ephemeral: true } : {}),
      };
      pending.set(keyId, key);
      if (ephemeral) owners.set(keyId, owner!);
      if (pending.size > MAX_PENDING) {
        const oldest = pending.keys().next().value!;
        pending.delete(oldest);
        owners.delete(oldest);
      }
      return { ok: true, key };
    },
    confirm(keyId, by) {
      if (notOwner(keyId, by))
        return {
          ok: false,
          error: `approver key \`${keyId}\` belongs to one terminal's \`aarm approve\` and is confirmed there, by answering its question`,
        };
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
      if (!confirmed.ephemeral) save();
      return { ok: true, key: confirmed };
    },
    remove(keyId) {
      const removed = registered.delete(keyId) || pending.delete(keyId);
      if (removed && !owners.delete(keyId)) save();
      return removed;
    },
    forget(owner) {
      for (const [keyId, keyOwner] of owners) {
        if (keyOwner !== owner) continue;
        owners.delete(keyId);
        registered.delete(keyId);
        pending.delete(keyId);
      }
    },
    check(keyId, text, signature, by) {
      if (notOwner(keyId, by))
        return {
          ok: false,
          error: `approver key \`${keyId}\` is a terminal's key for its own connection: it answers nothing from another`,
        };
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
