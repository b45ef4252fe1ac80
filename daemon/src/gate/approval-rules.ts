/**
 * "Always" as a rule in the user's policy (docs/approvals.md). For a pending step-up the daemon
 * proposes the narrowest rule that lets exactly this action through again — an exception of the
 * deciding rule (`overrides:` with `approved:`; an allow never beats a step-up) and an allow, both
 * for these parameters, this workspace and these effects (what the grant key covers, never wider) —
 * with the past actions it would have allowed. It writes the rule only when a registered approver
 * key signed both the "always" answer and the proposal (T1), and names the receipt it came from.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMap, isSeq, parseDocument, stringify, type Document } from 'yaml';
import {
  MAX_RULE_USES,
  type Action,
  type ApprovedRule,
  type Effects,
  type RuleProposal,
} from '../protocol/index.js';
import type { ApprovedSpec, ApprovedUses } from '../policy/index.js';
import { compileExpression } from '../policy/cel.js';
import { loadPolicyText } from '../policy/load.js';
import { judge, type JudgeDeps } from '../pipeline/judge.js';
import { scrubSecrets } from '../receipts/secrets.js';
import type { ReceiptStore } from '../receipts/store.js';
import type { ApprovalRequest } from '../protocol/index.js';
import type { ApprovalSubject } from './approvals.js';

/** The effects a grant key names (mediation/effects.ts `actionKey`): the rule pins every one. */
const PINNED_EFFECTS = [
  'reads',
  'writes',
  'deletes',
  'hosts',
  'risks',
  'sensitive',
  'signals',
  'executes',
  'packages',
] as const;
/** Parameters longer than this (a file's content, a request body) are not written into a policy. */
const MAX_PARAMETERS = 4096;
/** Past receipts looked at for the count (the newest). */
const MAX_SCANNED = 20_000;

export const APPROVED_FILE_HEADER = `# Rules aarm wrote when an approver answered a step-up "always" (docs/approvals.md).
# \`aarm grants list\` lists them; \`aarm grants revoke ID\` removes one. Each allows exactly one action.
aarm: 1
name: approved
`;

interface Proposal {
  proposalId: string;
  approvalId: string;
  /** the step-up rule the exception stands aside from */
  rule: string;
  id: string;
  text: string;
  override: Record<string, unknown>;
  allow: Record<string, unknown>;
}

/** When a proposed rule ends: at an ISO 8601 time, after a number of uses (either, both or none). */
export interface RuleLimits {
  expires?: string;
  maxUses?: number;
}

export interface ApprovedRules {
  readonly file: string;
  propose(
    request: ApprovalRequest,
    subject: ApprovalSubject | undefined,
    limits: RuleLimits,
  ): { ok: true; proposal: Omit<RuleProposal, 'type' | 'id'> } | { ok: false; error: string };
  /** the proposal of this id for this approval, if the daemon made it */
  proposal(proposalId: string, approvalId: string): { text: string } | undefined;
  /**
   * A signed "always" confirmed the proposal: check that the file takes it, and keep it until the
   * action's receipt is recorded (`recorded`), which the rule names.
   */
  accept(proposalId: string, approver: string): { ok: true } | { ok: false; error: string };
  recorded(approvalId: string, receiptId: string): void;
  list(): ApprovedRule[];
  /** take the rule out of the file; false when there is none of this id */
  revoke(id: string): boolean;
}

const quote = (text: string) => JSON.stringify(text);

/**
 * The CEL condition true for exactly this action: its tool, operation and parameters, its
 * workspace, and each effect list the grant key names. Or why none can be written.
 */
export function conditionFor(action: Action, effects: Effects): { condition: string } | { error: string } {
  const workspace = action.context?.workspace ?? '';
  if (workspace === '') return { error: 'the action names no workspace' };
  const parameters = JSON.stringify(action.parameters);
  if (parameters.length > MAX_PARAMETERS)
    return { error: `its parameters are too long to write into a policy (${parameters.length} characters)` };
  if (scrubSecrets(parameters) !== parameters || scrubSecrets(workspace) !== workspace)
    return { error: 'its parameters hold what looks like a secret, which is never written into a policy' };
  const parts = [
    `action.tool == ${quote(action.tool)}`,
    `action.operation == ${quote(action.operation)}`,
    `workspace == ${quote(workspace)}`,
    `action.parameters == ${parameters}`,
  ];
  for (const name of PINNED_EFFECTS) {
    const values = [...new Set(effects[name])].sort();
    const literal = `[${values.map(quote).join(', ')}]`;
    parts.push(
      values.length === 0
        ? `size(effects.${name}) == 0`
        : `effects.${name}.all(x, x in ${literal}) && ${literal}.all(x, x in effects.${name})`,
    );
  }
  return { condition: parts.join('\n  && ') };
}

/**
 * The workspace of a condition `conditionFor` wrote (the allow's `when`, or the exception's
 * `!(…)`): its third clause, a JSON string. Agent-chosen words (a folder named "x (workspace /y")
 * cannot stand in for it.
 */
export function workspaceOf(when: unknown): string | undefined {
  if (typeof when !== 'string') return undefined;
  const string = '"(?:[^"\\\\]|\\\\.)*"';
  const match = new RegExp(
    `^!?\\(?action\\.tool == ${string}\\s*&& action\\.operation == ${string}\\s*&& workspace == (${string})`,
  ).exec(when);
  if (!match) return undefined;
  try {
    return JSON.parse(match[1]!) as string;
  } catch {
    return undefined;
  }
}

function describe(action: Action): string {
  const p = action.parameters as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value ?? ''));
  const what =
    p.command ?? p.path ?? p.url ?? (p.tool !== undefined ? `${text(p.server)} ${text(p.tool)}` : '');
  // A cut command says so: "exactly" must not name only its harmless start.
  const whole = text(what);
  const shown = whole.length > 200 ? `${whole.slice(0, 200)}…(${whole.length - 200} more characters)` : whole;
  return `${action.tool}/${action.operation} \`${shown}\`${
    typeof p.cwd === 'string' ? ` in ${p.cwd}` : ''
  } (workspace ${action.context?.workspace ?? '?'})`;
}

export function createApprovedRules(options: {
  file: string;
  /** rebuild the policy in force at once (the next action must see the rule) */
  reload: () => void;
  store: ReceiptStore;
  judgeDeps: JudgeDeps;
  now: () => Date;
  log: (line: string) => void;
  /** how many times a rule with `max_uses` was used (the daemon's count) */
  usesOf?: (approved: ApprovedSpec) => ApprovedUses;
}): ApprovedRules {
  const proposals = new Map<string, Proposal>();
  const accepted = new Map<string, { proposal: Proposal; approver: string }>();
  let expiryTimer: NodeJS.Timeout | undefined;

  const readDocument = (): Document => {
    const text = existsSync(options.file) ? readFileSync(options.file, 'utf8') : APPROVED_FILE_HEADER;
    const doc = parseDocument(text);
    if (doc.errors.length > 0)
      throw new Error(`${options.file} is not valid YAML: ${doc.errors[0]!.message}`);
    return doc;
  };
  /** The file with this change, checked as the daemon will load it; throws if it would not load. */
  const withChange = (change: (doc: Document) => void): string => {
    const doc = readDocument();
    change(doc);
    const text = doc.toString();
    const loaded = loadPolicyText(text, options.file, { scope: 'user' });
    if (!loaded.ok) throw new Error(`the policy would not load: ${loaded.error}`);
    return text;
  };
  const write = (text: string) => {
    mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
    const temporary = `${options.file}.${process.pid}.tmp`;
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, options.file);
    options.reload();
    scheduleExpiry();
  };
  const add = (proposal: Proposal, approver: string, receipt: string | undefined) => (doc: Document) => {
    const provenance = { approver, ...(receipt ? { receipt } : {}) };
    for (const [key, entry] of [
      ['overrides', proposal.override],
      ['rules', proposal.allow],
    ] as const) {
      const item = { ...entry, approved: { ...(entry.approved as object), ...provenance } };
      const list = doc.get(key);
      if (isSeq(list)) list.add(doc.createNode(item));
      else doc.set(key, doc.createNode([item]));
    }
  };
  const entries = (): Array<Record<string, unknown> & { approved: Record<string, string> }> => {
    if (!existsSync(options.file)) return [];
    const value = (readDocument().toJS() ?? {}) as Record<string, unknown>;
    return (['overrides', 'rules'] as const).flatMap((key) =>
      (Array.isArray(value[key]) ? (value[key] as Array<Record<string, unknown>>) : []).flatMap((entry) =>
        entry !== null &&
        typeof entry === 'object' &&
        entry.approved !== null &&
        typeof entry.approved === 'object'
          ? [entry as Record<string, unknown> & { approved: Record<string, string> }]
          : [],
      ),
    );
  };
  /** A rule with `max_uses`: the most and the uses so far (when the daemon can count them). */
  const usesOf = (approved: Record<string, unknown>) => {
    const maxUses = approved.max_uses;
    if (typeof maxUses !== 'number') return {};
    // Uses that cannot be counted (its receipt is gone) count as all of them: the rule is left out.
    const counted = options.usesOf?.(approved as ApprovedSpec);
    return {
      maxUses,
      ...(counted ? { uses: 'used' in counted ? Math.min(counted.used, maxUses) : maxUses } : {}),
    };
  };
  /** An expiry takes effect when it comes: the policy is rebuilt then (load leaves expired rules out). */
  const scheduleExpiry = () => {
    clearTimeout(expiryTimer);
    let next: number | undefined;
    try {
      for (const entry of entries()) {
        const at = entry.approved.expires === undefined ? NaN : Date.parse(entry.approved.expires);
        if (at > options.now().getTime() && (next === undefined || at < next)) next = at;
      }
    } catch {
      return; // an unreadable file denies everything already (policy load)
    }
    if (next === undefined) return;
    const wait = Math.min(next - options.now().getTime() + 50, 2 ** 31 - 1);
    expiryTimer = setTimeout(() => {
      options.reload();
      scheduleExpiry();
    }, wait);
    expiryTimer.unref();
  };
  scheduleExpiry();

  /** Receipts of the same action that this rule stepped up: what the rule would have allowed. */
  const pastMatches = (rule: string, subject: ApprovalSubject, condition: string): string[] => {
    const compiled = compileExpression(condition, { columnOf: (offset) => offset });
    if (!compiled.ok) return [];
    const parameters = JSON.stringify(subject.action.parameters);
    const workspace = subject.action.context?.workspace;
    const found: string[] = [];
    // Judged once per action: an agent can fill the store with the same action (a judgement costs
    // about a millisecond, and 20,000 of them would hold every client of the daemon's one thread).
    const matches = new Map<string, boolean>();
    // The newest receipts: a store too large to read whole is counted over its last MAX_SCANNED.
    const { records } = options.store.page({ limit: MAX_SCANNED });
    for (const receipt of records) {
      const body = receipt.body;
      if (body.kind !== 'action' || body.action === null || body.decision.rule !== rule) continue;
      const action = body.action as unknown as Action;
      // Cheap checks first; the effects (a judgement) only for the same parameters.
      if (
        action.tool !== subject.action.tool ||
        action.context?.workspace !== workspace ||
        JSON.stringify(action.parameters) !== parameters
      )
        continue;
      // What the condition reads: the same for every receipt that got this far but the operation.
      const key = action.operation;
      let match = matches.get(key);
      if (match === undefined) {
        const judged = judge(action, JSON.stringify(action), options.judgeDeps);
        const result =
          judged.action && judged.effects
            ? compiled.evaluate({
                action: judged.action,
                effects: judged.effects,
                session: {},
                workspace: workspace ?? '',
                home: options.judgeDeps.home,
              })
            : undefined;
        match = result?.ok === true && result.value === true;
        matches.set(key, match);
      }
      if (match) found.push(body.id);
    }
    return found;
  };

  return {
    file: options.file,
    propose(request, subject, { expires, maxUses }) {
      if (!request.scopes.includes('always'))
        return {
          ok: false,
          error: `this action's risk (${request.decision.risk}) is never allowed "always"`,
        };
      if (subject === undefined) return { ok: false, error: 'the action of this approval is not known' };
      // Only a rule of the default pack or a managed policy can stand aside (docs/policy.md).
      const owner = options.judgeDeps.policies
        .forWorkspace(subject.action.context?.workspace)
        .set.files.find((f) => f.rules.some((r) => r.id === request.decision.rule));
      if (owner?.scope !== 'pack' && owner?.scope !== 'managed')
        return {
          ok: false,
          error: `\`${request.decision.rule}\` is not a rule of the default pack or a managed policy${owner ? ` (it is in ${owner.source}): change it there` : ''}`,
        };
      if (owner.rules.find((r) => r.id === request.decision.rule)?.locked)
        return {
          ok: false,
          error: `\`${request.decision.rule}\` is locked by a managed policy (${owner.source})`,
        };
      const built = conditionFor(subject.action, subject.effects);
      if ('error' in built)
        return { ok: false, error: `no rule can be written for this action: ${built.error}` };
      if (expires !== undefined && Date.parse(expires) <= options.now().getTime())
        return { ok: false, error: `\`expires\` (${expires}) is already past` };
      if (maxUses !== undefined && !(Number.isInteger(maxUses) && maxUses >= 1 && maxUses <= MAX_RULE_USES))
        return { ok: false, error: `\`maxUses\` must be a whole number from 1 to ${MAX_RULE_USES}` };
      const date = options.now().toISOString();
      const id = `approved-${createHash('sha256').update(`${request.approvalId}\u0000${date}`).digest('hex').slice(0, 12)}`;
      const approved = {
        id,
        approval: request.approvalId,
        date,
        ...(expires ? { expires } : {}),
        ...(maxUses !== undefined ? { max_uses: maxUses } : {}),
      };
      const summary = describe(subject.action);
      const override = {
        rule: request.decision.rule,
        when: `!(${built.condition})`,
        reason: `approved "always" for exactly ${summary}`,
        approved,
      };
      const allow = {
        id,
        match: { tool: subject.action.tool, operation: subject.action.operation },
        when: built.condition,
        decision: 'allow',
        reason: `approved "always" (instead of \`${request.decision.rule}\`) for exactly ${summary}`,
        approved,
      };
      const proposalId = `prop-${createHash('sha256').update(`${id}\u0000proposal`).digest('hex').slice(0, 16)}`;
      const text = stringify({ overrides: [override], rules: [allow] }, { lineWidth: 0 });
      const proposal: Proposal = {
        proposalId,
        approvalId: request.approvalId,
        rule: request.decision.rule,
        id,
        text,
        override,
        allow,
      };
      try {
        withChange(add(proposal, 'apr-check', 'check'));
      } catch (error) {
        return { ok: false, error: `the rule cannot go into ${options.file}: ${(error as Error).message}` };
      }
      // A bounded memory: the newest proposals, which a pending approval can still use.
      proposals.set(proposalId, proposal);
      if (proposals.size > 256) proposals.delete(proposals.keys().next().value!);
      const receipts = pastMatches(request.decision.rule, subject, built.condition);
      return {
        ok: true,
        proposal: {
          approvalId: request.approvalId,
          proposalId,
          file: options.file,
          text,
          count: receipts.length,
          receipts,
        },
      };
    },
    proposal(proposalId, approvalId) {
      const proposal = proposals.get(proposalId);
      return proposal?.approvalId === approvalId ? { text: proposal.text } : undefined;
    },
    accept(proposalId, approver) {
      const proposal = proposals.get(proposalId);
      if (proposal === undefined) return { ok: false, error: `no rule proposal \`${proposalId}\`` };
      try {
        withChange(add(proposal, approver, 'check'));
      } catch (error) {
        return { ok: false, error: `the rule cannot go into ${options.file}: ${(error as Error).message}` };
      }
      proposals.delete(proposalId);
      accepted.set(proposal.approvalId, { proposal, approver });
      return { ok: true };
    },
    recorded(approvalId, receiptId) {
      const entry = accepted.get(approvalId);
      if (entry === undefined) return;
      accepted.delete(approvalId);
      try {
        write(withChange(add(entry.proposal, entry.approver, receiptId)));
        options.log(
          `wrote rule ${entry.proposal.id} (exception of ${entry.proposal.rule}) into ${options.file} for receipt ${receiptId}`,
        );
      } catch (error) {
        options.log(`could not write rule ${entry.proposal.id}: ${(error as Error).message}`);
      }
    },
    list() {
      const byId = new Map<string, ApprovedRule>();
      for (const entry of entries()) {
        const a = entry.approved;
        const id = String(a.id);
        const rule = typeof entry.rule === 'string' ? entry.rule : byId.get(id)?.rule;
        const workspace = workspaceOf(entry.when) ?? byId.get(id)?.workspace;
        byId.set(id, {
          id,
          rule: rule ?? '?',
          ...(workspace !== undefined ? { workspace } : {}),
          // After the first "for exactly" (ours): the command may hold the words too, and line breaks.
          action: typeof entry.reason === 'string' ? entry.reason.replace(/^[\s\S]*?for exactly /, '') : '?',
          file: options.file,
          approver: a.approver ?? '?',
          approval: a.approval ?? '?',
          ...(a.receipt ? { receipt: a.receipt } : {}),
          date: a.date ?? '?',
          ...(a.expires ? { expires: a.expires } : {}),
          ...usesOf(a),
        });
      }
      return [...byId.values()];
    },
    revoke(id) {
      if (!id.startsWith('approved-') || !existsSync(options.file)) return false;
      let removed = 0;
      const text = withChange((doc) => {
        for (const key of ['overrides', 'rules']) {
          const list = doc.get(key);
          if (!isSeq(list)) continue;
          list.items = list.items.filter((item) => {
            const approved = isMap(item) ? item.get('approved') : undefined;
            const mine = isMap(approved) && approved.get('id') === id;
            if (mine) removed++;
            return !mine;
          });
        }
      });
      if (removed === 0) return false;
      write(text);
      return true;
    },
  };
}
