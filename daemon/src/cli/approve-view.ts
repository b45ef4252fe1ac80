/**
 * What `aarm approve` and `aarm pending` show of a step-up (R4: what the editor's approval page
 * shows, in a terminal): the whole action, what it touches, the rule and its reason, the risk, the
 * agent, the session and the time left. Pure functions over the daemon's `approval_request`.
 *
 * Agent-written text reaches the terminal only through `cells`: control, bidi, zero-width and
 * other invisible characters become visible escapes (`\u{202e}`), shown in reverse video so they
 * cannot pass for text the agent wrote; nothing agent-written can move the cursor or recolour.
 */
import { describeHost, summarizeAction, type ApprovalRequest } from '../protocol/index.js';

export { summarizeAction };

/** One thing on screen: its text, the columns it takes at most, and whether it is an escape. */
interface Cell {
  text: string;
  width: number;
  escape?: boolean;
}

/** A line of the screen: cells that fit in the width it was laid out for. */
export type Line = Cell[];

/**
 * What does not print as itself: controls, format characters (bidi, zero-width), unassigned and
 * private code points, every space but the plain one, combining marks (they can stack over other
 * text) and the letters that print blank.
 */
const INVISIBLE = /[\p{C}\p{Z}\p{M}\u115f\u1160\u3164\uffa0\u2800]/u;

/**
 * Agent text as cells. Newlines are kept as line breaks (`splitLines`); every other character
 * that does not print as itself becomes its escape. Non-ASCII is counted two columns wide: a
 * line laid out that way can only come out shorter than planned, never wrap on its own.
 */
function cells(value: string): Cell[] {
  const out: Cell[] = [];
  for (const char of value) {
    if (char !== ' ' && INVISIBLE.test(char)) {
      const escape = `\\u{${char.codePointAt(0)!.toString(16)}}`;
      out.push({ text: escape, width: escape.length, escape: true });
    } else out.push({ text: char, width: char.charCodeAt(0) < 0x80 ? 1 : 2 });
  }
  return out;
}

/** `text` wrapped to `width` columns, each line indented by `indent` (a first-line label fits in it). */
export function wrap(text: string, width: number, indent = 0, first = ''): Line[] {
  const room = Math.max(8, width - indent);
  const lines: Line[] = [];
  const paragraphs = text.split('\n');
  paragraphs.forEach((paragraph, index) => {
    let line: Cell[] = [];
    let used = 0;
    // A line that ends where the agent put a newline says so: `⏎` (what follows is on the next line).
    const all = cells(paragraph);
    if (index < paragraphs.length - 1) all.push({ text: '⏎', width: 2 });
    const widthOf = (part: Cell[]) => part.reduce((sum, c) => sum + c.width, 0);
    for (const cell of all) {
      if (used + cell.width > room && line.length > 0) {
        // Break after the last space when there is one (the space stays at the end of the line).
        const space = line.map((c) => c.text).lastIndexOf(' ');
        const carried = space > 0 ? line.splice(space + 1) : [];
        lines.push(line);
        line = carried;
        used = widthOf(carried);
        if (used + cell.width > room && line.length > 0) {
          lines.push(line);
          line = [];
          used = 0;
        }
      }
      line.push(cell);
      used += cell.width;
    }
    lines.push(line);
  });
  return lines.map((line, i) => [
    { text: i === 0 ? first.padEnd(indent).slice(0, indent) : ' '.repeat(indent), width: indent },
    ...line,
  ]);
}

/** Plain text (ours, not the agent's) as one line, cut to `width`. */
export function plain(text: string, width: number): Line {
  return [{ text: text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text, width }];
}

/** Agent text on one line, cut to `width` columns (for the list; the details show all of it). */
export function oneLine(text: string, width: number): Line {
  const line: Cell[] = [];
  let used = 0;
  for (const cell of cells(text.replace(/\n/g, ' ⏎ '))) {
    if (used + cell.width > width - 1) {
      line.push({ text: '…', width: 1 });
      return line;
    }
    line.push(cell);
    used += cell.width;
  }
  return line;
}

/** A line as terminal output: escapes in reverse video. */
export function paint(line: Line): string {
  return line.map((cell) => (cell.escape ? `\x1b[7m${cell.text}\x1b[27m` : cell.text)).join('');
}

/** A line as plain text (for `aarm pending` and tests). */
export function flat(line: Line): string {
  return line.map((cell) => cell.text).join('');
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/** The parameter each tool's summary is made of; the others are shown one by one. */
const SUMMARISED: Record<string, string[]> = {
  shell: ['command'],
  fs: ['path'],
  net: ['method', 'url'],
  mcp: ['server', 'tool'],
};

export function agentName(request: ApprovalRequest): string {
  return request.identity.agent?.name ?? 'an agent';
}

export function secondsLeft(request: ApprovalRequest, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(request.expiresAt) - now) / 1000));
}

/** The parts of the action besides its summary (the cwd, a file's content, a tool's arguments…), all of them. */
function otherParameters(action: Record<string, unknown>): Array<[string, string]> {
  const summarised = SUMMARISED[text(action.tool)] ?? [];
  return Object.entries(record(action.parameters))
    .filter(([key]) => !summarised.includes(key))
    .map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value, null, 1)]);
}

function list(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.join(', ');
}

/**
 * The details of one request. `action` is what an approver must see before allowing: the whole
 * action, what it touches, the decision; `context` helps, and may be cut when the window is small.
 */
export function details(
  request: ApprovalRequest,
  width: number,
  now: number,
): { action: Line[]; context: Line[] } {
  const { action, decision, effects, context } = request;
  const label = 11;
  const field = (name: string, value: string) => wrap(value, width, label, name);
  const workspace = text(record(action.context).workspace);
  const actionLines: Line[] = [
    ...wrap(`${agentName(request)} asks to ${text(action.tool) === 'shell' ? 'run' : 'do'}:`, width),
    ...wrap(summarizeAction(action), width, 2),
    ...otherParameters(action).flatMap(([key, value]) => field(key, value)),
    ...(workspace ? field('workspace', workspace) : []),
    plain('', width),
    ...wrap(`${decision.risk.toUpperCase()} risk, rule ${decision.rule}: ${decision.reason}`, width),
    ...field('reads', list(effects.reads)),
    ...field('writes', list(effects.writes)),
    ...field('deletes', list(effects.deletes)),
    ...field('network', list(effects.hosts.map(describeHost))),
    ...field('risks', list(effects.risks)),
    ...field('unknown', list(effects.unknown)),
    ...wrap(
      `Answer within ${secondsLeft(request, now)} s; without an answer it is denied. Session ${request.session}.`,
      width,
    ),
  ];
  const identity = request.identity;
  const who = [
    `human ${identity.human?.user ?? '?'}`,
    ...(identity.delegation ?? []).map((d) => `for ${d}`),
    `agent ${identity.agent?.name ?? '?'}${identity.agent?.version ? ` ${identity.agent.version}` : ''}${identity.agent?.adapter ? ` via ${identity.agent.adapter}` : ''}`,
  ].join(' → ');
  const contextLines: Line[] = [
    ...field('who', `${who}${identity.flags?.length ? ` (${identity.flags.join('; ')})` : ''}`),
    ...field('asked for', context.hasRequest ? context.request : '(the agent gave none)'),
    ...field(
      'so far',
      `${context.actions} actions (${context.allowed} allowed, ${context.denied} denied); data: ${list(context.dataClasses)}; untrusted input: ${context.untrusted ? list(context.untrustedSources) : 'none'}`,
    ),
    ...context.priorActions.flatMap((prior) =>
      wrap(
        `${prior.tool} ${prior.summary}: ${prior.decision} → ${prior.verdict}, ${prior.outcome}`,
        width,
        4,
      ),
    ),
  ];
  return { action: actionLines, context: contextLines };
}

/** The list row of a request: risk, agent, the action cut to one line, time left. */
export function listRow(request: ApprovalRequest, width: number, now: number, selected: boolean): Line {
  const head = `${selected ? '>' : ' '} ${request.decision.risk.toUpperCase().padEnd(8)} `;
  const agent = oneLine(agentName(request), 16);
  const agentWidth = agent.reduce((sum, cell) => sum + cell.width, 0);
  const tail = ` ${String(secondsLeft(request, now)).padStart(4)} s`;
  const room = Math.max(8, width - head.length - 17 - tail.length);
  const action = oneLine(summarizeAction(request.action), room);
  const actionWidth = action.reduce((sum, cell) => sum + cell.width, 0);
  return [
    { text: head, width: head.length },
    ...agent,
    { text: ' '.repeat(17 - agentWidth), width: 17 - agentWidth },
    ...action,
    { text: ' '.repeat(Math.max(0, room - actionWidth)), width: Math.max(0, room - actionWidth) },
    { text: tail, width: tail.length },
  ];
}

/** One line per request for `aarm pending`: id, risk, rule, agent, session, seconds left, the whole action. */
export function pendingLine(request: ApprovalRequest, now: number): string {
  const shown = (value: string) => flat(oneLine(value, Number.MAX_SAFE_INTEGER));
  return [
    request.approvalId,
    request.decision.risk,
    request.decision.rule,
    shown(agentName(request)),
    shown(request.session),
    `${secondsLeft(request, now)}s`,
    shown(summarizeAction(request.action)),
  ].join('\t');
}

/** How long an "always" rule lasts, in the units a person types: minutes, hours, days, weeks. */
const DURATION_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * The limits a person typed for an "always" rule: `7d`, `10 uses`, `12h 3 uses`, or nothing (none).
 * A duration is a number and m, h, d or w; a maximum of uses a whole number, `uses` optional.
 */
export function parseRuleLimits(
  typed: string,
  now: number,
  maxUses: number,
): { ok: true; limits: { expires?: string; maxUses?: number } } | { ok: false; error: string } {
  const limits: { expires?: string; maxUses?: number } = {};
  const words =
    typed
      .trim()
      .toLowerCase()
      .match(/\d+\s*[a-z]*/g) ?? [];
  if (words.join('').replace(/\s/g, '') !== typed.toLowerCase().replace(/[\s,]/g, ''))
    return { ok: false, error: `not understood: \`${typed}\` (e.g. 7d, 10 uses, 12h 3 uses)` };
  for (const word of words) {
    const [, digits, unit] = /^(\d+)\s*([a-z]*)$/.exec(word)!;
    const count = Number(digits);
    if (unit !== undefined && unit in DURATION_UNITS && limits.expires === undefined) {
      if (count < 1 || count * DURATION_UNITS[unit]! > 3650 * DURATION_UNITS.d!)
        return { ok: false, error: 'a duration must be from 1 minute to 10 years' };
      limits.expires = new Date(now + count * DURATION_UNITS[unit]!).toISOString();
    } else if (['', 'use', 'uses', 'x', 'times'].includes(unit ?? '') && limits.maxUses === undefined) {
      if (count < 1 || count > maxUses) return { ok: false, error: `uses must be from 1 to ${maxUses}` };
      limits.maxUses = count;
    } else return { ok: false, error: `not understood: \`${word}\` (e.g. 7d, 10 uses, 12h 3 uses)` };
  }
  return { ok: true, limits };
}

/** `until 2026-12-07T10:00:00.000Z, at most 10 uses`: what a proposal's limits say, or ''. */
export function describeRuleLimits(limits: { expires?: string; maxUses?: number }): string {
  return [
    ...(limits.expires ? [`until ${limits.expires}`] : []),
    ...(limits.maxUses !== undefined
      ? [`at most ${limits.maxUses} use${limits.maxUses === 1 ? '' : 's'}`]
      : []),
  ].join(', ');
}
