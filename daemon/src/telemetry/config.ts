/**
 * Where the daemon streams its events (R8), read from `$AARM_HOME/telemetry.json`. No file, no
 * telemetry: a single developer's daemon keeps its receipts locally. The file sits in the daemon's
 * own state directory, which no agent action may write (the built-in protected-paths rule), so an
 * agent cannot switch its own monitoring off.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { DECISIONS } from '../protocol/index.js';
import type { Result } from '../protocol/index.js';

/** What an event is about; an action receipt can be several at once (a decision that went to a human). */
export const EVENT_KINDS = ['decision', 'approval', 'deferral', 'outcome', 'drift', 'checkpoint'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const FilterSchema = z.strictObject({
  /** which kinds of event (default: all) */
  events: z.array(z.enum(EVENT_KINDS)).min(1).optional(),
  /** action types: `shell`, `fs`, `net`, `mcp`, or `tool operation` such as `fs write` */
  actions: z.array(z.string().min(1)).min(1).optional(),
  /** the policy's decision: allow, deny, modify, step_up, defer */
  decisions: z.array(z.enum(DECISIONS)).min(1).optional(),
  /** the OS user, git identity, agent name or service of the receipt's identity */
  identities: z.array(z.string().min(1)).min(1).optional(),
});
export type EventFilter = z.infer<typeof FilterSchema>;

const Common = {
  /** a name for this destination in logs and `aarm status` (default: its type and address) */
  name: z.string().min(1).max(64).optional(),
  filter: FilterSchema.optional(),
};

const HeaderValues = z.record(z.string().min(1), z.string());

export const DestinationSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('otlp'),
    /** the collector's OTLP/HTTP logs endpoint, e.g. http://collector:4318/v1/logs */
    url: z.url({ protocol: /^https?$/ }),
    headers: HeaderValues.optional(),
    ...Common,
  }),
  z.strictObject({
    type: z.literal('syslog'),
    /** `tls`: RFC 5425 (octet-counted over TLS, the server's certificate checked) */
    transport: z.enum(['udp', 'tcp', 'tls']),
    host: z.string().min(1),
    /** default 514, or 6514 for tls */
    port: z.number().int().min(1).max(65535).optional(),
    /** tls: a PEM file of the CA(s) to trust for the server's certificate (default: the system's) */
    ca: z.string().min(1).optional(),
    /** RFC 5424 facility number (default 13, log audit) */
    facility: z.number().int().min(0).max(23).default(13),
    ...Common,
  }),
  z.strictObject({
    type: z.literal('ocsf'),
    /** OCSF events as JSON lines appended to this file (for a log shipper), or … */
    file: z.string().min(1).optional(),
    /** … POSTed as a JSON array to this URL (an HTTP input of Vector, Logstash, Cribl…) */
    url: z.url({ protocol: /^https?$/ }).optional(),
    headers: HeaderValues.optional(),
    ...Common,
  }),
]);
export type Destination = z.infer<typeof DestinationSchema>;

export const TelemetryConfigSchema = z.strictObject({
  destinations: z.array(DestinationSchema).max(16),
  /**
   * Receipt fields never to send in clear, as dotted paths (`action.parameters.command`,
   * `identity.human.git`): each is replaced by its SHA-256 digest. Secret-looking values (tokens,
   * keys, passwords in URLs) are replaced everywhere, configured or not.
   */
  redact: z.array(z.string().regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/)).default([]),
  /** events held per destination while it is slow or down; beyond it the oldest are dropped and counted */
  bufferEvents: z.number().int().min(10).max(1_000_000).default(10_000),
  /** how often a signed checkpoint of the receipt chain is sent (and at shutdown) */
  checkpointSeconds: z.number().int().min(1).max(86_400).default(60),
});
export type TelemetryConfig = z.infer<typeof TelemetryConfigSchema>;

export type ConfigResult = Result<{ config: TelemetryConfig | undefined }>;

/** `undefined` when there is no file: telemetry is off. */
export function loadTelemetryConfig(file: string): ConfigResult {
  if (!existsSync(file)) return { ok: true, config: undefined };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, error: `${file}: not JSON (${(error as Error).message})` };
  }
  const parsed = TelemetryConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(top)'}: ${issue.message}`,
    );
    return { ok: false, error: `${file}: ${problems.join('; ')}` };
  }
  for (const [i, destination] of parsed.data.destinations.entries()) {
    if (destination.type === 'ocsf' && (destination.file === undefined) === (destination.url === undefined))
      return {
        ok: false,
        error: `${file}: destinations.${i}: an ocsf destination needs either \`file\` or \`url\``,
      };
  }
  return { ok: true, config: parsed.data };
}

export function syslogPort(destination: Extract<Destination, { type: 'syslog' }>): number {
  return destination.port ?? (destination.transport === 'tls' ? 6514 : 514);
}

export function destinationName(destination: Destination): string {
  if (destination.name !== undefined) return destination.name;
  switch (destination.type) {
    case 'otlp':
      return `otlp ${withoutCredentials(destination.url)}`;
    case 'syslog':
      return `syslog ${destination.transport}://${destination.host}:${syslogPort(destination)}`;
    case 'ocsf':
      return `ocsf ${destination.file ?? withoutCredentials(destination.url ?? '')}`;
  }
}

/**
 * A collector's URL as `aarm status` shows it, to anyone who asks, agents included: no
 * `user:password@`, and query values that look like credentials replaced (`?api_key=…`).
 */
export function withoutCredentials(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '[an invalid URL]';
  }
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? '…' : '';
    parsed.password = '';
  }
  for (const key of [...parsed.searchParams.keys()])
    if (/key|token|secret|pass|auth|sig|cred/i.test(key)) parsed.searchParams.set(key, '…');
  return parsed.toString();
}
