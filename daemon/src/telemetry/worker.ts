/**
 * The telemetry worker thread (dist/telemetry-worker.js). Filtering, redaction, formatting and the
 * collectors' I/O cost about as much CPU per event as a decision does; here they cannot hold up
 * the daemon's event loop, whatever a collector does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { TelemetryConfig } from './config.js';
import type { Origin } from './formats.js';
import { createPipeline } from './pipeline.js';
import { fromWire, type FromWorker, type ToWorker } from './wire.js';

const port = parentPort;
if (port === null) throw new Error('the telemetry worker runs in a worker thread');
const { config, origin } = workerData as { config: TelemetryConfig; origin: Origin };
const post = (message: FromWorker) => port.postMessage(message);
const pipeline = createPipeline(config, origin, (line) => post({ type: 'log', line }));
let received = 0;
let lastReport = '';
// Unasked, while anything changes: the daemon bounds what waits for this thread by `received`, so it
// must hear of events taken even when no destination's counters moved (a filter that passes none).
const report = () => {
  const stats = pipeline.stats();
  const text = `${received} ${JSON.stringify(stats)}`;
  if (text === lastReport) return;
  lastReport = text;
  post({ type: 'stats', received, stats });
};
const reporter = setInterval(report, 250);

port.on('message', (message: ToWorker) => {
  if (message.type === 'event') {
    received++;
    pipeline.publish(fromWire(message.event));
  } else if (message.type === 'stats') {
    post({ type: 'stats', id: message.id, received, stats: pipeline.stats() });
  } else {
    clearInterval(reporter);
    void pipeline.close().then(() => {
      lastReport = '';
      report();
      post({ type: 'closed' });
    });
  }
});
