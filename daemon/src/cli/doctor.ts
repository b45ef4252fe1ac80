/**
 * `aarm doctor`: for each agent on this machine, does it really send its tool calls to aarm? A hook
 * that is missing, points at a moved checkout, is not trusted by the agent, or cannot reach the
 * daemon lets every tool call run unjudged (the agents fail open there), so each check says in
 * plain words what is wrong and which command fixes it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
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

/** The agents doctor checks with agentReport (Gemini CLI: geminiCliReport). */
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
  const match = /^"((?:[^"\\]|\\.)+)" "((?:[^"\\]|\\.)+)" hook /.exec(command);
  if (!match) return undefined;
  return { node: JSON.parse(`"${match[1]}"`) as string, cli: JSON.parse(`"${match[2]}"`) as string };
}

/** Run the hook's own command line, as the agent would, with a harmless tool call. */
function dryCall(agent: Agent, command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Check> {
  const started = Date.now();
  const input =
    agent === 'gemini-cli'
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
  const checks: Check[] = [];
  const hooks: HookFound[] = [];
  for (const file of files) {
    const found = readHooks(agent, file);
    if (found && 'error' in found)
      checks.push({ ok: false, what: found.error, fix: `fix the JSON in ${file}` });
    else if (found) hooks.push(found);
  }
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
    const paths = commandPaths(command);
    const gone = paths ? [paths.node, paths.cli].filter((path) => !existsSync(path)) : [];
    if (!paths)
      checks.push({ ok: false, what: `the hook command is not one aarm wrote: \`${command}\``, fix });
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
        what: 'the hook command has no fallback that blocks the call when the hook crashes or is killed (the agent would run it)',
        fix,
      });
    if (agent === 'codex') checks.push(...(await codexTrust(hook, options, binary, fix)));
    if (paths && gone.length === 0) checks.push(await dryCall(agent, command, options.cwd, options.env));
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
  const checks: Check[] = [];
  const hooks: HookFound[] = [];
  for (const file of files) {
    const found = readHooks(agent, file);
    if (found && 'error' in found)
      checks.push({ ok: false, what: found.error, fix: `fix the JSON in ${file}` });
    else if (found) hooks.push(found);
  }
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
    const paths = commandPaths(command);
    const gone = paths ? [paths.node, paths.cli].filter((path) => !existsSync(path)) : [];
    if (!paths)
      checks.push({ ok: false, what: `the hook command is not one aarm wrote: \`${command}\``, fix });
    else if (gone.length > 0)
      checks.push({
        ok: false,
        // Gemini CLI runs the call when a hook exits 1 (Node's "cannot find module"): the fallback blocks it.
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
        what: 'the hook command has no fallback that blocks the call when the hook crashes or is killed (Gemini CLI runs the call on any exit but 2 with a reason)',
        fix,
      });
    if (paths && gone.length === 0) checks.push(await dryCall(agent, command, options.cwd, options.env));
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
