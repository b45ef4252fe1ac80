/**
 * Server → client. An answer reaches the client only for a request of its that was forwarded, under
 * the id the client sent; the server's instructions, serverInfo, tool descriptions, resources,
 * resource templates and prompts are reported to the daemon as untrusted input before the client
 * sees them, and tools pass their pins;
 * `sampling/createMessage`, `roots/list` and `elicitation/create` are judged; known notifications
 * pass; anything else is dropped, with a log line.
 */
import { createHash } from 'node:crypto';
import {
  CODE,
  hasControlCharacters,
  idKey,
  isRecord,
  printable,
  readMessage,
  rpcError,
  type JsonRpcMessage,
  type Params,
} from './mcp-jsonrpc.js';
import { mapMcpRequest } from './mcp-mapping.js';
import { toolFingerprint } from './mcp-pins.js';
import { JUDGED_SERVER_REQUESTS, type ClientRequest, type ProxyCore } from './mcp-core.js';

const PASSED_NOTIFICATIONS = new Set([
  'notifications/message',
  'notifications/progress',
  'notifications/tools/list_changed',
  'notifications/resources/list_changed',
  'notifications/resources/updated',
  'notifications/prompts/list_changed',
  'notifications/elicitation/complete',
]);

/** Reads the server's lines. */
export function fromServer(core: ProxyCore): { onLine: (text: string) => void } {
  const { ctx, who, log, pins, clientRequests, serverRequests, judge, outcome, idText } = core;
  /** tool fingerprints already reported to the daemon as untrusted input */
  const reported = new Set<string>();

  /**
   * The server's instructions and serverInfo reach the client only as reported, untrusted input of
   * the session (their text is the server's, like a tool description).
   */
  const reviewInitialize = async (answer: Params, result: Params): Promise<Params> => {
    const { instructions, serverInfo: info, ...rest } = result;
    const hasInstructions = instructions !== undefined && instructions !== '';
    if (!hasInstructions && info === undefined) return answer;
    // What the client is shown of a server whose serverInfo was refused: its name in policy.
    const plain = { name: ctx.server.name, version: '0' };
    let serverInfo = info;
    if (!isRecord(info) || hasControlCharacters(info)) {
      log(`aarm: ${who}'s serverInfo was withheld from the client: it is not plain text`);
      serverInfo = plain;
    }
    const shown = (withInstructions: boolean, shownInfo: unknown): Params => ({
      ...answer,
      result: { ...rest, serverInfo: shownInfo, ...(withInstructions ? { instructions } : {}) },
    });
    if (hasInstructions && (typeof instructions !== 'string' || hasControlCharacters(instructions))) {
      log(`aarm: ${who}'s instructions were withheld from the client: they are not plain text`);
      return reviewInitialize(shown(false, serverInfo), { ...rest, serverInfo });
    }
    const report = mapMcpRequest(ctx, 'initialize', {
      ...(hasInstructions ? { instructions } : {}),
      ...(serverInfo !== plain ? { serverInfo } : {}),
    });
    if (serverInfo === plain && !hasInstructions) return shown(false, plain);
    const judged = await judge(report, `the instructions of ${who}`);
    if (!judged.ok) {
      log(`aarm: ${who}'s instructions and serverInfo were withheld from the client: ${judged.text}`);
      return shown(false, plain);
    }
    outcome(judged.receiptIds, 'success');
    return shown(hasInstructions, serverInfo);
  };

  /** What else a server says of itself, reported like tool descriptions: the list's key, by method. */
  const SELF_DESCRIBED_LISTS: Record<string, string> = {
    'resources/list': 'resources',
    'resources/templates/list': 'resourceTemplates',
    'prompts/list': 'prompts',
  };
  /** resources, templates and prompts already reported, by method and sha256 */
  const reportedItems = new Set<string>();

  /** Resources, resource templates and prompts not yet reported are reported as untrusted input. */
  const reviewList = async (answer: Params, result: Params, entry: ClientRequest): Promise<Params> => {
    const key = SELF_DESCRIBED_LISTS[entry.method]!;
    const items = result[key];
    if (!Array.isArray(items)) {
      log(`aarm: ${who} answered ${entry.method} without a list`);
      return rpcError(entry.id, CODE.refused, `aarm: ${who} answered ${entry.method} without a list`);
    }
    const id = (item: unknown) =>
      `${entry.method} ${createHash('sha256')
        .update(JSON.stringify(item) ?? '')
        .digest('hex')}`;
    const fresh = items.filter((item) => !reportedItems.has(id(item)));
    if (fresh.length > 0) {
      const judged = await judge(
        mapMcpRequest(ctx, entry.method, { [key]: fresh }),
        `the ${key === 'resourceTemplates' ? 'resource templates' : key} of ${who}`,
      );
      if (!judged.ok) {
        log(judged.text);
        return rpcError(entry.id, CODE.refused, `${judged.text}; the list was withheld`);
      }
      for (const item of fresh) reportedItems.add(id(item));
      outcome(judged.receiptIds, 'success');
    }
    return answer;
  };

  /** Tools pass their pins, and descriptions not yet reported are reported as untrusted input. */
  const reviewToolList = async (answer: Params, result: Params, entry: ClientRequest): Promise<Params> => {
    if (!Array.isArray(result.tools)) {
      log(`aarm: ${who} answered tools/list without a tool list`);
      return rpcError(entry.id, CODE.refused, `aarm: ${who} answered tools/list without a tool list`);
    }
    const shown = pins.review(result.tools, {
      continues: typeof entry.params?.cursor === 'string',
      last: result.nextCursor === undefined,
    });
    const fresh = shown.filter((tool) => !reported.has(toolFingerprint(tool)));
    if (fresh.length > 0) {
      const judged = await judge(
        mapMcpRequest(ctx, 'tools/list', { tools: fresh }),
        `the tool descriptions of ${who}`,
      );
      if (!judged.ok) {
        log(judged.text);
        return rpcError(entry.id, CODE.refused, `${judged.text}; the tool list was withheld`);
      }
      for (const tool of fresh) reported.add(toolFingerprint(tool));
      outcome(judged.receiptIds, 'success');
    }
    return { ...answer, result: { ...result, tools: shown } };
  };

  const response = async (message: Extract<JsonRpcMessage, { kind: 'response' }>) => {
    const key = idKey(message.id);
    const entry = key === undefined ? undefined : clientRequests.get(key);
    // INVARIANT: an answer reaches the client only for a request of its that was forwarded.
    if (key === undefined || entry === undefined || entry.state === 'waiting') {
      log(
        `aarm: dropped an answer from ${who} to no request the client is waiting for (id ${idText(message.id)})`,
      );
      return;
    }
    clientRequests.delete(key);
    const failed = message.error !== undefined || message.result?.isError === true;
    outcome(
      entry.receiptIds,
      failed ? 'error' : 'success',
      failed ? 'the MCP server reported an error' : undefined,
    );
    if (entry.state === 'cancelled') return;
    // The id the client sent, whatever spelling the server chose: the client matches it as we did.
    let answer: Params = { ...message.raw, id: entry.id };
    if (message.result && entry.method === 'initialize')
      answer = await reviewInitialize(answer, message.result);
    if (message.result && entry.method === 'tools/list')
      answer = await reviewToolList(answer, message.result, entry);
    if (message.result && Object.hasOwn(SELF_DESCRIBED_LISTS, entry.method))
      answer = await reviewList(answer, message.result, entry);
    core.toClient(answer);
  };

  const request = async (message: Extract<JsonRpcMessage, { kind: 'request' }>) => {
    const key = idKey(message.id)!;
    const refuse = (code: number, text: string) => {
      log(text);
      core.toServer(rpcError(message.id, code, text));
    };
    if (serverRequests.has(key))
      return refuse(
        CODE.invalidRequest,
        `aarm: ${who} reused request id ${idText(message.id)} of an unanswered request`,
      );
    if (message.method !== 'ping' && !JUDGED_SERVER_REQUESTS.has(message.method))
      return refuse(
        CODE.methodNotFound,
        `aarm: the proxy does not pass ${who}'s \`${printable(message.method)}\` to the client (not understood, so not forwarded)`,
      );
    let receiptIds: string[] = [];
    if (message.method !== 'ping') {
      const judged = await judge(
        mapMcpRequest(ctx, message.method, message.params ?? {}),
        `${who}'s \`${message.method}\``,
      );
      if (!judged.ok) return refuse(CODE.refused, judged.text);
      receiptIds = judged.receiptIds;
    }
    const token = isRecord(message.params?._meta) ? message.params._meta.progressToken : undefined;
    serverRequests.set(key, {
      id: message.id,
      method: message.method,
      receiptIds,
      ...(typeof token === 'string' || typeof token === 'number' ? { progressToken: token } : {}),
    });
    core.toClient(message.raw);
  };

  const notification = (message: Extract<JsonRpcMessage, { kind: 'notification' }>) => {
    if (message.method === 'notifications/cancelled') {
      const key = idKey(message.params?.requestId);
      const entry = key === undefined ? undefined : serverRequests.get(key);
      if (key === undefined || entry === undefined) return;
      serverRequests.delete(key);
      outcome(entry.receiptIds, 'error', 'the server cancelled it');
      return core.toClient(message.raw);
    }
    if (PASSED_NOTIFICATIONS.has(message.method)) return core.toClient(message.raw);
    log(
      `aarm: dropped ${who}'s notification \`${printable(message.method)}\` (not understood, so not forwarded)`,
    );
  };

  // Server messages pass one after the other too: a judged one holds back those behind it.
  let chain = Promise.resolve();
  return {
    onLine: (text) => {
      const read = readMessage(text);
      if (!read.ok) {
        log(
          `aarm: dropped a line from ${who} that is not a single JSON-RPC message (${read.error}): ${printable(JSON.stringify(text), 80)}`,
        );
        return;
      }
      const message = read.message;
      chain = chain
        .then(() =>
          message.kind === 'response'
            ? response(message)
            : message.kind === 'request'
              ? request(message)
              : notification(message),
        )
        .catch((error: unknown) => log(`aarm: MCP proxy: ${(error as Error).message}`));
    },
  };
}
