/**
 * Telemetry events in the schemas SIEMs read (R8). Pure: an event in, text or fields out.
 *
 * - OCSF 1.5.0: receipts as API Activity (6003, receipts/ocsf.ts, mapped in docs/ocsf.md), drift as
 *   Detection Finding (2004), chain checkpoints as Event Log Activity (1008): docs/telemetry.md.
 * - CEF inside RFC 5424 syslog, for ArcSight-style pipelines and anything that reads syslog.
 * - OpenTelemetry log records: the OCSF event as the body, the fields to route on as attributes.
 */
import { OCSF_PRODUCT_NAME, OCSF_VENDOR_NAME, OCSF_VERSION, toOcsf } from '../receipts/ocsf.js';
import { isRecord, type Receipt, type Risk } from '../protocol/index.js';
import { kindsOf, receiptIdOf, type TelemetryEvent } from './events.js';

export interface Origin {
  /** the daemon's version */
  version: string;
  hostname: string;
  pid: number;
}

type Json = Record<string, unknown>;

const FINDING_SEVERITY: Record<Risk, { id: number; name: string }> = {
  low: { id: 2, name: 'Low' },
  medium: { id: 3, name: 'Medium' },
  high: { id: 4, name: 'High' },
  critical: { id: 5, name: 'Critical' },
};

/** The event as one OCSF event. */
export function toOcsfEvent(event: TelemetryEvent, origin: Origin): Json {
  const product = { name: OCSF_PRODUCT_NAME, vendor_name: OCSF_VENDOR_NAME, version: origin.version };
  switch (event.type) {
    case 'receipt':
      return toOcsf(event.record, { version: origin.version });
    case 'drift': {
      const f = event.finding;
      const severity = FINDING_SEVERITY[f.risk];
      return {
        class_uid: 2004,
        class_name: 'Detection Finding',
        category_uid: 2,
        category_name: 'Findings',
        activity_id: 1,
        activity_name: 'Create',
        type_uid: 200401,
        type_name: 'Detection Finding: Create',
        time: Date.parse(f.time),
        severity_id: severity.id,
        severity: severity.name,
        risk_level_id: severity.id - 1,
        risk_level: severity.name,
        status_id: 1,
        status: 'New',
        message: `${f.title}: ${f.detail}`,
        metadata: {
          version: OCSF_VERSION,
          product,
          uid: f.uid,
          correlation_uid: f.session,
          event_code: `drift.${f.signal}`,
          log_name: 'drift',
        },
        finding_info: {
          uid: f.uid,
          title: f.title,
          desc: f.detail,
          types: [f.signal],
          related_events: [{ uid: f.receiptId, product }],
        },
        unmapped: { finding: f },
      };
    }
    case 'checkpoint': {
      const c = event.checkpoint;
      return {
        class_uid: 1008,
        class_name: 'Event Log Activity',
        category_uid: 1,
        category_name: 'System Activity',
        activity_id: 99,
        activity_name: 'Checkpoint',
        type_uid: 100899,
        type_name: 'Event Log Activity: Checkpoint',
        time: Date.parse(c.time),
        severity_id: 1,
        severity: 'Informational',
        status_id: 1,
        status: 'Success',
        message: `receipt chain head: record ${c.seq}, hash ${c.hash}, signed by ${c.keyId}`,
        metadata: {
          version: OCSF_VERSION,
          product,
          uid: `checkpoint-${c.keyId}-${c.seq}`,
          event_code: 'checkpoint',
          log_name: 'receipts',
          sequence: c.seq,
        },
        device: { hostname: origin.hostname, type_id: 0, type: 'Unknown' },
        log_name: 'receipts',
        log_provider: 'aarm',
        unmapped: { checkpoint: c },
      };
    }
  }
}

// ---------------------------------------------------------------- CEF and RFC 5424

/** CEF severity 0–10. */
const CEF_SEVERITY: Record<Risk, number> = { low: 3, medium: 5, high: 8, critical: 10 };
/** RFC 5424 severity: 2 critical, 3 error, 4 warning, 5 notice, 6 informational. */
const SYSLOG_SEVERITY: Record<Risk, number> = { low: 5, medium: 4, high: 3, critical: 2 };

/** Other control characters (ESC, NUL…) as `\\uXXXX`: a log line must not carry terminal escapes or cut records. */
const controls = (text: string) =>
  text.replace(
    /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
const cefHeader = (text: string) =>
  controls(text.replace(/[\\|]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, ' '));
const cefValue = (text: string) =>
  controls(
    text
      .replace(/[\\=]/g, (c) => `\\${c}`)
      .replace(/\r/g, '\\r')
      .replace(/\n/g, '\\n'),
  );

/** What the action touches, in a word: the command, path, URL or MCP tool. */
export function targetOf(action: Record<string, unknown> | null): string | undefined {
  const p = action?.parameters;
  if (!isRecord(p)) return undefined;
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  switch (action?.tool) {
    case 'shell':
      return text(p.command);
    case 'fs':
      return text(p.path);
    case 'net':
      return text(p.url);
    case 'mcp':
      return text(p.server) !== undefined ? `${text(p.server)}/${text(p.tool) ?? '?'}` : undefined;
    default:
      return undefined;
  }
}

interface Summary {
  /** CEF Device Event Class ID */
  signature: string;
  name: string;
  risk: Risk | undefined;
  /** RFC 5424 MSGID */
  msgid: string;
  session: string | undefined;
  extension: Array<[string, string | number | undefined]>;
}

function summarize(event: TelemetryEvent): Summary {
  switch (event.type) {
    case 'drift': {
      const f = event.finding;
      return {
        signature: `drift:${f.signal}`,
        name: f.title,
        risk: f.risk,
        msgid: 'drift',
        session: f.session,
        extension: [
          ['rt', Date.parse(f.time)],
          ['externalId', f.receiptId],
          ['cat', 'drift'],
          ['msg', f.detail],
          ['cs1Label', 'session'],
          ['cs1', f.session],
        ],
      };
    }
    case 'checkpoint': {
      const c = event.checkpoint;
      return {
        signature: 'checkpoint',
        name: 'Receipt chain checkpoint',
        risk: undefined,
        msgid: 'checkpoint',
        session: undefined,
        extension: [
          ['rt', Date.parse(c.time)],
          ['externalId', c.receiptId],
          ['cat', 'checkpoint'],
          ['cn1Label', 'seq'],
          ['cn1', c.seq],
          ['cs4Label', 'hash'],
          ['cs4', c.hash],
          ['cs5Label', 'keyId'],
          ['cs5', c.keyId],
          ['cs6Label', 'sig'],
          ['cs6', c.sig],
        ],
      };
    }
    case 'receipt':
      return summarizeReceipt(event.record.body, event.record.hash);
  }
}

function summarizeReceipt(body: Receipt, hash: string): Summary {
  const chain: Summary['extension'] = [
    ['cn1Label', 'seq'],
    ['cn1', body.seq],
    ['cs4Label', 'hash'],
    ['cs4', hash],
  ];
  const common: Summary['extension'] = [
    ['rt', Date.parse(body.time)],
    ['externalId', body.id],
    ['cs1Label', 'session'],
    ['cs1', body.session],
  ];
  switch (body.kind) {
    case 'gap':
      return {
        signature: 'builtin.accepted-loss',
        name: 'Receipts lost, loss accepted',
        risk: 'critical',
        msgid: 'gap',
        session: body.session,
        extension: [
          ...common,
          ['cat', 'integrity'],
          ['suser', body.acceptedBy],
          ['msg', body.reason],
          ...chain,
        ],
      };
    case 'outcome':
      return {
        signature: 'outcome',
        name: `Outcome ${body.outcome.status}`,
        risk: undefined,
        msgid: 'outcome',
        session: body.session,
        extension: [
          ...common,
          ['cat', 'outcome'],
          ['outcome', body.outcome.status],
          ['msg', body.outcome.error ?? `outcome of ${body.receiptId}`],
          ['cs2Label', 'actionReceipt'],
          ['cs2', body.receiptId],
          ...chain,
        ],
      };
    case 'resolution':
    case 'action': {
      const action = body.kind === 'action' ? body.action : null;
      const tool =
        typeof action?.tool === 'string' ? action.tool : body.kind === 'action' ? 'invalid' : 'aarm';
      const operation = typeof action?.operation === 'string' ? action.operation : body.kind;
      const { human, agent } = body.kind === 'action' ? body.identity : {};
      const target = targetOf(action);
      return {
        signature: body.decision.rule,
        name: `${body.verdict} ${tool} ${operation}`,
        risk: body.decision.risk,
        msgid: body.kind,
        session: body.session,
        extension: [
          ...common,
          ['act', body.verdict],
          ['cat', tool],
          ['msg', body.decision.reason],
          ['suser', human?.user],
          ['cs2Label', 'rule'],
          ['cs2', body.decision.rule],
          ['cs3Label', 'agent'],
          ['cs3', agent?.name],
          ['cs5Label', 'decision'],
          ['cs5', body.decision.decision],
          ...((body.kind === 'resolution'
            ? [
                ['cs6Label', 'actionReceipt'],
                ['cs6', body.receiptId],
              ]
            : [
                ['cs6Label', 'target'],
                ['cs6', target],
              ]) satisfies Summary['extension']),
          ['request', action?.tool === 'net' ? target : undefined],
          ['fname', action?.tool === 'fs' ? target : undefined],
          ...chain,
        ],
      };
    }
  }
}

/** One CEF record: `CEF:0|AARM|aarm|version|class|name|severity|extension`. */
export function toCef(event: TelemetryEvent, origin: Origin): string {
  const s = summarize(event);
  const extension = s.extension
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${cefValue(String(value))}`)
    .join(' ');
  const severity = s.risk === undefined ? 1 : CEF_SEVERITY[s.risk];
  return [
    'CEF:0',
    cefHeader(OCSF_VENDOR_NAME),
    'aarm',
    cefHeader(origin.version),
    cefHeader(s.signature),
    cefHeader(s.name),
    String(severity),
    extension,
  ].join('|');
}

/** An RFC 5424 SD-PARAM value: `"`, `\\` and `]` escaped, and control characters (CR, LF, ESC…) as `\\uXXXX`, never raw. */
const sdValue = (text: string) =>
  text
    .replace(/["\\\]]/g, (c) => `\\${c}`)
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
/** RFC 5424 header fields: printable US-ASCII, no spaces, bounded. */
const headerField = (text: string, max: number) => text.replace(/[^\x21-\x7e]/g, '_').slice(0, max) || '-';

/**
 * The RFC 5424 message: `<PRI>1 TIMESTAMP HOST aarm PID MSGID [aarm@32473 receipt=".." session=".."] CEF:…`.
 * 32473 is the enterprise number RFC 5612 reserves for examples; a site may re-map the SD-ID.
 */
export function toSyslog(event: TelemetryEvent, origin: Origin, facility: number): string {
  const s = summarize(event);
  const severity = s.risk === undefined ? 6 : SYSLOG_SEVERITY[s.risk];
  const stamp =
    event.type === 'receipt'
      ? event.record.body.time
      : event.type === 'drift'
        ? event.finding.time
        : event.checkpoint.time;
  const params = [
    `receipt="${sdValue(receiptIdOf(event))}"`,
    ...(s.session !== undefined ? [`session="${sdValue(s.session)}"`] : []),
    `kinds="${kindsOf(event).join(',')}"`,
  ];
  return [
    `<${facility * 8 + severity}>1`,
    stamp,
    headerField(origin.hostname, 255),
    'aarm',
    String(origin.pid),
    headerField(s.msgid, 32),
    `[aarm@32473 ${params.join(' ')}]`,
    toCef(event, origin),
  ].join(' ');
}

// ---------------------------------------------------------------- OpenTelemetry

/** OpenTelemetry SeverityNumber: INFO 9, WARN 13, ERROR 17, FATAL 21. */
const OTEL_SEVERITY: Record<Risk, { number: number; text: string }> = {
  low: { number: 9, text: 'INFO' },
  medium: { number: 13, text: 'WARN' },
  high: { number: 17, text: 'ERROR' },
  critical: { number: 21, text: 'FATAL' },
};

export interface OtelLog {
  timeMs: number;
  severityNumber: number;
  severityText: string;
  eventName: string;
  /** the OCSF event, as JSON text */
  body: string;
  attributes: Record<string, string | number | string[]>;
}

/** One OpenTelemetry log record: the OCSF event as body, what a pipeline routes on as attributes. */
export function toOtelLog(event: TelemetryEvent, origin: Origin): OtelLog {
  const ocsf = toOcsfEvent(event, origin);
  const s = summarize(event);
  const severity = s.risk === undefined ? { number: 9, text: 'INFO' } : OTEL_SEVERITY[s.risk];
  const attributes: OtelLog['attributes'] = {
    'aarm.receipt.id': receiptIdOf(event),
    'aarm.event.kinds': kindsOf(event),
    'ocsf.class_uid': Number(ocsf.class_uid),
  };
  if (s.session !== undefined) attributes['session.id'] = s.session;
  if (
    event.type === 'receipt' &&
    (event.record.body.kind === 'action' || event.record.body.kind === 'resolution')
  ) {
    const body = event.record.body;
    attributes['aarm.decision'] = body.decision.decision;
    attributes['aarm.verdict'] = body.verdict;
    attributes['aarm.rule'] = body.decision.rule;
    attributes['aarm.risk'] = body.decision.risk;
    if (body.kind === 'action' && typeof body.action?.tool === 'string')
      attributes['aarm.action.tool'] = body.action.tool;
  }
  if (event.type === 'drift') attributes['aarm.drift.signal'] = event.finding.signal;
  return {
    timeMs: Number(ocsf.time) || Date.now(),
    severityNumber: severity.number,
    severityText: severity.text,
    eventName: `aarm.${event.type}`,
    body: JSON.stringify(ocsf),
    attributes,
  };
}
