/**
 * Approvers a same-user agent cannot impersonate (T1, R4). An approver holds its own Ed25519 key
 * (the VS Code extension keeps it in SecretStorage, never in a file), registers its public key
 * with the daemon, and a human confirms the registration from a terminal (`aarm approvers
 * confirm KEY-ID`) after seeing the same key id in the approver. Every "allow" is signed over
 * exactly what was approved; the daemon checks the signature, and the receipt keeps it.
 */
import { z } from 'zod';

const Id = z.string().min(1).max(128);
/** a raw 32-byte Ed25519 public key, base64url */
const PublicKeyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a raw Ed25519 public key, base64url');
const SignatureText = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'an Ed25519 signature, base64url');

/** approver → daemon: register this key; `proof` signs `registrationText(publicKey, name)` */
export const RegisterApproverSchema = z.strictObject({
  type: z.literal('register_approver'),
  id: Id,
  publicKey: PublicKeyText,
  name: z.string().min(1).max(100),
  proof: SignatureText,
  /**
   * a terminal approver's key for this one connection (`aarm approve`): kept in memory only,
   * confirmed from that connection, and forgotten when it closes
   */
  ephemeral: z.boolean().optional(),
});

/** a human, from a terminal: the pending approver key with this id is theirs */
export const ConfirmApproverSchema = z.strictObject({
  type: z.literal('confirm_approver'),
  id: Id,
  keyId: z.string().min(1).max(64),
});

/** list the approver keys, registered and pending */
export const ListApproversSchema = z.strictObject({ type: z.literal('approvers'), id: Id });

/** a human, from a terminal or a registered approver: this key approves no more */
export const RemoveApproverSchema = z.strictObject({
  type: z.literal('remove_approver'),
  id: Id,
  keyId: z.string().min(1).max(64),
});

export const ApproverKeySchema = z.object({
  keyId: z.string(),
  name: z.string(),
  publicKey: z.string(),
  status: z.enum(['registered', 'pending']),
  /** when it asked, and when a human confirmed it */
  requested: z.string(),
  confirmed: z.string().optional(),
  /** a terminal's key for one connection: gone when it closes, never saved */
  ephemeral: z.boolean().optional(),
});
export type ApproverKey = z.infer<typeof ApproverKeySchema>;

/** daemon → client: the approver keys */
export const ApproversResultSchema = z.object({
  type: z.literal('approvers'),
  id: z.string(),
  approvers: z.array(ApproverKeySchema),
});

/** daemon → approver: where its registration stands */
export const ApproverRegistrationSchema = z.object({
  type: z.literal('approver_registration'),
  id: z.string(),
  keyId: z.string(),
  status: z.enum(['registered', 'pending']),
  /** what the human runs to confirm it, while pending */
  confirmWith: z.string().optional(),
});

export {
  approverKeyId,
  registrationText,
  approvalText,
  approvalTextV1,
  ruleConfirmationText,
} from './approval-text.js';
