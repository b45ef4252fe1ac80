/** A real `aarm daemon` for the benches: a separate process on its own AARM_HOME. */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { CLI } from '../test/helpers/env.js';

/** Start `aarm daemon` on homeDir; resolves once it listens, with how long that took. */
export async function startDaemon(homeDir: string) {
  const started = performance.now();
  const daemon = spawn(process.execPath, [CLI, 'daemon'], {
    env: { ...process.env, AARM_HOME: homeDir },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    daemon.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('listening on')) resolve();
    });
    daemon.once('exit', () => reject(new Error(log)));
  });
  return { daemon, startMs: performance.now() - started, log: () => log };
}

export async function stopDaemon(daemon: ReturnType<typeof spawn>) {
  daemon.kill('SIGTERM');
  await new Promise((resolve) => daemon.once('exit', resolve));
}
