/**
 * The commands that put agents behind the daemon: `aarm hook AGENT` (run by the agent for every
 * tool call), `aarm install AGENT` (writes that hook into the agent's settings), `aarm shell`
 * (a SHELL-compatible wrapper) and `aarm mcp-proxy`. Every one fails closed: when the daemon cannot
 * be reached, the tool call is blocked and the message says how to start the daemon.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { connect, type AarmClient } from '../adapters/client.js';
import { describeDecision } from '../protocol/index.js';
import {
  claudeCodeAnswer,
  mapClaudeCodeTool,
  toolFailed,
  type HookInput,
} from '../mediation/hooks/claude-code.js';
import { codexAnswer, mapCodexTool } from '../mediation/hooks/codex.js';
import { clineAnswer, mapClineTool, type ClineHookInput } from '../mediation/hooks/cline.js';
import { runMcpProxy } from '../adapters/mcp-proxy.js';
import { BASH } from '../adapters/shell-quote.js';
import { DAEMON_VERSION } from '../server/daemon.js';

const out = (line: string) => process.stdout.write(`${line}\n`);
const err = (line: string) => process.stderr.write(`${line}\n`);

/** Exit code that makes Claude Code and Codex block the tool call and show stderr to the model. */
export const HOOK_BLOCK = 2;
/** Answer well before the agent's own hook timeout (a hook that times out does not block). */
const HOOK_DEADLINE_MS = 540_000;

async function readStdin(limit = 8 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`the hook input is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function blocked(message: string): number {
  err(`aarm: ${message}`);
  return HOOK_BLOCK;
}

async function daemonClient(homeDir: string, name: string): Promise<AarmClient> {
  return connect({ homeDir, client: { name, version: DAEMON_VERSION }, timeoutMs: HOOK_DEADLINE_MS });
}

export async function runHook(agent: string, homeDir: string): Promise<number> {
  // INVARIANT: until an answer is printed, the exit code blocks the call (Claude Code and Codex go
  // ahead on any other code); an unexpected error blocks too.
  process.exitCode = HOOK_BLOCK;
  try {
    return await hook(agent, homeDir);
  } catch (error) {
    return blocked(`the hook failed, so the tool call is blocked: ${(error as Error).message}`);
  }
}

async function hook(agent: string, homeDir: string): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readStdin());
  } catch (error) {
    return blocked(`the hook input is not JSON (${(error as Error).message}); the tool call is blocked`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return blocked('the hook input is not a JSON object; the tool call is blocked');
  if (agent === 'cline') return clineHook(raw, homeDir);
  if (agent !== 'claude-code' && agent !== 'codex')
    return blocked(`unknown agent \`${agent}\` (known: claude-code, codex, cline)`);
  const input = raw as HookInput;
  const event = input.hook_event_name ?? 'PreToolUse';
  if (event === 'PostToolUse' || event === 'PostToolUseFailure')
    return postToolUse(input, event, homeDir, agent);
  if (event !== 'PreToolUse') return 0;

  const mapped =
    agent === 'claude-code'
      ? mapClaudeCodeTool(input, {
          ...(process.env.CLAUDE_PROJECT_DIR ? { projectDir: process.env.CLAUDE_PROJECT_DIR } : {}),
        })
      : undefined;
  if (mapped?.kind === 'internal') return 0;
  if (mapped?.kind === 'invalid') return blocked(`${mapped.error}; the tool call is blocked`);
  const actions = mapped ? [mapped.action] : mapCodexTool(input);
  if (!Array.isArray(actions)) return blocked(`${actions.error}; the tool call is blocked`);

  let client: AarmClient;
  try {
    client = await daemonClient(homeDir, `${agent}-hook`);
  } catch (error) {
    return blocked(`${(error as Error).message}. The tool call is blocked until the daemon runs.`);
  }
  try {
    for (const action of actions) {
      const reply = await client.submit(action, { agentCanAsk: agent === 'claude-code' });
      const answer = agent === 'claude-code' ? claudeCodeAnswer(input, reply) : codexAnswer(reply);
      // Codex hears only a refusal; for several actions (a patch touching several files) the first refusal answers.
      if (agent === 'claude-code' || answer !== undefined) {
        out(JSON.stringify(answer));
        return 0;
      }
    }
    return 0;
  } catch (error) {
    return blocked(`${(error as Error).message}; the tool call is blocked`);
  } finally {
    await client.close();
  }
}

async function postToolUse(input: HookInput, event: string, homeDir: string, agent: string): Promise<number> {
  if (!input.tool_use_id || !input.session_id) return 0;
  const failure = event === 'PostToolUseFailure' ? 'the tool call failed' : toolFailed(input.tool_response);
  try {
    const client = await daemonClient(homeDir, `${agent}-hook`);
    try {
      await client.reportOutcomeOf(input.tool_use_id, input.session_id, {
        status: failure ? 'error' : 'success',
        ...(failure ? { error: failure } : {}),
      });
    } finally {
      await client.close();
    }
  } catch (error) {
    // After the fact nothing can be blocked; say so without failing the agent's turn.
    err(`aarm: the outcome was not recorded: ${(error as Error).message}`);
  }
  return 0;
}

async function clineHook(input: ClineHookInput, homeDir: string): Promise<number> {
  if (input.hookName && input.hookName !== 'PreToolUse') return (out(JSON.stringify({ cancel: false })), 0);
  const mapped = mapClineTool(input);
  if ('internal' in mapped) return (out(JSON.stringify({ cancel: false })), 0);
  if ('error' in mapped)
    return (out(JSON.stringify({ cancel: true, errorMessage: `aarm: ${mapped.error}` })), 1);
  let client: AarmClient;
  try {
    client = await daemonClient(homeDir, 'cline-hook');
  } catch (error) {
    out(JSON.stringify({ cancel: true, errorMessage: `aarm: ${(error as Error).message}` }));
    return 1;
  }
  try {
    out(JSON.stringify(clineAnswer(await client.submit(mapped))));
    return 0;
  } catch (error) {
    out(JSON.stringify({ cancel: true, errorMessage: `aarm: ${(error as Error).message}` }));
    return 1;
  } finally {
    await client.close();
  }
}

/** The command an agent runs for the hook: this Node and this CLI, by absolute path. */
function hookCommand(agent: string): string {
  const cli = resolve(process.argv[1] ?? 'aarm');
  // `|| exit 2`: if Node or aarm cannot even start (moved, rebuilt), the call is blocked, not let through.
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} hook ${agent} || exit 2`;
}

interface HookEntry {
  matcher?: string;
  hooks?: Array<{ type?: string; command?: string; timeout?: number }>;
}

/** Write the agent's hook configuration; print what changed. Idempotent. */
export function installHooks(agent: string, options: { project: boolean; cwd: string }): number {
  if (agent === 'cline') {
    const file = join(options.cwd, '.clinerules', 'hooks', 'PreToolUse');
    const script = `#!/bin/sh\n# Installed by \`aarm install cline\`: every Cline tool call is judged by the aarm daemon first.\nexec ${hookCommand('cline')}\n`;
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (before === script) return (out(`${file} is already installed; nothing changed`), 0);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, script, { mode: 0o755 });
    chmodSync(file, 0o755);
    out(`${before === undefined ? 'created' : 'replaced'} ${file}:`);
    for (const line of script.trimEnd().split('\n')) out(`+ ${line}`);
    return 0;
  }
  if (agent !== 'claude-code' && agent !== 'codex') {
    err(`aarm: unknown agent \`${agent}\` (known: claude-code, codex, cline)`);
    return 2;
  }
  const dir = options.project
    ? join(options.cwd, agent === 'codex' ? '.codex' : '.claude')
    : join(homedir(), agent === 'codex' ? '.codex' : '.claude');
  const file = join(dir, agent === 'codex' ? 'hooks.json' : 'settings.json');
  let settings: { hooks?: Record<string, HookEntry[]> } & Record<string, unknown> = {};
  if (existsSync(file)) {
    try {
      settings = JSON.parse(readFileSync(file, 'utf8')) as typeof settings;
    } catch (error) {
      err(`aarm: \`${file}\` is not JSON (${(error as Error).message}); fix it first, nothing was changed`);
      return 1;
    }
  }
  const command = hookCommand(agent);
  const events = agent === 'codex' ? ['PreToolUse'] : ['PreToolUse', 'PostToolUse', 'PostToolUseFailure'];
  const hooks = (settings.hooks ??= {});
  const added: string[] = [];
  for (const event of events) {
    // Earlier aarm hooks (another path, another Node) are replaced; an identical one is kept.
    const ours = (h: { command?: string }) => /aarm(\.js)?"? hook /.test(h.command ?? '');
    const entries = (hooks[event] ??= []);
    if (entries.some((e) => e.hooks?.some((h) => h.command === command))) continue;
    for (const entry of entries) if (entry.hooks) entry.hooks = entry.hooks.filter((h) => !ours(h));
    const kept = entries.filter((e) => (e.hooks?.length ?? 0) > 0);
    hooks[event] = kept;
    kept.push({
      matcher: '*',
      hooks: [{ type: 'command', command, ...(event === 'PreToolUse' ? { timeout: 600 } : {}) }],
    });
    added.push(event);
  }
  if (added.length === 0) return (out(`${file} already sends tool calls to aarm; nothing changed`), 0);
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  out(`updated ${file}: added ${added.join(', ')} hook(s):`);
  for (const event of added)
    out(
      `+ hooks.${event}: { "matcher": "*", "hooks": [{ "type": "command", "command": ${JSON.stringify(command)}${event === 'PreToolUse' ? ', "timeout": 600' : ''} }] }`,
    );
  if (agent === 'codex')
    out('Codex may need `[features] codex_hooks = true` in ~/.codex/config.toml (older versions).');
  return 0;
}

/**
 * `aarm shell -c CMD`: what an agent runs when its SHELL is aarm's. The command is judged first and
 * runs with bash only when allowed; an interactive shell cannot be judged and is refused.
 */
export async function runShell(args: string[], homeDir: string): Promise<number> {
  const index = args.findIndex((a) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a));
  const command = index >= 0 ? args[index + 1] : undefined;
  if (command === undefined) {
    err('aarm shell: give the command with -c (an interactive shell cannot be judged)');
    return 2;
  }
  const cwd = process.cwd();
  let client: AarmClient;
  try {
    client = await connect({ homeDir, client: { name: 'aarm-shell', version: DAEMON_VERSION } });
  } catch (error) {
    err(`aarm: not running \`${command}\`: ${(error as Error).message}`);
    return 125;
  }
  try {
    const reply = await client.submit({
      tool: 'shell',
      operation: 'exec',
      parameters: { command, cwd },
      context: { workspace: process.env.AARM_WORKSPACE ?? cwd },
      identity: { agent: { name: process.env.AARM_AGENT ?? 'aarm-shell', adapter: 'shell' } },
      ...(process.env.AARM_SESSION ? { session: process.env.AARM_SESSION } : {}),
    });
    if (reply.verdict !== 'allow') {
      err(`aarm: denied \`${command}\`: ${describeDecision(reply)}`);
      return 126;
    }
    const modified =
      reply.decision.modifiedAction?.tool === 'shell'
        ? reply.decision.modifiedAction.parameters.command
        : undefined;
    const started = Date.now();
    const code = await new Promise<number>((resolveRun) => {
      const child = spawn(BASH, ['-c', modified ?? command], { stdio: 'inherit' });
      child.once('error', () => resolveRun(127));
      child.once('exit', (status, signal) => resolveRun(signal ? 128 + 15 : (status ?? 1)));
    });
    await client.reportOutcome(reply.receiptId, {
      status: code === 0 ? 'success' : 'error',
      exitCode: code,
      durationMs: Date.now() - started,
    });
    return code;
  } finally {
    await client.close();
  }
}

/** `aarm mcp-proxy [--workspace DIR] [--name NAME] [--accept-changes] -- SERVER ARGS…` */
export async function runMcpProxyCommand(
  options: { workspace: string; name: string | undefined; acceptChanges: boolean; server: string[] },
  homeDir: string,
): Promise<number> {
  const [command, ...args] = options.server;
  if (!command) {
    err('aarm mcp-proxy: give the server command after --');
    return 2;
  }
  const name = options.name ?? serverName(options.server);
  let client: AarmClient;
  try {
    client = await connect({ homeDir, client: { name: `mcp-proxy:${name}`, version: DAEMON_VERSION } });
  } catch (error) {
    err(`aarm: ${(error as Error).message}; the MCP server was not started`);
    return 1;
  }
  const pinFile = join(homeDir, 'mcp-pins', `${name.replace(/[^\w.-]/g, '_')}.json`);
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number>((resolveExit) => {
    child.once('error', (error) => {
      err(`aarm: cannot start the MCP server \`${command}\`: ${error.message}`);
      resolveExit(1);
    });
    child.once('exit', (code) => resolveExit(code ?? 1));
  });
  await Promise.race([
    runMcpProxy(
      {
        server: name,
        workspace: resolve(options.workspace),
        client,
        acceptChanges: options.acceptChanges,
        log: err,
        pins: {
          load: () => {
            try {
              return JSON.parse(readFileSync(pinFile, 'utf8')) as Record<string, string>;
            } catch {
              return {};
            }
          },
          save: (pins) => {
            mkdirSync(dirname(pinFile), { recursive: true, mode: 0o700 });
            writeFileSync(pinFile, `${JSON.stringify(pins, null, 2)}\n`, { mode: 0o600 });
          },
        },
      },
      process.stdin,
      process.stdout,
      child.stdout,
      child.stdin,
    ),
    exited,
  ]);
  child.kill();
  await client.close();
  return 0;
}

/** `npx -y @modelcontextprotocol/server-filesystem /dir` → `server-filesystem`. */
function serverName(argv: string[]): string {
  const named = argv.find((a) => /server-|mcp/.test(a) && !a.startsWith('-'));
  const base = (named ?? argv[0] ?? 'mcp').split('/').filter(Boolean);
  const last = base.at(-1) === 'index.js' || base.at(-1) === 'dist' ? base.slice(0, -2).at(-1) : base.at(-1);
  return (last ?? 'mcp').replace(/@[\d.]+$/, '');
}
