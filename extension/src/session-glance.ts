/**
 * "Session at a glance" (R5): one session's decisions over time coloured by risk, counts by rule,
 * and what still waits — approvals pending for a human, deferred actions not yet resolved. Pure
 * functions over receipts and pending requests (no VS Code API), so they are tested on their own.
 */
import {
  DECISIONS,
  RISK_LEVELS,
  QUICK_APPROVAL_MS,
  RUBBER_STAMP_RUN,
  approvalStats,
  formatSeconds,
  type ApprovalStats,
  type ApprovalRequest,
  type DecisionKind,
  type Receipt,
  type ReceiptView,
  type Risk,
} from '../../daemon/src/protocol/index.js';
import { escapeHtml, plainText, summarizeAction } from './present.js';

type ActionBody = Extract<Receipt, { kind: 'action' }>;

/** What was enforced in the end; `deferred` while a deferral has no resolution yet. */
export type FinalVerdict = 'allow' | 'deny' | 'ask' | 'deferred';

export interface RuleCount {
  rule: string;
  decisions: number;
  allowed: number;
  denied: number;
  /** the highest risk any of its decisions had */
  risk: Risk;
}

export interface TimeBucket {
  /** ISO times; the last bucket includes its end */
  start: string;
  end: string;
  risks: Record<Risk, number>;
  total: number;
}

export interface WaitingItem {
  /** the approval id (pending) or the action receipt id (deferred) */
  id: string;
  summary: string;
  rule: string;
  risk: Risk;
  /** pending: when it is denied unanswered; deferred: when it was deferred */
  time: string;
  reason: string;
}

export interface SessionGlance {
  session: string;
  /** action receipts: one per decision the daemon made */
  decisions: number;
  byDecision: Record<DecisionKind, number>;
  byVerdict: Record<FinalVerdict, number>;
  byRisk: Record<Risk, number>;
  buckets: TimeBucket[];
  /** most decisions first */
  rules: RuleCount[];
  pending: WaitingItem[];
  deferred: WaitingItem[];
  outcomes: { success: number; error: number };
  /** how the human answered this session's step-ups, by rule */
  approvals: ApprovalStats;
  /** records whose signature or chain link does not hold, and accepted losses of records */
  broken: number;
  gaps: number;
  first?: string;
  last?: string;
  /** older receipts of the session were not loaded: the counts cover the newest ones */
  partial: boolean;
}

const zeroRisks = (): Record<Risk, number> => ({ low: 0, medium: 0, high: 0, critical: 0 });

/**
 * Shapes one session's receipts (any order) and the pending approvals (of any session) into what
 * the view shows. `buckets`: at most this many bars over the session's time span.
 */
export function sessionGlance(
  session: string,
  receipts: readonly ReceiptView[],
  pendingApprovals: readonly ApprovalRequest[],
  options: { buckets?: number; partial?: boolean } = {},
): SessionGlance {
  const bodies = receipts
    .map((view) => ({
      body: view.body,
      ok: view.check.signature === 'valid' && view.check.chain === 'linked',
    }))
    .filter(({ body }) => body.session === session)
    .sort((a, b) => a.body.sessionSeq - b.body.sessionSeq);
  const actions: ActionBody[] = [];
  /** resolution receipts by the action receipt they resolve */
  const resolutions = new Map<string, Extract<Receipt, { kind: 'resolution' }>>();
  const outcomes = { success: 0, error: 0 };
  let broken = 0;
  let gaps = 0;
  for (const { body, ok } of bodies) {
    if (!ok) broken++;
    if (body.kind === 'action') actions.push(body);
    else if (body.kind === 'resolution') resolutions.set(body.receiptId, body);
    else if (body.kind === 'outcome') outcomes[body.outcome.status]++;
    else gaps++;
  }

  const byDecision = Object.fromEntries(DECISIONS.map((d) => [d, 0])) as Record<DecisionKind, number>;
  const byVerdict: Record<FinalVerdict, number> = { allow: 0, deny: 0, ask: 0, deferred: 0 };
  const byRisk = zeroRisks();
  const rules = new Map<string, RuleCount>();
  const deferred: WaitingItem[] = [];
  for (const action of actions) {
    const { decision } = action;
    byDecision[decision.decision]++;
    byRisk[decision.risk]++;
    const final = finalVerdict(action, resolutions.get(action.id));
    byVerdict[final]++;
    const rule = rules.get(decision.rule) ?? {
      rule: decision.rule,
      decisions: 0,
      allowed: 0,
      denied: 0,
      risk: decision.risk,
    };
    rule.decisions++;
    if (final === 'allow') rule.allowed++;
    if (final === 'deny') rule.denied++;
    if (riskRank(decision.risk) > riskRank(rule.risk)) rule.risk = decision.risk;
    rules.set(decision.rule, rule);
    if (final === 'deferred')
      deferred.push({
        id: action.id,
        summary: action.action ? summarizeAction(action.action) : 'invalid action',
        rule: decision.rule,
        risk: decision.risk,
        time: action.time,
        reason: action.deferral?.reason ?? decision.reason,
      });
  }

  const pending = pendingApprovals
    .filter((request) => request.session === session)
    .map((request) => ({
      id: request.approvalId,
      summary: summarizeAction(request.action),
      rule: request.decision.rule,
      risk: request.decision.risk,
      time: request.expiresAt,
      reason: request.decision.reason,
    }));

  return {
    session,
    decisions: actions.length,
    byDecision,
    byVerdict,
    byRisk,
    buckets: timeBuckets(actions, options.buckets ?? 24),
    rules: [...rules.values()].sort((a, b) => b.decisions - a.decisions || a.rule.localeCompare(b.rule)),
    pending,
    deferred,
    outcomes,
    approvals: approvalStats(bodies.map(({ body }) => body)),
    broken,
    gaps,
    ...(bodies.length > 0 ? { first: bodies[0]!.body.time, last: bodies.at(-1)!.body.time } : {}),
    partial: options.partial ?? false,
  };
}

function finalVerdict(
  action: ActionBody,
  resolution: Extract<Receipt, { kind: 'resolution' }> | undefined,
): FinalVerdict {
  if (resolution) return resolution.verdict;
  // A deferred action's first receipt says deny until its resolution is recorded.
  if (action.deferral?.resolution === 'pending') return 'deferred';
  return action.verdict;
}

function riskRank(risk: Risk): number {
  return RISK_LEVELS.indexOf(risk);
}

/** Decisions counted by risk in at most `most` equal spans of time, first decision to last. */
function timeBuckets(actions: readonly ActionBody[], most: number): TimeBucket[] {
  const times = actions.map((a) => Date.parse(a.time)).filter((t) => Number.isFinite(t));
  if (times.length === 0) return [];
  const from = Math.min(...times);
  const to = Math.max(...times);
  const count = to === from ? 1 : Math.max(1, Math.min(most, actions.length));
  const width = (to - from) / count;
  const buckets: TimeBucket[] = Array.from({ length: count }, (_, i) => ({
    start: new Date(from + i * width).toISOString(),
    end: new Date(i === count - 1 ? to : from + (i + 1) * width).toISOString(),
    risks: zeroRisks(),
    total: 0,
  }));
  for (const action of actions) {
    const time = Date.parse(action.time);
    if (!Number.isFinite(time)) continue;
    const index = width === 0 ? 0 : Math.min(count - 1, Math.floor((time - from) / width));
    buckets[index]!.risks[action.decision.risk]++;
    buckets[index]!.total++;
  }
  return buckets;
}

/** `HH:MM:SS` in UTC, or with the given formatter (the view passes the user's locale). */
export type TimeFormat = (iso: string) => string;
const utcTime: TimeFormat = (iso) => iso.slice(11, 19);

/** Agent-written text, one line, escaped. */
function shown(value: string, max = 100): string {
  return escapeHtml(plainText(value, max));
}

/**
 * The view's HTML (the body, inside `page()`'s strict CSP): an inline SVG bar chart, no script
 * needed to read it. Buttons carry `data-approval` for the view's script to post.
 */
export function sessionGlanceHtml(glance: SessionGlance, time: TimeFormat = utcTime): string {
  const span = glance.first && glance.last ? ` · ${time(glance.first)}–${time(glance.last)}` : '';
  const problems = [
    glance.broken > 0
      ? `${glance.broken} record${glance.broken === 1 ? '' : 's'} whose signature or chain check FAILED`
      : '',
    glance.gaps > 0 ? `${glance.gaps} accepted loss${glance.gaps === 1 ? '' : 'es'} of receipts` : '',
  ].filter(Boolean);
  const verdicts = [
    `${glance.byVerdict.allow} allowed`,
    `${glance.byVerdict.deny} denied`,
    glance.byVerdict.ask > 0 ? `${glance.byVerdict.ask} asked the agent's user` : '',
    glance.byVerdict.deferred > 0 ? `${glance.byVerdict.deferred} deferred` : '',
  ].filter(Boolean);
  const decisions = DECISIONS.filter((d) => glance.byDecision[d] > 0)
    .map((d) => `${d} ${glance.byDecision[d]}`)
    .join(' · ');
  return `
<h1 class="glance-title">Session <code>${shown(glance.session, 60)}</code></h1>
<p class="glance-summary" role="status">${glance.decisions} decision${glance.decisions === 1 ? '' : 's'}${span}${glance.decisions > 0 ? ` — ${verdicts.join(', ')}` : ''}</p>
${problems.length > 0 ? `<p class="bad">${problems.join('; ')}</p>` : ''}
${glance.partial ? '<p class="hint">Older receipts of this session are not loaded: the counts cover the newest ones.</p>' : ''}
${waitingList('Waiting for you', 'pending', glance.pending, (item) => `<button data-approval="${escapeHtml(item.id)}">Answer…</button> denied unanswered at ${escapeHtml(time(item.time))}`)}
${waitingList('Deferred', 'deferred', glance.deferred, (item) => `deferred at ${escapeHtml(time(item.time))}: ${shown(item.reason)}`)}
<h2>Decisions over time</h2>
${glance.decisions > 0 ? `${chart(glance.buckets, time)}${legend(glance.byRisk)}<p class="decisions">${escapeHtml(decisions)}</p>` : '<p class="hint">No decisions yet.</p>'}
<h2>By rule</h2>
${rulesTable(glance.rules)}
<h2>Approvals</h2>
${approvalsSection(glance.approvals)}
${glance.outcomes.success + glance.outcomes.error > 0 ? `<p class="hint">Outcomes reported: ${glance.outcomes.success} succeeded, ${glance.outcomes.error} failed.</p>` : ''}`;
}

function waitingList(
  title: string,
  kind: 'pending' | 'deferred',
  items: readonly WaitingItem[],
  detail: (item: WaitingItem) => string,
): string {
  if (items.length === 0) return '';
  const rows = items
    .map(
      (item) =>
        `<li class="${kind}"><code>${shown(item.summary)}</code> <span class="risk risk-${item.risk}">${item.risk}</span> · ${shown(item.rule, 60)}<br>${detail(item)}</li>`,
    )
    .join('');
  return `<h2>${title} (${items.length})</h2><ul class="waiting">${rows}</ul>`;
}

/** Stacked bars, lowest risk at the bottom; each bar's tooltip (SVG <title>) gives its numbers. */
function chart(buckets: readonly TimeBucket[], time: TimeFormat): string {
  const height = 60;
  const highest = Math.max(1, ...buckets.map((b) => b.total));
  const bars = buckets
    .map((bucket, i) => {
      let y = height;
      const segments = RISK_LEVELS.filter((risk) => bucket.risks[risk] > 0)
        .map((risk) => {
          const h = (bucket.risks[risk] / highest) * height;
          y -= h;
          return `<rect class="bar risk-${risk}" x="${i * 10 + 1}" y="${y.toFixed(2)}" width="8" height="${h.toFixed(2)}"/>`;
        })
        .join('');
      const counts = RISK_LEVELS.filter((risk) => bucket.risks[risk] > 0)
        .map((risk) => `${bucket.risks[risk]} ${risk}`)
        .join(', ');
      return `<g><title>${escapeHtml(`${time(bucket.start)}–${time(bucket.end)}: ${bucket.total} decision${bucket.total === 1 ? '' : 's'}${counts ? ` (${counts})` : ''}`)}</title><rect class="slot" x="${i * 10}" y="0" width="10" height="${height}"/>${segments}</g>`;
    })
    .join('');
  const label = `${buckets.reduce((n, b) => n + b.total, 0)} decisions in ${buckets.length} spans of time, at most ${highest} in one`;
  return `<svg class="chart" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${buckets.length * 10} ${height}" preserveAspectRatio="none">${bars}</svg>`;
}

function legend(byRisk: Record<Risk, number>): string {
  return `<p class="legend">${RISK_LEVELS.map((risk) => `<span class="swatch risk-${risk}"></span>${risk} ${byRisk[risk]}`).join(' ')}</p>`;
}

function rulesTable(rules: readonly RuleCount[]): string {
  if (rules.length === 0) return '<p class="hint">No rule has decided yet.</p>';
  const rows = rules
    .map(
      (r) =>
        `<tr><td><code>${shown(r.rule, 60)}</code></td><td class="n">${r.decisions}</td><td class="n">${r.allowed}</td><td class="n">${r.denied}</td><td><span class="risk risk-${r.risk}">${r.risk}</span></td></tr>`,
    )
    .join('');
  return `<table class="rules"><thead><tr><th>Rule</th><th class="n">Decisions</th><th class="n">Allowed</th><th class="n">Denied</th><th>Highest risk</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** How the human answered step-ups, by rule, with a note where prompts look like noise. */
function approvalsSection(stats: ApprovalStats): string {
  if (stats.asked === 0) return '<p class="hint">No step-up was put to a human in this session.</p>';
  const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);
  const advice = (r: ApprovalStats['byRule'][number]) =>
    r.advice === 'noise'
      ? 'nearly always approved, quickly: consider a rule that allows (or denies) it without asking'
      : r.advice === 'catches'
        ? 'often refused: the rule catches real problems'
        : '';
  const rows = stats.byRule
    .map(
      (r) =>
        `<tr><td><code>${shown(r.rule, 60)}</code></td><td class="n">${r.asked}</td><td class="n">${r.approved}</td><td class="n">${r.refused}</td><td class="n">${r.timedOut}</td><td class="n">${percent(r.approvalRate)}</td><td class="n">${r.medianDecisionMs === null ? '–' : formatSeconds(r.medianDecisionMs)}</td><td class="n">${r.quickRuns}</td><td class="advice">${advice(r)}</td></tr>`,
    )
    .join('');
  const median =
    stats.medianDecisionMs === null ? '' : `, median ${formatSeconds(stats.medianDecisionMs)} to decide`;
  const runs =
    stats.quickRuns > 0
      ? ` <span class="warn">${stats.quickRuns} run${stats.quickRuns === 1 ? '' : 's'} of ${RUBBER_STAMP_RUN} or more approvals in a row, each in under ${QUICK_APPROVAL_MS / 1000} s (longest ${stats.longestQuickRun}).</span>`
      : '';
  return `<p class="approvals-summary">${stats.asked} asked: ${stats.approved} approved, ${stats.refused} refused, ${stats.timedOut} timed out${median}.${runs}</p>
<table class="approvals"><thead><tr><th>Rule</th><th class="n">Asked</th><th class="n">Approved</th><th class="n">Refused</th><th class="n">Timed out</th><th class="n">Rate</th><th class="n">Median</th><th class="n" title="runs of ${RUBBER_STAMP_RUN}+ approvals in a row, each under ${QUICK_APPROVAL_MS / 1000} s">Quick runs</th><th>Note</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The view's own styles, added to `page()`'s: risk colours from the theme's chart palette. */
export const GLANCE_STYLE = `<style>
body { padding: 0 .8em 1em; }
h1.glance-title { font-size: 1.1em; margin: .6em 0 .2em; } h2 { font-size: 1em; margin-top: 1.1em; }
.chart { width: 100%; height: 70px; display: block; } .chart .slot { fill: transparent; } .chart g:hover .slot { fill: var(--vscode-list-hoverBackground); }
.risk-low { fill: var(--vscode-charts-green); background: var(--vscode-charts-green); }
.risk-medium { fill: var(--vscode-charts-yellow); background: var(--vscode-charts-yellow); }
/* the theme's yellow and orange are close: medium lighter, so it never reads as high */
rect.risk-medium, .swatch.risk-medium { opacity: .5; }
.risk-high { fill: var(--vscode-charts-orange); background: var(--vscode-charts-orange); }
.risk-critical { fill: var(--vscode-charts-red); background: var(--vscode-charts-red); }
span.risk { color: var(--vscode-editor-background); padding: 0 .35em; border-radius: 3px; font-weight: 600; font-size: .9em; }
.swatch { display: inline-block; width: .8em; height: .8em; margin: 0 .3em 0 .6em; vertical-align: middle; } .swatch:first-child { margin-left: 0; }
.legend, .decisions { margin: .3em 0; color: var(--vscode-descriptionForeground); }
table.rules, table.approvals { width: 100%; } td.advice { color: var(--vscode-descriptionForeground); } .warn { color: var(--vscode-editorWarning-foreground); } td.n, th.n { text-align: right; } td code { overflow-wrap: anywhere; }
ul.waiting { padding-left: 1.2em; } ul.waiting li { margin: .4em 0; overflow-wrap: anywhere; }
ul.waiting button { padding: .1em .6em; margin-right: .4em; }
</style>`;
