/**
 * The JSON-RPC the MCP proxy reads in both directions: one message a line (stdio transport), read
 * once and re-serialised, and ids matched the way MCP clients match them.
 */
import type { Result } from '../protocol/index.js';

export type JsonRpcId = string | number;
export type Params = Record<string, unknown>;

export type JsonRpcMessage =
  | { kind: 'request'; id: JsonRpcId; method: string; params: Params | undefined; raw: Params }
  | { kind: 'notification'; method: string; params: Params | undefined; raw: Params }
  | { kind: 'response'; id: unknown; result?: Params; error?: Params; raw: Params };

export const isRecord = (value: unknown): value is Params =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const validId = (id: unknown): id is JsonRpcId =>
  typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));

/**
 * INVARIANT: only a single JSON-RPC 2.0 object passes, in either direction. A line another parser
 * reads differently (`NaN`, a batch, a bare value) could hide a message from us or show the peer
 * one we never saw; what passes is re-serialised from what we read, so duplicate keys cannot
 * mean one thing to us and another to the peer.
 */
export function readMessage(line: string): Result<{ message: JsonRpcMessage }> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, error: 'not JSON' };
  }
  if (Array.isArray(value)) return { ok: false, error: 'a batch' };
  if (!isRecord(value)) return { ok: false, error: 'not a JSON object' };
  if (value.jsonrpc !== '2.0') return { ok: false, error: 'not JSON-RPC 2.0' };
  if ('method' in value) {
    if (typeof value.method !== 'string' || value.method === '')
      return { ok: false, error: 'a method that is not a string' };
    if ('result' in value || 'error' in value)
      return { ok: false, error: 'both a method and a result or error' };
    if (value.params !== undefined && !isRecord(value.params))
      return { ok: false, error: 'params that are not an object' };
    const params = value.params;
    if (!('id' in value))
      return { ok: true, message: { kind: 'notification', method: value.method, params, raw: value } };
    if (!validId(value.id)) return { ok: false, error: 'a request id that is neither a string nor a number' };
    return { ok: true, message: { kind: 'request', id: value.id, method: value.method, params, raw: value } };
  }
  if (!('id' in value)) return { ok: false, error: 'neither a method nor an id' };
  const hasResult = 'result' in value;
  if (hasResult === 'error' in value)
    return { ok: false, error: 'a response without exactly one of result and error' };
  if (hasResult && !isRecord(value.result)) return { ok: false, error: 'a result that is not an object' };
  if (
    !hasResult &&
    !(isRecord(value.error) && Number.isInteger(value.error.code) && typeof value.error.message === 'string')
  )
    return { ok: false, error: 'an error without a numeric code and a message' };
  return {
    ok: true,
    message: {
      kind: 'response',
      id: value.id,
      ...(hasResult ? { result: value.result as Params } : { error: value.error as Params }),
      raw: value,
    },
  };
}

/**
 * The id as clients match it: the TypeScript SDK looks answers up by `Number(id)`, so `"1"` and `1`
 * are one id to it. Undefined for what can name no request (null, booleans, objects).
 */
export function idKey(id: unknown): string | undefined {
  if (!validId(id)) return undefined;
  const n = Number(id);
  return Number.isFinite(n) ? `#${n}` : `$${id}`;
}

export const line = (message: Params) => `${JSON.stringify(message)}\n`;

export const rpcError = (id: JsonRpcId | null, code: number, message: string): Params => ({
  jsonrpc: '2.0',
  id,
  error: { code, message },
});

/** JSON-RPC and MCP error codes the proxy answers with. */
export const CODE = {
  parse: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  /** in the range JSON-RPC leaves to servers: aarm refused it */
  refused: -32001,
} as const;

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const CONTROL_ALL = new RegExp(CONTROL.source, 'g');

/** Whether a string anywhere in `value` holds terminal control bytes or bidirectional overrides. */
export function hasControlCharacters(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return CONTROL.test(value);
  if (depth > 64) return true;
  if (Array.isArray(value)) return value.some((v) => hasControlCharacters(v, depth + 1));
  if (isRecord(value))
    return Object.entries(value).some(
      ([k, v]) => hasControlCharacters(k, depth + 1) || hasControlCharacters(v, depth + 1),
    );
  return false;
}

/** Text from a peer made safe for a terminal: control bytes shown as escapes, cut to `max`. */
export function printable(text: string, max = 120): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(CONTROL_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
