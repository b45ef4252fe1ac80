/**
 * Client → server. `tools/call` (with or without an id), `resources/read`, `prompts/get`,
 * `completion/complete` and `logging/setLevel` are judged before they are forwarded; `initialize`,
 * `ping` and the list requests pass; anything else is refused with a JSON-RPC error. The client's
 * answers to the server's requests are matched to them and judged when they carry data.
 */
import {
  CODE,
  idKey,
  isRecord,
  printable,
  readMessage,
  rpcError,
  type JsonRpcId,
  type JsonRpcMessage,
  type Params,
} from './mcp-jsonrpc.js';
import { mapMcpRequest, mapMcpToolCall } from './mcp-mapping.js';
import { JUDGED_SERVER_REQUESTS, type ClientRequest, type ProxyCore } from './mcp-core.js';

/** Client requests that only list or handshake: they pass unjudged, rebuilt (passedParams). */
const PASSED_REQUESTS = new Set([
  'initialize',
  'ping',
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'prompts/list',
]);
/** Client requests that read or act: judged, with or without an id. */
const JUDGED_REQUESTS = new Set([
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
]);
/** Client notifications that pass unjudged: with no params (progress is rebuilt, `progress`). */
const PASSED_NOTIFICATIONS = new Set(['notifications/initialized', 'notifications/roots/list_changed']);

/** The longest list cursor, progress token or error message passed to the server unjudged. */
const MAX_CURSOR = 1024;
const MAX_TOKEN = 128;
const MAX_ERROR_MESSAGE = 1024;

const cut = (value: unknown, max: number) =>
  typeof value === 'string' ? (value.length > max ? value.slice(0, max) : value) : undefined;

/** Only booleans and objects of them (capabilities): no text rides along. */
function flags(value: unknown, depth = 0): Params | undefined {
  if (!isRecord(value) || depth > 3) return undefined;
  const out: Params = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'experimental' || k.length > 64) continue;
    if (typeof v === 'boolean') out[k] = v;
    else if (isRecord(v)) out[k] = flags(v, depth + 1) ?? {};
  }
  return out;
}

/**
 * INVARIANT: what passes to the server unjudged carries no data of the client's beyond the fields
 * the method defines: a request that only lists or handshakes is rebuilt from them (a cursor is
 * cut to MAX_CURSOR), anything else it carried is dropped.
 */
function passedParams(method: string, params: Params | undefined): Params | undefined {
  if (method === 'initialize') {
    const info = isRecord(params?.clientInfo) ? params.clientInfo : {};
    return {
      protocolVersion: cut(params?.protocolVersion, 64) ?? '',
      capabilities: flags(params?.capabilities) ?? {},
      clientInfo: {
        name: cut(info.name, 200) ?? '',
        version: cut(info.version, 200) ?? '',
        ...(typeof info.title === 'string' ? { title: cut(info.title, 200) } : {}),
      },
    };
  }
  if (method === 'ping') return undefined;
  const cursor = cut(params?.cursor, MAX_CURSOR);
  return cursor === undefined ? undefined : { cursor };
}

/** A tool call's own fields; a progress token (cut) is all of `_meta` that passes. */
function toolCallParams(params: Params): Params {
  const token = isRecord(params._meta) ? params._meta.progressToken : undefined;
  const progressToken = typeof token === 'number' ? token : cut(token, MAX_TOKEN);
  return {
    name: params.name,
    ...(params.arguments !== undefined ? { arguments: params.arguments } : {}),
    ...(progressToken !== undefined ? { _meta: { progressToken } } : {}),
  };
}

type Admitted = { pass: true; receiptIds: string[] } | { pass: false; answer?: Params };

/** Reads the client's lines; `drained` settles once what was read has been handled. */
export function fromClient(core: ProxyCore): {
  onLine: (text: string) => void;
  drained: () => Promise<void>;
} {
  const { ctx, log, pins, clientRequests, serverRequests, judge, outcome, idText } = core;

  /** Whether a client message may pass, with its receipts; if not, the answer the client gets. */
  const admit = async (
    method: string,
    params: Params | undefined,
    id: JsonRpcId | undefined,
  ): Promise<Admitted> => {
    // A call sent as a notification (no id) gets no answer, but is judged and refused all the same.
    const refuse = (answer: (id: JsonRpcId) => Params, text: string): Admitted => {
      log(text);
      return id === undefined ? { pass: false } : { pass: false, answer: answer(id) };
    };
    const asError = (code: number) => (text: string) => refuse((i) => rpcError(i, code, text), text);
    // A refused tool call is a tool result with isError, which MCP clients show the model.
    const asToolError = (text: string) =>
      refuse(
        (i) => ({ jsonrpc: '2.0', id: i, result: { content: [{ type: 'text', text }], isError: true } }),
        text,
      );
    // INVARIANT: every tools/call is judged, a notification (no id) too: it runs as well.
    if (method === 'tools/call') {
      const name = params?.name;
      const args = params?.arguments ?? {};
      if (typeof name !== 'string' || !isRecord(args))
        return asError(CODE.invalidParams)(
          'aarm: a tools/call without a tool name and an arguments object is not passed',
        );
      const held = pins.refusal(name);
      if (held) return asToolError(held);
      const judged = await judge(mapMcpToolCall(ctx, name, args), `\`${printable(name)}\``);
      return judged.ok ? { pass: true, receiptIds: judged.receiptIds } : asToolError(judged.text);
    }
    if (JUDGED_REQUESTS.has(method)) {
      const uri = typeof params?.uri === 'string' ? ` of \`${printable(params.uri)}\`` : '';
      const judged = await judge(mapMcpRequest(ctx, method, params ?? {}), `\`${method}\`${uri}`);
      return judged.ok ? { pass: true, receiptIds: judged.receiptIds } : asError(CODE.refused)(judged.text);
    }
    if (id === undefined ? PASSED_NOTIFICATIONS.has(method) : PASSED_REQUESTS.has(method))
      return { pass: true, receiptIds: [] };
    return asError(CODE.methodNotFound)(
      `aarm: the proxy does not pass \`${printable(method)}\` to the MCP server (not understood, so not forwarded)`,
    );
  };

  /** The message as it passes: rebuilt when it passes unjudged, its params as judged when judged. */
  const forwardable = (method: string, params: Params | undefined, id?: JsonRpcId): Params => {
    const rebuilt =
      method === 'tools/call' && params
        ? toolCallParams(params)
        : PASSED_REQUESTS.has(method) || PASSED_NOTIFICATIONS.has(method)
          ? passedParams(method, params)
          : params;
    return {
      jsonrpc: '2.0',
      ...(id !== undefined ? { id } : {}),
      method,
      ...(rebuilt !== undefined ? { params: rebuilt } : {}),
    };
  };

  /** The client's progress on a server request: only for a token the server gave, rebuilt. */
  const progress = (params: Params | undefined) => {
    const token = params?.progressToken;
    const asked = [...serverRequests.values()].some(
      (r) => r.progressToken !== undefined && r.progressToken === token,
    );
    if (!asked || typeof params?.progress !== 'number') {
      log('aarm: dropped a progress notification from the MCP client for no progress the server asked');
      return;
    }
    core.toServer({
      jsonrpc: '2.0',
      method: 'notifications/progress',
      params: {
        progressToken: token,
        progress: params.progress,
        ...(typeof params.total === 'number' ? { total: params.total } : {}),
      },
    });
  };

  // Client messages are judged one after the other, in the order the client sent them.
  let chain = Promise.resolve();
  const inOrder = (step: () => Promise<void> | void) => {
    chain = chain.then(step).catch((error: unknown) => log(`aarm: MCP proxy: ${(error as Error).message}`));
  };

  const request = (message: Extract<JsonRpcMessage, { kind: 'request' }>) => {
    const key = idKey(message.id)!;
    if (clientRequests.has(key)) {
      core.toClient(
        rpcError(
          message.id,
          CODE.invalidRequest,
          `aarm: request id ${idText(message.id)} is already in use by an unanswered request`,
        ),
      );
      return;
    }
    const entry: ClientRequest = {
      id: message.id,
      method: message.method,
      params: message.params,
      state: 'waiting',
      receiptIds: [],
    };
    clientRequests.set(key, entry);
    inOrder(async () => {
      const admitted =
        entry.state === 'cancelled' ? undefined : await admit(message.method, message.params, message.id);
      // INVARIANT: a request the client cancelled is never forwarded, whatever its judgement said.
      if (admitted === undefined || entry.state === 'cancelled') {
        if (admitted?.pass)
          outcome(admitted.receiptIds, 'error', 'not run: the client cancelled the request');
        return;
      }
      if (!admitted.pass) {
        clientRequests.delete(key);
        if (admitted.answer) core.toClient(admitted.answer);
        return;
      }
      entry.state = 'forwarded';
      entry.receiptIds = admitted.receiptIds;
      core.toServer(forwardable(message.method, message.params, message.id));
    });
  };

  const cancel = (params: Params | undefined) => {
    const key = idKey(params?.requestId);
    const entry = key === undefined ? undefined : clientRequests.get(key);
    if (key === undefined || entry === undefined || entry.state === 'cancelled') return;
    if (entry.state === 'waiting') {
      // The daemon's client cannot withdraw a submitted action: its answer is ignored when it comes.
      clientRequests.delete(key);
      log(
        `aarm: the client cancelled its \`${entry.method}\` request ${idText(entry.id)} before it was forwarded; it will not be, whatever its approval says`,
      );
    } else
      core.toServer({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: entry.id } });
    // A forwarded one stays until the server answers, for its outcome; the answer is not delivered.
    entry.state = 'cancelled';
  };

  /** The client's answer to a server request: matched to it, judged when it carries data to the server. */
  const answer = (message: Extract<JsonRpcMessage, { kind: 'response' }>) => {
    const key = idKey(message.id);
    const entry = key === undefined ? undefined : serverRequests.get(key);
    if (key === undefined || entry === undefined) {
      log(
        `aarm: dropped an answer from the MCP client that answers no request of the server (id ${idText(message.id)})`,
      );
      return;
    }
    serverRequests.delete(key);
    // The id the server sent, whatever spelling the client chose; an error is its code and message
    // only, the answer to a ping is empty: nothing unjudged rides along.
    const error = message.error;
    const reply: Params = error
      ? {
          jsonrpc: '2.0',
          id: entry.id,
          error: { code: error.code, message: cut(error.message, MAX_ERROR_MESSAGE) ?? '' },
        }
      : entry.method === 'ping'
        ? { jsonrpc: '2.0', id: entry.id, result: {} }
        : { jsonrpc: '2.0', id: entry.id, result: message.result };
    if (message.result === undefined || !JUDGED_SERVER_REQUESTS.has(entry.method)) {
      outcome(
        entry.receiptIds,
        message.result ? 'success' : 'error',
        message.result ? undefined : 'the client refused it',
      );
      return core.toServer(reply);
    }
    void judge(
      mapMcpRequest(ctx, `${entry.method}:answer`, message.result),
      `the answer to ${core.who}'s \`${entry.method}\``,
    ).then((judged) => {
      if (!judged.ok) {
        log(judged.text);
        outcome(entry.receiptIds, 'error', 'the answer was refused');
        return core.toServer(rpcError(entry.id, CODE.refused, judged.text));
      }
      outcome([...entry.receiptIds, ...judged.receiptIds], 'success');
      core.toServer(reply);
    });
  };

  return {
    onLine: (text) => {
      const read = readMessage(text);
      if (!read.ok) {
        log(`aarm: dropped a line from the MCP client that is not a single JSON-RPC message (${read.error})`);
        inOrder(() =>
          core.toClient(rpcError(null, CODE.parse, 'aarm: the proxy passes single JSON-RPC messages only')),
        );
        return;
      }
      const message = read.message;
      if (message.kind === 'response') return answer(message);
      if (message.kind === 'request') return request(message);
      // Handled at once, not in order: it must overtake the request it cancels.
      if (message.method === 'notifications/cancelled') return cancel(message.params);
      // At once too: it is about a server request, which the client's answer may end next.
      if (message.method === 'notifications/progress') return progress(message.params);
      inOrder(async () => {
        if ((await admit(message.method, message.params, undefined)).pass)
          core.toServer(forwardable(message.method, message.params));
      });
    },
    drained: () => chain,
  };
}
