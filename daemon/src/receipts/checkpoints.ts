/**
 * Holding a local log to the checkpoints a collector received earlier (T7). The daemon sends a
 * signed head of its chain (`seq`, `hash`, `time`, `keyId`, `sig`) with its telemetry; whoever
 * kept those can later check an export against them: a rewritten record no longer has the hash
 * the checkpoint names, and a cut tail ends before a record the collector already saw.
 */
import { isRecord, type PublicKey } from '../protocol/index.js';
import { canonicalize } from './canonical.js';
import { headCheckpointHolds, type HeadCheckpoint } from './chain-check.js';
import { publicKeyMap, sha256Hex, type SignatureVerifier } from './keys.js';
import type { Result } from '../protocol/index.js';

const isCheckpoint = (value: unknown): value is HeadCheckpoint =>
  isRecord(value) &&
  typeof value.seq === 'number' &&
  typeof value.hash === 'string' &&
  typeof value.time === 'string' &&
  typeof value.keyId === 'string' &&
  typeof value.sig === 'string';

/**
 * Every checkpoint in a collector's file, in the shapes the daemon sends them: raw checkpoint JSON
 * (a line each, or an array), OCSF Event Log Activity events (`unmapped.checkpoint`), OTLP/JSON
 * requests (records named `aarm.checkpoint`, the OCSF event as body), or CEF records whose class is
 * `checkpoint`. Only there: receipt events carry agent-written data, which could hold anything.
 */
export function findCheckpoints(text: string): HeadCheckpoint[] {
  const found = new Map<string, HeadCheckpoint>();
  const add = (value: unknown) => {
    if (!isCheckpoint(value)) return false;
    const { seq, hash, time, keyId, sig } = value;
    found.set(sig, { seq, hash, time, keyId, sig });
    return true;
  };
  const fromOcsf = (event: unknown) =>
    isRecord(event) && event.class_uid === 1008 && isRecord(event.unmapped) && add(event.unmapped.checkpoint);
  const fromOtlp = (request: Record<string, unknown>) => {
    for (const rl of asArray(request.resourceLogs))
      for (const sl of asArray(isRecord(rl) ? rl.scopeLogs : undefined))
        for (const record of asArray(isRecord(sl) ? sl.logRecords : undefined)) {
          if (!isRecord(record) || record.eventName !== 'aarm.checkpoint' || !isRecord(record.body)) continue;
          const body = record.body.stringValue;
          if (typeof body === 'string') fromOcsf(tryJson(body));
        }
  };
  const visit = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) visit(item);
    else if (isRecord(value) && !add(value) && !fromOcsf(value) && Array.isArray(value.resourceLogs))
      fromOtlp(value);
  };
  const whole = tryJson(text);
  if (whole !== undefined) visit(whole);
  else
    for (const line of text.split('\n')) {
      // A JSON line is only JSON: a `CEF:` inside it is text an agent wrote (a command, a session id).
      const cef = /^\s*[[{]/.test(line) ? -1 : line.indexOf('CEF:', messageStart(line));
      if (cef >= 0) {
        const checkpoint = fromCef(line.slice(cef));
        if (checkpoint) found.set(checkpoint.sig, checkpoint);
      } else visit(tryJson(line.trim()));
    }
  return [...found.values()].sort((a, b) => a.seq - b.seq);
}

const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Where an RFC 5424 syslog line's message begins: after its header and its structured data, whose
 * values an agent writes (a session id `CEF:0|…|checkpoint|…` once came before the real record).
 * Other lines: their start.
 */
export function messageStart(line: string): number {
  const header = /^<\d{1,3}>1 (?:\S+ ){5}/.exec(line);
  if (!header) return 0;
  let i = header[0].length;
  if (line[i] === '-') return i + 1;
  while (line[i] === '[') {
    let quoted = false;
    for (i++; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '\\') i++;
      else if (c === '"') quoted = !quoted;
      else if (c === ']' && !quoted) break;
    }
    i++;
  }
  return Math.min(i, line.length);
}

/** A CEF record of class `checkpoint` (its fifth header field; header pipes are escaped). */
function fromCef(record: string): HeadCheckpoint | undefined {
  if (record.split(/(?<!\\)\|/)[4] !== 'checkpoint') return undefined;
  const field = (key: string) => new RegExp(`(?:^|[\\s|])${key}=((?:\\\\.|[^\\\\\\s])+)`).exec(record)?.[1];
  const rt = Number(field('rt'));
  const seq = Number(field('cn1'));
  const [hash, keyId, sig] = [field('cs4'), field('cs5'), field('cs6')];
  if (!Number.isFinite(rt) || !Number.isInteger(seq) || !hash || !keyId || !sig) return undefined;
  return { seq, hash, time: new Date(rt).toISOString(), keyId, sig };
}

function tryJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export type CheckpointCheck = Result<
  { matched: number; uncovered: number; otherKeys: number; newest?: HeadCheckpoint },
  { checkpoint: HeadCheckpoint }
>;

/**
 * `bundleLines`: an export's record lines (`{"body":…,"sig":…}`), already verified as a chain;
 * `complete`: the export holds the whole chain (`--all`), so a checkpoint past its end means a cut.
 * `keys`: the keys of this chain; a collector's file may hold other machines' checkpoints, signed
 * by other keys: those are set aside (counted), not held against this chain.
 */
export function checkAgainstCheckpoints(
  bundleLines: readonly string[],
  complete: boolean,
  checkpoints: readonly HeadCheckpoint[],
  keys: PublicKey[],
  verify: SignatureVerifier,
): CheckpointCheck {
  const publicKeys = publicKeyMap(keys);
  const all = checkpoints;
  checkpoints = all.filter((c) => publicKeys.has(c.keyId));
  const otherKeys = all.length - checkpoints.length;
  if (checkpoints.length === 0)
    return {
      ok: false,
      checkpoint: all[0]!,
      error: `none of the ${all.length} checkpoints is signed by this chain's keys (${[...publicKeys.keys()].join(', ')})`,
    };
  for (const checkpoint of checkpoints) {
    if (!headCheckpointHolds(checkpoint, publicKeys, verify))
      return {
        ok: false,
        checkpoint,
        error: `the checkpoint of record ${checkpoint.seq} (${checkpoint.time}) is not signed by a trusted key (${checkpoint.keyId})`,
      };
  }
  const wanted = new Set(checkpoints.map((c) => c.seq));
  const hashes = new Map<number, string>();
  let lastSeq = 0;
  for (const line of bundleLines) {
    const body = (JSON.parse(line) as { body: { seq: number } }).body;
    lastSeq = Math.max(lastSeq, body.seq);
    if (wanted.has(body.seq)) hashes.set(body.seq, sha256Hex(canonicalize(body)));
  }
  let matched = 0;
  let uncovered = 0;
  for (const checkpoint of checkpoints) {
    const hash = hashes.get(checkpoint.seq);
    if (hash === undefined) {
      if (complete)
        return {
          ok: false,
          checkpoint,
          error:
            checkpoint.seq > lastSeq
              ? `the chain ends at record ${lastSeq}, but on ${checkpoint.time} the collector received a checkpoint of record ${checkpoint.seq}: the tail was cut`
              : `record ${checkpoint.seq} is missing, though a checkpoint of ${checkpoint.time} names it`,
        };
      uncovered++;
    } else if (hash !== checkpoint.hash)
      return {
        ok: false,
        checkpoint,
        error: `record ${checkpoint.seq} is not the record the collector's checkpoint of ${checkpoint.time} names: the log was rewritten after it`,
      };
    else matched++;
  }
  return { ok: true, matched, uncovered, otherKeys, newest: checkpoints.at(-1)! };
}
