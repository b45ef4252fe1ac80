/**
 * Who may talk to the daemon at all. INVARIANT: a web page must never reach it (cross-site
 * WebSocket hijacking, DNS rebinding): no browser Origin, a loopback Host. The role comes from
 * the credential alone; an agent's token never makes an approver.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Result, Role } from '../protocol/index.js';

export interface Credentials {
  agentToken: string;
  approverToken: string;
}

/** The bearer token a request carries, if it may talk to the daemon at all. */
export function admit(req: IncomingMessage): Result<{ bearer: string }> {
  if (req.headers.origin !== undefined) return { ok: false, error: 'browser origins are not accepted' };
  const host = (req.headers.host ?? '').replace(/:\d+$/, '');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host))
    return { ok: false, error: 'unexpected Host: connect to 127.0.0.1' };
  const auth = req.headers.authorization ?? '';
  return { ok: true, bearer: auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : '' };
}

export function roleFor(bearer: string, credentials: Credentials): Role | undefined {
  if (tokensEqual(credentials.agentToken, bearer)) return 'agent';
  if (tokensEqual(credentials.approverToken, bearer)) return 'approver';
  return undefined;
}

export function tokensEqual(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
