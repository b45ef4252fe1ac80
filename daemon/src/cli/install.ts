/**
 * `aarm install AGENT` and `aarm uninstall AGENT`: put the hook into the agent's settings (and, for
 * Codex, record the trust without which Codex silently skips it), or take it out again, printing
 * every change. Running either twice changes nothing the second time.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  HOOK_TIMEOUT_S,
  hookCommand,
  outcomeHookCommand,
  promptHookCommand,
  vscodeHookCommand,
} from './agents.js';
import {
  codexHookHash,
  codexHookKey,
  codexHooksSwitchedOff,
  editCodexTrust,
  type CodexHookGroup,
  type CodexHookHandler,
} from './codex-trust.js';
import { codexVersion, findOnPath, listCodexHooks } from './codex-app-server.js';
import { aarmCommand } from '../client/aarm-command.js';
import { collectCopies, missingPaths, recordInstall, recordUninstall, stableCli } from './runtime.js';

export const AGENTS = ['claude-code', 'codex', 'cline', 'gemini-cli', 'vscode'] as const;
export type Agent = (typeof AGENTS)[number];

export interface InstallOptions {
  project: boolean;
  /** the project (current directory) */
  cwd: string;
  /** the user's home directory */
  home: string;
  env: NodeJS.ProcessEnv;
  /** the hook timeout written into the agent's settings, in seconds */
  timeoutS?: number;
  /** the aarm CLI that runs (default: this process's) */
  cli?: string;
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Events that only report what happened: nothing waits for them. */
const OUTCOME_EVENTS = new Set(['PostToolUse', 'PostToolUseFailure', 'AfterTool']);

/**
 * The events each agent's hook is installed for. UserPromptSubmit hands aarm the user's prompt as
 * the session's request (R2), so that actions judged against it need not wait for it.
 */
export const HOOK_EVENTS: Record<SettingsAgent, string[]> = {
  'claude-code': ['PreToolUse', 'PostToolUse', 'PostToolUseFailure', 'UserPromptSubmit'],
  codex: ['PreToolUse', 'UserPromptSubmit'],
  // BeforeAgent is Gemini CLI's UserPromptSubmit; AfterTool its PostToolUse (with no tool call
  // id: the outcome finds its action by the call's tool and input, geminiCallId).
  'gemini-cli': ['BeforeTool', 'AfterTool', 'BeforeAgent'],
};

/** The agents whose hooks live in a settings file of event → matcher groups. */
type SettingsAgent = 'claude-code' | 'codex' | 'gemini-cli';

/** The events that carry the user's prompt: the hook never blocks them. */
const PROMPT_EVENTS = new Set(['UserPromptSubmit', 'BeforeAgent']);

/** The names aarm's Gemini CLI hooks go by (`/hooks disable NAME`, `hooksConfig.disabled`). */
export const geminiHookName = (event: string) =>
  PROMPT_EVENTS.has(event) ? 'aarm-prompt' : OUTCOME_EVENTS.has(event) ? 'aarm-outcome' : 'aarm';

/** The command aarm installs for one event of an agent. */
function eventHookCommand(agent: SettingsAgent, event: string, timeoutS: number, cli: string): string {
  if (PROMPT_EVENTS.has(event)) return promptHookCommand(agent, timeoutS, cli);
  // Outcome events only report: the agent does not wait for them.
  if (OUTCOME_EVENTS.has(event)) return outcomeHookCommand(agent, timeoutS, cli);
  return hookCommand(agent, timeoutS, cli);
}

/** Matchers that select every tool. */
export const MATCH_ALL = new Set(['*', '', '.*']);

/** Is this handler aarm's (from any checkout, any Node)? */
export const isAarmHook = (handler: { command?: string }) =>
  /aarm(\.js)?"? hook /.test(handler.command ?? '');

/** Is this script or hook file aarm's (its commands may be JSON strings, quotes escaped)? */
const isAarmHookText = (text: string) => isAarmHook({ command: text.replace(/\\"/g, '"') });

export function codexHome(options: Pick<InstallOptions, 'env' | 'home'>): string {
  return options.env.CODEX_HOME || join(options.home, '.codex');
}

/** Where the agent's hook lives. */
export function hookFile(
  agent: Agent,
  options: Pick<InstallOptions, 'project' | 'cwd' | 'home' | 'env'>,
): string {
  if (agent === 'cline') return join(options.cwd, '.clinerules', 'hooks', 'PreToolUse');
  // VS Code loads every *.json in these folders; aarm's hooks are a file of their own.
  if (agent === 'vscode')
    return options.project
      ? join(options.cwd, '.github', 'hooks', 'aarm.json')
      : join(options.home, '.copilot', 'hooks', 'aarm.json');
  if (agent === 'gemini-cli')
    return join(options.project ? options.cwd : options.home, '.gemini', 'settings.json');
  if (agent === 'codex')
    return join(options.project ? join(options.cwd, '.codex') : codexHome(options), 'hooks.json');
  return join(options.project ? options.cwd : options.home, '.claude', 'settings.json');
}

export type Settings = { hooks?: Record<string, CodexHookGroup[]> } & Record<string, unknown>;

interface SettingsFile {
  settings: Settings;
  indent: string | number;
  newline: string;
}

function readSettings(file: string): SettingsFile | { error: string } {
  if (!existsSync(file)) return { settings: {}, indent: 2, newline: '\n' };
  try {
    const text = readFileSync(file, 'utf8');
    const parsed = JSON.parse(text) as unknown;
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return { error: `\`${file}\` does not hold a JSON object; fix it first, nothing was changed` };
    // written back with the file's own indentation, so that uninstall gives back the same text
    return {
      settings: parsed as Settings,
      indent: /^\{\r?\n([ \t]+)"/.exec(text)?.[1] ?? 2,
      newline: text.endsWith('\n') || text.trim() === '' ? '\n' : '',
    };
  } catch (error) {
    return {
      error: `\`${file}\` is not JSON (${(error as Error).message}); fix it first, nothing was changed`,
    };
  }
}

function writeSettings(file: string, settings: Settings, like: SettingsFile): void {
  writeFileSync(file, `${JSON.stringify(settings, null, like.indent)}${like.newline}`);
}

/** Each handler's position, by identity: [event, group, handler]. */
export function positions(settings: Settings): Map<CodexHookHandler, [string, number, number]> {
  const found = new Map<CodexHookHandler, [string, number, number]>();
  for (const [event, groups] of Object.entries(settings.hooks ?? {}))
    if (Array.isArray(groups))
      groups.forEach((group, g) => group?.hooks?.forEach((handler, h) => found.set(handler, [event, g, h])));
  return found;
}

/** Drop aarm's handlers (all, or all but `keep`) and the groups they leave empty. */
function removeAarmHandlers(settings: Settings, event: string, keep?: CodexHookHandler): number {
  const groups = settings.hooks?.[event];
  if (!Array.isArray(groups)) return 0;
  let removed = 0;
  for (const group of groups) {
    if (!group?.hooks) continue;
    const before = group.hooks.length;
    group.hooks = group.hooks.filter((handler) => handler === keep || !isAarmHook(handler));
    removed += before - group.hooks.length;
  }
  settings.hooks![event] = groups.filter((group) => !group?.hooks || group.hooks.length > 0);
  if (settings.hooks![event].length === 0) delete settings.hooks![event];
  return removed;
}

export async function installHooks(agent: string, options: InstallOptions): Promise<number> {
  if (!(AGENTS as readonly string[]).includes(agent)) {
    options.err(`aarm: unknown agent \`${agent}\` (known: ${AGENTS.join(', ')})`);
    return 2;
  }
  const timeoutS = options.timeoutS ?? HOOK_TIMEOUT_S;
  const file = hookFile(agent as Agent, options);
  const created = missingPaths(file); // before anything is made: what uninstall may take away again
  const read = agent === 'cline' || agent === 'vscode' ? undefined : readSettings(file);
  if (read && 'error' in read) return (options.err(`aarm: ${read.error}`), 1);
  const cli = stableCli(options);
  if (cli === undefined) return 1;
  if (agent === 'cline') return installCline(options, timeoutS, cli);
  if (agent === 'vscode') return installVscode(file, created, options, timeoutS, cli);
  // Gemini CLI counts a hook's timeout in milliseconds, and names its hooks (for `/hooks disable`).
  const gemini = agent === 'gemini-cli';
  const timeout = gemini ? timeoutS * 1000 : timeoutS;
  const { settings } = read!;
  const before = JSON.stringify(settings);
  const positionsBefore = positions(settings);
  const hooks = (settings.hooks ??= {});
  const ours: Array<[string, CodexHookHandler]> = [];
  for (const event of HOOK_EVENTS[agent as SettingsAgent]) {
    const command = eventHookCommand(agent as SettingsAgent, event, timeoutS, cli);
    const named = gemini ? { name: geminiHookName(event) } : {};
    const groups = (hooks[event] ??= []);
    // An earlier aarm hook (another checkout, another Node, another timeout) is updated where it
    // stands, so the positions Codex keys its trust by stay put; otherwise ours goes last.
    // (in a group that matches every tool: one that matches fewer would leave tools unjudged)
    let handler = groups
      .filter((group) => group?.matcher === undefined || MATCH_ALL.has(group.matcher))
      .flatMap((group) => group?.hooks ?? [])
      .find(isAarmHook);
    if (handler) {
      Object.assign(handler, named);
      handler.type = 'command';
      handler.command = command;
      handler.timeout = timeout;
    } else {
      handler = { ...named, type: 'command', command, timeout };
      groups.push({ matcher: '*', hooks: [handler] });
    }
    removeAarmHandlers(settings, event, handler);
    ours.push([event, handler]);
  }
  // Codex: plan the trust entries first, so that nothing is written when config.toml cannot be edited.
  let trust: ConfigPlan | undefined;
  if (agent === 'codex') {
    mkdirSync(dirname(file), { recursive: true });
    trust = planCodexTrust(codexRealPath(file), settings, positionsBefore, ours, options);
    if ('error' in trust) {
      options.err(trust.error);
      collectCopies(options); // a copy made for this install is not used
      return 1;
    }
  }
  if (JSON.stringify(settings) !== before) {
    mkdirSync(dirname(file), { recursive: true });
    writeSettings(file, settings, read!);
    recordInstall(options, file, created);
    options.out(`updated ${file}: aarm's hook for ${ours.map(([event]) => event).join(', ')}:`);
    for (const [event, handler] of ours)
      options.out(
        `+ ${event}: { "matcher": "*", "hooks": [{ ${'name' in handler ? `"name": ${JSON.stringify(handler.name)}, ` : ''}"type": "command", "command": ${JSON.stringify(handler.command)}, "timeout": ${handler.timeout} }] }`,
      );
  } else {
    options.out(`${file} already sends tool calls to aarm; nothing changed`);
    collectCopies(options);
  }
  if (gemini)
    options.out(
      'Gemini CLI runs hooks only in folders it trusts (folder trust is on by default): in a folder it does not trust, no hook runs and aarm is not asked.',
    );
  if (!trust || 'error' in trust) return 0;
  applyConfigPlan(trust, options);
  const off = codexHooksSwitchedOff(trust.text);
  if (off) {
    options.err(`aarm: Codex runs no hook at all while ${trust.file} says \`${off}\`: delete that line.`);
    return 1;
  }
  if (options.project)
    options.out(
      `Codex loads ${file} only in a project it trusts (it asks the first time you run it here, or add \`[projects."${options.cwd}"] trust_level = "trusted"\` to ${trust.file}); a user-wide \`aarm install codex\` needs no project trust.`,
    );
  return verifyWithCodex(codexRealPath(file), ours.length, options);
}

/** The path Codex keys trust by: the hooks file with symbolic links resolved. */
function codexRealPath(file: string): string {
  return existsSync(file) ? realpathSync(file) : join(realpathSync(dirname(file)), 'hooks.json');
}

type ConfigPlan =
  | {
      file: string;
      before: string;
      text: string;
      changes: Map<string, string | undefined>;
      moves: Map<string, string>;
    }
  | { error: string };

/**
 * The trust entries for aarm's handlers (`ours`; none when uninstalling), the removal of those of
 * handlers that are gone, and the moves of entries whose hooks shifted.
 */
function planCodexTrust(
  real: string,
  settings: Settings,
  positionsBefore: Map<CodexHookHandler, [string, number, number]>,
  ours: Array<[string, CodexHookHandler]>,
  options: InstallOptions,
): ConfigPlan {
  const after = positions(settings);
  const changes = new Map<string, string | undefined>();
  for (const [event, handler] of ours) {
    const [, g, h] = after.get(handler)!;
    changes.set(codexHookKey(real, event, g, h), codexHookHash(event, settings.hooks![event]![g]!, handler));
  }
  const moves = new Map<string, string>();
  for (const [handler, [event, g, h]] of positionsBefore) {
    const now = after.get(handler);
    if (!now) {
      const key = codexHookKey(real, event, g, h);
      if (!changes.has(key)) changes.set(key, undefined); // an old aarm handler that is gone
    } else if ((now[1] !== g || now[2] !== h) && !isAarmHook(handler))
      moves.set(codexHookKey(real, event, g, h), codexHookKey(real, ...now));
  }
  return planConfig(join(codexHome(options), 'config.toml'), changes, moves);
}

function planConfig(
  file: string,
  changes: Map<string, string | undefined>,
  moves: Map<string, string>,
): ConfigPlan {
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const edit = editCodexTrust(before, changes, moves);
  if (edit.ok) return { file, before, text: edit.text, changes, moves };
  const tables = [...changes]
    .filter(([, hash]) => hash !== undefined)
    .map(([key, hash]) => `[hooks.state.${JSON.stringify(key)}]\ntrusted_hash = ${JSON.stringify(hash)}`);
  return {
    error: [
      `aarm: cannot edit ${file}: ${edit.error}. Nothing was changed.`,
      'Codex runs a hook only when config.toml trusts it; write the trust in that same form yourself:',
      ...tables,
    ].join('\n'),
  };
}

function applyConfigPlan(plan: Exclude<ConfigPlan, { error: string }>, options: InstallOptions): void {
  if (plan.text === plan.before) {
    options.out(`${plan.file} already trusts aarm's hooks; nothing changed`);
    return;
  }
  const created = missingPaths(plan.file);
  mkdirSync(dirname(plan.file), { recursive: true });
  writeFileSync(plan.file, plan.text);
  if (created.length > 0) recordInstall(options, plan.file, created);
  else if (plan.text.trim() === '') recordUninstall(options, plan.file, (text) => text.trim() === '');
  options.out(`updated ${plan.file}:`);
  for (const [key, hash] of plan.changes)
    options.out(hash ? `+ trusted_hash of ${key} = ${hash}` : `- trust of ${key} (aarm's hook is gone)`);
  for (const [from, to] of plan.moves) options.out(`~ trust of ${from} moved to ${to} (that hook moved)`);
}

/** Ask Codex (when it is on PATH) whether it now trusts aarm's hooks; say plainly when it does not. */
async function verifyWithCodex(realFile: string, expected: number, options: InstallOptions): Promise<number> {
  const codex = findOnPath('codex', options.env);
  if (!codex) {
    options.out(
      `codex is not on PATH, so Codex itself was not asked; run \`${aarmCommand('doctor')}\` once it is installed.`,
    );
    return 0;
  }
  const listed = await listCodexHooks(codex, options.cwd, options.env);
  const version = (await codexVersion(codex, options.env)) ?? 'unknown version';
  if ('error' in listed) {
    options.err(`aarm: Codex (${version}) could not confirm the hook is trusted: ${listed.error}.`);
    options.err(
      `Check with \`${aarmCommand('doctor')}\`; an older Codex without hook trust may instead need \`[features] codex_hooks = true\` in config.toml.`,
    );
    return 1;
  }
  const mine = listed.filter((hook) => hook.sourcePath === realFile && isAarmHook(hook));
  const untrusted = mine.filter((hook) => hook.trustStatus !== 'trusted' && hook.trustStatus !== 'managed');
  if (options.project && mine.length === 0) return 0; // the project is not trusted yet: said above
  if (mine.length < expected || untrusted.length > 0) {
    options.err(
      `aarm: Codex ${version} does not run aarm's hook: ${untrusted.map((h) => `${h.key} is ${h.trustStatus}`).join(', ') || 'it does not list it'}. This Codex may key or hash trust differently; trust the hook in Codex (\`/hooks\`), then check with \`${aarmCommand('doctor')}\`.`,
    );
    return 1;
  }
  options.out(`Codex ${version} confirms: it runs aarm's hook (${mine.map((h) => h.eventName).join(', ')}).`);
  return 0;
}

/** Cline's prompt hook, beside its PreToolUse hook: the user's prompt becomes the task's request. */
export const clinePromptHookFile = (options: Pick<InstallOptions, 'cwd'>) =>
  join(options.cwd, '.clinerules', 'hooks', 'UserPromptSubmit');

function installCline(options: InstallOptions, timeoutS: number, cli: string): number {
  const scripts: Array<[string, string]> = [
    [
      hookFile('cline', options),
      `#!/bin/sh\n# Installed by \`aarm install cline\`: every Cline tool call is judged by the aarm daemon first.\n${hookCommand('cline', timeoutS, cli)}\n`,
    ],
    [
      clinePromptHookFile(options),
      `#!/bin/sh\n# Installed by \`aarm install cline\`: the user's prompt becomes the task's request in aarm.\n${promptHookCommand('cline', timeoutS, cli)}\n`,
    ],
  ];
  for (const [file, script] of scripts) {
    const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (before === script) {
      options.out(`${file} is already installed; nothing changed`);
      continue;
    }
    const created = missingPaths(file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, script, { mode: 0o755 });
    chmodSync(file, 0o755);
    recordInstall(options, file, created);
    options.out(`${before === undefined ? 'created' : 'replaced'} ${file}:`);
    for (const line of script.trimEnd().split('\n')) options.out(`+ ${line}`);
  }
  collectCopies(options);
  return 0;
}

/**
 * VS Code: aarm's own hook file (`.github/hooks/aarm.json`, or `~/.copilot/hooks/aarm.json`), in
 * VS Code's format: event → command hooks, timeouts in seconds (matchers are ignored: every tool).
 */
function installVscode(
  file: string,
  created: string[],
  options: InstallOptions,
  timeoutS: number,
  cli: string,
): number {
  const text = `${JSON.stringify(
    {
      hooks: {
        PreToolUse: [{ type: 'command', command: vscodeHookCommand(timeoutS, cli), timeout: timeoutS }],
        // The outcome: started in the background, VS Code does not wait for it.
        PostToolUse: [
          { type: 'command', command: outcomeHookCommand('vscode', timeoutS, cli), timeout: timeoutS },
        ],
        UserPromptSubmit: [
          { type: 'command', command: promptHookCommand('vscode', timeoutS, cli), timeout: timeoutS },
        ],
      },
    },
    null,
    2,
  )}\n`;
  const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  if (before === text) {
    options.out(`${file} already sends tool calls to aarm; nothing changed`);
    collectCopies(options);
    return 0;
  }
  if (before !== undefined && !isAarmHookText(before)) {
    options.err(`aarm: ${file} exists and is not aarm's hook file; move it away first, nothing was changed`);
    collectCopies(options);
    return 1;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  recordInstall(options, file, created);
  options.out(`${before === undefined ? 'created' : 'replaced'} ${file}:`);
  for (const line of text.trimEnd().split('\n')) options.out(`+ ${line}`);
  if (!options.project)
    options.out(
      'VS Code loads ~/.copilot/hooks in recent versions; if its "GitHub Copilot Chat Hooks" output shows no aarm hook, add "~/.copilot/hooks": true to the chat.hookFilesLocations setting (keep ".github/hooks": true beside it).',
    );
  return 0;
}

export function uninstallHooks(agent: string, options: InstallOptions): number {
  if (!(AGENTS as readonly string[]).includes(agent)) {
    options.err(`aarm: unknown agent \`${agent}\` (known: ${AGENTS.join(', ')})`);
    return 2;
  }
  const file = hookFile(agent as Agent, options);
  if (agent === 'cline' || agent === 'vscode') {
    for (const hook of agent === 'cline' ? [file, clinePromptHookFile(options)] : [file]) {
      if (!existsSync(hook) || !isAarmHookText(readFileSync(hook, 'utf8')))
        options.out(`${hook} is not aarm's hook; nothing changed`);
      else {
        rmSync(hook);
        options.out(`removed ${hook}`);
        recordUninstall(options, hook, () => true);
      }
    }
    return 0;
  }
  const read = readSettings(file);
  if ('error' in read) return (options.err(`aarm: ${read.error}`), 1);
  const { settings } = read;
  const positionsBefore = positions(settings);
  let removed = 0;
  for (const event of Object.keys(settings.hooks ?? {})) removed += removeAarmHandlers(settings, event);
  if (removed === 0) {
    options.out(`${file} has no aarm hook; nothing changed`);
    collectCopies(options);
    return 0;
  }
  if (settings.hooks && Object.keys(settings.hooks).length === 0) delete settings.hooks;
  let trust: ConfigPlan | undefined;
  if (agent === 'codex') {
    trust = planCodexTrust(codexRealPath(file), settings, positionsBefore, [], options);
    if ('error' in trust) return (options.err(trust.error.replace(/\n.*$/s, '')), 1);
  }
  writeSettings(file, settings, read);
  options.out(`updated ${file}: removed ${removed} aarm hook(s)`);
  if (trust && !('error' in trust)) applyConfigPlan(trust, options);
  recordUninstall(options, file, (text) => text.trim() === '{}');
  return 0;
}
