/**
 * How actions, decisions and receipts read to a human: one-line summaries for notifications and
 * tree items, the approval prompt, and the HTML of the details pages. Pure functions; no VS Code
 * API. Whatever an agent wrote reaches a human only through `agentText`, on every surface.
 */
import { domainToASCII, domainToUnicode } from 'node:url';
import type {
  ApprovalRequest,
  Receipt,
  ReceiptView,
  RuleProposal,
  ShownText,
  StatusResult,
} from '../../daemon/src/protocol/index.js';
import { describeHost, summarizeAction } from '../../daemon/src/protocol/index.js';

export { summarizeAction };

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/** The daemon's status in one sentence for the "AARM daemon is running" message. */
export function daemonStatusDetail(s: StatusResult): string {
  const policy = `policy ${s.policy.hash.slice(0, 12)}${s.policy.errors.length > 0 ? ` with ${s.policy.errors.length} errors` : ''}`;
  const chain = s.chain.ok ? '' : ` RECEIPT CHAIN BROKEN: ${s.chain.error} — every action is denied.`;
  // Plainly: whether what agents run can reach your secrets when the analyser is wrong.
  const confinement =
    s.confinement === undefined
      ? ''
      : s.confinement.enabled
        ? ` Allowed commands run confined (${s.confinement.detail}).`
        : ` Allowed commands run UNCONFINED, with your full rights: ${s.confinement.detail}.`;
  return ` ${s.receipts} receipts, ${s.pendingApprovals} pending approvals, ${policy}.${chain}${confinement}`;
}

/**
 * The agent's own name for itself, as the agent gave it (a claim: anything can connect and call
 * itself `aarm (verified safe)`). Made safe with `agentText` wherever it is shown.
 */
export function agentName(identity: unknown): string {
  const agent = record(record(identity).agent);
  return typeof agent.name === 'string' ? agent.name : 'an agent';
}

export interface AgentTextOptions {
  /** the most characters shown; what is left out is counted: `…(N more)` (default 160) */
  max?: number;
  /** keep line breaks and blanks as they are (a `<pre>` on a page); else one line */
  lines?: boolean;
  /** the surface draws `$(name)` as an icon (quick picks): escape it so it reads as written */
  icons?: boolean;
}

/**
 * Characters that hide, reorder or disguise text: controls, bidi and other format characters
 * (U+202E, U+061C, U+00AD, tags U+E0000–E007F …), private and unassigned code points, blanks
 * that are not a space (U+00A0, U+3000 …), letters that draw nothing (U+3164, U+FFA0, U+115F,
 * U+2800), variation selectors; and the quotes and brackets aarm's own labels use, so that agent
 * text cannot close a label and write after it.
 */
const HIDDEN =
  /^[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Cs}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5\u180b-\u180f\ufe00-\ufe0f\u{e0100}-\u{e01ef}\u{1d159}\u{1d173}-\u{1d17a}\u201c\u201d\u27e8\u27e9]$/u;

const DIGEST = /\[redacted sha256:[0-9a-f]{64} ([0-9]{1,16}) bytes\]/g;

function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The next piece of agent text as shown, and how many of its characters it stands for. */
function nextPiece(
  chars: readonly string[],
  at: number,
  lines: boolean,
): { piece: string; run: number; plain: boolean } {
  const c = chars[at]!;
  const runOf = (same: (next: string) => boolean) => {
    let n = 1;
    while (at + n < chars.length && same(chars[at + n]!)) n++;
    return n;
  };
  if (c === '\n') {
    const run = runOf((next) => next === '\n');
    return {
      piece: lines ? '\n'.repeat(run) : run === 1 ? ' ⏎ ' : ` ⟨${run} line breaks⟩ `,
      run,
      plain: false,
    };
  }
  if (c === '\r' && lines && chars[at + 1] === '\n') return { piece: '', run: 1, plain: false };
  if (c === ' ' || c === '\t') {
    const run = runOf((next) => next === ' ' || next === '\t');
    const blanks = chars.slice(at, at + run).join('');
    return lines || run < 4
      ? { piece: lines ? blanks : blanks.replace(/\t/g, ' '), run, plain: true }
      : { piece: ` ⟨${run} blanks⟩ `, run, plain: false };
  }
  if (HIDDEN.test(c)) {
    const same = runOf((next) => next === c);
    if (same > 1 || lines)
      return {
        piece: same === 1 ? `⟨${codePoint(c)}⟩` : `⟨${codePoint(c)} ×${same}⟩`,
        run: same,
        plain: false,
      };
    // a mix of hidden characters (tag text, say): counted on one line, spelled out on the page
    const run = runOf((next) => next !== '\n' && HIDDEN.test(next));
    return { piece: run === 1 ? `⟨${codePoint(c)}⟩` : `⟨${run} hidden characters⟩`, run, plain: false };
  }
  return { piece: c, run: 1, plain: true };
}

/**
 * The one way text an agent wrote reaches a human, on every surface (notification, dialog, quick
 * pick, tree, page): hidden characters shown as `⟨U+202E⟩` (a run as `⟨U+3164 ×50⟩`), line
 * breaks as ⏎ and long runs of blanks or breaks counted (`⟨60 line breaks⟩`) so that nothing can
 * push the rest out of view, cut at `max` with what is left counted, `$(icon)` syntax escaped
 * where it would draw an icon, and markdown links broken (notifications render `[x](command:…)`).
 */
export function agentText(value: unknown, options: AgentTextOptions = {}): string {
  const max = options.max ?? 160;
  const lines = options.lines ?? false;
  let source = typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(value) ?? '');
  // One line has no room for a digest's 64 hex digits: that a secret is there is what matters.
  if (!lines) source = source.replace(DIGEST, (_all, bytes: string) => `[secret, ${bytes} bytes]`);
  const chars = Array.from(source);
  let shown = '';
  let used = 0;
  while (used < chars.length) {
    const { piece, run, plain } = nextPiece(chars, used, lines);
    if (shown.length + piece.length > max) {
      // blanks are cut inside; an escape is shown whole or not at all
      if (plain && run > 1) {
        const room = max - shown.length;
        shown += piece.slice(0, room);
        used += room;
      }
      break;
    }
    shown += piece;
    used += run;
  }
  if (used < chars.length) shown += `…(${chars.length - used} more)`;
  if (!lines) shown = shown.replace(/\]\(/g, '] (');
  if (options.icons) shown = shown.replace(/\$\([a-z0-9-]+(?:~[a-z0-9-]*)?\)/gi, (icon) => `\\${icon}`);
  return shown;
}

/** Agent text for a notification or a tree label: one line, cut at `max`. */
export function plainText(value: string, max = 160): string {
  return agentText(value, { max });
}

/** Whether `agentText` would show all of `value` within `max` (nothing left out). */
export function fitsWhole(value: unknown, max: number, options: Omit<AgentTextOptions, 'max'> = {}): boolean {
  return !/…\(\d+ more\)$/.test(agentText(value, { ...options, max }));
}

/** Control, bidi and other hidden characters shown as `⟨U+…⟩`, nothing cut (for the page's blocks). */
export function revealHidden(value: string): string {
  return agentText(value, { max: Number.MAX_SAFE_INTEGER, lines: true });
}

const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Georgian',
  'Cherokee',
  'Han',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Bopomofo',
  'Thai',
  'Devanagari',
  'Ethiopic',
  'Coptic',
  'Runic',
  'Ogham',
].map((name) => ({ name, pattern: new RegExp(`^\\p{Script=${name}}$`, 'u') }));

/** Scripts a word may mix without suspicion (Japanese, Chinese and Korean writing with Latin). */
const MIXES = [
  ['Latin', 'Han', 'Hiragana', 'Katakana'],
  ['Latin', 'Han', 'Bopomofo'],
  ['Latin', 'Han', 'Hangul'],
];

/** Letters and signs that look like ASCII ones (after NFKC, which folds fullwidth and styled forms). */
const LOOKS_LIKE: Record<string, string> = Object.fromEntries(
  [
    ['аеорсухіјѕԁԛԝһӏɡıȷɑ', 'aeopcyxijsdqwhlgija'],
    ['АВЕКМНОРСТХУІЈЅ', 'ABEKMHOPCTXYIJS'],
    ['οινρυκαχ', 'oivpukax'],
    ['ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ', 'ABEZHIKMNOPTYX'],
    ['օսոցհ', 'oungh'],
    ['∕⁄╱⧸․‧', '////..'],
  ].flatMap(([from, to]) => Array.from(from!).map((c, i) => [c, to![i]!])),
);

function scriptOf(c: string): string | undefined {
  if (!/\p{L}/u.test(c)) return undefined;
  return SCRIPTS.find((s) => s.pattern.test(c))?.name ?? 'another';
}

const RIGHT_TO_LEFT = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** Why one part of a name (a host label, a path segment) may not be what it looks like. */
function partWarnings(part: string): string[] {
  const warnings: string[] = [];
  const scripts = new Set(
    Array.from(part)
      .map(scriptOf)
      .filter((s) => s !== undefined),
  );
  const mixed = scripts.size > 1 && !MIXES.some((allowed) => [...scripts].every((s) => allowed.includes(s)));
  const skeleton = Array.from(part.normalize('NFKC'))
    .map((c) => LOOKS_LIKE[c] ?? c)
    .join('');
  const shown = agentText(part, { max: 60 });
  if (skeleton !== part && /^[\x20-\x7e]+$/.test(skeleton))
    warnings.push(
      `“${shown}” looks like “${agentText(skeleton, { max: 60 })}” but is written with other characters`,
    );
  else if (mixed) warnings.push(`“${shown}” mixes ${[...scripts].join(' and ')} letters`);
  return warnings;
}

/**
 * Look-alike warnings for a host: its labels mixing scripts or imitating ASCII (`аpple.com` in
 * Cyrillic), and an international name shown both decoded and as it is sent (punycode).
 */
export function hostWarnings(host: string): string[] {
  const ascii = domainToASCII(host) || host;
  const unicode = domainToUnicode(ascii) || host;
  const warnings = unicode
    .split('.')
    .flatMap(partWarnings)
    .map((w) => `host ${w}`);
  if (unicode !== ascii)
    warnings.push(
      `host “${agentText(unicode, { max: 80 })}” is an international name; as sent: ${agentText(ascii, { max: 120 })}`,
    );
  return warnings;
}

/** Look-alike warnings for a path (or a working directory): segments mixing scripts or imitating ASCII, right-to-left letters. */
export function pathWarnings(path: string): string[] {
  if (/^[\x20-\x7e]*$/.test(path)) return [];
  const warnings = path
    .split('/')
    .flatMap(partWarnings)
    .map((w) => `path ${w}`);
  if (RIGHT_TO_LEFT.test(path))
    warnings.push(
      `path “${agentText(path, { max: 80 })}” has right-to-left letters: the order shown may not be the order of its parts`,
    );
  return warnings;
}

function urlWarnings(url: string): string[] {
  try {
    const parsed = new URL(url);
    return [
      ...hostWarnings(decodeURIComponent(parsed.hostname)),
      ...pathWarnings(decodeURIComponent(parsed.pathname)),
    ];
  } catch {
    return pathWarnings(url);
  }
}

/** Every look-alike warning for what an approval request names: its path, URL, folder and effects. */
export function lookalikeWarnings(request: ApprovalRequest): string[] {
  const parameters = record(request.action.parameters);
  const effects = request.effects;
  const warnings = [
    ...(typeof parameters.path === 'string' ? pathWarnings(parameters.path) : []),
    ...(typeof parameters.cwd === 'string' ? pathWarnings(parameters.cwd) : []),
    ...(typeof parameters.url === 'string' ? urlWarnings(parameters.url) : []),
    ...[...effects.reads, ...effects.writes, ...effects.deletes].flatMap(pathWarnings),
    ...effects.hosts.filter((host) => !host.startsWith('?')).flatMap(hostWarnings),
  ];
  return [...new Set(warnings)];
}

/** One line per receipt for the timeline: what happened, whatever kind of record it is. */
export function summarizeReceipt(body: Receipt): string {
  switch (body.kind) {
    case 'action':
      return body.action ? summarizeAction(body.action) : `invalid action: ${body.invalid?.error ?? ''}`;
    case 'outcome':
      return `outcome: ${body.outcome.status}${body.outcome.exitCode !== undefined ? ` (exit ${body.outcome.exitCode})` : ''}`;
    case 'resolution':
      return `deferral ${body.deferral.resolution}: ${body.verdict}`;
    case 'gap':
      return `RECEIPTS LOST, loss accepted by ${body.acceptedBy}: ${body.reason}`;
  }
}

/** The decision a receipt shows in the timeline (for filtering), or undefined for outcome records. */
export function receiptDecision(body: Receipt): string | undefined {
  return body.kind === 'action' || body.kind === 'resolution' ? body.decision.decision : undefined;
}

export function approverOf(body: Receipt): string | undefined {
  return body.kind === 'action' || body.kind === 'resolution' ? body.approval.approver : undefined;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A table row of aarm's own text (rule ids, risks, counts, hashes). */
function row(label: string, value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

/** Rows naming the overrides (user or managed policy) that changed this decision. */
function overrideRows(decision: {
  overrides?: Array<{ rule: string; kind: string; reason: string; source: string }> | undefined;
}): string {
  return (decision.overrides ?? [])
    .map(
      (o) =>
        `<tr><th scope="row">Overridden</th><td>rule <code>${escapeHtml(o.rule)}</code> (${escapeHtml(o.kind)}) by ${agentHtml(o.source, 300, false)}: ${agentHtml(o.reason, 1000, false)}</td></tr>`,
    )
    .join('');
}

const CLAIM = `<span class="claim" title="written by the agent; aarm has not checked it">agent’s claim</span>`;

/** Agent text on a page: sanitised, isolated from the text around it, and labelled as the agent's. */
function agentHtml(value: unknown, max = 300, claim = true): string {
  return `<bdi dir="ltr" class="agent">${escapeHtml(agentText(value, { max }))}</bdi>${claim ? ` ${CLAIM}` : ''}`;
}

/** A row whose value the agent wrote. */
function agentRow(label: string, value: unknown, max = 300): string {
  if (value === undefined || value === '') return '';
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${agentHtml(value, max)}</td></tr>`;
}

/** Agent text in full, in a block, line breaks kept, hidden characters shown. */
function agentBlock(value: string, className = ''): string {
  return `<pre dir="ltr"${className ? ` class="${className}"` : ''}>${escapeHtml(revealHidden(value))}</pre>`;
}

/** Paths of the effects: the agent's, so sanitised; `?…` is a path known only when the command runs. */
function pathsHtml(paths: readonly string[], unknown: readonly string[]): string {
  if (paths.length === 0)
    return unknown.length > 0 ? 'unknown: none found, but not all of the action was understood' : 'none';
  return paths
    .map((p) =>
      p.startsWith('?')
        ? `${agentHtml(p.slice(1), 200, false)} (known only when it runs)`
        : agentHtml(p, 200, false),
    )
    .join('<br>');
}

/** The hosts, decoded and as sent; "unknown" (never "none") when the analysis does not know. */
function networkHtml(effects: ApprovalRequest['effects']): string {
  if (effects.hosts.length > 0)
    return effects.hosts
      .map((host) => {
        if (host.startsWith('?'))
          return `<span class="bad">${agentHtml(describeHost(host), 300, false)}</span>`;
        const unicode = domainToUnicode(host) || host;
        return unicode === host
          ? agentHtml(host, 200, false)
          : `${agentHtml(unicode, 200, false)} (as sent: ${agentHtml(host, 200, false)})`;
      })
      .join('<br>');
  if (effects.network === true) return 'unknown: it uses the network, but which host is not known';
  if (effects.unknown.length > 0) return 'unknown: not all of the action was understood';
  return effects.network === false ? 'none' : 'none found';
}

function bytes(n: number): string {
  return n < 1024
    ? `${n} bytes`
    : n < 1024 * 1024
      ? `${Math.round(n / 1024)} KB`
      : `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** What a shown text is: its size, how much of it is here, how many secrets are masked in it. */
function shownTextNote(shown: ShownText): string {
  const size = shown.cut
    ? `Only the first ${bytes(shown.shownBytes)} of ${bytes(shown.bytes)} is shown: the rest was not sent to this page, and allowing allows all of it.`
    : `${bytes(shown.bytes)}, shown in full.`;
  const masked =
    shown.masked > 0
      ? ` ${shown.masked} secret-shaped value${shown.masked === 1 ? ' is' : 's are'} shown as ${shown.masked === 1 ? 'its digest' : 'their digests'}.`
      : '';
  return `<p class="${shown.cut ? 'bad' : 'hint'}">${escapeHtml(size + masked)}</p>`;
}

/** The parts of an action a human must see to know what it does, each as the agent sent it. */
interface ActionPart {
  /** how the part reads in a sentence (aarm's words): `asks to run`, `in`, `with content` */
  lead: string;
  /** what it is, for the dialog's line (aarm's words) */
  label: string;
  /** the agent's text */
  value: string;
  /** the daemon sent only the start of it */
  cut?: boolean;
  /** a folder: shorter in a notification */
  folder?: boolean;
}

function actionParts(request: ApprovalRequest): { parts: ActionPart[]; missing: string[] } {
  const action = request.action;
  const parameters = record(action.parameters);
  const disclosed = request.disclosed;
  const parts: ActionPart[] = [];
  const missing: string[] = [];
  switch (action.tool) {
    case 'shell':
      parts.push({ lead: 'asks to run', label: 'Command', value: text(parameters.command) });
      parts.push({ lead: 'in', label: 'Working directory', value: text(parameters.cwd), folder: true });
      for (const variable of disclosed?.env ?? []) {
        const changes = variable.changesPrograms ? ' (it changes which programs or code run)' : '';
        parts.push({
          lead: `with the variable${changes}`,
          label: `Environment variable${changes}`,
          value: `${variable.name}=${variable.value.text}`,
          cut: variable.value.cut,
        });
      }
      if (disclosed?.env === undefined && Object.keys(record(parameters.env)).length > 0)
        missing.push('the environment it sets');
      break;
    case 'fs': {
      const verb = action.operation === 'write' ? 'write' : action.operation === 'delete' ? 'delete' : 'read';
      parts.push({ lead: `asks to ${verb}`, label: `Path it would ${verb}`, value: text(parameters.path) });
      if (disclosed?.content)
        parts.push({
          lead: 'with content',
          label: 'Content',
          value: disclosed.content.text,
          cut: disclosed.content.cut,
        });
      else if (parameters.content !== undefined) missing.push('the content it writes');
      break;
    }
    case 'net':
      parts.push({
        lead: 'asks to send',
        label: 'Request',
        value: `${text(parameters.method)} ${text(parameters.url)}`,
      });
      for (const [name, value] of Object.entries(record(parameters.headers)))
        parts.push({ lead: 'with the header', label: 'Header', value: `${name}: ${text(value)}` });
      if (disclosed?.body)
        parts.push({ lead: 'with body', label: 'Body', value: disclosed.body.text, cut: disclosed.body.cut });
      else if (parameters.body !== undefined) missing.push('the body it sends');
      break;
    case 'mcp':
      parts.push({ lead: 'asks to call the MCP tool', label: 'MCP tool', value: text(parameters.tool) });
      parts.push({ lead: 'of the server', label: 'MCP server', value: text(parameters.server) });
      parts.push({
        lead: 'with arguments',
        label: 'Arguments',
        value: JSON.stringify(parameters.arguments ?? {}),
      });
      break;
    default:
      parts.push({ lead: 'asks to do', label: 'Action', value: summarizeAction(action) });
      missing.push('what this kind of action does');
  }
  return { parts, missing };
}

/** The kind of action in words of aarm's own (for titles: never the agent's text). */
function actionKind(action: Record<string, unknown>): string {
  switch (action.tool) {
    case 'shell':
      return 'run a shell command';
    case 'fs':
      return action.operation === 'write'
        ? 'write a file'
        : action.operation === 'delete'
          ? 'delete a file'
          : 'read files';
    case 'net':
      return 'send a network request';
    case 'mcp':
      return 'call an MCP tool';
    default:
      return 'do something aarm cannot describe';
  }
}

export interface ApprovalPrompt {
  /** the notification's text, or the dialog's first line (which holds no agent text) */
  message: string;
  /** the dialog's detail: one line per fact, agent text labelled and made plain */
  detail: string;
  /** Allow may be offered: the whole action is in view and nothing in it is disguised */
  allow: boolean;
}

/** VS Code shows at most this much of a notification's text, and cuts the rest without a word. */
const NOTIFICATION_MAX = 1000;

/** How much of each part a notification (`toast`) or a dialog (`modal`) shows. */
const PROMPT_LIMITS = {
  toast: { part: 160, folder: 100, name: 40, reason: 160 },
  modal: { part: 600, folder: 200, name: 60, reason: 400 },
};

/**
 * The notification or dialog for an approval request (R4). What aarm decided comes first; what the
 * agent wrote comes after, each part quoted and labelled. Allow is offered only when every part
 * of the action is shown whole, the daemon sent all of it, and no look-alike character is in a
 * name: otherwise only Deny and Show Details (the page shows everything).
 */
export function approvalPrompt(
  request: ApprovalRequest,
  options: { modal: boolean; now: number },
): ApprovalPrompt {
  const limits = options.modal ? PROMPT_LIMITS.modal : PROMPT_LIMITS.toast;
  const seconds = Math.max(0, Math.round((Date.parse(request.expiresAt) - options.now) / 1000));
  const head = `AARM: ${request.decision.risk} risk, rule ${request.decision.rule} — denied automatically in ${seconds} s.`;
  const { parts, missing } = actionParts(request);
  const warnings = lookalikeWarnings(request);
  const quoted = parts.map((part) => {
    const max = part.folder ? limits.folder : limits.part;
    return {
      ...part,
      shown: `“${agentText(part.value, { max })}”`,
      whole: !part.cut && fitsWhole(part.value, max),
    };
  });
  const allow = missing.length === 0 && warnings.length === 0 && quoted.every((q) => q.whole);
  const name = `“${agentText(agentName(request.identity), { max: limits.name })}”`;
  const notAll = [
    ...(quoted.every((q) => q.whole) ? [] : ['not all of the action fits here']),
    ...missing.map((m) => `${m} is not shown here`),
    ...(warnings.length > 0 ? ['a name in it has look-alike characters'] : []),
  ];
  const readFirst = allow ? '' : ` ${notAll.join('; ')}: read it in Show Details before allowing.`;
  if (!options.modal) {
    const message = `${head} An agent calling itself ${name} ${quoted.map((q) => `${q.lead} ${q.shown}`).join(' ')}.${readFirst}`;
    if (message.length <= NOTIFICATION_MAX) return { message, detail: '', allow };
    // VS Code cuts a longer notification itself: say less, and do not offer Allow.
    const first = quoted[0]!;
    return {
      message: `${head} An agent calling itself ${name} ${first.lead} ${first.shown} and more: read it all in Show Details before allowing.`,
      detail: '',
      allow: false,
    };
  }
  return {
    message: `${head} An agent asks to ${actionKind(request.action)}.`,
    detail: [
      `Agent (its own name for itself, not verified): ${name}`,
      ...quoted.map((q) => `${q.label} (as the agent sent it): ${q.shown}`),
      `Why (aarm's rule; it may quote the agent's text): ${agentText(request.decision.reason, { max: limits.reason })}`,
      ...warnings.map((w) => `⚠ ${w}`),
      ...(allow ? [] : [`Allow is not offered here:${readFirst}`]),
    ].join('\n'),
    allow,
  };
}

/** The pending-approvals quick pick's item for a request: agent text escaped for a surface that draws icons. */
export function approvalPickItem(request: ApprovalRequest): {
  label: string;
  description: string;
  detail: string;
} {
  return {
    label: agentText(summarizeAction(request.action), { max: 80, icons: true }),
    description: `${request.decision.risk} · ${request.decision.rule}`,
    detail: `rule: ${agentText(request.decision.reason, { max: 100, icons: true })} · agent “${agentText(agentName(request.identity), { max: 40, icons: true })}” · session “${agentText(request.session, { max: 40, icons: true })}”`,
  };
}

function identityRows(identity: unknown, human: 'known' | 'recorded'): string {
  const id = record(identity);
  const person = record(id.human);
  const agent = record(id.agent);
  return [
    row(
      human === 'known' ? 'Human (the OS user, known to aarm)' : 'Human (OS user)',
      text(person.user) || '?',
    ),
    agentRow('Git identity', person.git, 200),
    agentRow('Agent', agent.name, 80),
    agentRow('Agent version', agent.version, 60),
    agentRow('Connected through', agent.adapter, 60),
    ...(Array.isArray(id.delegation)
      ? id.delegation.map((d, i) => agentRow(`Acting for (${i + 1})`, d, 80))
      : []),
    agentRow('Service', id.service, 80),
    agentRow('Role', id.role, 80),
  ].join('');
}

function modificationsTable(modifications: unknown): string {
  if (!Array.isArray(modifications) || modifications.length === 0) return '';
  const rows = modifications
    .map((m) => {
      const mod = record(m);
      return `<tr><td><code>${escapeHtml(text(mod.path))}</code></td><td class="del">${agentHtml(mod.before, 2000, false)}</td><td class="ins">${agentHtml(mod.after, 2000, false)}</td></tr>`;
    })
    .join('');
  return `<h2>What the policy changes</h2><table class="diff"><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function disclosedHtml(request: ApprovalRequest): string {
  const disclosed = request.disclosed;
  const parameters = record(request.action.parameters);
  const sections: string[] = [];
  if (disclosed?.content)
    sections.push(
      `<h3>The content it writes</h3>${shownTextNote(disclosed.content)}<p class="hint">For an edit this is the new text (or the patch), not the whole file.</p>${agentBlock(disclosed.content.text, 'content')}`,
    );
  else if (parameters.content !== undefined)
    sections.push(
      '<h3>The content it writes</h3><p class="bad">Not sent by the daemon: only its digest is known. Deny unless you know what it writes.</p>',
    );
  if (disclosed?.body)
    sections.push(
      `<h3>The body it sends</h3>${shownTextNote(disclosed.body)}${agentBlock(disclosed.body.text, 'content')}`,
    );
  else if (parameters.body !== undefined)
    sections.push(
      '<h3>The body it sends</h3><p class="bad">Not sent by the daemon: only its digest is known. Deny unless you know what it sends.</p>',
    );
  const headers = Object.entries(record(parameters.headers));
  if (headers.length > 0)
    sections.push(
      `<h3>The headers it sends</h3><table>${headers.map(([name, value]) => `<tr><th scope="row">${agentHtml(name, 100, false)}</th><td>${agentHtml(value, 2000, false)}</td></tr>`).join('')}</table>`,
    );
  if (disclosed?.env)
    sections.push(
      `<h3>The environment it sets</h3><table><thead><tr><th>Variable</th><th>Value</th><th></th></tr></thead><tbody>${disclosed.env
        .map(
          (v) =>
            `<tr><td><code>${agentHtml(v.name, 100, false)}</code></td><td>${agentHtml(v.value.text, 5000, false)}${v.value.cut ? ` <span class="bad">(first ${bytes(v.value.shownBytes)} of ${bytes(v.value.bytes)})</span>` : ''}</td><td>${v.changesPrograms ? '<strong class="bad">changes which programs or code run, or how</strong>' : ''}${v.secret ? 'a secret: shown as its digest' : ''}</td></tr>`,
        )
        .join('')}</tbody></table>`,
    );
  else if (Object.keys(record(parameters.env)).length > 0)
    sections.push(
      '<h3>The environment it sets</h3><p class="bad">Not sent by the daemon: only digests of the values are known.</p>',
    );
  if (request.action.tool === 'mcp')
    sections.push(
      `<h3>The arguments it passes</h3>${agentBlock(JSON.stringify(parameters.arguments ?? {}, null, 2))}`,
    );
  return sections.join('\n');
}

function requestRows(request: ApprovalRequest): string {
  const context = request.context;
  const labelled = (value: string) =>
    `${agentHtml(value, 4000)} <span class="hint">(aarm cannot tell whether the user wrote it)</span>`;
  if (request.firstRequest)
    return `<tr><th scope="row">First request given</th><td>${labelled(request.firstRequest.request)} <span class="hint">(the one policy judges by)</span></td></tr><tr><th scope="row">Changed since</th><td class="bad">${request.firstRequest.changes} later request${request.firstRequest.changes === 1 ? '' : 's'}; the latest: ${labelled(request.firstRequest.latest ?? context.laterRequests?.at(-1) ?? '')}</td></tr>`;
  return context.hasRequest
    ? `<tr><th scope="row">Request given</th><td>${labelled(context.request)}</td></tr>`
    : row('Request given', '(none: the agent gave none)');
}

/** The longest rule text the page shows; a longer one is not offered (only what was read is confirmed). */
const RULE_TEXT_MAX = 4000;

export interface RuleProposalPrompt {
  /** what the daemon would add, how many earlier actions it covers, or why there is no rule */
  detail: string;
  /** the rule's text, offered for "Allow Always and Add This Rule": all of it fits on the page */
  rule?: string;
}

/**
 * What the approval page says after "Always allow": the rule the daemon would add to the user's
 * policy and how many earlier actions it would have allowed, or why there is none (then only a
 * grant is offered). `proposal` is the daemon's `rule_proposal`, or the message of its refusal.
 */
export function ruleProposalPrompt(
  proposal: RuleProposal | string,
  /** it was asked with an expiry or a maximum of uses */
  limited = false,
): RuleProposalPrompt {
  const grant =
    '“Allow Always Without a Rule” keeps to a grant: exactly this action in this workspace, until you revoke it in the AARM view.';
  if (typeof proposal === 'string')
    return {
      detail: `No rule can be added to your policy for it: ${agentText(proposal.replace(/^no_rule: /, ''), { max: 400 })}. ${grant}`,
    };
  const file = agentText(proposal.file, { max: 300 });
  if (!fitsWhole(proposal.text, RULE_TEXT_MAX, { lines: true }))
    return {
      detail: `The rule AARM proposes for ${file} is too long to show here, so it is not offered. ${grant}`,
    };
  const earlier =
    proposal.count === 0
      ? 'It would have allowed none of the earlier actions.'
      : `It would have allowed ${proposal.count} earlier action${proposal.count === 1 ? '' : 's'} (${proposal.receipts
          .slice(0, 5)
          .map((id) => agentText(id, { max: 80 }))
          .join(', ')}${proposal.count > 5 ? ', …' : ''}).`;
  return {
    detail: `“Allow Always and Add This Rule” writes the rule below into ${file} instead of a grant, so your policy itself allows exactly this action until you revoke the rule${limited ? ' or it ends (the limit you chose); then the action is asked about again' : ''} (the agent’s text in it is as sent). ${earlier} ${grant}`,
    rule: proposal.text,
  };
}

/** When an "always" rule ends, as the approval page offers it: after a time, after a number of uses. */
export const RULE_ENDS = {
  '': 'never',
  '1h': 'in 1 hour',
  '1d': 'in 1 day',
  '7d': 'in 7 days',
  '30d': 'in 30 days',
};
export const RULE_USES = ['', '1', '3', '5', '10', '25'] as const;
export type RuleLimitChoice = { ends: keyof typeof RULE_ENDS; uses: (typeof RULE_USES)[number] };
const ENDS_MS: Record<string, number> = {
  '1h': 3_600_000,
  '1d': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};

/** The choice the page posted, if it is one the page offers. */
export function ruleLimitChoice(ends: unknown, uses: unknown): RuleLimitChoice | undefined {
  if (typeof ends !== 'string' || !Object.hasOwn(RULE_ENDS, ends)) return undefined;
  if (typeof uses !== 'string' || !(RULE_USES as readonly string[]).includes(uses)) return undefined;
  return { ends: ends as RuleLimitChoice['ends'], uses: uses as RuleLimitChoice['uses'] };
}

/** The `propose_rule` limits of a choice: an expiry from `now`, a maximum of uses. */
export function ruleLimits(choice: RuleLimitChoice, now: number): { expires?: string; maxUses?: number } {
  return {
    ...(choice.ends !== '' ? { expires: new Date(now + ENDS_MS[choice.ends]!).toISOString() } : {}),
    ...(choice.uses !== '' ? { maxUses: Number(choice.uses) } : {}),
  };
}

/** Two small selects: when the rule ends. Changing one asks the daemon for the rule again, shown before it is added. */
function ruleLimitHtml(choice: RuleLimitChoice): string {
  const option = (value: string, label: string, chosen: string) =>
    `<option value="${escapeHtml(value)}"${value === chosen ? ' selected' : ''}>${escapeHtml(label)}</option>`;
  return `<div class="limits">
    <label>Rule ends <select id="rule-ends" data-limit="ends">${Object.entries(RULE_ENDS)
      .map(([value, label]) => option(value, label, choice.ends))
      .join('')}</select></label>
    <label>after <select id="rule-uses" data-limit="uses">${RULE_USES.map((value) =>
      option(value, value === '' ? 'any number of' : value, choice.uses),
    ).join('')}</select> uses</label>
  </div>`;
}

/** The page's section for an "always" answer: the proposed rule in full and the two ways to allow always. */
function ruleProposalHtml(proposal: RuleProposal | string, choice: RuleLimitChoice): string {
  const shown = ruleProposalPrompt(proposal, choice.ends !== '' || choice.uses !== '');
  return `<section id="rule-proposal" class="rule-proposal">
  <h2>Always allow: the rule AARM would add to your policy</h2>
  <p>${escapeHtml(shown.detail)}</p>
  ${shown.rule !== undefined || choice.ends !== '' || choice.uses !== '' ? ruleLimitHtml(choice) : ''}
  ${shown.rule !== undefined ? agentBlock(shown.rule, 'rule') : ''}
  <div class="buttons">
    ${shown.rule !== undefined ? '<button data-answer="allow" data-scope="always" data-rule="add">Allow Always and Add This Rule</button>' : ''}
    <button data-answer="allow" data-scope="always" data-rule="none" class="secondary">Allow Always Without a Rule</button>
  </div>
</section>`;
}

/** The page an approver reads before answering (R4: everything AARM asks an approver to see). */
export function approvalDetailsHtml(
  request: ApprovalRequest,
  answered: string | undefined,
  /** after "Always allow": the daemon's rule proposal, or why it made none */
  proposal?: RuleProposal | string,
  /** the limits that proposal was asked with */
  limits: RuleLimitChoice = { ends: '', uses: '' },
): string {
  const action = request.action;
  const parameters = record(action.parameters);
  const context = request.context;
  const effects = request.effects;
  const workspace = text(record(action.context).workspace);
  const warnings = lookalikeWarnings(request);
  const cut = [request.disclosed?.content, request.disclosed?.body].some((t) => t?.cut === true);
  const priorRows = context.priorActions
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.tool)}</td><td>${agentHtml(a.summary, 200, false)}</td><td>${escapeHtml(a.decision)} → ${escapeHtml(a.verdict)}</td><td>${escapeHtml(a.outcome)}</td></tr>`,
    )
    .join('');
  const buttons = answered
    ? `<p class="answered" role="status">${escapeHtml(answered)}</p>`
    : `<div class="answer">
  ${cut ? '<p class="bad">You have not seen all of what it writes or sends (see above): allowing allows all of it.</p>' : ''}
  ${proposal !== undefined && request.scopes.includes('always') ? ruleProposalHtml(proposal, limits) : ''}
  <label for="note">Note for the receipt (optional)</label>
  <input id="note" type="text" maxlength="1024">
  <div class="buttons">
    <button data-answer="allow" data-scope="once">Allow once</button>
    ${request.scopes.includes('session') ? '<button data-answer="allow" data-scope="session" class="secondary">Allow for this session</button>' : ''}
    ${workspace && request.scopes.includes('always') ? `<button data-answer="allow" data-scope="always" class="secondary" title="${escapeHtml(agentText(workspace, { max: 200 }))}">Always allow in this workspace</button>` : ''}
    <button data-answer="deny" data-scope="once" class="danger">Deny</button>
  </div>
  ${
    request.scopes.length > 1
      ? `<p class="hint">“For this session”${request.scopes.includes('always') ? ' and “always”' : ''} cover exactly <code>${agentHtml(request.key, 2000, false)}</code> under rule <code>${escapeHtml(request.decision.rule)}</code>${workspace && request.scopes.includes('always') ? ` — always: in <code>${agentHtml(workspace, 200, false)}</code>` : ''}: the same program, arguments and effects, nothing wider, until revoked in the AARM view.</p>`
      : `<p class="hint">A ${escapeHtml(request.decision.risk)}-risk action is allowed one at a time: there is no standing grant for it.</p>`
  }
</div>`;
  return `
<h1>An agent asks to ${escapeHtml(actionKind(action))}</h1>
<p class="risk risk-${escapeHtml(request.decision.risk)}">${escapeHtml(request.decision.risk.toUpperCase())} risk — rule <code>${escapeHtml(request.decision.rule)}</code> of your policy asks you.</p>
<p class="expires">Answer by <time data-expires="${escapeHtml(request.expiresAt)}">${escapeHtml(request.expiresAt)}</time>; without an answer the action is denied.</p>
${warnings.length > 0 ? `<div class="warnings" role="alert"><p class="bad">Look closely: names in this action may not be what they seem.</p><ul>${warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></div>` : ''}
<h2>What the agent asks to do</h2>
<p class="hint">Everything in this section is the agent’s, exactly as sent (secret-shaped values as digests). Characters that hide or reorder text are shown as ⟨U+…⟩.</p>
${agentBlock(summarizeAction(action), 'command')}
<table>${agentRow('Working directory', parameters.cwd, 2000)}${agentRow('Path', parameters.path, 2000)}${agentRow('URL', parameters.url, 4000)}${agentRow('MCP server', action.tool === 'mcp' ? parameters.server : undefined, 200)}${agentRow('MCP tool', action.tool === 'mcp' ? parameters.tool : undefined, 200)}${agentRow('Workspace', workspace, 2000)}</table>
${disclosedHtml(request)}
${buttons}
<h2>Why aarm asks</h2>
<table>${row('Rule', request.decision.rule)}${overrideRows(request.decision)}${row('Layer', request.decision.layer)}${row('Risk', request.decision.risk)}<tr><th scope="row">Why</th><td>${agentHtml(request.decision.reason, 4000, false)} <span class="hint">(the rule’s words; they may quote the agent’s text)</span></td></tr>${row('Policy version', request.decision.policyHash)}</table>
${modificationsTable(request.decision.modifications)}
<h2>What it touches</h2>
<table><tr><th scope="row">Reads</th><td>${pathsHtml(effects.reads, effects.unknown)}</td></tr><tr><th scope="row">Writes</th><td>${pathsHtml(effects.writes, effects.unknown)}</td></tr><tr><th scope="row">Deletes</th><td>${pathsHtml(effects.deletes, effects.unknown)}</td></tr><tr><th scope="row">Network</th><td>${networkHtml(effects)}</td></tr>${row('Risks', effects.risks.join(', ') || 'none')}<tr><th scope="row">Not understood</th><td>${effects.unknown.length > 0 ? effects.unknown.map((u) => agentHtml(u, 300, false)).join('<br>') : 'nothing'}</td></tr></table>
<h2>The session so far</h2>
<table>${agentRow('Session', request.session, 80)}${requestRows(request)}${row('Data classes touched', context.dataClasses.join(', ') || 'none')}<tr><th scope="row">Untrusted input</th><td>${context.untrusted ? context.untrustedSources.map((s) => agentHtml(s, 200, false)).join('<br>') : 'none'}</td></tr>${row('Actions', `${context.actions} (${context.allowed} allowed, ${context.denied} denied)`)}</table>
${priorRows ? `<table class="prior"><thead><tr><th>Tool</th><th>Prior action</th><th>Decision</th><th>Outcome</th></tr></thead><tbody>${priorRows}</tbody></table>` : '<p>No prior actions in this session.</p>'}
<h2>Who is acting</h2>
<table>${identityRows(request.identity, 'known')}</table>
${Array.isArray(request.identity.flags) && request.identity.flags.length > 0 ? `<p>aarm notes:</p><ul class="flags">${request.identity.flags.map((f) => `<li>${escapeHtml(agentText(f, { max: 300 }))}</li>`).join('')}</ul>` : ''}
<details><summary>The action as judged (JSON)</summary>${agentBlock(JSON.stringify(action, null, 2))}</details>`;
}

/** A row of text aarm does not vouch for (an approver's name or note), made plain but not labelled the agent's. */
function sanitizedRow(label: string, value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return `<tr><th scope="row">${escapeHtml(label)}</th><td><bdi dir="ltr">${escapeHtml(agentText(value, { max: 1024 }))}</bdi></td></tr>`;
}

/** What kind of record a receipt is, in aarm's words (for its heading). */
function receiptKind(body: Receipt): string {
  switch (body.kind) {
    case 'action':
      return `an action, ${body.decision.decision} → ${body.verdict}`;
    case 'resolution':
      return `a deferral resolved, ${body.verdict}`;
    case 'outcome':
      return 'an outcome';
    case 'gap':
      return 'receipts lost';
  }
}

/** The page of one stored receipt: what it records, and whether its signature and chain hold (R5). */
export function receiptDetailsHtml(view: ReceiptView): string {
  const body = view.body;
  const signature =
    view.check.signature === 'valid'
      ? 'valid — the record is exactly as the daemon signed it'
      : view.check.signature === 'unknown_key'
        ? 'signed by a key this daemon does not know'
        : 'INVALID — the record was changed after it was signed';
  const chain =
    view.check.chain === 'linked'
      ? 'linked — it names the record before it in its session'
      : 'BROKEN — the record before it in its session is not the one it names';
  const decisionRows =
    body.kind === 'gap'
      ? `${row('Lost', body.reason)}${row('Accepted by', body.acceptedBy)}${row('Last known head', body.lastKnownHead ? `#${body.lastKnownHead.seq} ${body.lastKnownHead.hash}` : 'unknown')}`
      : body.kind === 'outcome'
        ? `${row('For receipt', body.receiptId)}${row('Outcome', body.outcome.status)}${row('Exit code', body.outcome.exitCode?.toString())}${row('Error', body.outcome.error)}`
        : `${row('Decision', body.decision.decision)}${row('Enforced', body.verdict)}${row('Rule', body.decision.rule)}${overrideRows(body.decision)}<tr><th scope="row">Why</th><td>${agentHtml(body.decision.reason, 4000, false)}</td></tr>${row('Risk', body.decision.risk)}${row('Approval', body.approval.status)}${sanitizedRow('Approver', body.approval.approver)}${row('Approval scope', body.approval.scope)}${sanitizedRow('Approver note', body.approval.note)}${row('Deferral', body.deferral ? `${body.deferral.resolution}: ${body.deferral.reason}` : undefined)}`;
  return `
<h1>Receipt: ${escapeHtml(receiptKind(body))}</h1>
${agentBlock(summarizeReceipt(body), 'command')}
<p class="check ${view.check.signature === 'valid' && view.check.chain === 'linked' ? 'ok' : 'bad'}" role="status">Signature: ${escapeHtml(signature)}<br>Chain: ${escapeHtml(chain)}</p>
<table>${row('Receipt', body.id)}${row('Kind', body.kind)}${row('Time', body.time)}${agentRow('Session', body.session, 80)}${row('Position in session', `#${body.sessionSeq}`)}${decisionRows}${body.kind === 'action' ? identityRows(body.identity, 'recorded') : ''}</table>
${body.kind === 'action' || body.kind === 'resolution' ? modificationsTable(body.decision.modifications) : ''}
<h2>Signature and chain</h2>
<table>${row('Chain position', `#${body.seq}`)}${row('Hash', view.hash)}${row('Previous in session', body.sessionPrevHash)}${row('Previous in chain', body.prevHash)}${row('Key', body.keyId)}${
    view.proof
      ? `${row('Signed with', `group commit of records #${view.proof.group.firstSeq}–#${view.proof.group.lastSeq} (Merkle root ${view.proof.group.root})`)}${row('Group signature', view.proof.sig)}${row('Inclusion path', view.proof.path.join(' ') || '(the record is the whole group)')}`
      : row('Signature', view.sig)
  }</table>
<details><summary>The signed record (JSON)</summary>${agentBlock(JSON.stringify(body, null, 2))}</details>`;
}

/** A themed page with a strict CSP: no remote content, only the given script nonce runs. */
export function page(title: string, content: string, cspSource: string, nonce: string, script = ''): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 1.5em 2em; line-height: 1.4; }
h1 { font-size: 1.4em; font-weight: 600; } h2 { font-size: 1.1em; margin-top: 1.6em; border-bottom: 1px solid var(--vscode-panel-border); }
pre, code { font-family: var(--vscode-editor-font-family); } pre { white-space: pre-wrap; word-break: break-all; background: var(--vscode-textCodeBlock-background); padding: .6em; }
pre.command { font-size: 1.2em; border-left: 3px solid var(--vscode-focusBorder); }
table { border-collapse: collapse; margin: .4em 0; } th, td { text-align: left; vertical-align: top; padding: .2em .8em .2em 0; } th { color: var(--vscode-descriptionForeground); font-weight: normal; }
.risk { font-weight: 600; } .risk-high, .risk-critical, .bad { color: var(--vscode-errorForeground); } .ok { color: var(--vscode-testing-iconPassed); }
.diff .del { color: var(--vscode-gitDecoration-deletedResourceForeground); text-decoration: line-through; } .diff .ins { color: var(--vscode-gitDecoration-addedResourceForeground); }
.buttons { display: flex; gap: .5em; flex-wrap: wrap; margin: .6em 0; }
button { font: inherit; padding: .4em 1em; border: 1px solid var(--vscode-button-border, transparent); background: var(--vscode-button-background); color: var(--vscode-button-foreground); cursor: pointer; }
button:hover { background: var(--vscode-button-hoverBackground); } button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
button.secondary { background: var(--vscode-button-secondaryBackground); color: var(--vscode-button-secondaryForeground); }
button.danger { background: var(--vscode-statusBarItem-errorBackground, #c72e0f); color: var(--vscode-statusBarItem-errorForeground, #fff); }
input { font: inherit; width: 30em; max-width: 100%; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, var(--vscode-panel-border)); padding: .3em; display: block; margin: .2em 0; }
.hint, .expires { color: var(--vscode-descriptionForeground); } .answered { font-weight: 600; }
h3 { font-size: 1em; margin: 1.2em 0 .2em; } pre.content { max-height: 40em; overflow: auto; }
bdi.agent { unicode-bidi: isolate; font-family: var(--vscode-editor-font-family); }
.claim { font-size: .8em; padding: 0 .4em; border: 1px solid var(--vscode-panel-border); border-radius: 3px; color: var(--vscode-descriptionForeground); white-space: nowrap; }
.limits { display: flex; gap: 1em; flex-wrap: wrap; margin: .4em 0; } select { font: inherit; color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border, var(--vscode-panel-border)); }
.warnings { border-left: 3px solid var(--vscode-errorForeground); padding-left: .8em; }
</style></head>
<body>${content}${script ? `<script nonce="${nonce}">${script}</script>` : ''}</body></html>`;
}

/** The approval page's script: buttons post the answer; the deadline counts down. */
export const APPROVAL_SCRIPT = `
const vscode = acquireVsCodeApi();
for (const button of document.querySelectorAll('button[data-answer]')) {
  button.addEventListener('click', () => {
    const note = document.getElementById('note');
    vscode.postMessage({ answer: button.dataset.answer, scope: button.dataset.scope, rule: button.dataset.rule, note: note ? note.value : '' });
  });
}
// A rule's limit changed: ask for the rule with it (the page comes back with that rule, to be read).
for (const select of document.querySelectorAll('select[data-limit]')) {
  select.addEventListener('change', () => {
    vscode.postMessage({ answer: 'allow', scope: 'always', rule: 'limit', ends: document.getElementById('rule-ends').value, uses: document.getElementById('rule-uses').value });
  });
}
// After "Always allow" the page comes back with the proposed rule: show it, not the top of the page.
document.getElementById('rule-proposal')?.scrollIntoView();
const time = document.querySelector('time[data-expires]');
if (time) {
  const tick = () => {
    const left = Math.round((Date.parse(time.dataset.expires) - Date.now()) / 1000);
    time.textContent = left > 0 ? new Date(time.dataset.expires).toLocaleTimeString() + ' (' + left + ' s left)' : 'now (timed out)';
  };
  tick();
  setInterval(tick, 1000);
}`;
