/**
 * The MCP stdio proxy: sits between any MCP client and server (newline-delimited JSON-RPC on
 * stdin/stdout), sends every `tools/call` to the daemon first, and forwards only what is allowed.
 * A refused call gets an MCP error result naming the rule and reason. Tools of the reference
 * filesystem, fetch and git servers map to fs/net/shell actions, so the same rules apply; others
 * are `mcp/call` actions. Tool descriptions are pinned by hash: a server that changes them later
 * (a "rug pull") has those tools refused until the change is accepted.
 */
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { describeDecision, type Action } from '../protocol/index.js';
import type { AarmClient } from '../client/client.js';
import { shellJoin } from '../protocol/shell-quote.js';

type ProxyAction = Omit<Action, 'session'>;

interface JsonRpcMessage {
  jsonrpc?: string;
  id?: string | number | null;
  method?: string;
  params?: Record<string, unknown>;
  result?: Record<string, unknown>;
  error?: unknown;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** The canonical actions a tool call stands for (all must be allowed). */
export function mapMcpToolCall(
  server: string,
  tool: string,
  args: Record<string, unknown>,
  workspace: string,
): ProxyAction[] {
  const context = { workspace };
  const identity = { agent: { name: 'mcp-client', adapter: 'mcp-proxy' } };
  const abs = (p: unknown) => {
    let text = str(p);
    // The reference filesystem server expands `~` itself: judge the file it will touch.
    if (text === '~' || text?.startsWith('~/')) text = homedir() + text.slice(1);
    return text === undefined ? undefined : isAbsolute(text) ? text : join(workspace, text);
  };
  const fs = (
    operation: 'read' | 'write' | 'delete',
    path: unknown,
    content?: string,
  ): ProxyAction | undefined => {
    const target = abs(path);
    return target === undefined
      ? undefined
      : {
          tool: 'fs',
          operation,
          parameters: { path: target, ...(content !== undefined ? { content } : {}) },
          context,
          identity,
        };
  };
  const fallback: ProxyAction = {
    tool: 'mcp',
    operation: 'call',
    parameters: { server, tool, arguments: args },
    context,
    identity,
  };
  const some = (...actions: Array<ProxyAction | undefined>) =>
    actions.every((a) => a !== undefined) ? actions : [fallback];
  if (/filesystem/.test(server)) {
    switch (tool) {
      case 'read_file':
      case 'read_text_file':
      case 'read_media_file':
      case 'list_directory':
      case 'list_directory_with_sizes':
      case 'directory_tree':
      case 'search_files':
      case 'get_file_info':
        return some(fs('read', args.path));
      case 'read_multiple_files':
        return Array.isArray(args.paths) && args.paths.length > 0
          ? some(...args.paths.map((p) => fs('read', p)))
          : [fallback];
      case 'write_file':
        return some(fs('write', args.path, str(args.content) ?? ''));
      case 'edit_file':
        return some(fs('write', args.path, JSON.stringify(args.edits ?? [])));
      case 'create_directory':
        return some(fs('write', args.path));
      case 'move_file':
        return some(fs('delete', args.source), fs('write', args.destination));
    }
  }
  if (/fetch/.test(server) && tool === 'fetch' && str(args.url)) {
    return [
      {
        tool: 'net',
        operation: 'request',
        parameters: { method: 'GET', url: str(args.url)! },
        context,
        identity,
      },
    ];
  }
  if (/git/.test(server) && tool.startsWith('git_')) {
    const repo = abs(args.repo_path) ?? workspace;
    const argv = gitArgv(tool, args);
    if (argv)
      return [
        {
          tool: 'shell',
          operation: 'exec',
          parameters: { command: shellJoin(['git', ...argv]), cwd: repo },
          context,
          identity,
        },
      ];
  }
  return [fallback];
}

function gitArgv(tool: string, args: Record<string, unknown>): string[] | undefined {
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  switch (tool) {
    case 'git_status':
      return ['status'];
    case 'git_diff_unstaged':
      return ['diff'];
    case 'git_diff_staged':
      return ['diff', '--cached'];
    case 'git_diff':
      return ['diff', str(args.target) ?? 'HEAD'];
    case 'git_log':
      return ['log', '-n', String(typeof args.max_count === 'number' ? args.max_count : 10)];
    case 'git_show':
      return ['show', str(args.revision) ?? 'HEAD'];
    case 'git_add':
      return ['add', '--', ...list(args.files)];
    case 'git_reset':
      return ['reset'];
    case 'git_commit':
      return ['commit', '-m', str(args.message) ?? ''];
    case 'git_create_branch':
      return [
        'branch',
        str(args.branch_name) ?? '',
        ...(str(args.base_branch) ? [str(args.base_branch)!] : []),
      ];
    case 'git_checkout':
      return ['checkout', str(args.branch_name) ?? ''];
    case 'git_branch':
      return ['branch', '--list'];
    default:
      return undefined;
  }
}

/** sha256 of what a client is told about a tool: its name, description and input schema. */
export function toolFingerprint(tool: {
  name?: unknown;
  description?: unknown;
  inputSchema?: unknown;
}): string {
  return createHash('sha256')
    .update(JSON.stringify([tool.name, tool.description ?? '', tool.inputSchema ?? {}]))
    .digest('hex');
}

export interface PinStore {
  load(): Record<string, string>;
  save(pins: Record<string, string>): void;
}

export interface ProxyOptions {
  server: string;
  workspace: string;
  client: AarmClient;
  pins: PinStore;
  /** accept changed tool descriptions as the new pins */
  acceptChanges: boolean;
  log: (line: string) => void;
}

/** Run the proxy between an MCP client's streams and the server's; resolves when either side ends. */
export function runMcpProxy(
  options: ProxyOptions,
  fromClient: Readable,
  toClient: Writable,
  fromServer: Readable,
  toServer: Writable,
): Promise<void> {
  const { client, server, workspace, log } = options;
  // No prototype: a tool may be called `__proto__` or `constructor`.
  const pins: Record<string, string> = Object.assign(
    Object.create(null) as Record<string, string>,
    options.pins.load(),
  );
  const changed = new Set<string>();
  const pendingCalls = new Map<string, { receiptIds: string[]; tool: string }>();
  const pendingLists = new Set<string>();
  const write = (stream: Writable, message: JsonRpcMessage) => stream.write(`${JSON.stringify(message)}\n`);
  const key = (id: unknown) => JSON.stringify(id);

  // A call sent as a notification (no id) gets no answer, but is judged and refused all the same.
  const refuse = (id: JsonRpcMessage['id'], text: string) => {
    if (id === undefined) return options.log(text);
    write(toClient, {
      jsonrpc: '2.0',
      id,
      result: { content: [{ type: 'text', text }], isError: true },
    });
  };

  // Calls are judged one after the other, in the order the client sent them.
  let chain = Promise.resolve();
  const onClientLine = (line: string) => {
    let message: JsonRpcMessage;
    try {
      message = JSON.parse(line) as JsonRpcMessage;
    } catch {
      message = [] as unknown as JsonRpcMessage;
    }
    // INVARIANT: only a single JSON object we have read passes. A line we cannot read (some servers
    // accept `NaN`) or a batch could hide a tools/call from us.
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      chain = chain.then(() => {
        write(toClient, {
          jsonrpc: '2.0',
          id: null,
          error: { code: -32700, message: 'aarm: the proxy passes single JSON-RPC messages only' },
        });
      });
      return;
    }
    if (message.method === 'tools/list' && message.id !== undefined) pendingLists.add(key(message.id));
    // INVARIANT: every tools/call is judged, a notification (no id) too: it runs as well.
    if (message.method !== 'tools/call') {
      chain = chain.then(() => void toServer.write(`${line}\n`));
      return;
    }
    chain = chain.then(async () => {
      const tool = str(message.params?.name) ?? '';
      const args = (message.params?.arguments as Record<string, unknown> | undefined) ?? {};
      if (changed.has(tool)) {
        refuse(
          message.id,
          `aarm refused \`${tool}\`: the server changed this tool's description since it was pinned (a possible rug pull). Review it, then restart the proxy with --accept-changes.`,
        );
        return;
      }
      const receiptIds: string[] = [];
      try {
        for (const action of mapMcpToolCall(server, tool, args, workspace)) {
          const reply = await client.submit(action);
          if (reply.verdict === 'allow' && reply.decision.modifiedAction) {
            refuse(
              message.id,
              `aarm refused \`${tool}\`: policy rule ${reply.decision.rule} would change the call, which the proxy cannot do (receipt ${reply.receiptId})`,
            );
            return;
          }
          if (reply.verdict !== 'allow') {
            refuse(message.id, `aarm denied \`${tool}\`: ${describeDecision(reply)}`);
            return;
          }
          receiptIds.push(reply.receiptId);
        }
      } catch (error) {
        refuse(
          message.id,
          `aarm could not judge \`${tool}\`, so it did not run: ${(error as Error).message}`,
        );
        return;
      }
      if (message.id !== undefined) pendingCalls.set(key(message.id), { receiptIds, tool });
      toServer.write(`${line}\n`);
    });
  };

  const onServerLine = (line: string) => {
    let message: JsonRpcMessage | undefined;
    try {
      message = JSON.parse(line) as JsonRpcMessage;
    } catch {
      message = undefined;
    }
    const id = message?.id === undefined ? undefined : key(message.id);
    if (message && id !== undefined && pendingLists.has(id)) {
      pendingLists.delete(id);
      const tools = Array.isArray(message.result?.tools)
        ? (message.result.tools as Array<{ name?: unknown }>)
        : [];
      let updated = false;
      for (const tool of tools) {
        const name = String(tool.name);
        const fingerprint = toolFingerprint(tool);
        if (pins[name] === undefined || options.acceptChanges) {
          updated ||= pins[name] !== fingerprint;
          pins[name] = fingerprint;
        } else if (pins[name] !== fingerprint) {
          changed.add(name);
          log(
            `aarm: MCP server \`${server}\` changed the description of tool \`${name}\` since it was pinned; calls to it are refused`,
          );
        }
      }
      if (updated) options.pins.save(pins);
    }
    if (message && id !== undefined && pendingCalls.has(id)) {
      const { receiptIds } = pendingCalls.get(id)!;
      pendingCalls.delete(id);
      const failed = message.error !== undefined || message.result?.isError === true;
      for (const receiptId of receiptIds) {
        void client
          .reportOutcome(receiptId, {
            status: failed ? 'error' : 'success',
            ...(failed ? { error: 'the MCP tool reported an error' } : {}),
          })
          .catch(() => {});
      }
    }
    toClient.write(`${line}\n`);
  };

  return new Promise((resolve) => {
    const clientLines = createInterface({ input: fromClient, crlfDelay: Infinity });
    const serverLines = createInterface({ input: fromServer, crlfDelay: Infinity });
    clientLines.on('line', onClientLine);
    serverLines.on('line', onServerLine);
    clientLines.on('close', () => {
      void chain.then(() => {
        toServer.end();
        resolve();
      });
    });
    serverLines.on('close', () => resolve());
  });
}
