/**
 * `aarm export`: a session's or all receipts as a signed JSONL bundle that `aarm verify` checks
 * offline, or as events for a SIEM or collector (docs/telemetry.md).
 */
import { closeSync, writeSync } from 'node:fs';
import { openOwnFile } from '../state/own-file.js';
import { GENESIS_HASH, type ExportHeader } from '../protocol/index.js';
import { openReceiptStore } from '../receipts/store.js';
import { publicKeyOf, signCanonical, type SigningKey } from '../receipts/keys.js';
import { headerSigningInput } from '../receipts/verify.js';
import { signHead } from '../receipts/chain-check.js';
import {
  matchesFilter,
  redactEvent,
  toCef,
  toOcsfEvent,
  type EventFilter,
  type Origin,
  type TelemetryEvent,
} from '../telemetry/index.js';

export interface ExportResult {
  count: number;
  headHash: string;
}

export function exportReceipts(
  database: string,
  scope: ExportHeader['scope'],
  signingKey: SigningKey,
  out: string,
): ExportResult {
  const store = openReceiptStore(database, { readonly: true });
  try {
    const lines: string[] = [];
    let headHash = GENESIS_HASH;
    for (const record of store.list('session' in scope ? { session: scope.session } : {})) {
      // Each line proves its record on its own (R5): its signature, or its group's signed head and
      // its inclusion path. A grouped record without its proof (its group is not all there) is
      // written with its empty `sig`, and fails verification.
      lines.push(
        record.proof !== undefined
          ? `{"body":${record.canonical},"proof":${JSON.stringify(record.proof)}}`
          : `{"body":${record.canonical},"sig":${JSON.stringify(record.sig)}}`,
      );
      headHash = record.hash;
    }
    const keys = store.publicKeys();
    if (!keys.some((k) => k.keyId === signingKey.keyId)) keys.push(publicKeyOf(signingKey));
    const unsigned: Omit<ExportHeader, 'sig'> = {
      type: 'aarm.export',
      v: 2,
      scope,
      created: new Date().toISOString(),
      count: lines.length,
      headHash,
      keys,
      keyId: signingKey.keyId,
    };
    const header: ExportHeader = {
      ...unsigned,
      sig: signCanonical(signingKey, headerSigningInput(unsigned)),
    };
    const fd = openOwnFile(out);
    try {
      writeSync(fd, `${JSON.stringify(header)}\n`);
      for (const line of lines) writeSync(fd, `${line}\n`);
    } finally {
      closeSync(fd);
    }
    return { count: lines.length, headHash };
  } finally {
    store.close();
  }
}

/** The formats a SIEM or collector reads (R8); the mapping is in docs/telemetry.md. */
export const EVENT_FORMATS = ['ocsf', 'otlp', 'cef'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/**
 * The receipts as events for a SIEM, filtered and redacted as the live telemetry is (T9), and
 * followed by a signed checkpoint of the chain's head:
 * - `ocsf`: a JSON array of OCSF events, one per line;
 * - `otlp`: OTLP/JSON `ExportLogsServiceRequest`s, one per line (≤ 1,000 records each) — what the
 *   OpenTelemetry Collector's `otlpjsonfile` receiver reads, and what `POST /v1/logs` accepts;
 * - `cef`: one CEF record per line.
 * Not signed as a file: each event names its receipt and carries its hash and its signature or
 * group proof.
 */
export async function exportEvents(
  database: string,
  scope: ExportHeader['scope'],
  format: EventFormat,
  options: { origin: Origin; signingKey: SigningKey; filter?: EventFilter; redact?: readonly string[] },
  out: string,
): Promise<{ count: number }> {
  // OpenTelemetry's packages load only for this format (they weigh on every start of the CLI).
  const otlp =
    format === 'otlp'
      ? {
          ...(await import('../telemetry/otel.js')),
          ...(await import('@opentelemetry/otlp-transformer')),
        }
      : undefined;
  const store = openReceiptStore(database, { readonly: true });
  try {
    const events: TelemetryEvent[] = [];
    let inScope = 0;
    for (const record of store.list('session' in scope ? { session: scope.session } : {})) {
      const event: TelemetryEvent = { type: 'receipt', record };
      inScope++;
      if (matchesFilter(event, options.filter)) events.push(event);
    }
    const count = events.length;
    if (inScope > 0) {
      const checkpoint: TelemetryEvent = {
        type: 'checkpoint',
        checkpoint: {
          ...signHead(options.signingKey, store.head()),
          receiptId: store.page({ limit: 1 }).records[0]?.body.id ?? '',
          publicKey: publicKeyOf(options.signingKey).publicKey,
        },
      };
      if (matchesFilter(checkpoint, options.filter)) events.push(checkpoint);
    }
    const leaving = events.map((event) => redactEvent(event, options.redact ?? []));
    const fd = openOwnFile(out);
    try {
      switch (format) {
        case 'ocsf': {
          const lines = leaving.map((event) => JSON.stringify(toOcsfEvent(event, options.origin)));
          writeSync(fd, lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`);
          break;
        }
        case 'cef':
          for (const event of leaving) writeSync(fd, `${toCef(event, options.origin)}\n`);
          break;
        case 'otlp':
          for (let i = 0; i < leaving.length; i += 1000) {
            const request = otlp!.JsonLogsSerializer.serializeRequest(
              otlp!.otelRecords(leaving.slice(i, i + 1000), options.origin),
            );
            if (request) writeSync(fd, `${Buffer.from(request).toString('utf8')}\n`);
          }
          break;
      }
    } finally {
      closeSync(fd);
    }
    return { count };
  } finally {
    store.close();
  }
}
