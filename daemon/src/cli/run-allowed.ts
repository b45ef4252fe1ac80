/**
 * Running a command the daemon allowed, the way its decision says: confined when the decision
 * carries a confinement (the runner may not run it otherwise: fail closed), plainly when not.
 * Shared by `aarm exec` and `aarm shell`; the outcome, with how it ran, goes to the receipt.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AarmClient } from '../client/client.js';
import { confinementAvailability, planConfinement, spawnConfined } from '../confinement/bubblewrap.js';
import { confinedEnvironment, profileDigest } from '../confinement/profile.js';
import type { Confinement, Decision, Outcome, Result } from '../protocol/index.js';
import { err } from './command.js';

export interface AllowedRun {
  client: AarmClient;
  receiptId: string;
  decision: Decision;
  argv: string[];
  workspace: string;
  cwd: string;
  home: string;
  stateDir: string;
}

/** Exit status when a decision's confinement cannot be set up: nothing ran (as for a deny). */
export const EXIT_NOT_CONFINABLE = 126;

export async function runAllowed(run: AllowedRun): Promise<number> {
  const started = Date.now();
  // What the command starts stays in this session (the daemon holds nested adapters to it too).
  const baseEnv = { ...process.env, AARM_SESSION: run.client.session };
  let child: ChildProcess;
  let ran: Outcome['ran'];
  const confinement = run.decision.confinement;
  if (confinement) {
    const { home, stateDir, workspace, cwd } = run;
    const confined = startConfined(confinement, { home, stateDir, workspace, cwd }, run.argv, baseEnv);
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
  } else {
    child = spawn(run.argv[0]!, run.argv.slice(1), { stdio: 'inherit', env: baseEnv });
    ran = { confinement: 'none' };
  }
  const result = await waitForExit(child);
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
  where: { home: string; stateDir: string; workspace: string; cwd: string },
  argv: string[],
  baseEnv: NodeJS.ProcessEnv,
): Result<{ child: ChildProcess; ran: Outcome['ran'] }> {
  const availability = confinementAvailability();
  if (!availability.available) return { ok: false, error: availability.reason };
  let planned;
  try {
    planned = planConfinement({ confinement, ...where, env: baseEnv });
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  if (!planned.ok) return planned;
  const { env, removed } = confinedEnvironment(baseEnv, confinement.network);
  // Inside, a nested shell is a plain one: aarm's credentials are not there to judge it.
  if (/aarm-shell/.test(env.SHELL ?? '')) env.SHELL = '/bin/bash';
  const child = spawnConfined(availability.bubblewrap, planned.plan, argv, { env, stdio: 'inherit' });
  return {
    ok: true,
    child,
    ran: {
      confinement: 'workspace',
      profileSha256: profileDigest(planned.plan),
      network: confinement.network,
      removedEnv: removed,
    },
  };
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
