/**
 * Who may talk to the daemon at all. INVARIANT: a web page must never reach it (cross-site
 * WebSocket hijacking, DNS rebinding): no browser Origin, a loopback Host. The role comes from
 * the credential alone; an agent's token never makes an approver. Our own clients never send the
 * token: they prove it with an HMAC over a fresh nonce and the time, accepted once
 * (protocol/daemon-proof.ts); `Bearer` stays for hooks an agent's own settings configure.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AUTH_WINDOW_MS, authText, parseAuthHeader, type Result, type Role } from '../protocol/index.js';

export interface Credentials {
  agentToken: string;
  approverToken: string;
}

export interface Admission {
  /** The role the request's credential gives it, or why it may not talk to the daemon. */
  admit(req: IncomingMessage): Result<{ role: Role | undefined }>;
}

export function createAdmission(credentials: Credentials, now: () => number = Date.now): Admission {
  /** nonces already used, and when they may be forgotten (after the time window has passed them) */
  const used = new Map<string, number>();
  const byHmac = (header: string): Role | undefined => {
    const auth = parseAuthHeader(header);
    const time = now();
    if (!auth || Math.abs(time - auth.time) > AUTH_WINDOW_MS || used.has(auth.nonce)) return undefined;
    const text = authText(auth.nonce, auth.time);
    const role = macEquals(credentials.agentToken, text, auth.mac)
      ? 'agent'
      : macEquals(credentials.approverToken, text, auth.mac)
        ? 'approver'
        : undefined;
    if (role === undefined) return undefined;
    for (const [nonce, until] of used) if (until < time) used.delete(nonce);
    used.set(auth.nonce, time + 2 * AUTH_WINDOW_MS);
    return role;
  };
  return {
    admit(req) {
      if (req.headers.origin !== undefined) return { ok: false, error: 'browser origins are not accepted' };
      const host = (req.headers.host ?? '').replace(/:\d+$/, '');
      if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
        return { ok: false, error: 'unexpected Host: connect to 127.0.0.1' };
      const header = req.headers.authorization ?? '';
      if (header.startsWith('Bearer '))
        return { ok: true, role: roleFor(header.slice('Bearer '.length), credentials) };
      return { ok: true, role: byHmac(header) };
    },
  };
}

export function roleFor(bearer: string, credentials: Credentials): Role | undefined {
  if (tokensEqual(credentials.agentToken, bearer)) return 'agent';
  if (tokensEqual(credentials.approverToken, bearer)) return 'approver';
  return undefined;
}

/** The `mac` a client sends for `text` with `token`. */
export function authMac(token: string, text: string): string {
  return createHmac('sha256', token).update(text).digest('base64url');
}

function macEquals(token: string, text: string, mac: string): boolean {
  return tokensEqual(authMac(token, text), mac);
}

export function tokensEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
