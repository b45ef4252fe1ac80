/**
 * Running a command the daemon allowed, the way its decision says: confined when the decision
 * carries a confinement (the runner may not run it otherwise: fail closed), plainly when not.
 * Shared by `aarm exec` and `aarm shell`; the outcome, with how it ran, goes to the receipt.
 */
import type { ChildProcess, StdioOptions } from 'node:child_process';
import { existsSync, lstatSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { AarmClient } from '../client/client.js';
import { bubblewrapForRunner, planConfinement, spawnConfined } from '../confinement/bubblewrap.js';
import {
  confinedEnvironment,
  PINNED_IN_WORKSPACE,
  profileDigest,
  STARTUP_IN_HOME,
} from '../confinement/profile.js';
import type { Confinement, Decision, Outcome, Result } from '../protocol/index.js';
import { hostOfEndpoint } from '../protocol/egress.js';
import { hostClass } from '../protocol/paths.js';
import { err } from './command.js';

/** node:child_process, loaded when first used: a hook never spawns, and loading it costs it ~0.5 ms. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess = () => require('node:child_process') as typeof import('node:child_process');

export interface AllowedRun {
  client: AarmClient;
  receiptId: string;
  decision: Decision;
  argv: string[];
  workspace: string;
  cwd: string;
  home: string;
  stateDir: string;
  /** the daemon's egress socket for this command (a decision with `network: proxy`) */
  egressSocket?: string;
}

/** Exit status when a decision's confinement cannot be set up: nothing ran (as for a deny). */
export const EXIT_NOT_CONFINABLE = 126;

export async function runAllowed(run: AllowedRun): Promise<number> {
  const started = Date.now();
  // What the command starts stays in this session (the daemon holds nested adapters to it too).
  const baseEnv = { ...process.env, AARM_SESSION: run.client.session };
  let child: ChildProcess;
  let ran: Outcome['ran'];
  let sweep = (): string[] => [];
  const confinement = run.decision.confinement;
  if (confinement) {
    const { home, stateDir, workspace, cwd, egressSocket } = run;
    const where = { home, stateDir, workspace, cwd, ...(egressSocket ? { egressSocket } : {}) };
    const confined = startConfined(confinement, where, run.argv, baseEnv);
    if (!confined.ok) {
      const reason = `the decision says to run it confined, and confinement is not possible here: ${confined.error}`;
      err(`aarm: not running \`${run.argv.join(' ')}\`: ${reason}`);
      await run.client.reportOutcome(run.receiptId, {
        status: 'error',
        error: reason,
        exitCode: EXIT_NOT_CONFINABLE,
      });
      return EXIT_NOT_CONFINABLE;
    }
    ({ child, ran } = confined);
    sweep = confined.sweep;
  } else {
    child = childProcess().spawn(run.argv[0]!, run.argv.slice(1), { stdio: 'inherit', env: baseEnv });
    ran = { confinement: 'none' };
  }
  const result = await waitForExit(child);
  const removedCreated = sweep();
  if (removedCreated.length > 0 && ran?.confinement === 'workspace') ran = { ...ran, removedCreated };
  await run.client.reportOutcome(run.receiptId, {
    status: result.error === undefined && result.code === 0 ? 'success' : 'error',
    exitCode: result.code,
    ...(result.error !== undefined ? { error: result.error } : {}),
    durationMs: Date.now() - started,
    ran,
  });
  return result.code;
}

/**
 * Start `argv` in the confinement a decision (or `aarm confine`) asks for: bubblewrap found and
 * working, the run planned from what exists now, the environment without credentials. The one way
 * both runners confine; an error says why nothing was started.
 */
export function startConfined(
  confinement: Confinement,
  where: {
    home: string;
    stateDir: string;
    workspace: string;
    cwd: string;
    egressSocket?: string;
    shared?: readonly string[];
    visible?: readonly string[];
  },
  argv: string[],
  baseEnv: NodeJS.ProcessEnv,
  options: { stdio?: StdioOptions; keepEnv?: readonly string[] } = {},
): Result<{ child: ChildProcess; ran: Outcome['ran']; sweep: () => string[] }> {
  const availability = bubblewrapForRunner();
  if (!availability.available) return { ok: false, error: availability.reason };
  const bridge = confinement.network === 'proxy' ? bridgePath() : undefined;
  let planned;
  try {
    planned = planConfinement({
      confinement,
      ...where,
      env: baseEnv,
      // What runs inside must be there, wherever aarm and Node are installed (even under /tmp).
      visible: [...(where.visible ?? []), ...(bridge ? [bridge, process.execPath] : [])],
    });
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (!planned.ok) return planned;
  const confined = confinedEnvironment(baseEnv, confinement.network, confinement.unsetEnv ?? []);
  const { env } = confined;
  // What the human chose to pass (an MCP server's own token, named in its configuration).
  for (const name of options.keepEnv ?? []) if (baseEnv[name] !== undefined) env[name] = baseEnv[name]!;
  const removed = confined.removed.filter((name) => !options.keepEnv?.includes(name));
  // Inside, a nested shell is a plain one: aarm's credentials are not there to judge it.
  if (/aarm-shell/.test(env.SHELL ?? '')) env.SHELL = '/bin/bash';
  const inside: Result<{ argv: string[] }> = planned.plan.egressSocket
    ? behindProxy(bridge, planned.plan.egressSocket, confinement.hosts ?? [], argv)
    : { ok: true, argv };
  if (!inside.ok) return inside;
  const absent = [
    ...absentPinned(planned.plan.workspace, confinement.unpinned ?? []),
    ...planned.plan.writableHomes.flatMap((home) =>
      STARTUP_IN_HOME.map((name) => join(home, name)).filter((path) => !present(path)),
    ),
  ];
  const child = spawnConfined(availability.bubblewrap, planned.plan, inside.argv, {
    env,
    stdio: options.stdio ?? 'inherit',
  });
  return {
    ok: true,
    child,
    sweep: () => removeCreated(planned.plan.workspace, absent),
    ran: {
      confinement: 'workspace',
      profileSha256: profileDigest(planned.plan),
      network: confinement.network,
      removedEnv: removed,
    },
  };
}

/**
 * `argv` started by the egress bridge (dist/aarm-egress-bridge.js), inside the sandbox: the proxy
 * variables point at it, and it passes connections to the daemon's socket. Loopback stays the
 * sandbox's own unless the decision named one of the machine's loopback services.
 */
function behindProxy(
  bridge: string | undefined,
  socket: string,
  hosts: readonly string[],
  argv: string[],
): Result<{ argv: string[] }> {
  if (!bridge)
    return {
      ok: false,
      error: 'the egress bridge (dist/aarm-egress-bridge.js) is missing: run `npm run build`',
    };
  const toLoopback = hosts.some((h) => hostClass(hostOfEndpoint(h)) === 'loopback');
  return {
    ok: true,
    argv: [process.execPath, bridge, socket, ...(toLoopback ? [] : ['--direct-loopback']), '--', ...argv],
  };
}

/** The bridge beside this bundle (dist/), or the built one when running from the sources. */
function bridgePath(): string | undefined {
  return [
    join(__dirname, 'aarm-egress-bridge.js'),
    join(__dirname, '..', '..', '..', 'dist', 'aarm-egress-bridge.js'),
  ].find((path) => existsSync(path));
}

/**
 * The pinned workspace places that do not exist yet: a read-only mount cannot stop a command from
 * creating them (`.claude/settings.json` in a new `.claude`, `.vscode/tasks.json`, `.mcp.json`), so
 * what it created is removed once it exits. A new repository (no `.git` before) is the command's own.
 */
function absentPinned(workspace: string, unpinned: readonly string[]): string[] {
  const hadGit = present(join(workspace, '.git'));
  return PINNED_IN_WORKSPACE.filter(
    (name) =>
      !unpinned.includes(name) && (hadGit || !name.startsWith('.git/')) && !present(join(workspace, name)),
  ).map((name) => join(workspace, name));
}

/** Whether anything is at `path`, a dangling link included. */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Removes what the command created among `absent`; what was removed, workspace-relative where it is in it. */
function removeCreated(workspace: string, absent: readonly string[]): string[] {
  const removed: string[] = [];
  for (const path of absent) {
    if (!present(path)) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path.startsWith(`${workspace}/`) ? path.slice(workspace.length + 1) : path);
  }
  if (removed.length > 0)
    err(
      `aarm: removed ${removed.join(', ')}, which this confined command created: what other programs load or run later (agent and editor settings, repository hooks) is not a confined command's to create`,
    );
  return removed;
}

/** A child's exit status as a shell would report it (128 + the signal when killed). */
export function waitForExit(child: ChildProcess): Promise<{ code: number; error?: string }> {
  return new Promise((resolveRun) => {
    child.once('error', (error) => resolveRun({ code: 127, error: error.message }));
    child.once('exit', (code, signal) =>
      resolveRun(
        signal ? { code: 128 + (SIGNALS[signal] ?? 0), error: `killed by ${signal}` } : { code: code ?? 1 },
      ),
    );
  });
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGTERM: 15 };
