/**
 * What an approver reads of an action beyond its receipt form (R4: the human sees what will
 * happen). Receipts keep file contents, request bodies and environment values only as digests
 * (T9), but a human asked to allow a `.git/hooks/pre-commit` write, a POST or a command run with
 * `LD_PRELOAD` must read what is written, sent or set, or they approve blind. So the approval
 * request carries them, to approver connections only and never stored, with secret-shaped values
 * still masked (secrets.ts) and each text capped, saying how much of it there is in all.
 */
import type { Action, Disclosed, ShownText } from '../protocol/index.js';
import { HIJACKING_VARIABLES } from '../mediation/shell/variables.js';
import { digestOf, namesSecret, scrubSecrets } from '../receipts/secrets.js';

/** The most of a file's content or a request's body an approver is sent. */
export const SHOWN_TEXT_BYTES = 64 * 1024;
/** The most of one environment value an approver is sent. */
export const SHOWN_ENV_BYTES = 4 * 1024;

const DIGEST = /\[redacted sha256:[0-9a-f]{64} [0-9]{1,16} bytes\]/g;

/** `text` with its secrets masked, cut to `maxBytes` at a character boundary. */
export function shownText(text: string, maxBytes: number): ShownText {
  const masked = scrubSecrets(text);
  const bytes = Buffer.from(masked);
  let end = Math.min(maxBytes, bytes.length);
  // back off to the start of a UTF-8 sequence, so no character is split
  while (end < bytes.length && end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  const shown = bytes.subarray(0, end).toString('utf8');
  return {
    text: shown,
    bytes: Buffer.byteLength(text),
    shownBytes: end,
    cut: end < bytes.length,
    masked: countOf(masked) - countOf(text),
  };
}

function countOf(text: string): number {
  return text.length > 1024 * 1024 ? 0 : (text.match(DIGEST)?.length ?? 0);
}

/** Variables that change which programs or code run, or how (`PATH`, `LD_PRELOAD`, `GIT_*` …). */
export function changesPrograms(name: string): boolean {
  return name === 'PATH' || HIJACKING_VARIABLES.test(name) || /^GIT_/.test(name);
}

export function disclosedFor(action: Action): Disclosed | undefined {
  switch (action.tool) {
    case 'fs':
      return action.parameters.content === undefined
        ? undefined
        : { content: shownText(action.parameters.content, SHOWN_TEXT_BYTES) };
    case 'net':
      return action.parameters.body === undefined
        ? undefined
        : { body: shownText(action.parameters.body, SHOWN_TEXT_BYTES) };
    case 'shell': {
      const env = Object.entries(action.parameters.env ?? {});
      if (env.length === 0) return undefined;
      return {
        env: env.map(([name, value]) => {
          const secret = namesSecret(name);
          return {
            name,
            // a value whose name says secret is all secret: only its digest
            value: secret ? shownText(digestOf(value), SHOWN_ENV_BYTES) : shownText(value, SHOWN_ENV_BYTES),
            changesPrograms: changesPrograms(name),
            secret,
          };
        }),
      };
    }
    case 'mcp':
      // its arguments are in the action, scrubbed of secrets only
      return undefined;
  }
}
