/**
 * Back-pressure between the decision path and a destination: a bounded buffer, batches, retry with
 * backoff, and counters. `push` never waits and never does I/O, so a slow or dead collector cannot
 * slow a decision; when the buffer is full the oldest events are dropped and counted.
 */
import type { TelemetryDestinationStats } from '../protocol/index.js';

/** A batch the destination refused as such (HTTP 400, 413…): sending it again cannot succeed. */
export class RefusedBatch extends Error {}

export interface Sink<T> {
  readonly name: string;
  /** deliver a batch; rejects when it was not delivered (the batch is retried) */
  send(batch: readonly T[]): Promise<void>;
  close(): Promise<void>;
}

/** A destination's counters, as `aarm status` reports them. */
export type ForwarderStats = TelemetryDestinationStats;

export interface ForwarderOptions {
  capacity: number;
  batchSize?: number;
  /** how long an event may wait for others to share its batch */
  lingerMs?: number;
  retryMinMs?: number;
  retryMaxMs?: number;
  log?: (line: string) => void;
}

export class Forwarder<T> {
  private buffer: T[] = [];
  private inFlight: readonly T[] = [];
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  private retries = 0;
  private closed = false;
  private readonly stats: ForwarderStats;

  constructor(
    private readonly sink: Sink<T>,
    private readonly options: ForwarderOptions,
  ) {
    this.stats = { name: sink.name, sent: 0, queued: 0, dropped: 0, failures: 0 };
  }

  push(event: T): void {
    if (this.closed) return;
    this.buffer.push(event);
    this.trim();
    if (!this.sending && this.timer === undefined) this.schedule(this.options.lingerMs ?? 200);
  }

  snapshot(): ForwarderStats {
    return { ...this.stats, queued: this.buffer.length + this.inFlight.length };
  }

  /** Deliver what is buffered within `timeoutMs`; what is left is counted as dropped. */
  async close(timeoutMs = 3000): Promise<void> {
    if (this.closed) return;
    const deadline = Date.now() + timeoutMs;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (Date.now() < deadline && (this.buffer.length > 0 || this.sending)) {
      if (!this.sending) await this.flush();
      else await new Promise((resolve) => setTimeout(resolve, 20));
      if (this.retries > 0) break; // the destination is down: do not hold the shutdown for it
    }
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const left = this.buffer.length + this.inFlight.length;
    if (left > 0) {
      this.stats.dropped += left;
      this.options.log?.(`telemetry ${this.sink.name}: ${left} events not delivered at shutdown`);
    }
    this.buffer = [];
    // A connection stuck on a dead collector must not hold the shutdown either.
    await Promise.race([
      this.sink.close().catch(() => {}),
      new Promise((resolve) => setTimeout(resolve, 1000).unref()),
    ]);
  }

  private trim(): void {
    const over = this.buffer.length + this.inFlight.length - this.options.capacity;
    if (over > 0) {
      this.buffer.splice(0, Math.min(over, this.buffer.length));
      this.stats.dropped += over;
    }
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    if (this.sending || this.buffer.length === 0) return;
    this.sending = true;
    // At most half the buffer in flight, so that while it is out the newest events still fit and
    // what is dropped when full is the oldest.
    const batchSize = Math.min(
      this.options.batchSize ?? 256,
      Math.max(1, Math.floor(this.options.capacity / 2)),
    );
    this.inFlight = this.buffer.splice(0, batchSize);
    try {
      await this.sink.send(this.inFlight);
      this.stats.sent += this.inFlight.length;
      // delivered after all, though shutdown had given it up
      if (this.closed) this.stats.dropped -= this.inFlight.length;
      this.stats.lastSent = new Date().toISOString();
      if (this.retries > 0)
        this.options.log?.(`telemetry ${this.sink.name}: delivering again after ${this.retries} failures`);
      this.retries = 0;
      this.inFlight = [];
    } catch (error) {
      this.stats.failures++;
      this.stats.lastError = (error as Error).message;
      if (error instanceof RefusedBatch) {
        // Retrying would stall the destination on it forever: drop it, count it, go on.
        this.stats.dropped += this.inFlight.length;
        this.options.log?.(
          `telemetry ${this.sink.name}: ${this.inFlight.length} events refused and dropped: ${error.message}`,
        );
        this.inFlight = [];
        this.sending = false;
        if (!this.closed && this.buffer.length > 0) this.schedule(0);
        return;
      }
      if (this.retries === 0)
        this.options.log?.(`telemetry ${this.sink.name}: delivery failed, retrying: ${this.stats.lastError}`);
      this.retries++;
      // Back at the front, in order; the buffer's bound still holds (oldest dropped first). After
      // shutdown they were already counted as dropped.
      if (!this.closed) this.buffer.unshift(...this.inFlight);
      this.inFlight = [];
      this.trim();
    } finally {
      this.sending = false;
    }
    if (this.closed || this.buffer.length === 0) return;
    const min = this.options.retryMinMs ?? 500;
    const backoff =
      this.retries === 0 ? 0 : Math.min(this.options.retryMaxMs ?? 30_000, min * 2 ** (this.retries - 1));
    this.schedule(backoff === 0 ? 0 : backoff / 2 + Math.random() * (backoff / 2));
  }
}
