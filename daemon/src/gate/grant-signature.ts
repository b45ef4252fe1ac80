/**
 * Grants are signed by the daemon when a human's answer makes them (T7): a row written into the
 * database by anything else (an agent with write access, an edit while the daemon was stopped)
 * covers nothing, and is listed as untrusted.
 */
import type { Grant, PublicKey } from '../protocol/index.js';
import { canonicalize } from '../receipts/canonical.js';
import { publicKeyMap, signCanonical, verifyWithNodeCrypto, type SigningKey } from '../receipts/keys.js';

/** What a grant's signature covers: every field but the signature and the listing's marks. */
function signedPart(grant: Grant): string {
  const { sig: _sig, untrusted: _untrusted, revoked: _revoked, ...rest } = grant;
  return canonicalize(rest);
}

export function signGrant(key: SigningKey, grant: Grant): Grant {
  const unsigned = { ...grant, keyId: key.keyId };
  return { ...unsigned, sig: signCanonical(key, signedPart(unsigned)) };
}

export function grantHolds(keys: PublicKey[], grant: Grant): boolean {
  if (grant.keyId === undefined || grant.sig === undefined) return false;
  const publicKey = publicKeyMap(keys).get(grant.keyId);
  if (publicKey === undefined) return false;
  try {
    return verifyWithNodeCrypto(
      publicKey,
      Buffer.from(signedPart(grant), 'utf8'),
      Buffer.from(grant.sig, 'base64url'),
    );
  } catch {
    return false;
  }
}
