/**
 * How actions, decisions and receipts read to a human: one-line summaries for notifications and
 * tree items, and the HTML of the details pages. Pure functions; no VS Code API.
 */
import type { ApprovalRequest, Receipt, ReceiptView, StatusResult } from '../../daemon/src/protocol/index.js';

type ActionLike = Record<string, unknown> | null | undefined;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value);
}

/** `git push origin main`, `write src/a.ts`, `POST https://…`, `mcp github/create_issue` */
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

export function summarizeAction(action: ActionLike): string {
  if (!action) return '(not a valid action)';
  const parameters = record(action.parameters);
  switch (action.tool) {
    case 'shell':
      return text(parameters.command);
    case 'fs':
      return `${text(action.operation)} ${text(parameters.path)}`;
    case 'net':
      return `${text(parameters.method)} ${text(parameters.url)}`;
    case 'mcp':
      return `mcp ${text(parameters.server)}/${text(parameters.tool)}`;
    default:
      return `${text(action.tool)} ${text(action.operation)}`;
  }
}

export function agentName(identity: unknown): string {
  const agent = record(record(identity).agent);
  return typeof agent.name === 'string' ? agent.name : 'an agent';
}

/**
 * Agent-written text made safe for a notification or a tree label: control, bidi and zero-width
 * characters shown as escapes (they can hide what a command does), whitespace runs collapsed, long
 * text cut (the details page has it all), and markdown links broken — VS Code renders
 * `[label](command:…)` in notifications as a live link.
 */
export function plainText(value: string, max = 160): string {
  let shown = revealHidden(value.replace(/\r?\n/g, ' ⏎ ')).replace(/\s{3,}/g, ' ␣ ');
  if (shown.length > max)
    shown = `${shown.slice(0, max - 1)}…${max >= 100 ? ` (${value.length} characters in all: see details)` : ''}`;
  return shown.replace(/\]\(/g, '] (');
}

/** Control, bidi and zero-width characters (but newlines and tabs) shown as `\u{…}` escapes. */
export function revealHidden(value: string): string {
  return value.replace(
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u{${c.charCodeAt(0).toString(16)}}`,
  );
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

function row(label: string, value: string | undefined): string {
  if (value === undefined || value === '') return '';
  return `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
}

function list(values: readonly string[]): string {
  return values.length === 0 ? 'none' : values.join(', ');
}

function identityChain(identity: unknown): string {
  const id = record(identity);
  const human = record(id.human);
  const agent = record(id.agent);
  const parts = [
    `human ${text(human.user) || '?'}${human.git ? ` <${text(human.git)}>` : ''}`,
    ...(Array.isArray(id.delegation) ? id.delegation.map((d) => `for ${text(d)}`) : []),
    `agent ${text(agent.name) || '?'}${agent.version ? ` ${text(agent.version)}` : ''}${agent.adapter ? ` via ${text(agent.adapter)}` : ''}`,
  ];
  if (id.service) parts.push(`as service ${text(id.service)}`);
  if (id.role) parts.push(`role ${text(id.role)}`);
  return parts.join(' → ');
}

function modificationsTable(modifications: unknown): string {
  if (!Array.isArray(modifications) || modifications.length === 0) return '';
  const rows = modifications
    .map((m) => {
      const mod = record(m);
      return `<tr><td><code>${escapeHtml(text(mod.path))}</code></td><td class="del">${escapeHtml(text(mod.before))}</td><td class="ins">${escapeHtml(text(mod.after))}</td></tr>`;
    })
    .join('');
  return `<h2>What the policy changes</h2><table class="diff"><thead><tr><th>Field</th><th>Before</th><th>After</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The page an approver reads before answering (R4: everything AARM asks an approver to see). */
export function approvalDetailsHtml(request: ApprovalRequest, answered: string | undefined): string {
  const action = request.action;
  const parameters = record(action.parameters);
  const context = request.context;
  const priorRows = context.priorActions
    .map(
      (a) =>
        `<tr><td>${escapeHtml(a.tool)}</td><td><code>${escapeHtml(a.summary)}</code></td><td>${escapeHtml(a.decision)} → ${escapeHtml(a.verdict)}</td><td>${escapeHtml(a.outcome)}</td></tr>`,
    )
    .join('');
  const effects = request.effects;
  const workspace = text(record(action.context).workspace);
  const buttons = answered
    ? `<p class="answered" role="status">${escapeHtml(answered)}</p>`
    : `<div class="answer">
  <label for="note">Note for the receipt (optional)</label>
  <input id="note" type="text" maxlength="1024">
  <div class="buttons">
    <button data-answer="allow" data-scope="once">Allow once</button>
    ${request.scopes.includes('session') ? '<button data-answer="allow" data-scope="session" class="secondary">Allow for this session</button>' : ''}
    ${workspace && request.scopes.includes('always') ? `<button data-answer="allow" data-scope="always" class="secondary" title="${escapeHtml(workspace)}">Always allow in this workspace</button>` : ''}
    <button data-answer="deny" data-scope="once" class="danger">Deny</button>
  </div>
  ${
    request.scopes.length > 1
      ? `<p class="hint">“For this session”${request.scopes.includes('always') ? ' and “always”' : ''} cover exactly <code>${escapeHtml(request.key)}</code> under rule <code>${escapeHtml(request.decision.rule)}</code>${workspace && request.scopes.includes('always') ? ` — always: in <code>${escapeHtml(workspace)}</code>` : ''}: the same program, arguments and effects, nothing wider, until revoked in the AARM view.</p>`
      : `<p class="hint">A ${escapeHtml(request.decision.risk)}-risk action is allowed one at a time: there is no standing grant for it.</p>`
  }
</div>`;
  const body = `
<h1>${escapeHtml(agentName(request.identity))} asks to run</h1>
<pre class="command">${escapeHtml(revealHidden(summarizeAction(action)))}</pre>
<p class="risk risk-${escapeHtml(request.decision.risk)}">${escapeHtml(request.decision.risk.toUpperCase())} risk — ${escapeHtml(request.decision.reason)}</p>
<p class="expires">Answer by <time data-expires="${escapeHtml(request.expiresAt)}">${escapeHtml(request.expiresAt)}</time>; without an answer the action is denied.</p>
${buttons}
<h2>Decision</h2>
<table>${row('Rule', request.decision.rule)}${row('Layer', request.decision.layer)}${row('Risk', request.decision.risk)}${row('Why', request.decision.reason)}${row('Policy version', request.decision.policyHash)}</table>
<h2>Action</h2>
<table>${row('Tool', `${text(action.tool)} ${text(action.operation)}`)}${row('Working directory', text(parameters.cwd))}${row('Path', text(parameters.path))}${row('URL', text(parameters.url))}${row('Workspace', text(record(action.context).workspace))}${row('Session', request.session)}</table>
<details><summary>The action as judged (JSON)</summary><pre>${escapeHtml(JSON.stringify(action, null, 2))}</pre></details>
${modificationsTable(request.decision.modifications)}
<h2>What it touches</h2>
<table>${row('Reads', list(effects.reads))}${row('Writes', list(effects.writes))}${row('Deletes', list(effects.deletes))}${row('Network', list(effects.hosts))}${row('Risks', list(effects.risks))}${row('Unknown', list(effects.unknown))}</table>
<h2>The session so far</h2>
<table>${row('Original request', context.hasRequest ? context.request : '(the agent gave none)')}${row('Data classes touched', list(context.dataClasses))}${row('Untrusted input', context.untrusted ? list(context.untrustedSources) : 'none')}${row('Actions', `${context.actions} (${context.allowed} allowed, ${context.denied} denied)`)}</table>
${priorRows ? `<table class="prior"><thead><tr><th>Tool</th><th>Prior action</th><th>Decision</th><th>Outcome</th></tr></thead><tbody>${priorRows}</tbody></table>` : '<p>No prior actions in this session.</p>'}
<h2>Who is acting</h2>
<p>${escapeHtml(identityChain(request.identity))}</p>
${Array.isArray(request.identity.flags) && request.identity.flags.length > 0 ? `<ul class="flags">${request.identity.flags.map((f) => `<li>${escapeHtml(f)}</li>`).join('')}</ul>` : ''}`;
  return body;
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
        : `${row('Decision', body.decision.decision)}${row('Enforced', body.verdict)}${row('Rule', body.decision.rule)}${row('Why', body.decision.reason)}${row('Risk', body.decision.risk)}${row('Approval', body.approval.status)}${row('Approver', body.approval.approver)}${row('Approval scope', body.approval.scope)}${row('Approver note', body.approval.note)}${row('Deferral', body.deferral ? `${body.deferral.resolution}: ${body.deferral.reason}` : undefined)}`;
  return `
<h1>${escapeHtml(summarizeReceipt(body))}</h1>
<p class="check ${view.check.signature === 'valid' && view.check.chain === 'linked' ? 'ok' : 'bad'}" role="status">Signature: ${escapeHtml(signature)}<br>Chain: ${escapeHtml(chain)}</p>
<table>${row('Receipt', body.id)}${row('Kind', body.kind)}${row('Time', body.time)}${row('Session', `${body.session} #${body.sessionSeq}`)}${decisionRows}${body.kind === 'action' ? row('Identity', identityChain(body.identity)) : ''}</table>
${body.kind === 'action' || body.kind === 'resolution' ? modificationsTable(body.decision.modifications) : ''}
<h2>Signature and chain</h2>
<table>${row('Chain position', `#${body.seq}`)}${row('Hash', view.hash)}${row('Previous in session', body.sessionPrevHash)}${row('Previous in chain', body.prevHash)}${row('Key', body.keyId)}${
    view.proof
      ? `${row('Signed with', `group commit of records #${view.proof.group.firstSeq}–#${view.proof.group.lastSeq} (Merkle root ${view.proof.group.root})`)}${row('Group signature', view.proof.sig)}${row('Inclusion path', view.proof.path.join(' ') || '(the record is the whole group)')}`
      : row('Signature', view.sig)
  }</table>
<details><summary>The signed record (JSON)</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>`;
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
</style></head>
<body>${content}${script ? `<script nonce="${nonce}">${script}</script>` : ''}</body></html>`;
}

/** The approval page's script: buttons post the answer; the deadline counts down. */
export const APPROVAL_SCRIPT = `
const vscode = acquireVsCodeApi();
for (const button of document.querySelectorAll('button[data-answer]')) {
  button.addEventListener('click', () => {
    const note = document.getElementById('note');
    vscode.postMessage({ answer: button.dataset.answer, scope: button.dataset.scope, note: note ? note.value : '' });
  });
}
const time = document.querySelector('time[data-expires]');
if (time) {
  const tick = () => {
    const left = Math.round((Date.parse(time.dataset.expires) - Date.now()) / 1000);
    time.textContent = left > 0 ? new Date(time.dataset.expires).toLocaleTimeString() + ' (' + left + ' s left)' : 'now (timed out)';
  };
  tick();
  setInterval(tick, 1000);
}`;
