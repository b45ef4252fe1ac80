/**
 * `aarm doctor`: for each agent on this machine, does it really send its tool calls to aarm? A hook
 * that is missing, points at a moved checkout, is not trusted by the agent, or cannot reach the
 * daemon lets every tool call run unjudged (the agents fail open there), so each check says in
 * plain words what is wrong and which command fixes it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { aarmCommand, runtimeDir, throwAwayReason } from '../client/aarm-command.js';
import { connect, locateDaemon } from '../client/client.js';
import { DAEMON_VERSION } from '../protocol/index.js';
import {
  codexHookHash,
  codexHookKey,
  codexHooksSwitchedOff,
  readCodexTrust,
  type CodexHookGroup,
} from './codex-trust.js';
import { codexVersion, findOnPath, listCodexHooks } from './codex-app-server.js';
import { HOOK_TIMEOUT_S, hookDeadlineMs } from './agents.js';
import {
  HOOK_EVENTS,
  MATCH_ALL,
  codexHome,
  geminiHookName,
  hookFile,
  isAarmHook,
  positions,
  type Agent,
  type Settings,
  type InstallOptions,
} from './install.js';

export interface Check {
  ok: boolean;
  what: string;
  /** the command that fixes it */
  fix?: string;
}

export interface AgentReport {
  agent: Agent;
  /** where the agent was found: its program on PATH, or its settings */
  found?: string;
  checks: Check[];
}

export interface DoctorReport {
  daemon: Check[];
  agents: AgentReport[];
  ok: boolean;
}

/** Claude Code settings that switch every hook off, in the files it reads. */
function claudeHooksSwitchedOff(options: InstallOptions): Check[] {
  const files = [
    join(options.home, '.claude', 'settings.json'),
    join(options.home, '.claude', 'settings.local.json'),
    join(options.cwd, '.claude', 'settings.json'),
    join(options.cwd, '.claude', 'settings.local.json'),
    '/etc/claude-code/managed-settings.json',
  ];
  const checks: Check[] = [];
  for (const file of files) {
    if (!existsSync(file)) continue;
    try {
      const settings = JSON.parse(readFileSync(file, 'utf8')) as { disableAllHooks?: unknown };
      if (settings.disableAllHooks === true)
        checks.push({
          ok: false,
          what: `${file} sets \`disableAllHooks\`: Claude Code runs no hook, aarm's included`,
          fix: `remove \`"disableAllHooks": true\` from ${file}`,
        });
    } catch {
      // a file Claude Code cannot read is reported where the hook is read
    }
  }
  return checks;
}

/** aarm's hooks in each of these files, and a problem for each file that cannot be read. */
function readHookFiles(agent: Agent, files: readonly string[]): { checks: Check[]; hooks: HookFound[] } {
  const checks: Check[] = [];
  const hooks: HookFound[] = [];
  for (const file of files) {
    const found = readHooks(agent, file);
    if (found && 'error' in found)
      checks.push({ ok: false, what: found.error, fix: `fix the JSON in ${file}` });
    else if (found) hooks.push(found);
  }
  return { checks, hooks };
}

/** The agents doctor checks by their settings files (Gemini CLI: geminiCliReport; VS Code's hook file: vscodeReport). */
type CheckedAgent = 'claude-code' | 'codex' | 'cline';
const CHECKED_AGENTS: readonly CheckedAgent[] = ['claude-code', 'codex', 'cline'];

const BINARIES: Record<CheckedAgent, string | undefined> = {
  'claude-code': 'claude',
  codex: 'codex',
  cline: undefined,
};

interface HookFound {
  file: string;
  events: string[];
  commands: Array<{
    event: string;
    group: CodexHookGroup;
    handler: { command?: string; timeout?: number };
    g: number;
    h: number;
  }>;
}

function readHooks(agent: Agent, file: string): HookFound | { error: string } | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  if (agent === 'cline') {
    const line = text.split('\n').find((l) => isAarmHook({ command: l }));
    return line
      ? {
          file,
          events: ['PreToolUse'],
          commands: [{ event: 'PreToolUse', group: {}, handler: { command: line }, g: 0, h: 0 }],
        }
      : undefined;
  }
  let settings: Settings;
  try {
    settings = JSON.parse(text) as Settings;
  } catch (error) {
    return { error: `${file} is not JSON (${(error as Error).message}), so ${agent} cannot read its hooks` };
  }
  const commands: HookFound['commands'] = [];
  for (const [handler, [event, g, h]] of positions(settings))
    if (isAarmHook(handler)) commands.push({ event, group: settings.hooks![event]![g]!, handler, g, h });
  return commands.length === 0
    ? undefined
    : { file, events: [...new Set(commands.map((c) => c.event))], commands };
}

/** Why the aarm a hook starts may vanish, unless it is the lasting copy `aarm install` made. */
function throwAway(cli: string, options: InstallOptions): string | undefined {
  const copies = runtimeDir(options.env, options.home);
  const inCopies = [copies, existsSync(copies) ? realpathSync(copies) : copies].some((dir) =>
    cli.startsWith(`${dir}/`),
  );
  return inCopies ? undefined : throwAwayReason(cli);
}

/** The node and aarm paths a hook command starts, if it has the form `aarm install` writes. */
function commandPaths(command: string): { node: string; cli: string } | undefined {
  // (VS Code's command starts with a trap and a brace: vscodeHookCommand)
  const match = /^(?:trap '[^']*' TERM; \{ )?"((?:[^"\\]|\\.)+)" "((?:[^"\\]|\\.)+)" hook /.exec(command);
  if (!match) return undefined;
  return { node: JSON.parse(`"${match[1]}"`) as string, cli: JSON.parse(`"${match[2]}"`) as string };
}

/**
 * Where a hook's command points (a checkout that moved, a throw-away copy) and whether it blocks
 * the call when the hook crashes: the same for every agent's hook. `runnable`: a dry call can run it.
 */
function commandChecks(
  command: string,
  fix: string,
  options: InstallOptions,
  /** what the agent does with a crashed hook's call, said when the fallback is missing */
  crashed: string,
): { checks: Check[]; runnable: boolean } {
  const checks: Check[] = [];
  const paths = commandPaths(command);
  const gone = paths ? [paths.node, paths.cli].filter((path) => !existsSync(path)) : [];
  if (!paths) checks.push({ ok: false, what: `the hook command is not one aarm wrote: \`${command}\``, fix });
  else if (gone.length > 0)
    checks.push({
      ok: false,
      what: `the hook runs ${gone.join(' and ')}, which no longer exist${gone.length === 1 ? 's' : ''} (a moved or removed checkout): every tool call is blocked`,
      fix: `${fix} (run by the aarm you use now)`,
    });
  else if (throwAway(paths.cli, options))
    checks.push({
      ok: false,
      what: `the hook runs ${paths.cli}, in ${throwAway(paths.cli, options)}: once it is gone every tool call is blocked`,
      fix: `${fix} (it starts a lasting aarm instead)`,
    });
  else checks.push({ ok: true, what: `the hook runs ${paths.cli} with ${paths.node}` });
  if (!/\|\| \{ echo .*>&2; exit 2; \}$/.test(command))
    checks.push({
      ok: false,
      what: `the hook command has no fallback that blocks the call when the hook crashes or is killed (${crashed})`,
      fix,
    });
  return { checks, runnable: paths !== undefined && gone.length === 0 };
}

/** Run the hook's own command line, as the agent would, with a harmless tool call. */
function dryCall(
  agent: Agent,
  command: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  inputOf?: (id: string) => object,
): Promise<Check> {
  const started = Date.now();
  const input = inputOf
    ? inputOf(`aarm-doctor-${started}`)
    : agent === 'gemini-cli'
      ? {
          session_id: `aarm-doctor-${started}`,
          cwd,
          hook_event_name: 'BeforeTool',
          tool_name: 'run_shell_command',
          tool_input: { command: 'true' },
        }
      : agent === 'cline'
        ? {
            hookName: 'PreToolUse',
            taskId: `aarm-doctor-${started}`,
            workspaceRoots: [cwd],
            preToolUse: { toolName: 'execute_command', parameters: { command: 'true' } },
          }
        : {
            session_id: `aarm-doctor-${started}`,
            cwd,
            hook_event_name: 'PreToolUse',
            tool_name: 'Bash',
            tool_input: { command: 'true' },
            tool_use_id: `aarm-doctor-${started}`,
          };
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (error) =>
      resolve({ ok: false, what: `the hook command cannot start: ${error.message}` }),
    );
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const said = stderr.trim().split('\n').at(-1) ?? '';
      if (signal)
        return resolve({ ok: false, what: `a dry call through the hook got no answer within 30 s` });
      if (code !== 0)
        return resolve({
          ok: false,
          what: `a dry call through the hook was blocked (exit ${code}): ${said || 'no reason given'}`,
        });
      let answer = "allow: no objection, the agent's own rules apply";
      if (stdout.trim() !== '') {
        try {
          const parsed = JSON.parse(stdout) as {
            hookSpecificOutput?: { permissionDecision?: string };
            cancel?: boolean;
            decision?: string;
          };
          answer =
            parsed.hookSpecificOutput?.permissionDecision ??
            parsed.decision ??
            (parsed.cancel === false ? 'allow' : parsed.cancel ? 'cancel' : answer);
        } catch {
          return resolve({
            ok: false,
            what: `a dry call through the hook printed something that is not JSON: ${stdout.slice(0, 200)}`,
          });
        }
      }
      resolve({
        ok: true,
        what: `a dry call through the hook's own command line was answered (${answer}) in ${ms} ms`,
      });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(JSON.stringify(input));
  });
}

async function daemonChecks(homeDir: string): Promise<Check[]> {
  let located: { url: string; token: string };
  try {
    located = locateDaemon(homeDir);
  } catch (error) {
    return [
      {
        ok: false,
        what: (error as Error).message.replace(/: start it with.*/, ''),
        fix: aarmCommand('daemon'),
      },
    ];
  }
  try {
    const client = await connect({
      ...located,
      client: { name: 'aarm-doctor', version: DAEMON_VERSION },
      timeoutMs: 5000,
    });
    try {
      const status = await client.status();
      return [
        {
          ok: true,
          what: `the daemon answers at ${located.url} (version ${status.version}, pid ${status.pid}) and accepts the agent token`,
        },
      ];
    } finally {
      await client.close();
    }
  } catch (error) {
    return [
      {
        ok: false,
        what: `the daemon named in ${join(homeDir, 'daemon.json')} does not answer: ${(error as Error).message}`,
        fix: aarmCommand('daemon'),
      },
    ];
  }
}

async function agentReport(
  agent: CheckedAgent,
  options: InstallOptions & { homeDir: string },
): Promise<AgentReport> {
  const binary = BINARIES[agent] ? findOnPath(BINARIES[agent], options.env) : undefined;
  const files =
    agent === 'cline'
      ? [hookFile('cline', options)]
      : [hookFile(agent, { ...options, project: false }), hookFile(agent, { ...options, project: true })];
  const { checks, hooks } = readHookFiles(agent, files);
  const settingsDir =
    agent === 'codex'
      ? codexHome(options)
      : agent === 'claude-code'
        ? join(options.home, '.claude')
        : undefined;
  const found =
    binary ?? hooks[0]?.file ?? (settingsDir && existsSync(settingsDir) ? settingsDir : undefined);
  if (!found) return { agent, checks: [] };
  const install = `aarm install ${agent}`;
  if (hooks.length === 0) {
    checks.push({
      ok: false,
      what: `no aarm hook in ${files.join(' or ')}: ${agent}'s tool calls are not judged`,
      fix: install,
    });
    return { agent, found, checks };
  }
  if (agent === 'claude-code') checks.push(...claudeHooksSwitchedOff(options));
  for (const hook of hooks) {
    const project = hook.file !== files[0] || agent === 'cline';
    const fix = project && agent !== 'cline' ? `${install} --project` : install;
    const missing =
      agent === 'cline' ? [] : HOOK_EVENTS[agent].filter((event) => !hook.events.includes(event));
    checks.push(
      missing.includes('PreToolUse')
        ? {
            ok: false,
            what: `${hook.file} has aarm hooks but none before a tool call (PreToolUse): nothing is judged`,
            fix,
          }
        : missing.length > 0
          ? {
              ok: false,
              what: `${hook.file} has no aarm hook for ${missing.join(', ')}: ${missing
                .map((event) =>
                  event === 'UserPromptSubmit'
                    ? "the user's prompt does not reach aarm as the session's request"
                    : 'outcomes are not recorded',
                )
                .filter((said, i, all) => all.indexOf(said) === i)
                .join('; ')}`,
              fix,
            }
          : { ok: true, what: `${hook.file} sends ${hook.events.join(', ')} to aarm` },
    );
    const pre = hook.commands.find((c) => c.event === 'PreToolUse') ?? hook.commands[0]!;
    const matcher = pre.group.matcher;
    if (agent !== 'cline' && matcher !== undefined && !MATCH_ALL.has(matcher))
      checks.push({
        ok: false,
        what: `aarm's PreToolUse hook in ${hook.file} only runs for tools matching \`${matcher}\`: every other tool call is not judged`,
        fix,
      });
    const command = pre.handler.command ?? '';
    const commandReport = commandChecks(command, fix, options, 'the agent would run it');
    checks.push(...commandReport.checks);
    if (agent === 'codex') checks.push(...(await codexTrust(hook, options, binary, fix)));
    if (commandReport.runnable) checks.push(await dryCall(agent, command, options.cwd, options.env));
  }
  return { agent, found, checks };
}

/** Does Codex trust aarm's hooks? config.toml's hashes, and where Codex is installed, Codex's own word. */
async function codexTrust(
  hook: HookFound,
  options: InstallOptions,
  binary: string | undefined,
  fix: string,
): Promise<Check[]> {
  const configFile = join(codexHome(options), 'config.toml');
  const configText = existsSync(configFile) ? readFileSync(configFile, 'utf8') : '';
  const off = codexHooksSwitchedOff(configText);
  if (off)
    return [
      {
        ok: false,
        what: `Codex runs no hook at all: \`${off}\` in ${configFile}`,
        fix: `delete \`${off}\` from ${configFile}`,
      },
    ];
  const trust = readCodexTrust(configText);
  const real = realpathSync(hook.file);
  const untrusted = hook.commands.filter(({ event, group, handler, g, h }) => {
    const entry = trust.get(codexHookKey(real, event, g, h));
    return entry?.trustedHash !== codexHookHash(event, group, handler) || entry.enabled === false;
  });
  const checks: Check[] = [];
  if (!binary) {
    checks.push(
      untrusted.length > 0
        ? {
            ok: false,
            what: `${configFile} does not trust aarm's hook for ${untrusted.map((c) => c.event).join(', ')}: Codex would skip it without a word`,
            fix,
          }
        : { ok: true, what: `${configFile} trusts aarm's hooks (codex is not on PATH to confirm)` },
    );
    return checks;
  }
  const version = (await codexVersion(binary, options.env)) ?? 'unknown version';
  const listed = await listCodexHooks(binary, options.cwd, options.env);
  if ('error' in listed) {
    checks.push({
      ok: untrusted.length === 0,
      what: `Codex ${version} could not be asked about its hooks: ${listed.error}`,
      ...(untrusted.length > 0 ? { fix } : {}),
    });
    return checks;
  }
  const mine = listed.filter((h) => h.sourcePath === real && isAarmHook(h));
  if (mine.length === 0) {
    checks.push({
      ok: false,
      what: `Codex ${version} does not load ${hook.file}${hook.file.startsWith(options.cwd) ? ' (project hooks load only in projects Codex trusts)' : ''}`,
      fix: hook.file.startsWith(options.cwd)
        ? 'trust this project in Codex, or use `aarm install codex` (user-wide)'
        : fix,
    });
    return checks;
  }
  const bad = mine.filter(
    (h) => (h.trustStatus !== 'trusted' && h.trustStatus !== 'managed') || h.enabled === false,
  );
  checks.push(
    bad.length > 0
      ? {
          ok: false,
          what: `Codex ${version} skips aarm's hook without a word: ${bad.map((h) => `${h.eventName} is ${h.enabled === false ? 'disabled' : h.trustStatus}`).join(', ')}`,
          fix,
        }
      : {
          ok: true,
          what: `Codex ${version} trusts and runs aarm's hook (${mine.map((h) => h.eventName).join(', ')})`,
        },
  );
  return checks;
}

// ---- VS Code agent mode (GitHub Copilot Chat) ----

/** The aarm hook files `aarm install vscode` writes: user-wide, then this project's. */
const vscodeHookFiles = (options: InstallOptions) => [
  hookFile('vscode', { ...options, project: false }),
  hookFile('vscode', { ...options, project: true }),
];

/** Where VS Code (and its Insiders build, code-server, a remote server) keeps its user settings. */
function vscodeUserDirs(options: InstallOptions): string[] {
  const config = options.env.XDG_CONFIG_HOME || join(options.home, '.config');
  const mac = join(options.home, 'Library', 'Application Support');
  return [
    join(config, 'Code', 'User'),
    join(config, 'Code - Insiders', 'User'),
    join(mac, 'Code', 'User'),
    join(mac, 'Code - Insiders', 'User'),
    join(options.home, '.local', 'share', 'code-server', 'User'),
    join(options.home, '.vscode-server', 'data', 'Machine'),
  ];
}

/** Where VS Code keeps extensions (desktop, Insiders, remote server, code-server). */
const vscodeExtensionDirs = (options: InstallOptions) => [
  join(options.home, '.vscode', 'extensions'),
  join(options.home, '.vscode-insiders', 'extensions'),
  join(options.home, '.vscode-server', 'extensions'),
  join(options.home, '.local', 'share', 'code-server', 'extensions'),
];

/** VS Code's settings are JSON with comments and trailing commas. */
export function parseJsonc(text: string): unknown {
  let out = '';
  const skipTrivia = (from: number): number => {
    let j = from;
    for (;;) {
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text.startsWith('//', j)) j = text.includes('\n', j) ? text.indexOf('\n', j) : text.length;
      else if (text.startsWith('/*', j))
        j = text.includes('*/', j + 2) ? text.indexOf('*/', j + 2) + 2 : text.length;
      else return j;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const start = i;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      out += text.slice(start, i + 1);
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      i = skipTrivia(i) - 1;
      out += ' ';
    } else if (c === ',' && (text[skipTrivia(i + 1)] === '}' || text[skipTrivia(i + 1)] === ']')) {
      // a trailing comma
    } else out += c;
  }
  return JSON.parse(out);
}

/** The newest version of an extension in these folders (`publisher.name-1.2.3`), if any. */
function extensionVersion(dirs: string[], id: string): { dir: string; version: string } | undefined {
  let best: { dir: string; version: string; parts: number[] } | undefined;
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    for (const entry of readdirSync(dir)) {
      const match = new RegExp(`^${id.replace('.', '\\.')}-(\\d+(?:\\.\\d+)*)`, 'i').exec(entry);
      if (!match) continue;
      const parts = match[1]!.split('.').map(Number);
      if (!best || compareVersions(parts, best.parts) > 0) best = { dir, version: match[1]!, parts };
    }
  }
  return best && { dir: best.dir, version: best.version };
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/**
 * The first Copilot Chat that runs agent hooks (0.37, with VS Code 1.109: vscode-copilot-chat's
 * hook service and the `chatHooks` API); older ones run every tool call without asking any hook.
 */
const COPILOT_CHAT_WITH_HOOKS = [0, 37];

type HookEntry = Record<string, unknown>;

/** The entries of one event in a VS Code hook file (flat, or Claude Code's matcher groups, which VS Code also reads). */
function vscodeEntries(hooks: Record<string, unknown>, event: string): HookEntry[] {
  const list = hooks[event];
  if (!Array.isArray(list)) return [];
  return list.flatMap((item: unknown) =>
    typeof item !== 'object' || item === null
      ? []
      : Array.isArray((item as { hooks?: unknown }).hooks)
        ? ((item as { hooks: unknown[] }).hooks.filter(
            (h) => typeof h === 'object' && h !== null,
          ) as HookEntry[])
        : [item as HookEntry],
  );
}

/** The command VS Code runs for an entry on this platform (`linux`/`osx`/`bash` override `command`). */
function vscodeEffectiveCommand(entry: HookEntry): string | undefined {
  const text = (key: string) =>
    typeof entry[key] === 'string' && entry[key] !== '' ? entry[key] : undefined;
  const own =
    process.platform === 'darwin' ? text('osx') : process.platform === 'linux' ? text('linux') : undefined;
  return (
    own ??
    (process.platform === 'win32' ? (text('windows') ?? text('powershell')) : text('bash')) ??
    text('command')
  );
}

/** Checks of one aarm hook file for VS Code. */
async function vscodeHookFileChecks(file: string, options: InstallOptions, fix: string): Promise<Check[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return [
      {
        ok: false,
        what: `${file} is not JSON (${(error as Error).message}): VS Code loads no hook from it`,
        fix,
      },
    ];
  }
  const hooks = (parsed as { hooks?: unknown } | null)?.hooks;
  if (typeof hooks !== 'object' || hooks === null || Array.isArray(hooks))
    return [{ ok: false, what: `${file} has no \`hooks\` object: VS Code loads no hook from it`, fix }];
  const ours = (event: string) =>
    vscodeEntries(hooks as Record<string, unknown>, event).find(
      (entry) => entry.type === 'command' && isAarmHook({ command: vscodeEffectiveCommand(entry) ?? '' }),
    );
  const checks: Check[] = [];
  const pre = ours('PreToolUse');
  if (!pre)
    return [
      {
        ok: false,
        what: `${file} has no aarm PreToolUse hook (\`"type": "command"\`): no tool call is judged`,
        fix,
      },
    ];
  const missing = ['PostToolUse', 'UserPromptSubmit'].filter((event) => !ours(event));
  checks.push(
    missing.length > 0
      ? {
          ok: false,
          what: `${file} has no aarm hook for ${missing.join(', ')}: ${missing
            .map((event) =>
              event === 'PostToolUse'
                ? 'outcomes are not recorded'
                : "the user's prompt does not reach aarm as the session's request",
            )
            .join('; ')}`,
          fix,
        }
      : { ok: true, what: `${file} sends PreToolUse, PostToolUse, UserPromptSubmit to aarm` },
  );
  const command = vscodeEffectiveCommand(pre)!;
  if (command !== pre.command)
    checks.push({
      ok: false,
      what: `aarm's PreToolUse entry in ${file} has a platform command (linux, osx or bash) that VS Code runs instead of aarm's`,
      fix,
    });
  // VS Code kills a hook at its timeout (default 30 s) and then runs the call (hookExecutor.ts):
  // the hook must give up and block before that.
  const fileTimeout =
    typeof pre.timeout === 'number' ? pre.timeout : typeof pre.timeoutSec === 'number' ? pre.timeoutSec : 30;
  const hookTimeout = Number(/ --timeout (\d+)/.exec(command)?.[1] ?? HOOK_TIMEOUT_S);
  const blocksAt = hookDeadlineMs(hookTimeout) / 1000;
  checks.push(
    blocksAt >= fileTimeout
      ? {
          ok: false,
          what: `VS Code stops aarm's hook after ${fileTimeout} s (${typeof pre.timeout === 'number' ? 'its timeout' : 'the default'}), before the hook gives up and blocks at ${blocksAt} s: a call that waits longer (for an approver) runs`,
          fix,
        }
      : {
          ok: true,
          what: `VS Code gives the hook ${fileTimeout} s; it blocks a call still unanswered at ${blocksAt} s`,
        },
  );
  const commandReport = commandChecks(command, fix, options, 'VS Code would run it');
  checks.push(...commandReport.checks);
  if (!command.startsWith("trap '"))
    checks.push({
      ok: false,
      what: 'the hook command does not block the call when VS Code stops it (at its timeout): VS Code would run it',
      fix,
    });
  if (commandReport.runnable)
    checks.push(
      await dryCall('vscode', command, options.cwd, options.env, (id) => ({
        timestamp: new Date().toISOString(),
        hook_event_name: 'PreToolUse',
        session_id: id,
        cwd: options.cwd,
        tool_name: 'run_in_terminal',
        tool_input: { command: 'true', explanation: 'aarm doctor', isBackground: false },
        tool_use_id: id,
      })),
    );
  return checks;
}

/** VS Code's settings that switch hooks, or aarm's hook file, off. */
function vscodeSettingsChecks(options: InstallOptions, installed: string[]): Check[] {
  const checks: Check[] = [];
  const userFile = hookFile('vscode', { ...options, project: false });
  const files = [
    ...vscodeUserDirs(options).map((dir) => join(dir, 'settings.json')),
    join(options.cwd, '.vscode', 'settings.json'),
  ];
  let claudeHooksOff = false;
  for (const file of files) {
    if (!existsSync(file)) continue;
    let settings: Record<string, unknown>;
    try {
      settings = parseJsonc(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (error) {
      checks.push({
        ok: false,
        what: `${file} cannot be read as VS Code settings (${(error as Error).message}), so it was not checked`,
      });
      continue;
    }
    // `chat.useHooks` (default on); some builds named it `chat.useChatHooks`.
    for (const key of ['chat.useHooks', 'chat.useChatHooks'])
      if (settings[key] === false)
        checks.push({
          ok: false,
          what: `${file} sets \`"${key}": false\`: VS Code runs no hook, aarm's included, and agent mode's tool calls are not judged`,
          fix: `remove \`"${key}": false\` from ${file}`,
        });
    if (settings['chat.useClaudeHooks'] === false) claudeHooksOff = true;
    const locations = settings['chat.hookFilesLocations'];
    if (typeof locations !== 'object' || locations === null) continue;
    for (const hook of installed) {
      const key = hook === userFile ? '~/.copilot/hooks' : '.github/hooks';
      const value = (locations as Record<string, unknown>)[key];
      if (value === false || value === 'false')
        checks.push({
          ok: false,
          what: `${file} sets \`"${key}": false\` in \`chat.hookFilesLocations\`: VS Code does not load ${hook}`,
          fix: `set \`"${key}": true\` in \`chat.hookFilesLocations\` in ${file}`,
        });
    }
  }
  // An organization's policy (ChatHooks) can switch hooks off whatever the settings say.
  const policyFile = '/etc/vscode/policy.json';
  if (existsSync(policyFile)) {
    try {
      if ((parseJsonc(readFileSync(policyFile, 'utf8')) as Record<string, unknown>).ChatHooks === false)
        checks.push({
          ok: false,
          what: `${policyFile} sets the ChatHooks policy to false: VS Code runs no hook and agent mode's tool calls are not judged`,
          fix: 'ask whoever manages this machine to allow chat hooks, or do not use agent mode here',
        });
    } catch {
      // not ours to judge
    }
  }
  if (installed.length === 0) return checks;
  // VS Code also runs the hooks in Claude Code's settings files: aarm's Claude Code hook there
  // judges each call a second time (two receipts, a step-up asked twice).
  const claudeFiles = claudeHooksOff
    ? []
    : [
        join(options.home, '.claude', 'settings.json'),
        join(options.cwd, '.claude', 'settings.json'),
        join(options.cwd, '.claude', 'settings.local.json'),
      ].filter((file) => existsSync(file));
  const claude = claudeFiles.filter(isAarmHookFile);
  if (claude.length > 0)
    checks.push({
      ok: true,
      what: `VS Code also runs aarm's Claude Code hook in ${claude.join(', ')}: each call is judged twice (set \`"chat.useClaudeHooks": false\` if you do not use Claude Code's hooks in VS Code)`,
    });
  // Every PreToolUse hook VS Code loads runs for every call; the most restrictive decision wins,
  // but the last \`updatedInput\` does too (chatHookService.ts): one of theirs can change a call aarm allowed.
  const folders = [join(options.cwd, '.github', 'hooks'), join(options.home, '.copilot', 'hooks')];
  const others = [
    ...folders.flatMap((dir) =>
      existsSync(dir)
        ? readdirSync(dir)
            .filter((name) => name.endsWith('.json') && name !== 'aarm.json')
            .map((name) => join(dir, name))
        : [],
    ),
    ...claudeFiles,
  ].filter((file) => {
    try {
      const hooks = (JSON.parse(readFileSync(file, 'utf8')) as { hooks?: unknown }).hooks;
      if (typeof hooks !== 'object' || hooks === null) return false;
      return vscodeEntries(hooks as Record<string, unknown>, 'PreToolUse').some(
        (entry) => !isAarmHook({ command: vscodeEffectiveCommand(entry) ?? '' }),
      );
    } catch {
      return false;
    }
  });
  if (others.length > 0)
    checks.push({
      ok: true,
      what: `VS Code also runs other PreToolUse hooks (${others.join(', ')}): aarm's deny wins over their answers, but an input one of them rewrites (\`updatedInput\`) runs as aarm allowed the original`,
    });
  return checks;
}

const isAarmHookFile = (file: string) => {
  try {
    return /aarm(\.js)?\\?"? hook /.test(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
};

/** VS Code agent mode: aarm's hook file, the settings that enable it, Copilot Chat, the aarm extension. */
async function vscodeReport(options: InstallOptions & { homeDir: string }): Promise<AgentReport> {
  const files = vscodeHookFiles(options);
  const installed = files.filter((file) => existsSync(file));
  const userDirs = vscodeUserDirs(options).filter((dir) => existsSync(dir));
  const extensionDirs = vscodeExtensionDirs(options).filter((dir) => existsSync(dir));
  const found = findOnPath('code', options.env) ?? userDirs[0] ?? extensionDirs[0] ?? installed[0];
  if (!found) return { agent: 'vscode', checks: [] };
  const checks: Check[] = [];
  const copilot = extensionVersion(extensionDirs, 'github.copilot-chat');
  if (!copilot)
    checks.push({
      ok: true,
      what: `GitHub Copilot Chat is not installed${extensionDirs.length > 0 ? ` in ${extensionDirs.join(', ')}` : ''}: no agent mode to guard`,
    });
  else if (compareVersions(copilot.version.split('.').map(Number), COPILOT_CHAT_WITH_HOOKS) < 0)
    checks.push({
      ok: false,
      what: `GitHub Copilot Chat ${copilot.version} (${copilot.dir}) runs no agent hooks (they came with 0.37, VS Code 1.109): agent mode's tool calls are not judged`,
      fix: 'update VS Code and GitHub Copilot Chat',
    });
  else checks.push({ ok: true, what: `GitHub Copilot Chat ${copilot.version} runs agent hooks` });
  if (installed.length === 0)
    checks.push({
      ok: false,
      what: `no aarm hook in ${files.join(' or ')}: agent mode's tool calls are not judged`,
      fix: 'aarm install vscode',
    });
  for (const file of installed)
    checks.push(
      ...(await vscodeHookFileChecks(
        file,
        options,
        file === files[0] ? 'aarm install vscode' : 'aarm install vscode --project',
      )),
    );
  checks.push(...vscodeSettingsChecks(options, installed));
  if (installed.includes(files[0]!))
    checks.push({
      ok: true,
      what: `recent VS Code loads ~/.copilot/hooks by itself; if the Chat view's Diagnostics list no aarm hook, add \`"~/.copilot/hooks": true\` to \`chat.hookFilesLocations\``,
    });
  const extension = extensionVersion(extensionDirs, 'aarm.aarm');
  checks.push(
    extension
      ? {
          ok: true,
          what: `the aarm extension ${extension.version} is installed (${extension.dir}): it shows step-ups for approval`,
        }
      : {
          ok: true,
          what: `the aarm extension is not installed${extensionDirs.length > 0 ? ` in ${extensionDirs.join(', ')}` : ''}: a step-up is refused unless \`aarm approve\` runs in a terminal (install it with \`code --install-extension aarm-<version>.vsix\`)`,
        },
  );
  return { agent: 'vscode', found, checks };
}

/**
 * Gemini CLI: its hooks in ~/.gemini/settings.json or ./.gemini/settings.json (what each missing
 * event costs, where the command points, a dry BeforeTool call), hooks switched off in any of its
 * settings, and folder trust: in a folder Gemini CLI does not trust it runs no hook at all, so
 * nothing there is judged.
 */
async function geminiCliReport(options: InstallOptions & { homeDir: string }): Promise<AgentReport> {
  const agent = 'gemini-cli';
  const binary = findOnPath('gemini', options.env);
  const files = [
    hookFile(agent, { ...options, project: false }),
    hookFile(agent, { ...options, project: true }),
  ];
  const { checks, hooks } = readHookFiles(agent, files);
  const settingsDir = join(options.home, '.gemini');
  const found = binary ?? hooks[0]?.file ?? (existsSync(settingsDir) ? settingsDir : undefined);
  if (!found) return { agent, checks: [] };
  if (hooks.length === 0) {
    checks.push({
      ok: false,
      what: `no aarm hook in ${files.join(' or ')}: Gemini CLI's tool calls are not judged`,
      fix: 'aarm install gemini-cli',
    });
    return { agent, found, checks };
  }
  checks.push(...geminiHooksSwitchedOff(options), geminiFolderTrust(options));
  const said: Record<string, string> = {
    BeforeTool: 'nothing is judged',
    BeforeAgent: "the user's prompt does not reach aarm as the session's request",
    AfterTool: 'outcomes are not recorded',
  };
  for (const hook of hooks) {
    const fix = hook.file === files[0] ? 'aarm install gemini-cli' : 'aarm install gemini-cli --project';
    const missing = HOOK_EVENTS[agent].filter((event) => !hook.events.includes(event));
    checks.push(
      missing.length > 0
        ? {
            ok: false,
            what: `${hook.file} has no aarm hook for ${missing.join(', ')}: ${missing.map((e) => said[e]).join('; ')}`,
            fix,
          }
        : { ok: true, what: `${hook.file} sends ${hook.events.join(', ')} to aarm` },
    );
    const before = hook.commands.find((c) => c.event === 'BeforeTool');
    if (!before) continue;
    const matcher = before.group.matcher;
    if (matcher !== undefined && !MATCH_ALL.has(matcher))
      checks.push({
        ok: false,
        what: `aarm's BeforeTool hook in ${hook.file} only runs for tools matching \`${matcher}\`: every other tool call is not judged`,
        fix,
      });
    const command = before.handler.command ?? '';
    const commandReport = commandChecks(
      command,
      fix,
      options,
      'Gemini CLI runs the call on any exit but 2 with a reason',
    );
    checks.push(...commandReport.checks);
    if (commandReport.runnable) checks.push(await dryCall(agent, command, options.cwd, options.env));
  }
  return { agent, found, checks };
}

/** Gemini CLI's settings files, system-wide ones included, parsed (unreadable ones are skipped). */
function geminiSettings(options: InstallOptions): Array<{ file: string; settings: Record<string, unknown> }> {
  const files = [
    options.env.GEMINI_CLI_SYSTEM_SETTINGS_PATH || '/etc/gemini-cli/settings.json',
    join(options.home, '.gemini', 'settings.json'),
    join(options.cwd, '.gemini', 'settings.json'),
  ];
  return files.flatMap((file) => {
    try {
      const settings = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      return typeof settings === 'object' && settings !== null
        ? [{ file, settings: settings as Record<string, unknown> }]
        : [];
    } catch {
      return [];
    }
  });
}

/** `hooksConfig.enabled: false` (no hook runs) or aarm's hooks in `hooksConfig.disabled` (`/hooks disable`). */
function geminiHooksSwitchedOff(options: InstallOptions): Check[] {
  const checks: Check[] = [];
  const ours = new Set<string>(HOOK_EVENTS['gemini-cli'].map(geminiHookName));
  for (const { file, settings } of geminiSettings(options)) {
    const config = settings.hooksConfig as { enabled?: unknown; disabled?: unknown } | undefined;
    if (config?.enabled === false)
      checks.push({
        ok: false,
        what: `${file} sets \`hooksConfig.enabled\` to false: Gemini CLI runs no hook, aarm's included`,
        fix: `remove \`"enabled": false\` from \`hooksConfig\` in ${file}`,
      });
    const disabled = Array.isArray(config?.disabled)
      ? config.disabled.filter((name) => ours.has(name as string))
      : [];
    if (disabled.length > 0)
      checks.push({
        ok: false,
        what: `${file} disables aarm's hook${disabled.length === 1 ? '' : 's'} ${disabled.join(', ')} (\`hooksConfig.disabled\`)${disabled.includes('aarm') ? ': nothing is judged' : ''}`,
        fix: `remove ${disabled.map((name) => `"${name}"`).join(', ')} from \`hooksConfig.disabled\` in ${file} (or \`/hooks enable\` in Gemini CLI)`,
      });
  }
  return checks;
}

/**
 * Does Gemini CLI trust this folder (it runs no hook, user-wide ones included, where it does not)?
 * As Gemini CLI 0.61 decides: GEMINI_CLI_TRUST_WORKSPACE, then `security.folderTrust.enabled`
 * (on unless set false), then the longest matching entry of trustedFolders.json.
 */
function geminiFolderTrust(options: InstallOptions): Check {
  const env = options.env;
  const untrusted = (why: string): Check => ({
    ok: false,
    what: `Gemini CLI does not trust ${options.cwd} (${why}): it runs no hook there, so its tool calls in this folder are not judged`,
    fix: `trust this folder when Gemini CLI asks (or with /permissions), if it is yours; elsewhere run Gemini CLI only in folders it trusts`,
  });
  if (env.GEMINI_RESTRICTED_MODE === 'true' || env.GEMINI_CLI_TRUST_WORKSPACE === 'false')
    return untrusted('GEMINI_CLI_TRUST_WORKSPACE=false or GEMINI_RESTRICTED_MODE=true');
  if (env.GEMINI_CLI_TRUST_WORKSPACE === 'true')
    return {
      ok: true,
      what: `Gemini CLI trusts every folder (GEMINI_CLI_TRUST_WORKSPACE=true), so it runs hooks here`,
    };
  const enabled = geminiSettings(options)
    .filter(({ file }) => !file.startsWith(join(options.cwd, '.gemini')))
    .map(
      ({ settings }) =>
        (settings.security as { folderTrust?: { enabled?: unknown } } | undefined)?.folderTrust?.enabled,
    )
    .filter((value) => value !== undefined)
    .at(-1);
  if (enabled === false)
    return { ok: true, what: 'Gemini CLI folder trust is off: it runs hooks in every folder' };
  const file = env.GEMINI_CLI_TRUSTED_FOLDERS_PATH || join(options.home, '.gemini', 'trustedFolders.json');
  let rules: Record<string, unknown> = {};
  try {
    if (existsSync(file)) rules = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    return untrusted(`${file} is not JSON: ${(error as Error).message}`);
  }
  const real = (path: string) => (existsSync(path) ? realpathSync(path) : path);
  const here = real(options.cwd);
  let best: { length: number; level: unknown } | undefined;
  for (const [path, level] of Object.entries(rules)) {
    const folder = real(level === 'TRUST_PARENT' ? dirname(path) : path);
    const within = relative(folder, here);
    if (within.startsWith('..') || isAbsolute(within)) continue;
    if (!best || path.length > best.length) best = { length: path.length, level };
  }
  if (best?.level === 'TRUST_FOLDER' || best?.level === 'TRUST_PARENT')
    return { ok: true, what: `Gemini CLI trusts ${options.cwd} (${file}), so it runs hooks here` };
  return untrusted(best?.level === 'DO_NOT_TRUST' ? `${file} says DO_NOT_TRUST` : `it is not in ${file}`);
}

export async function doctor(options: InstallOptions & { homeDir: string }): Promise<DoctorReport> {
  const daemon = await daemonChecks(options.homeDir);
  const agents: AgentReport[] = [];
  for (const agent of CHECKED_AGENTS) agents.push(await agentReport(agent, options));
  agents.push(await geminiCliReport(options));
  agents.push(await vscodeReport(options));
  const ok = [...daemon, ...agents.flatMap((a) => a.checks)].every((c) => c.ok);
  return { daemon, agents, ok };
}

export async function runDoctor(
  options: InstallOptions & { homeDir: string; json: boolean },
): Promise<number> {
  const report = await doctor(options);
  if (options.json) {
    options.out(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  }
  const line = (check: Check, indent: string) => {
    options.out(`${indent}${check.ok ? 'ok     ' : 'PROBLEM'} ${check.what}`);
    if (check.fix) options.out(`${indent}        fix: ${check.fix}`);
  };
  options.out('daemon');
  for (const check of report.daemon) line(check, '  ');
  for (const agent of report.agents) {
    options.out(`${agent.agent}${agent.found ? ` (${agent.found})` : ': not found on this machine'}`);
    for (const check of agent.checks) line(check, '  ');
  }
  options.out(
    report.ok
      ? 'Every agent found sends its tool calls to aarm.'
      : 'Some tool calls would not be judged; see PROBLEM above.',
  );
  return report.ok ? 0 : 1;
}
