/**
 * The daemon's `replay` off its event loop (R1: a replay of many sessions must not hold up agents'
 * actions): each runs in its own worker thread (replay-worker.ts), one at a time, within a time
 * and a memory limit, and is stopped when the approver that asked disconnects or the daemon stops.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { REPLAY_TIME_LIMIT_MS } from '../protocol/index.js';
import type { ReplayDraft } from '../gate/context.js';
import type { DraftReplayOptions, ReplayWorkerData } from './replay.js';

/** The replay thread's heap: a replay that needs more is stopped, not the daemon. */
export const REPLAY_HEAP_LIMIT_MB = 1024;

/** The worker's bundle next to the daemon's (dist/), or, running from source, the built one. */
export function replayWorkerFile(): string {
  const beside = join(__dirname, 'replay-worker.js');
  return existsSync(beside) ? beside : join(__dirname, '..', '..', '..', 'dist', 'replay-worker.js');
}

export interface ReplayThreads {
  replay: ReplayDraft;
  /** stops a replay that runs (the daemon stops) */
  close(): void;
}

type Answer = Awaited<ReturnType<ReplayDraft>>;

export function replayThreads(options: {
  database: string;
  draft: DraftReplayOptions;
  timeLimitMs?: number;
  heapLimitMb?: number;
}): ReplayThreads {
  const timeLimitMs = options.timeLimitMs ?? REPLAY_TIME_LIMIT_MS;
  const heapLimitMb = options.heapLimitMb ?? REPLAY_HEAP_LIMIT_MB;
  let running: (() => void) | undefined;
  let closed = false;
  return {
    replay(request, cancel) {
      if (closed) return Promise.resolve({ ok: false, error: 'the daemon is stopping' });
      // One at a time: each holds a thread, a database connection and the engine's memory.
      if (running !== undefined)
        return Promise.resolve({
          ok: false,
          error: 'another replay is running on this daemon; try again once it has finished',
        });
      const file = replayWorkerFile();
      if (!existsSync(file))
        return Promise.resolve({
          ok: false,
          error: `the replay worker \`${file}\` is missing (run \`npm run build\`)`,
        });
      const workerData: ReplayWorkerData = { database: options.database, options: options.draft, request };
      const worker = new Worker(file, {
        workerData,
        resourceLimits: { maxOldGenerationSizeMb: heapLimitMb },
      });
      return new Promise<Answer>((resolve) => {
        const finish = (answer: Answer) => {
          if (running !== stop) return;
          running = undefined;
          clearTimeout(timer);
          cancel.removeEventListener('abort', stop);
          void worker.terminate();
          resolve(answer);
        };
        const stop = () => finish({ ok: false, error: 'the replay was stopped' });
        running = stop;
        const timer = setTimeout(
          () =>
            finish({
              ok: false,
              error: `the replay took longer than ${timeLimitMs / 1000} s and was stopped: replay fewer sessions, or one, or from a later time`,
            }),
          timeLimitMs,
        );
        if (cancel.aborted) return stop();
        cancel.addEventListener('abort', stop);
        worker.on('message', (answer: Answer) => finish(answer));
        worker.on('error', (error: Error & { code?: string }) =>
          finish({
            ok: false,
            error:
              error.code === 'ERR_WORKER_OUT_OF_MEMORY'
                ? `the replay needed more than ${heapLimitMb} MB and was stopped: replay fewer sessions, or one, or from a later time`
                : `the replay failed: ${error.message}`,
          }),
        );
        worker.on('exit', (code) => finish({ ok: false, error: `the replay thread ended (code ${code})` }));
      });
    },
    close() {
      closed = true;
      running?.();
    },
  };
}
