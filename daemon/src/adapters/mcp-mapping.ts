/**
 * From an MCP message to the canonical actions it stands for. A tool call of a reference server
 * (recognised by its package, mcp-server.ts) with only the arguments that server documents is the
 * file, network or git action it is; everything else is an `mcp/call` with all its arguments, so a
 * rule about a server's tool sees what the tool will be given. The other methods are `mcp/call`
 * actions whose `tool` is the method (MCP_METHOD_TOOLS), but `resources/read` of a `file:` or
 * `http(s):` URI is the read or the GET it is.
 */
import { homedir } from 'node:os';
import { isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Action } from '../protocol/index.js';
import { shellJoin } from '../protocol/shell-quote.js';
import type { McpServer } from './mcp-server.js';

export type ProxyAction = Omit<Action, 'session'>;

export interface MappingContext {
  server: McpServer;
  workspace: string;
  /** the agent the actions are judged for (the session's agent when the proxy joins one) */
  agent: string;
}

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown) =>
  Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;

/** The arguments each reference tool takes; a call with any other is not the documented tool. */
const FILESYSTEM_ARGS: Record<string, string[]> = {
  read_file: ['path', 'head', 'tail'],
  read_text_file: ['path', 'head', 'tail'],
  read_media_file: ['path'],
  list_directory: ['path'],
  list_directory_with_sizes: ['path', 'sortBy'],
  directory_tree: ['path', 'excludePatterns'],
  search_files: ['path', 'pattern', 'excludePatterns'],
  get_file_info: ['path'],
  read_multiple_files: ['paths'],
  write_file: ['path', 'content'],
  edit_file: ['path', 'edits', 'dryRun'],
  create_directory: ['path'],
  move_file: ['source', 'destination'],
};
const FETCH_ARGS = ['url', 'max_length', 'start_index', 'raw'];
const GIT_ARGS: Record<string, string[]> = {
  git_status: [],
  git_diff_unstaged: ['context_lines'],
  git_diff_staged: ['context_lines'],
  git_diff: ['target', 'context_lines'],
  git_commit: ['message'],
  git_add: ['files'],
  git_reset: [],
  git_log: ['max_count', 'start_timestamp', 'end_timestamp'],
  git_create_branch: ['branch_name', 'base_branch'],
  git_checkout: ['branch_name'],
  git_show: ['revision'],
  git_branch: ['branch_type', 'contains', 'not_contains'],
};

const only = (args: Record<string, unknown>, known: string[]) =>
  Object.keys(args).every((k) => known.includes(k));

function builders(ctx: MappingContext) {
  const context = { workspace: ctx.workspace };
  const identity = { agent: { name: ctx.agent, adapter: 'mcp-proxy' } };
  /**
   * The absolute path a reference server will touch, or undefined when this cannot tell. A relative
   * path is not the workspace's: the filesystem server resolves it against its first allowed
   * folder (or the client's first root), the git server against its own working folder.
   */
  const abs = (p: unknown) => {
    let text = str(p);
    if (text === undefined || text === '') return undefined;
    // The reference filesystem server expands `~` itself: judge the file it will touch.
    if (text === '~' || text.startsWith('~/')) text = homedir() + text.slice(1);
    return isAbsolute(text) ? text : undefined;
  };
  return {
    abs,
    mcp: (tool: string, args: Record<string, unknown>): ProxyAction => ({
      tool: 'mcp',
      operation: 'call',
      parameters: { server: ctx.server.name, tool, arguments: args },
      context,
      identity,
    }),
    fs: (
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
    },
    get: (url: string): ProxyAction => ({
      tool: 'net',
      operation: 'request',
      parameters: { method: 'GET', url },
      context,
      identity,
    }),
    shell: (argv: string[], cwd: string): ProxyAction => ({
      tool: 'shell',
      operation: 'exec',
      parameters: { command: shellJoin(['git', ...argv]), cwd },
      context,
      identity,
    }),
  };
}

/** Requests about a resource by its URI: a subscription is told of the resource's content too. */
const RESOURCE_METHODS = ['resources/read', 'resources/subscribe', 'resources/unsubscribe'];

/**
 * The local file a `file:` URI names, when every reader agrees on it: no query, no fragment, no
 * percent-escape, and spelled exactly as the path's own URL. `fileURLToPath` drops a `#…` or `?…`
 * that a naive server keeps (`file:///w/notes.md#/../../home/.ssh/id_rsa`), and throws for a host
 * or an encoded `/`.
 */
function localFilePath(uri: string, url: URL): string | undefined {
  if (url.search !== '' || url.hash !== '' || uri.includes('%') || uri.includes('?') || uri.includes('#'))
    return undefined;
  try {
    const path = fileURLToPath(url);
    return pathToFileURL(path).href === uri ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The canonical actions a tool call stands for (all must be allowed). */
export function mapMcpToolCall(
  ctx: MappingContext,
  tool: string,
  args: Record<string, unknown>,
): ProxyAction[] {
  const b = builders(ctx);
  const fallback = [b.mcp(tool, args)];
  const some = (...actions: Array<ProxyAction | undefined>) =>
    actions.length > 0 && actions.every((a) => a !== undefined) ? actions : fallback;
  switch (ctx.server.kind) {
    case 'filesystem': {
      const known = Object.hasOwn(FILESYSTEM_ARGS, tool) ? FILESYSTEM_ARGS[tool]! : undefined;
      if (!known || !only(args, known)) return fallback;
      switch (tool) {
        case 'read_multiple_files':
          return some(...(strings(args.paths) ?? []).map((p) => b.fs('read', p)));
        case 'write_file':
          return str(args.content) === undefined
            ? fallback
            : some(b.fs('write', args.path, str(args.content)));
        case 'edit_file':
          return some(b.fs('write', args.path, JSON.stringify(args.edits ?? [])));
        case 'create_directory':
          return some(b.fs('write', args.path));
        case 'move_file':
          return some(b.fs('delete', args.source), b.fs('write', args.destination));
        default:
          return some(b.fs('read', args.path));
      }
    }
    case 'fetch':
      return tool === 'fetch' && only(args, FETCH_ARGS) && str(args.url) ? [b.get(str(args.url)!)] : fallback;
    case 'git': {
      const known = Object.hasOwn(GIT_ARGS, tool) ? GIT_ARGS[tool]! : undefined;
      if (!known || !only(args, ['repo_path', ...known])) return fallback;
      const argv = gitArgv(tool, args);
      const repo = b.abs(args.repo_path);
      return argv && repo ? [b.shell(argv, repo)] : fallback;
    }
    case 'other':
      return fallback;
  }
}

/**
 * The actions a request other than a tool call stands for: `resources/read` (and subscribe,
 * unsubscribe) of a local file is the read, of a web page the GET; the rest (and any URI these do
 * not cover, a `file:` URI with a query, fragment or escape too) is an `mcp/call` of the method
 * with its params.
 */
export function mapMcpRequest(
  ctx: MappingContext,
  method: string,
  params: Record<string, unknown>,
): ProxyAction[] {
  const b = builders(ctx);
  const fallback = [b.mcp(method, params)];
  if (RESOURCE_METHODS.includes(method) && only(params, ['uri', '_meta'])) {
    const uri = str(params.uri) ?? '';
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return fallback;
    }
    if (url.protocol === 'file:') {
      const path = localFilePath(uri, url);
      return path === undefined ? fallback : [b.fs('read', path)!];
    }
    if (url.protocol === 'http:' || url.protocol === 'https:') return [b.get(uri)];
  }
  // The fetch server's `fetch` prompt fetches its `url` to build the prompt.
  if (
    method === 'prompts/get' &&
    ctx.server.kind === 'fetch' &&
    params.name === 'fetch' &&
    only(params, ['name', 'arguments', '_meta'])
  ) {
    const args = params.arguments as Record<string, unknown> | undefined;
    if (args && only(args, ['url']) && str(args.url)) return [b.get(str(args.url)!)];
  }
  return fallback;
}

function gitArgv(tool: string, args: Record<string, unknown>): string[] | undefined {
  const list = strings(args.files) ?? [];
  const unified = typeof args.context_lines === 'number' ? [`--unified=${args.context_lines}`] : [];
  switch (tool) {
    case 'git_status':
      return ['status'];
    case 'git_diff_unstaged':
      return ['diff', ...unified];
    case 'git_diff_staged':
      return ['diff', ...unified, '--cached'];
    case 'git_diff':
      return str(args.target) === undefined ? undefined : ['diff', ...unified, str(args.target)!];
    case 'git_log':
      return [
        'log',
        '-n',
        String(typeof args.max_count === 'number' ? args.max_count : 10),
        ...(str(args.start_timestamp) ? ['--since', str(args.start_timestamp)!] : []),
        ...(str(args.end_timestamp) ? ['--until', str(args.end_timestamp)!] : []),
      ];
    case 'git_show':
      return str(args.revision) === undefined ? undefined : ['show', str(args.revision)!];
    case 'git_add':
      return list.length === 0 ? undefined : ['add', '--', ...list];
    case 'git_reset':
      return ['reset'];
    case 'git_commit':
      return ['commit', '-m', str(args.message) ?? ''];
    case 'git_create_branch':
      return str(args.branch_name) === undefined
        ? undefined
        : ['branch', str(args.branch_name)!, ...(str(args.base_branch) ? [str(args.base_branch)!] : [])];
    case 'git_checkout':
      return str(args.branch_name) === undefined ? undefined : ['checkout', str(args.branch_name)!];
    case 'git_branch': {
      const type = str(args.branch_type) ?? 'local';
      const types: Record<string, string[]> = { local: [], remote: ['-r'], all: ['-a'] };
      if (!Object.hasOwn(types, type)) return undefined;
      const flag = types[type]!;
      return [
        'branch',
        ...flag,
        ...(str(args.contains) ? ['--contains', str(args.contains)!] : []),
        ...(str(args.not_contains) ? ['--no-contains', str(args.not_contains)!] : []),
      ];
    }
    default:
      return undefined;
  }
}
