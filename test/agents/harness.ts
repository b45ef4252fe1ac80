/**
 * Runs the real Claude Code, Codex and Gemini CLIs (pinned, installed by scripts/agents-setup.sh into a
 * cache outside the repository) against a fake model on loopback, with aarm's hooks installed the
 * way a user installs them, a real daemon process, and a throw-away HOME. The suite runs inside a
 * network namespace that has only loopback (`npm run test:agents`), so nothing can leave the box.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type AarmClient } from '../../daemon/src/client/client.js';
import { approverSigner, newApproverSeed } from '../../daemon/src/client/approver-key.js';
import type { ActionReceipt, OutcomeReceipt, Receipt } from '../../daemon/src/protocol/index.js';
import { CLI, confirmInTerminal, runCli, storedReceipts, type RunResult } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';
import {
  startFakeAnthropic,
  startFakeGemini,
  startFakeResponses,
  type FakeCall,
  type FakeModel,
  type ToolResult,
} from './fake-models.js';

export const AGENTS_DIR = process.env.AARM_AGENTS_DIR ?? join(homedir(), '.cache', 'aarm-test-agents');
export const CLAUDE_BIN = join(AGENTS_DIR, 'node_modules', '.bin', 'claude');
export const CODEX_BIN = join(AGENTS_DIR, 'node_modules', '.bin', 'codex');
export const GEMINI_BIN = join(AGENTS_DIR, 'node_modules', '.bin', 'gemini');

/** One user's machine: a home, a project, aarm's state directory inside the home. */
export interface World {
  root: string;
  home: string;
  project: string;
  aarmHome: string;
  env: NodeJS.ProcessEnv;
  /** run the built `aarm` CLI as this user, in the project */
  aarm(args: string[], input?: string): Promise<RunResult>;
  receipts(): Receipt[];
  cleanup(): void;
}

export function newWorld(): World {
  // Not under the system temp directory: the default pack treats that as scratch space.
  mkdirSync(join(AGENTS_DIR, 'worlds'), { recursive: true });
  const root = mkdtempSync(join(AGENTS_DIR, 'worlds', 'w-'));
  const home = join(root, 'home');
  const project = join(root, 'project');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    // the agents are installed on this user's PATH, as `aarm install` and `aarm doctor` expect
    PATH: `${join(AGENTS_DIR, 'node_modules', '.bin')}:${process.env.PATH}`,
    HOME: home,
    LANG: 'C.UTF-8',
    TMPDIR: tmpdir(),
    // nothing from the test runner's own aarm or agent set-up leaks in
    AARM_HOME: undefined,
  };
  const aarmHome = join(home, '.local', 'state', 'aarm');
  return {
    root,
    home,
    project,
    aarmHome,
    env,
    aarm: (args, input) =>
      runCli(args, { env: { ...env, AARM_HOME: '' }, cwd: project, ...(input ? { input } : {}) }),
    receipts: () => (existsSync(join(aarmHome, 'receipts.db')) ? storedReceipts(aarmHome) : []),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

export const actionReceipts = (world: World) =>
  world.receipts().filter((r): r is ActionReceipt => r.kind === 'action');
export const outcomeReceipts = (world: World) =>
  world.receipts().filter((r): r is OutcomeReceipt => r.kind === 'outcome');

/** A folder in the user's home that a step-up test deletes (when a human allows it). */
export function makeVictim(world: World): string {
  const dir = join(world.home, 'victim');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'data'), 'keep me');
  return dir;
}

/** A user policy that rewrites `echo original…` into `echo modified…` (a MODIFY decision). */
export function writeModifyPolicy(world: World): void {
  mkdirSync(join(world.aarmHome, 'policies'), { recursive: true, mode: 0o700 });
  writeFileSync(
    join(world.aarmHome, 'policies', 'modify.yaml'),
    `aarm: 1
name: say-it-differently
rules:
  - id: say-modified
    match: { tool: shell }
    when: "action.parameters.command.startsWith('echo original')"
    decision: modify
    modify: { set: { command: "action.parameters.command.replace('original', 'modified')" } }
    reason: the test rewrites this command
`,
  );
}

export interface DaemonProcess {
  port: number;
  child: ChildProcess;
  /** SIGSTOP: the port stays open and accepts connections, but nothing answers */
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
}

/** `aarm daemon` as its own process, as the user runs it. */
export async function startDaemon(world: World, args: string[] = []): Promise<DaemonProcess> {
  const child = spawn(process.execPath, [CLI, 'daemon', '--port', '0', ...args], {
    cwd: world.home,
    env: world.env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const daemonFile = join(world.aarmHome, 'daemon.json');
  const port = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`the daemon exited (${child.exitCode}): ${stderr}`);
      if (!existsSync(daemonFile)) return undefined;
      const info = JSON.parse(readFileSync(daemonFile, 'utf8')) as { port?: number; pid?: number };
      return info.pid === child.pid ? info.port : undefined;
    },
    { timeoutMs: 20_000, what: 'the daemon to listen' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    port,
    child,
    pause: () => child.kill('SIGSTOP'),
    resume: () => child.kill('SIGCONT'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A human at the editor: connects with the approver credential and answers every step-up. */
export async function connectApprover(
  world: World,
  port: number,
  answer: 'allow' | 'deny' | 'never',
): Promise<{ asked: string[]; requests: string[]; close(): Promise<void> }> {
  const token = readFileSync(join(world.aarmHome, 'approver-token'), 'utf8').trim();
  const approverKey = approverSigner(newApproverSeed());
  const client: AarmClient = await connect({
    url: `ws://127.0.0.1:${port}`,
    token,
    client: { name: 'vscode' },
    approverKey,
  });
  // The human confirms the editor's key from a terminal, as the README says.
  const { keyId } = await client.registerApprover('vscode');
  const confirmed = await confirmInTerminal(world.aarmHome, keyId);
  if (confirmed.code !== 0) throw new Error(`aarm approvers confirm failed: ${confirmed.stderr}`);
  const asked: string[] = [];
  // the user's request each approval request showed (the agent's prompt hook recorded it)
  const requests: string[] = [];
  client.onMessage((message) => {
    if (message.type !== 'approval_request') return;
    asked.push(message.approvalId);
    requests.push(message.context.request);
    if (answer !== 'never') void client.approve(message.approvalId, answer);
  });
  return { asked, requests, close: () => client.close() };
}

/** SIGKILL every running `aarm hook AGENT` process (as an OOM killer or a careless `pkill node` would). */
/**
 * The aarm CLI the hooks in an agent's settings run: the checkout's, or the lasting copy `aarm
 * install` makes when the checkout is in a temporary folder (as CI's may be).
 */
export function hookCli(settingsText: string): string {
  const cli = /"([^"]+\/dist\/aarm\.js)" hook /.exec(settingsText.replace(/\\"/g, '"'))?.[1];
  if (cli === undefined) throw new Error('no aarm hook in these settings');
  return cli;
}

export function killHookProcess(agent: string): number {
  let killed = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    } catch {
      continue; // gone already
    }
    const at = argv.indexOf('hook');
    // the checkout's CLI, or the lasting copy `aarm install` made of it (a checkout in /tmp)
    if (at > 0 && /\/dist\/aarm\.js$/.test(argv[at - 1]!) && argv[at + 1] === agent) {
      process.kill(Number(pid), 'SIGKILL');
      killed++;
    }
  }
  if (killed === 0) throw new Error(`no \`aarm hook ${agent}\` process to kill`);
  return killed;
}

export interface AgentRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** what the agent told the model about the tool call (absent: it never got that far) */
  result: ToolResult | undefined;
  /** from starting the agent's process until it closed (bench/agent.ts) */
  ms: number;
  model: FakeModel;
}

type Ran = Pick<AgentRun, 'code' | 'stdout' | 'stderr' | 'ms'>;

function run(
  bin: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
) {
  return new Promise<Ran>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(bin, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** One headless Claude Code turn in the project, in which the model runs `command` with Bash. */
export async function runClaude(
  world: World,
  command: string,
  options: { timeoutMs?: number; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<AgentRun> {
  const model = await startFakeAnthropic(command);
  try {
    const result = await run(
      CLAUDE_BIN,
      ['-p', 'run it', '--output-format', 'json', ...(options.args ?? ['--allowedTools', 'Bash'])],
      {
        cwd: world.project,
        timeoutMs: options.timeoutMs ?? 120_000,
        env: {
          ...world.env,
          ANTHROPIC_BASE_URL: model.url,
          ANTHROPIC_API_KEY: 'sk-fake',
          DISABLE_TELEMETRY: '1',
          DISABLE_AUTOUPDATER: '1',
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
          ...options.env,
        },
      },
    );
    return { ...result, result: model.toolResults[0], model };
  } finally {
    await model.close();
  }
}

/**
 * One `codex exec` turn in the project, in which the model makes `call` (a shell command, or any tool).
 * Codex's own sandbox and approvals are off (as for a user who lets aarm decide): what stops a
 * command here is aarm's hook alone.
 */
export async function runCodex(world: World, call: FakeCall, timeoutMs = 120_000): Promise<AgentRun> {
  const model = await startFakeResponses(call);
  try {
    // -c overrides leave the user's config.toml (where `aarm install codex` records trust) as it is
    const result = await run(
      CODEX_BIN,
      [
        'exec',
        '--json',
        '--skip-git-repo-check',
        '--dangerously-bypass-approvals-and-sandbox',
        ...codexFlags(model.url),
        'run it',
      ],
      {
        cwd: world.project,
        timeoutMs,
        env: { ...world.env, FAKE_OPENAI_KEY: 'sk-fake' },
      },
    );
    return { ...result, result: model.toolResults[0], model };
  } finally {
    await model.close();
  }
}

/** `-c key=value` flags that point Codex at the fake model and keep it off the internet. */
function codexFlags(url: string): string[] {
  const settings: Record<string, string> = {
    model: '"gpt-fake"',
    model_provider: '"fake"',
    check_for_update_on_startup: 'false',
    'features.plugins': 'false',
    'features.remote_plugin': 'false',
    'features.in_app_updates': 'false',
    'analytics.enabled': 'false',
    'otel.metrics_exporter': '"none"',
    'otel.exporter': '"none"',
    'otel.trace_exporter': '"none"',
    'model_providers.fake.name': '"fake"',
    'model_providers.fake.base_url': `"${url}/v1"`,
    'model_providers.fake.wire_api': '"responses"',
    'model_providers.fake.env_key': '"FAKE_OPENAI_KEY"',
  };
  return Object.entries(settings).flatMap(([key, value]) => ['-c', `${key}=${value}`]);
}

/**
 * This user's Gemini CLI as its first run leaves it: the Gemini API key chosen as the way to sign
 * in, and (unless `trust` is false) the project trusted, as the folder-trust dialog records it.
 * Gemini CLI runs no hook at all in a folder it does not trust.
 */
export function geminiUser(world: World, options: { trust?: boolean } = {}): void {
  const dir = join(world.home, '.gemini');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'settings.json'),
    `${JSON.stringify({ security: { auth: { selectedType: 'gemini-api-key' } } }, null, 2)}\n`,
  );
  if (options.trust !== false)
    writeFileSync(join(dir, 'trustedFolders.json'), JSON.stringify({ [world.project]: 'TRUST_FOLDER' }));
}

/**
 * One headless Gemini CLI turn (`gemini -p`) in the project, in which the model makes `call` (a
 * shell command, or any tool). `--yolo` turns Gemini CLI's own confirmations off (as for a user who
 * lets aarm decide): what stops a call here is aarm's hook alone. The model is named, so that Gemini
 * CLI's router does not ask the fake which model to use.
 */
export async function runGemini(
  world: World,
  call: FakeCall,
  options: { timeoutMs?: number; args?: string[] } = {},
): Promise<AgentRun> {
  const model = await startFakeGemini(call);
  try {
    const result = await run(
      GEMINI_BIN,
      ['-p', 'run it', '-m', 'gemini-2.5-flash', ...(options.args ?? ['--yolo'])],
      {
        cwd: world.project,
        timeoutMs: options.timeoutMs ?? 120_000,
        env: { ...world.env, GEMINI_API_KEY: 'fake-key', GOOGLE_GEMINI_BASE_URL: model.url },
      },
    );
    return { ...result, result: model.toolResults[0], model };
  } finally {
    await model.close();
  }
}
