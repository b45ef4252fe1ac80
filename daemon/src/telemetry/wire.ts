/**
 * What the daemon and its telemetry worker say to each other. A receipt crosses as its stored text
 * (strings copy cheaply between threads); the worker parses it.
 */
import type { Receipt, ReceiptProof } from '../protocol/index.js';
import type { ForwarderStats } from './forwarder.js';
import type { ChainCheckpoint, DriftFinding, TelemetryEvent } from './events.js';

export type WireEvent =
  | { type: 'receipt'; canonical: string; sig: string; hash: string; proof?: ReceiptProof }
  | { type: 'drift'; finding: DriftFinding }
  | { type: 'checkpoint'; checkpoint: ChainCheckpoint };

export type ToWorker =
  { type: 'event'; event: WireEvent } | { type: 'stats'; id: number } | { type: 'close' };

export type FromWorker =
  /** `id`: the request answered; absent when sent unasked (a few times a second while things change) */
  | { type: 'stats'; id?: number; received: number; stats: ForwarderStats[] }
  | { type: 'log'; line: string }
  | { type: 'closed' };

export function toWire(event: TelemetryEvent): WireEvent {
  if (event.type !== 'receipt') return event;
  const { canonical, sig, hash, proof } = event.record;
  return { type: 'receipt', canonical, sig, hash, ...(proof ? { proof } : {}) };
}

export function fromWire(event: WireEvent): TelemetryEvent {
  if (event.type !== 'receipt') return event;
  const { canonical, sig, hash, proof } = event;
  return {
    type: 'receipt',
    record: { body: JSON.parse(canonical) as Receipt, canonical, sig, hash, ...(proof ? { proof } : {}) },
  };
}
