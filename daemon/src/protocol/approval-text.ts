/** What approvers sign, and their keys' ids (no schemas: the lean client loads this). */
/** An approver key's id: a digest of its public key, short enough to read aloud and compare. */
export function approverKeyId(publicKeyBase64url: string, sha256Hex: (bytes: Uint8Array) => string): string {
  const hex = sha256Hex(Buffer.from(publicKeyBase64url, 'base64url'));
  return `apr-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
}

/** What a registration's proof signs: the key is held by whoever asks. */
export const registrationText = (publicKey: string, name: string) =>
  JSON.stringify(['aarm-approver-registration-1', publicKey, name]);

/**
 * What an approver signs to answer: exactly this request (its grant key, by SHA-256, so that the
 * receipt can keep the key with its secrets scrubbed and still be verified), this answer and this
 * scope.
 */
export const approvalText = (input: {
  approvalId: string;
  session: string;
  keySha256: string;
  answer: 'allow' | 'deny';
  scope: string;
}) =>
  JSON.stringify([
    'aarm-approval-2',
    input.approvalId,
    input.session,
    input.keySha256,
    input.answer,
    input.scope,
  ]);

/** What an approver signs to have the rule of a proposal written: the proposal, its approval, its text by SHA-256. */
export const ruleConfirmationText = (input: { proposalId: string; approvalId: string; textSha256: string }) =>
  JSON.stringify(['aarm-rule-1', input.proposalId, input.approvalId, input.textSha256]);

/** The first format, which signed the key itself: still verified in receipts that have no `keySha256`. */
export const approvalTextV1 = (input: {
  approvalId: string;
  session: string;
  key: string;
  answer: 'allow' | 'deny';
  scope: string;
}) =>
  JSON.stringify(['aarm-approval-1', input.approvalId, input.session, input.key, input.answer, input.scope]);
