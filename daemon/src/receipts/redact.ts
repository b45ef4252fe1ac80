/**
 * What of an action goes into its receipt (T9: no secrets in receipts). File contents, request
 * bodies, environment values and credential headers are replaced by their digest, so a receipt
 * still proves what was sent without holding it.
 */
import type { Action } from '../protocol/index.js';
import { sha256Hex } from './keys.js';

const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$|token|secret|password|api[-_]?key/i;

export function digestOf(text: string): string {
  return `[redacted sha256:${sha256Hex(text)} ${Buffer.byteLength(text)} bytes]`;
}

export function redactAction(action: Action): Record<string, unknown> {
  switch (action.tool) {
    case 'shell': {
      const { env, ...rest } = action.parameters;
      const parameters = env === undefined ? rest : { ...rest, env: mapValues(env, (_k, v) => digestOf(v)) };
      return { ...action, parameters };
    }
    case 'fs': {
      const { content, ...rest } = action.parameters;
      return {
        ...action,
        parameters: content === undefined ? rest : { ...rest, content: digestOf(content) },
      };
    }
    case 'net': {
      const { headers, body, ...rest } = action.parameters;
      return {
        ...action,
        parameters: {
          ...rest,
          ...(headers
            ? { headers: mapValues(headers, (k, v) => (SECRET_HEADER.test(k) ? digestOf(v) : v)) }
            : {}),
          ...(body !== undefined ? { body: digestOf(body) } : {}),
        },
      };
    }
    case 'mcp':
      return { ...action };
  }
}

function mapValues(
  record: Record<string, string>,
  fn: (key: string, value: string) => string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(k, v)]));
}
