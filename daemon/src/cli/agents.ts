/**
 * The commands that put agents behind the daemon: `aarm hook AGENT` (run by the agent for every
 * tool call), `aarm install AGENT` (writes that hook into the agent's settings), `aarm shell`
 * (a SHELL-compatible wrapper) and `aarm mcp-proxy`. Every one fails closed: when the daemon cannot
 * be reached, the tool call is blocked and the message says how to start the daemon.
 */
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { connect, type AarmClient } from '../client/client.js';
import type { Result } from '../protocol/index.js';
import { describeDecision } from '../protocol/wire.js';
import { nestedDeeperThan, tooDeepMessage } from '../protocol/limits.js';
import {
  claudeCodeAnswer,
  confineCommandLine,
  claudeCodeCanAsk,
  mapClaudeCodeTool,
  toolFailed,
  type HookInput,
} from '../agents/claude-code.js';
import { codexAnswer, mapCodexTool } from '../agents/codex.js';
import { clineAnswer, mapClineTool, type ClineHookInput } from '../agents/cline.js';
import { geminiAnswer, geminiOutcome, mapGeminiTool, type GeminiHookInput } from '../agents/gemini-cli.js';
import {
  isVscodeInput,
  mapVscodeTool,
  vscodeAnswer,
  vscodeEvent,
  vscodeSession,
  type VscodeHookInput,
} from '../agents/vscode.js';
import { filePinStore, identifyMcpServer, runMcpProxy } from '../adapters/mcp-proxy.js';
import { packagesOf } from '../confinement/bubblewrap.js';
import { BASH } from '../protocol/shell-quote.js';
import { err, out } from './command.js';
import { EXIT_NOT_CONFINABLE, runAllowed, startConfined } from './run-allowed.js';
import { DAEMON_VERSION } from '../protocol/wire.js';

/** node:child_process, loaded when first used: a hook never spawns, and loading it costs it ~0.5 ms. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess = () => require('node:child_process') as typeof import('node:child_process');

/** The agents `aarm hook` speaks for. */
export const HOOK_AGENTS = ['claude-code', 'codex', 'cline', 'gemini-cli', 'vscode'];

/** Exit code that makes Claude Code, Codex, Gemini CLI and VS Code block the tool call and show stderr to the model. */
export const HOOK_BLOCK = 2;
/** The hook timeout `aarm install` writes into the agent's settings, in seconds. */
export const HOOK_TIMEOUT_S = 600;

/**
 * When the hook must have answered: well before the agent's own timeout, because an agent whose
 * hook times out runs the tool call (Claude Code and Codex both do).
 */
export function hookDeadlineMs(agentTimeoutS: number): number {
  const margin = Math.max(3, agentTimeoutS / 10);
  return Math.max(1, agentTimeoutS - margin) * 1000;
}

/** The hook's input, whole. Events rather than `for await`: the async iterator costs a hook ~0.7 ms. */
function readStdin(limit = 8 * 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    process.stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      process.stdin.destroy();
      reject(new Error(`the hook input is larger than ${limit} bytes`));
    });
    process.stdin.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.once('error', reject);
  });
}

function blocked(message: string): number {
  err(`aarm: ${message}`);
  return HOOK_BLOCK;
}

async function daemonClient(homeDir: string, name: string, timeoutMs: number): Promise<AarmClient> {
  return connect({ homeDir, client: { name, version: DAEMON_VERSION }, timeoutMs });
}

/**
 * `aarm hook AGENT [--timeout S]`, S being the agent's hook timeout. INVARIANT: unless an answer was
 * printed, the hook exits 2 with a reason on stderr — on an error, on no answer before the deadline,
 * and if the process ends with work pending — because the agents run the call on any other exit
 * (and Codex also on exit 2 with nothing on stderr).
 */
export async function runHook(
  agent: string,
  homeDir: string,
  agentTimeoutS = HOOK_TIMEOUT_S,
): Promise<number> {
  let finished = false;
  // Set once the input turns out to be the user's prompt: that is never blocked (it is no action).
  const state = { prompt: false };
  process.exitCode = HOOK_BLOCK;
  process.once('exit', () => {
    if (finished) return;
    if (state.prompt) return void (process.exitCode = promptNotRecorded(agent, 'the hook ended early'));
    process.exitCode = HOOK_BLOCK;
    err('aarm: the hook ended without an answer, so the tool call is blocked');
  });
  const deadlineMs = hookDeadlineMs(agentTimeoutS);
  const deadline = setTimeout(() => {
    finished = true;
    const waited = `no answer from the daemon within ${Math.round(deadlineMs / 1000)} s (the agent gives the hook ${agentTimeoutS} s)`;
    if (state.prompt) process.exit(promptNotRecorded(agent, waited));
    const why = `${waited}, so the tool call is blocked`;
    if (agent === 'cline') out(JSON.stringify({ cancel: true, errorMessage: `aarm: ${why}` }));
    err(`aarm: ${why}`);
    process.exit(HOOK_BLOCK);
  }, deadlineMs);
  try {
    return await hook(agent, homeDir, deadlineMs, state);
  } catch (error) {
    if (state.prompt) return promptNotRecorded(agent, (error as Error).message);
    return blocked(`the hook failed, so the tool call is blocked: ${(error as Error).message}`);
  } finally {
    finished = true;
    clearTimeout(deadline);
  }
}

async function hook(
  agent: string,
  homeDir: string,
  deadlineMs: number,
  state: { prompt: boolean },
): Promise<number> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readStdin());
  } catch (error) {
    return blocked(`the hook input is not JSON (${(error as Error).message}); the tool call is blocked`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return blocked('the hook input is not a JSON object; the tool call is blocked');
  if (nestedDeeperThan(raw)) return blocked(`${tooDeepMessage('the hook input')}; the tool call is blocked`);
  if (!HOOK_AGENTS.includes(agent))
    return blocked(`unknown agent \`${agent}\` (known: ${HOOK_AGENTS.join(', ')})`);
  // VS Code also runs the hooks in Claude Code's settings files, with its own input and tool
  // names: those are answered as VS Code's (the same envelope), never misread as Claude Code's.
  if (agent === 'claude-code' && isVscodeInput(raw)) agent = 'vscode';
  const prompt = userPrompt(agent, raw);
  if (prompt) {
    state.prompt = true;
    return recordPrompt(agent, prompt, homeDir, deadlineMs);
  }
  if (agent === 'cline') return clineHook(raw, homeDir, deadlineMs);
  if (agent === 'gemini-cli' || agent === 'vscode') return toolCallHook(agent, raw, homeDir, deadlineMs);
  const input = raw as HookInput;
  const event = input.hook_event_name ?? 'PreToolUse';
  if (event === 'PostToolUse' || event === 'PostToolUseFailure')
    return postToolUse(input, event, homeDir, agent, deadlineMs);
  if (event !== 'PreToolUse') return 0;

  const mapped =
    agent === 'claude-code'
      ? mapClaudeCodeTool(input, {
          ...(process.env.CLAUDE_PROJECT_DIR ? { projectDir: process.env.CLAUDE_PROJECT_DIR } : {}),
        })
      : undefined;
  if (mapped?.kind === 'internal') return 0;
  if (mapped?.kind === 'invalid') return blocked(`${mapped.error}; the tool call is blocked`);
  const actions = mapped ? [mapped.action] : mapCodexTool(input, process.cwd());
  if (!Array.isArray(actions)) return blocked(`${actions.error}; the tool call is blocked`);

  let client: AarmClient;
  try {
    client = await daemonClient(homeDir, `${agent}-hook`, deadlineMs);
  } catch (error) {
    return blocked(`${(error as Error).message}. The tool call is blocked until the daemon runs.`);
  }
  try {
    for (const action of actions) {
      const reply = await client.submit(action, {
        agentCanAsk: agent === 'claude-code' && claudeCodeCanAsk(input),
      });
      const confine = confineCommandLine(
        process.execPath,
        resolve(process.argv[1] ?? 'aarm'),
        action.context?.workspace ?? process.cwd(),
      );
      const answer =
        agent === 'claude-code' ? claudeCodeAnswer(input, reply, confine) : codexAnswer(input, reply);
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

/**
 * Gemini CLI's BeforeTool and VS Code's PreToolUse: every action the call stands for is judged in
 * turn; the first that is not a plain allow answers for the call. Neither agent says whether its
 * user is there to confirm (Gemini CLI may run headless, VS Code may auto-approve), so a step-up
 * with no approver connected is denied with the hint, never handed back as `ask`.
 */
async function toolCallHook(
  agent: 'gemini-cli' | 'vscode',
  raw: object,
  homeDir: string,
  deadlineMs: number,
): Promise<number> {
  const gemini = agent === 'gemini-cli';
  const input = raw as GeminiHookInput & VscodeHookInput;
  const event = gemini ? input.hook_event_name : vscodeEvent(input);
  if (!gemini && event === 'PostToolUse') return vscodeOutcome(input, homeDir, deadlineMs);
  if (gemini && event === 'AfterTool') return geminiAfterTool(input, homeDir, deadlineMs);
  // An event that is no tool call (a missing name is taken for one: the input then must name a tool).
  if (event !== undefined && event !== (gemini ? 'BeforeTool' : 'PreToolUse')) return 0;
  const call = gemini
    ? mapGeminiTool(input, {
        ...(process.env.GEMINI_PROJECT_DIR ? { projectDir: process.env.GEMINI_PROJECT_DIR } : {}),
        home: homedir(),
      })
    : mapVscodeTool(input);
  if (call.kind === 'internal') return 0;
  if (call.kind === 'invalid') return blocked(`${call.error}; the tool call is blocked`);
  let client: AarmClient;
  try {
    client = await daemonClient(homeDir, `${agent}-hook`, deadlineMs);
  } catch (error) {
    return blocked(`${(error as Error).message}. The tool call is blocked until the daemon runs.`);
  }
  try {
    let answer: object | undefined;
    for (const action of call.actions) {
      const reply = await client.submit(action, { agentCanAsk: false });
      const confine = confineCommandLine(
        process.execPath,
        resolve(process.argv[1] ?? 'aarm'),
        action.context?.workspace ?? process.cwd(),
      );
      const said = gemini
        ? geminiAnswer(call, input, reply, confine)
        : vscodeAnswer(call, input, reply, confine).hookSpecificOutput;
      answer = gemini ? said : { hookSpecificOutput: said };
      const decision = 'decision' in said ? said.decision : said.permissionDecision;
      if (decision !== 'allow' || reply.decision.modifiedAction || reply.decision.confinement) break;
    }
    out(JSON.stringify(answer));
    return 0;
  } catch (error) {
    return blocked(`${(error as Error).message}; the tool call is blocked`);
  } finally {
    await client.close();
  }
}

/** How long the prompt hook tries to reach the daemon: the user is waiting for the agent to start. */
const PROMPT_TIMEOUT_MS = 5_000;

/** The user's prompt, when the hook input is a prompt event: `{session, text}` (empty prompts are none). */
function userPrompt(agent: string, raw: object): { session: string; text: string } | undefined {
  if (agent === 'cline') {
    const input = raw as ClineHookInput;
    const text = input.userPromptSubmit?.prompt;
    return input.hookName === 'UserPromptSubmit' && typeof text === 'string' && text.trim() !== ''
      ? { session: input.taskId ? `cline-${input.taskId}` : '', text }
      : undefined;
  }
  if (agent === 'vscode') {
    const input = raw as VscodeHookInput;
    return vscodeEvent(input) === 'UserPromptSubmit' &&
      typeof input.prompt === 'string' &&
      input.prompt.trim() !== ''
      ? { session: vscodeSession(input) ?? '', text: input.prompt }
      : undefined;
  }
  const input = raw as HookInput & { prompt?: unknown };
  // Gemini CLI's BeforeAgent is its UserPromptSubmit.
  return input.hook_event_name === (agent === 'gemini-cli' ? 'BeforeAgent' : 'UserPromptSubmit') &&
    typeof input.prompt === 'string' &&
    input.prompt.trim() !== ''
    ? { session: input.session_id ?? '', text: input.prompt }
    : undefined;
}

/**
 * UserPromptSubmit: the user's prompt becomes the session's request (R2; the first one stays the
 * session's request, later ones are recorded beside it). A prompt is not an action: whatever
 * happens the agent goes on (exit 0, no output, which the agents would add to the conversation);
 * when it could not be recorded the user is told, and actions that need the request wait for it
 * or are refused, as without this hook (fail closed where it matters).
 */
async function recordPrompt(
  agent: string,
  prompt: { session: string; text: string },
  homeDir: string,
  deadlineMs: number,
): Promise<number> {
  if (prompt.session === '') return promptNotRecorded(agent, 'the hook input names no session');
  try {
    const client = await connect({
      homeDir,
      client: { name: `${agent}-hook`, version: DAEMON_VERSION },
      session: prompt.session,
      timeoutMs: Math.min(deadlineMs, PROMPT_TIMEOUT_MS),
    });
    try {
      // The daemon keeps up to 64 KiB of a request: the start of a long prompt says what it is for.
      await client.setRequest(prompt.text.slice(0, 64 * 1024), prompt.session);
    } finally {
      await client.close();
    }
  } catch (error) {
    return promptNotRecorded(agent, (error as Error).message);
  }
  if (agent === 'cline') out(JSON.stringify({ cancel: false }));
  return 0;
}

/** The prompt goes on without aarm knowing it; the user hears why (exit 0: never blocks the prompt). */
function promptNotRecorded(agent: string, why: string): number {
  const message = `aarm: your prompt was not recorded as the session's request (${why}); actions that need it (the network after reading secrets) wait for it and are then refused`;
  err(message);
  // Claude Code and Codex show a hook's `systemMessage` to the user; Cline needs its answer.
  out(JSON.stringify(agent === 'cline' ? { cancel: false } : { systemMessage: message }));
  return 0;
}

async function postToolUse(
  input: HookInput,
  event: string,
  homeDir: string,
  agent: string,
  deadlineMs: number,
): Promise<number> {
  if (!input.tool_use_id || !input.session_id) return 0;
  const failure = event === 'PostToolUseFailure' ? 'the tool call failed' : toolFailed(input.tool_response);
  return reportOutcome(homeDir, `${agent}-hook`, deadlineMs, input.session_id, [input.tool_use_id], failure);
}

/**
 * VS Code's PostToolUse: the call ran (VS Code runs it only after the tool succeeded, never after a
 * refusal, an error or a cancellation), so its receipt gets a success outcome, found by the tool
 * call's id as in PreToolUse. Nothing is said to VS Code (an exit 2 here would tell the model that
 * the tool's result was blocked).
 */
async function vscodeOutcome(input: VscodeHookInput, homeDir: string, deadlineMs: number): Promise<number> {
  const session = vscodeSession(input);
  if (!input.tool_use_id || !session) return 0;
  return reportOutcome(homeDir, 'vscode-hook', deadlineMs, session, [input.tool_use_id], undefined);
}

/**
 * Gemini CLI's AfterTool: the outcome joins the receipt of the call's BeforeTool, found by the
 * call's tool and input (geminiCallId). Nothing is said: Gemini CLI would show the model a blocked
 * result for any other answer.
 */
async function geminiAfterTool(input: GeminiHookInput, homeDir: string, deadlineMs: number): Promise<number> {
  const outcome = geminiOutcome(input);
  if (!outcome) return 0;
  return reportOutcome(
    homeDir,
    'gemini-cli-hook',
    deadlineMs,
    input.session_id!,
    outcome.ids,
    outcome.failure,
  );
}

/**
 * An outcome hook's report, run in the background (outcomeHookCommand): under the first of `ids`
 * the daemon knows (Gemini CLI's AfterTool may name the command aarm confined, the receipt the
 * command as asked). Always exit 0: after the fact nothing can be blocked, so a failure is only
 * said, without failing the agent's turn.
 */
async function reportOutcome(
  homeDir: string,
  clientName: string,
  deadlineMs: number,
  session: string,
  ids: readonly string[],
  failure: string | undefined,
): Promise<number> {
  // A closing terminal does not cut the report off.
  process.on('SIGHUP', () => {});
  try {
    const client = await daemonClient(homeDir, clientName, deadlineMs);
    try {
      for (const [i, id] of ids.entries()) {
        try {
          await client.reportOutcomeOf(id, session, {
            status: failure ? 'error' : 'success',
            ...(failure ? { error: failure } : {}),
          });
          break;
        } catch (error) {
          // not under this id: the next one
          if (i === ids.length - 1) throw error;
        }
      }
    } finally {
      await client.close();
    }
  } catch (error) {
    err(`aarm: the outcome was not recorded: ${(error as Error).message}`);
  }
  return 0;
}

async function clineHook(input: ClineHookInput, homeDir: string, deadlineMs: number): Promise<number> {
  if (input.hookName && input.hookName !== 'PreToolUse') return (out(JSON.stringify({ cancel: false })), 0);
  const mapped = mapClineTool(input);
  if ('internal' in mapped) return (out(JSON.stringify({ cancel: false })), 0);
  if ('error' in mapped)
    return (out(JSON.stringify({ cancel: true, errorMessage: `aarm: ${mapped.error}` })), 1);
  let client: AarmClient;
  try {
    client = await daemonClient(homeDir, 'cline-hook', deadlineMs);
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

/**
 * The command an agent runs for the hook: this Node and this CLI, by absolute path. The fallback
 * blocks the call with a reason on stderr when Node or aarm cannot start (moved, rebuilt), crashes
 * or is killed: the agents run the call on any exit but 2, and Codex even on 2 with nothing said.
 */
export function hookCommand(agent: string, timeoutS = HOOK_TIMEOUT_S, cli?: string): string {
  return `${hookProcess(agent, timeoutS, cli)} || { echo "aarm: the hook failed (exit status $?), so the tool call is blocked" >&2; exit 2; }`;
}

/**
 * VS Code's PreToolUse command: hookCommand, plus what VS Code's timeout (and a cancelled request)
 * needs. VS Code sends the shell it started SIGTERM, then SIGKILL 5 s later, and runs the call when
 * the shell dies by a signal (vscode-copilot-chat, src/platform/chat/node/hookExecutor.ts). So the
 * shell traps TERM, stops the hook and exits 2 (a deny); it waits for the hook with `wait`, which a
 * trapped signal interrupts (a foreground command would hold the trap until it ended). The event
 * reaches the background hook on descriptor 3, as in outcomeHookCommand.
 */
export function vscodeHookCommand(timeoutS = HOOK_TIMEOUT_S, cli?: string): string {
  const stopped = `kill $! 2>/dev/null; echo "aarm: VS Code stopped the hook (its timeout, or the request was cancelled), so the tool call is blocked" >&2; exit 2`;
  return `trap '${stopped}' TERM; { ${hookProcess('vscode', timeoutS, cli)} <&3 3<&- & wait $!; } 3<&0 || { echo "aarm: the hook failed (exit status $?), so the tool call is blocked" >&2; exit 2; }`;
}

/**
 * The command for the user's prompt (UserPromptSubmit): never blocks the prompt. When Node or aarm
 * cannot start, the prompt goes on and stderr says it was not recorded (exit 0; an exit 2 would
 * drop the user's prompt). Cline's hook must answer `{"cancel": false}` to go on.
 */
export function promptHookCommand(agent: string, timeoutS = HOOK_TIMEOUT_S, cli?: string): string {
  const goOn = agent === 'cline' ? ` echo '{"cancel":false}';` : '';
  return `${hookProcess(agent, timeoutS, cli)} || { echo "aarm: the prompt hook failed (exit status $?); your prompt was not recorded as the session's request" >&2;${goOn} }`;
}

/**
 * The command for an event that only reports (PostToolUse): after the fact nothing can be
 * blocked, so the agent does not wait for it (issue 20). The shell starts the hook in the
 * background with the event on its standard input (saved as descriptor 3: a background job's own
 * input is /dev/null) and its output discarded, and exits at once; the hook goes on alone, and
 * ignores the hang-up of a closing terminal. Claude Code's own `async` hooks are cut off when
 * `claude -p` exits, which lost the last outcome; this one is not.
 */
export function outcomeHookCommand(agent: string, timeoutS = HOOK_TIMEOUT_S, cli?: string): string {
  return `{ ${hookProcess(agent, timeoutS, cli)} <&3 >/dev/null 2>&1 3<&- & } 3<&0`;
}

function hookProcess(agent: string, timeoutS: number, cli = resolve(process.argv[1] ?? 'aarm')): string {
  const timeout = timeoutS === HOOK_TIMEOUT_S ? '' : ` --timeout ${timeoutS}`;
  return `${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} hook ${agent}${timeout}`;
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
    const session = process.env.AARM_SESSION;
    client = await connect({
      homeDir,
      client: { name: 'aarm-shell', version: DAEMON_VERSION },
      ...(session ? { session } : {}),
    });
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
    });
    if (reply.verdict !== 'allow') {
      err(`aarm: denied \`${command}\`: ${describeDecision(reply)}`);
      return 126;
    }
    const modified =
      reply.decision.modifiedAction?.tool === 'shell'
        ? reply.decision.modifiedAction.parameters.command
        : undefined;
    return await runAllowed({
      client,
      receiptId: reply.receiptId,
      decision: reply.decision,
      ...(reply.egress ? { egressSocket: reply.egress.socket } : {}),
      argv: [BASH, '-c', modified ?? command],
      workspace: process.env.AARM_WORKSPACE ?? cwd,
      cwd,
      home: homedir(),
      stateDir: homeDir,
    });
  } finally {
    await client.close();
  }
}

/** `aarm mcp-proxy [--workspace DIR] [--name NAME] [--session ID] [--accept-changes] -- SERVER ARGS…` */
export interface McpProxyOptions {
  workspace: string;
  name: string | undefined;
  session: string | undefined;
  acceptChanges: boolean;
  server: string[];
  /** run the server with the user's full rights even when the daemon confines */
  unconfined: boolean;
  network: 'none' | 'open';
  /** environment variables the confined server keeps (its own token) */
  keepEnv: readonly string[];
}

export async function runMcpProxyCommand(options: McpProxyOptions, homeDir: string): Promise<number> {
  const [command] = options.server;
  if (!command) {
    err('aarm mcp-proxy: give the server command after --');
    return 2;
  }
  const server = identifyMcpServer(options.server, options.name);
  let client: AarmClient;
  try {
    client = await connect({
      homeDir,
      client: { name: `mcp-proxy:${server.name}`, version: DAEMON_VERSION },
      ...(options.session ? { session: options.session } : {}),
    });
  } catch (error) {
    err(`aarm: ${(error as Error).message}; the MCP server was not started`);
    return 1;
  }
  const pinFile = join(homeDir, 'mcp-pins', `${server.name.replace(/[^\w.-]/g, '_')}.json`);
  const workspace = resolve(options.workspace);
  const started = await startMcpServer(client, options, workspace, homeDir);
  if (!started.ok) {
    err(`aarm: the MCP server was not started: ${started.error}`);
    await client.close();
    return EXIT_NOT_CONFINABLE;
  }
  const { child } = started;
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
        server,
        workspace,
        // Joining a session means acting as its agent: the daemon binds a session to one agent.
        agent: process.env.AARM_AGENT ?? 'mcp-client',
        client,
        acceptChanges: options.acceptChanges,
        log: err,
        pins: filePinStore(pinFile),
      },
      process.stdin,
      process.stdout,
      child.stdout!,
      child.stdin!,
    ),
    exited,
  ]);
  child.kill();
  await client.close();
  return 0;
}

/**
 * The MCP server runs confined when the daemon confines (unless the human said `--unconfined` in the
 * server's configuration): the workspace and the folders named on its command line writable, aarm's
 * state and the user's secrets hidden, credentials out of its environment but those `--keep-env`
 * names, and the network as `--network` says (default open: servers fetch their packages and call
 * their APIs).
 */
async function startMcpServer(
  client: AarmClient,
  options: McpProxyOptions,
  workspace: string,
  homeDir: string,
): Promise<Result<{ child: ChildProcess }>> {
  const [command, ...args] = options.server;
  const status = await client.status().catch(() => undefined);
  const stdio: StdioOptions = ['pipe', 'pipe', 'inherit'];
  if (options.unconfined || !status?.confinement?.enabled) {
    if (!options.unconfined)
      err(
        `aarm: the MCP server runs unconfined: ${status?.confinement?.detail ?? 'the daemon did not say whether it confines'}`,
      );
    return { ok: true, child: childProcess().spawn(command!, args, { stdio }) };
  }
  const folders = args.filter((arg) => arg.startsWith('/'));
  const started = startConfined(
    { profile: 'workspace', network: options.network },
    {
      home: homedir(),
      stateDir: homeDir,
      workspace,
      cwd: process.cwd(),
      shared: folders,
      visible: packagesOf(options.server),
    },
    options.server,
    process.env,
    { stdio, keepEnv: options.keepEnv },
  );
  if (!started.ok) return started;
  // What a long-running server created among the pinned places goes when it stops.
  started.child.once('exit', () => started.sweep());
  return { ok: true, child: started.child };
}
