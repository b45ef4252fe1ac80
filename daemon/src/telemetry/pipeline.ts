/**
 * The exporter's pipeline, as it runs in the telemetry worker: per destination a filter, redaction
 * (T9) as a batch leaves, and a forwarder with its bounded buffer.
 */
import { createSink } from './sinks.js';
import { Forwarder, type ForwarderStats } from './forwarder.js';
import { matchesFilter, redactEvent, type TelemetryEvent } from './events.js';
import type { TelemetryConfig } from './config.js';
import type { Origin } from './formats.js';

export interface Pipeline {
  publish(event: TelemetryEvent): void;
  stats(): ForwarderStats[];
  close(): Promise<void>;
}

export function createPipeline(
  config: TelemetryConfig,
  origin: Origin,
  log: (line: string) => void,
): Pipeline {
  const outputs = config.destinations.map((destination) => {
    const sink = createSink(destination, origin);
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
