/**
 * The telemetry exporter (R8): every receipt, drift finding and chain checkpoint, filtered per
 * destination, redacted (T9), and forwarded without ever holding up a decision.
 */
import { createSink } from './sinks.js';
import { Forwarder, type ForwarderStats } from './forwarder.js';
import { matchesFilter, redactEvent, type TelemetryEvent } from './events.js';
import type { TelemetryConfig } from './config.js';
import type { Origin } from './formats.js';

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
  /** O(1), no I/O: the event is queued for each destination whose filter wants it */
  publish(event: TelemetryEvent): void;
  stats(): ForwarderStats[];
  /** deliver what is queued (bounded wait), then close the connections */
  close(): Promise<void>;
}

export function createTelemetry(
  config: TelemetryConfig,
  origin: Origin,
  log: (line: string) => void,
): Telemetry {
  const outputs = config.destinations.map((destination) => {
    const sink = createSink(destination, origin);
    // Redaction happens as a batch leaves, not on the decision path.
    const redacting = {
      name: sink.name,
      send: (batch: readonly TelemetryEvent[]) => sink.send(batch.map((e) => redactEvent(e, config.redact))),
      close: () => sink.close(),
    };
    return {
      filter: destination.filter,
      forwarder: new Forwarder(redacting, { capacity: config.bufferEvents, log }),
    };
  });
  return {
    publish(event) {
      for (const output of outputs) if (matchesFilter(event, output.filter)) output.forwarder.push(event);
    },
    stats: () => outputs.map((output) => output.forwarder.snapshot()),
    async close() {
      await Promise.all(outputs.map((output) => output.forwarder.close()));
    },
  };
}
