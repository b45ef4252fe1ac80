/**
 * The destinations' I/O: OTLP/HTTP through the official OpenTelemetry exporter, syslog over UDP or
 * TCP (RFC 5424, CEF payload; TCP frames are octet-counted, RFC 6587), OCSF JSON lines to a file or
 * an HTTP endpoint. Each turns a batch of (already filtered and redacted) events into its format.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { appendOwnFile } from '../state/own-file.js';
import { connect as connectTls } from 'node:tls';
import { isIP } from 'node:net';
import { connect as connectTcp, type Socket } from 'node:net';
import { ExportResultCode } from '@opentelemetry/core';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { destinationName, syslogPort, type Destination } from './config.js';
import { RefusedBatch, type Sink } from './forwarder.js';
import type { TelemetryEvent } from './events.js';
import { toOcsfEvent, toSyslog, type Origin } from './formats.js';
import { otelRecords } from './otel.js';

const TIMEOUT_MS = 10_000;
/** 4xx but 408 (timeout) and 429 (slow down): the request itself is wrong, so a retry is too. */
const refusedStatus = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;
/** Larger syslog messages are cut: rsyslog's default limit is 8 KiB. */
const SYSLOG_MAX_BYTES = 8192;

export function createSink(destination: Destination, origin: Origin): Sink<TelemetryEvent> {
  const name = destinationName(destination);
  switch (destination.type) {
    case 'otlp':
      return otlpSink(name, destination.url, destination.headers ?? {}, origin);
    case 'syslog':
      return destination.transport === 'udp'
        ? udpSyslogSink(name, destination.host, syslogPort(destination), destination.facility, origin)
        : streamSyslogSink(name, destination, origin);
    case 'ocsf':
      return destination.file !== undefined
        ? ocsfFileSink(name, destination.file, origin)
        : ocsfHttpSink(name, destination.url!, destination.headers ?? {}, origin);
  }
}

function otlpSink(name: string, url: string, headers: Record<string, string>, origin: Origin) {
  const exporter = new OTLPLogExporter({ url, headers, timeoutMillis: TIMEOUT_MS });
  return {
    name,
    send(batch: readonly TelemetryEvent[]) {
      return new Promise<void>((resolve, reject) =>
        exporter.export(otelRecords(batch, origin), (result) => {
          if (result.code === ExportResultCode.SUCCESS) resolve();
          else {
            const status = (result.error as { code?: unknown } | undefined)?.code;
            reject(
              typeof status === 'number' && refusedStatus(status)
                ? new RefusedBatch(`the collector refused the batch (HTTP ${status})`)
                : (result.error ?? new Error('the OTLP export failed')),
            );
          }
        }),
      );
    },
    close: () => exporter.shutdown(),
  };
}

function syslogMessage(event: TelemetryEvent, origin: Origin, facility: number): Buffer {
  const message = Buffer.from(toSyslog(event, origin, facility), 'utf8');
  if (message.length <= SYSLOG_MAX_BYTES) return message;
  let cut = SYSLOG_MAX_BYTES;
  while (cut > 0 && (message[cut]! & 0xc0) === 0x80) cut--; // not inside a UTF-8 character
  return message.subarray(0, cut);
}

function udpSyslogSink(name: string, host: string, port: number, facility: number, origin: Origin) {
  let socket: UdpSocket | undefined;
  const open = () => {
    if (socket) return socket;
    const created = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    created.on('error', () => {
      created.close();
      socket = undefined;
    });
    created.unref();
    socket = created;
    return created;
  };
  return {
    name,
    async send(batch: readonly TelemetryEvent[]) {
      const udp = open();
      for (const event of batch) {
        await new Promise<void>((resolve, reject) =>
          udp.send(syslogMessage(event, origin, facility), port, host, (error) =>
            error ? reject(error) : resolve(),
          ),
        );
      }
    },
    close() {
      socket?.close();
      socket = undefined;
      return Promise.resolve();
    },
  };
}

/** Syslog over TCP, or over TLS (RFC 5425): octet-counted frames on one kept-open connection. */
function streamSyslogSink(
  name: string,
  destination: Extract<Destination, { type: 'syslog' }>,
  origin: Origin,
) {
  const { host, facility } = destination;
  const port = syslogPort(destination);
  const tls = destination.transport === 'tls';
  // Read once: a missing CA file is a delivery failure (retried and counted), not a crash.
  let ca: Buffer | undefined;
  let socket: Socket | undefined;
  let connected: Promise<Socket> | undefined;
  const drop = () => {
    socket?.destroy();
    socket = undefined;
    connected = undefined;
  };
  const open = () => {
    if (tls && destination.ca !== undefined && ca === undefined) {
      try {
        ca = readFileSync(destination.ca);
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return (connected ??= new Promise<Socket>((resolve, reject) => {
      const s: Socket = tls
        ? connectTls({
            host,
            port,
            timeout: TIMEOUT_MS,
            ...(isIP(host) === 0 ? { servername: host } : {}),
            ...(ca ? { ca } : {}),
          })
        : connectTcp({ host, port, timeout: TIMEOUT_MS });
      s.setNoDelay(true);
      s.setKeepAlive(true, 30_000); // notice a collector host that vanished
      s.once(tls ? 'secureConnect' : 'connect', () => {
        s.setTimeout(0);
        resolve(s);
      });
      s.once('timeout', () =>
        s.destroy(new Error(`no connection to ${host}:${port} within ${TIMEOUT_MS} ms`)),
      );
      s.once('error', (error: Error) => {
        drop();
        reject(error);
      });
      s.once('close', () => {
        if (socket === s) drop();
      });
      s.resume(); // a syslog server says nothing; read so that a close is noticed
      socket = s;
    }));
  };
  return {
    name,
    async send(batch: readonly TelemetryEvent[]) {
      const s = await open();
      const frames = batch.map((event) => {
        const message = syslogMessage(event, origin, facility);
        return Buffer.concat([Buffer.from(`${message.length} `), message]);
      });
      await new Promise<void>((resolve, reject) => {
        // A half-open connection takes data until the kernel's buffer is full, then never calls back.
        const stalled = setTimeout(() => {
          drop();
          reject(new Error(`${host}:${port} took no data for ${TIMEOUT_MS} ms`));
        }, TIMEOUT_MS);
        s.write(Buffer.concat(frames), (error) => {
          clearTimeout(stalled);
          if (error) {
            drop();
            reject(error);
          } else resolve();
        });
      });
    },
    async close() {
      const s = socket;
      if (s === undefined) return;
      await new Promise<void>((resolve) => s.end(resolve));
      drop();
    },
  };
}

function ocsfFileSink(name: string, file: string, origin: Origin) {
  return {
    name,
    async send(batch: readonly TelemetryEvent[]) {
      const lines = batch.map((event) => `${JSON.stringify(toOcsfEvent(event, origin))}\n`).join('');
      await appendOwnFile(file, lines);
    },
    async close() {},
  };
}

function ocsfHttpSink(name: string, url: string, headers: Record<string, string>, origin: Origin) {
  return {
    name,
    async send(batch: readonly TelemetryEvent[]) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(batch.map((event) => toOcsfEvent(event, origin))),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok)
        throw refusedStatus(response.status)
          ? new RefusedBatch(`${url} refused the batch (HTTP ${response.status})`)
          : new Error(`${url} answered ${response.status}`);
    },
    async close() {},
  };
}
