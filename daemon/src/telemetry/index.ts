/**
 * The telemetry exporter (R8): every receipt, drift finding and chain checkpoint, filtered per
 * destination, redacted (T9), and forwarded without ever holding up a decision. The work runs in a
 * worker thread (worker.ts); the daemon's side only hands events over.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { destinationName, type TelemetryConfig } from './config.js';
import type { ForwarderStats } from './forwarder.js';
import type { TelemetryEvent } from './events.js';
import type { Origin } from './formats.js';
import { toWire, type FromWorker, type ToWorker } from './wire.js';

export { loadTelemetryConfig, destinationName, type TelemetryConfig, type EventFilter } from './config.js';
export {
  driftFindings,
  matchesFilter,
  redactEvent,
  scrubSecrets,
  type ChainCheckpoint,
  type TelemetryEvent,
} from './events.js';
export { toCef, toOcsfEvent, toOtelLog, toSyslog, type Origin } from './formats.js';
export type { ForwarderStats } from './forwarder.js';

export interface Telemetry {
  /** hands the event to the worker: no I/O, no formatting here */
  publish(event: TelemetryEvent): void;
  /** each destination's counters, fresh from the worker (or the last known, if it does not answer) */
  stats(): Promise<ForwarderStats[]>;
  /** deliver what is queued (bounded wait), then stop the worker */
  close(): Promise<void>;
}

/** The worker's bundle next to the daemon's (dist/), or, running from source, the built one. */
export function telemetryWorkerFile(): string {
  const beside = join(__dirname, 'telemetry-worker.js');
  return existsSync(beside) ? beside : join(__dirname, '..', '..', '..', 'dist', 'telemetry-worker.js');
}

export function startTelemetry(
  config: TelemetryConfig,
  origin: Origin,
  log: (line: string) => void,
): Telemetry {
  const file = telemetryWorkerFile();
  if (!existsSync(file))
    throw new Error(`the telemetry worker \`${file}\` is missing (run \`npm run build\`)`);
  const worker = new Worker(file, { workerData: { config, origin } });
  worker.unref();
  let last: ForwarderStats[] = config.destinations.map((d) => ({
    name: destinationName(d),
    sent: 0,
    queued: 0,
    dropped: 0,
    failures: 0,
  }));
  // The worker's own buffers are bounded per destination; this bounds what waits to reach it.
  const backlogLimit = Math.max(config.bufferEvents, 10_000);
  let posted = 0;
  let received = 0;
  // Events the worker had no room for (it fell this far behind) or that came after it stopped.
  let droppedBefore = 0;
  let stopped: string | undefined;
  let nextId = 1;
  const waiting = new Map<number, () => void>();
  let closed: (() => void) | undefined;

  worker.on('message', (message: FromWorker) => {
    if (message.type === 'log') log(message.line);
    else if (message.type === 'closed') closed?.();
    else {
      last = message.stats;
      received = message.received;
      if (message.id !== undefined) waiting.get(message.id)?.();
    }
  });
  worker.on('error', (error) => {
    stopped = error.message;
    log(`TELEMETRY STOPPED: the worker failed: ${error.message}; receipts are kept, events are not sent`);
  });
  worker.on('exit', () => {
    stopped ??= 'the worker exited';
    closed?.();
    for (const wake of waiting.values()) wake();
  });
  const post = (message: ToWorker) => worker.postMessage(message);
  const snapshot = () =>
    last.map((s) => ({
      ...s,
      dropped: s.dropped + droppedBefore,
      ...(stopped !== undefined ? { lastError: `telemetry stopped: ${stopped}` } : {}),
    }));

  return {
    publish(event) {
      if (stopped !== undefined || posted - received >= backlogLimit) {
        droppedBefore++;
        return;
      }
      posted++;
      post({ type: 'event', event: toWire(event) });
    },
    async stats() {
      if (stopped === undefined) {
        const id = nextId++;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          waiting.set(id, () => {
            clearTimeout(timer);
            resolve();
          });
          post({ type: 'stats', id });
        });
        waiting.delete(id);
      }
      return snapshot();
    },
    async close() {
      if (stopped === undefined) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5000);
          closed = () => {
            clearTimeout(timer);
            resolve();
          };
          post({ type: 'close' });
        });
      }
      await worker.terminate();
    },
  };
}
