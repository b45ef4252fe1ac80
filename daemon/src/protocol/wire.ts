/**
 * What every client needs at run time and nothing else: versions, frame text, the words for a
 * decision. No schemas here: the lean CLI (hooks, `aarm shell`) loads this, not zod (issue 20).
 */
import type { DecisionMessage } from './messages.js';

export const PROTOCOL_VERSION = 1;
/** The version of aarm (daemon and clients), reported in `welcome` and `status`. */
export const DAEMON_VERSION = '0.1.0';

export function frameText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

/** A message from the daemon read as JSON, or why a client cannot read it (both checks say it so). */
export type ServerRead<T> = { ok: true; value: T } | { ok: false; error: string };

export function serverJson(text: string): ServerRead<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: `the daemon sent something that is not JSON: ${(error as Error).message}` };
  }
}

export const cannotRead = (problem: string): { ok: false; error: string } => ({
  ok: false,
  error: `the daemon sent a message this client cannot read (${problem})`,
});

/**
 * How adapters say a decision to an agent or its user: `deny by rule R: reason (receipt …)`. The
 * word is what happens in the end: a step-up or deferral that ended in a refusal says `deny`.
 */
export function describeDecision(reply: DecisionMessage, reason = reply.decision.reason): string {
  const { decision, rule } = reply.decision;
  const word = reply.verdict === 'deny' && decision !== 'deny' ? `deny (${decision})` : decision;
  return `${word} by rule ${rule}: ${reason} (receipt ${reply.receiptId})`;
}
