/**
 * What of an action goes into its receipt (T9: no secrets in receipts). File contents, request
 * bodies, environment values and credential headers are replaced by their digest; shell commands,
 * URLs, other header values, MCP arguments (keys and values, at any depth) and the user's request
 * are scrubbed with the secrets catalogue (secrets.ts), each secret replaced by its digest. So a
 * receipt still proves what was sent without holding it. File paths are kept as they are.
 *
 * Only what is recorded or shown is redacted: policy judges the action as the agent sent it.
 */
import type { Action } from '../protocol/index.js';
import { digestOf, namesSecret, scrubDeep, scrubSecrets } from './secrets.js';

export { digestOf } from './secrets.js';

const SECRET_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key)$|token|secret|password|api[-_]?key/i;

export function redactAction(action: Action): Record<string, unknown> {
  const request = action.context?.request;
  const context =
    request === undefined ? {} : { context: { ...action.context, request: scrubSecrets(request) } };
  switch (action.tool) {
    case 'shell': {
      const { env, command, ...rest } = action.parameters;
      return {
        ...action,
        ...context,
        parameters: {
          ...rest,
          command: scrubSecrets(command),
          ...(env === undefined ? {} : { env: mapValues(env, (_k, v) => digestOf(v)) }),
        },
      };
    }
    case 'fs': {
      const { content, ...rest } = action.parameters;
      return {
        ...action,
        ...context,
        parameters: content === undefined ? rest : { ...rest, content: digestOf(content) },
      };
    }
    case 'net': {
      const { headers, body, url, ...rest } = action.parameters;
      return {
        ...action,
        ...context,
        parameters: {
          ...rest,
          url: scrubSecrets(url),
          ...(headers
            ? {
                headers: mapValues(headers, (k, v) =>
                  SECRET_HEADER.test(k) || namesSecret(k) ? digestOf(v) : scrubSecrets(v),
                ),
              }
            : {}),
          ...(body !== undefined ? { body: digestOf(body) } : {}),
        },
      };
    }
    case 'mcp':
      return {
        ...action,
        ...context,
        parameters: { ...action.parameters, arguments: scrubDeep(action.parameters.arguments) },
      };
  }
}

function mapValues(
  record: Record<string, string>,
  fn: (key: string, value: string) => string,
): Record<string, string> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fn(k, v)]));
}
