/**
 * Finding or starting the daemon, and running the `aarm` CLI, with the configured Node.js. The
 * daemon loads a native module (SQLite), so it never runs inside the extension host.
 */
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runningDaemon } from './connection.js';

export interface DaemonStarter {
  /** resolves when a daemon runs for `homeDir` (starting one if allowed), rejects with why not */
  ensure(): Promise<void>;
  /** starts one now (unless one runs), whatever `aarm.daemon.autoStart` says: the user asked */
  start(): Promise<void>;
}

export function daemonStarter(options: {
  homeDir: () => string;
  node: () => string;
  cli: string;
  autoStart: () => boolean;
  log: (line: string) => void;
}): DaemonStarter {
  let starting: Promise<void> | undefined;
  const startNow = () => {
    const homeDir = options.homeDir();
    if (runningDaemon(homeDir)) return Promise.resolve();
    starting ??= start(homeDir, options).finally(() => (starting = undefined));
    return starting;
  };
  return {
    ensure() {
      if (runningDaemon(options.homeDir())) return Promise.resolve();
      if (!options.autoStart())
        return Promise.reject(
          new Error(
            'the aarm daemon is not running (run “AARM: Start Daemon”, or turn on `aarm.daemon.autoStart`)',
          ),
        );
      return startNow();
    },
    start: startNow,
  };
}

async function start(
  homeDir: string,
  options: { node: () => string; cli: string; log: (line: string) => void },
): Promise<void> {
  mkdirSync(homeDir, { recursive: true, mode: 0o700 });
  const logFile = join(homeDir, 'daemon.log');
  const out = openSync(logFile, 'a', 0o600);
  options.log(
    `starting the aarm daemon: ${options.node()} ${options.cli} daemon (AARM_HOME=${homeDir}, log ${logFile})`,
  );
  let exited: string | undefined;
  try {
    const child = spawn(options.node(), [options.cli, 'daemon'], {
      detached: true,
      stdio: ['ignore', out, out],
      env: { ...process.env, AARM_HOME: homeDir },
    });
    child.on('error', (error) => (exited = error.message));
    child.on('exit', (code, signal) => (exited = `it exited (${signal ?? code})`));
    // The daemon outlives this window: other windows and terminal agents share it.
    child.unref();
  } finally {
    closeSync(out);
  }
  // The daemon checks the whole receipt chain before it listens: ~13 s per million receipts here.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (runningDaemon(homeDir)) return;
    if (exited !== undefined) {
      if (runningDaemon(homeDir)) return; // another window won the race
      throw new Error(`the aarm daemon did not start: ${exited}. ${lastLines(logFile)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the aarm daemon did not start within 60 s (see ${logFile})`);
}

function lastLines(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' ');
  } catch {
    return '';
  }
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `aarm ARGS…` against this AARM_HOME. */
export function runCli(node: string, cli: string, homeDir: string, args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [cli, ...args], {
      env: { ...process.env, AARM_HOME: homeDir },
      // An export of a huge chain takes seconds; a hung CLI must not leave a spinner forever.
      timeout: 300_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
