/**
 * Telemetry events as the OpenTelemetry SDK's log records (its own types and resource), for the
 * official exporter (sinks.ts) and serializer (`aarm export --format otlp`). Loaded only where OTLP
 * is used: the OpenTelemetry packages are a large part of a bundle that starts per hook call.
 */
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { resourceFromAttributes } from '@opentelemetry/resources';
import type { TelemetryEvent } from './events.js';
import { toOtelLog, type Origin } from './formats.js';

/** The events as the OpenTelemetry SDK's log records, ready for the official exporter or serializer. */
export function otelRecords(batch: readonly TelemetryEvent[], origin: Origin): ReadableLogRecord[] {
  const resource = resourceFromAttributes({
    'service.name': 'aarm-daemon',
    'service.version': origin.version,
    'host.name': origin.hostname,
    'process.pid': origin.pid,
  });
  const scope = { name: 'aarm', version: origin.version };
  const hrTime = (ms: number): [number, number] => [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];
  const now = hrTime(Date.now());
  return batch.map((event) => {
    const log = toOtelLog(event, origin);
    return {
      hrTime: hrTime(log.timeMs),
      hrTimeObserved: now,
      severityNumber: log.severityNumber,
      severityText: log.severityText,
      eventName: log.eventName,
      body: log.body,
      attributes: log.attributes,
      droppedAttributesCount: 0,
      resource,
      instrumentationScope: scope,
    };
  });
}
