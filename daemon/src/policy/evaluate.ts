/**
 * The policy decision point (R3, R4). Pure and deterministic: the same action, environment and
 * policy set always give the same decision. Any error evaluating a rule denies (fail closed).
 */
import {
  LAYERS,
  parseAction,
  type Action,
  type Decision,
  type DecisionKind,
  EMPTY_SESSION,
  type Effects,
  type Modification,
  type OverrideNote,
  type SessionSnapshot,
} from '../protocol/index.js';
import {
  CONFLICT_RULE,
  DEFAULT_RULE,
  EVALUATION_ERROR_RULE,
  POLICY_ERROR_RULE,
  checkSelfProtection,
  type DaemonProcess,
  type ProtectedPaths,
} from './builtin.js';
import { withBudget, type ConditionBindings } from './cel.js';
import type { CompiledRule, PolicySet } from './types.js';

export interface EvaluationInput {
  /** a valid, normalised action */
  action: Action;
  home: string;
  protectedPaths: readonly string[];
  /** AARM_HOME, among the protected paths (see builtin.ts) */
  stateDir?: string;
  /** the workspace's file system compares names without case */
  caseInsensitive?: boolean;
  /** the running daemon, protected from signals, tracing and `/proc` */
  daemon?: DaemonProcess;
  /** the data directory holding the copy of aarm the hooks start (builtin.ts) */
  installDir?: string;
  /** mediation's account of what an action does (pure; called again for a modified action) */
  effectsOf: (action: Action) => Effects;
  /** the session so far (R2); a session with no history when absent */
  session?: SessionSnapshot;
  /** whether an allowed shell command can run confined here (absent: it cannot), for `confine:` rules */
  confinement?: { available: boolean; reason?: string };
}

/** One decision: every condition it evaluates spends from one budget (a costly policy denies, it does not stall). */
export function evaluate(set: PolicySet, input: EvaluationInput): Decision {
  // The action's effects first, outside the budget: analysis has its own limits, and the budget
  // is for what the policy's conditions cost.
  const effects = input.effectsOf(input.action);
  const effectsOf = (action: Action) => (action === input.action ? effects : input.effectsOf(action));
  return withBudget(() => evaluateOnce(set, { ...input, effectsOf }, true));
}

/**
 * What an override of `rule` makes of it for this action: `apply` (decide as the rule says),
 * `skip` (the override switched it off or narrowed it here, noted in `notes`), or an error
 * decision (the override's own condition failed: fail closed).
 */
function overrideSays(
  rule: CompiledRule,
  bindings: ConditionBindings,
  notes: OverrideNote[],
  policyHash: string,
): 'apply' | 'skip' | Decision {
  const applied = rule.override;
  if (applied === undefined) return 'apply';
  const note = (): OverrideNote => ({
    rule: rule.id,
    kind: applied.kind,
    reason: applied.override.reason,
    source: applied.override.source,
  });
  if (applied.kind === 'disable') {
    notes.push(note());
    return 'skip';
  }
  const narrower = applied.override.when;
  if (narrower !== undefined) {
    const result = narrower(bindings);
    if (!result.ok || typeof result.value !== 'boolean') {
      const why = result.ok ? `it gave ${describe(result.value)}, not true or false` : result.error;
      return {
        decision: 'deny',
        rule: EVALUATION_ERROR_RULE,
        reason: `the override of \`${rule.id}\` in ${applied.override.source} could not be evaluated, so the action is denied: ${why}`,
        risk: 'high',
        layer: 'forbidden',
        policyHash,
      };
    }
    // The rule as it was, beside an overridden decision: it applies only outside the override.
    if (applied.outside) return result.value ? 'skip' : 'apply';
    if (!result.value) {
      notes.push(note());
      return 'skip';
    }
  }
  if (applied.kind === 'decision') notes.push(note());
  return 'apply';
}

/** The user's approved exceptions of a rule (each false for one action): `skip` where one is false. */
function exceptionSays(
  rule: CompiledRule,
  bindings: ConditionBindings,
  notes: OverrideNote[],
  policyHash: string,
): 'apply' | 'skip' | Decision {
  for (const exception of rule.exceptions ?? []) {
    const result = exception.when!(bindings);
    if (!result.ok || typeof result.value !== 'boolean')
      return {
        decision: 'deny',
        rule: EVALUATION_ERROR_RULE,
        reason: `the approved exception of \`${rule.id}\` in ${exception.source} could not be evaluated, so the action is denied: ${result.ok ? describe(result.value) : result.error}`,
        risk: 'high',
        layer: 'forbidden',
        policyHash,
      };
    if (!result.value) {
      notes.push({
        rule: rule.id,
        kind: 'when',
        reason: exception.reason,
        source: exception.source,
        ...(exception.approved ? { approved: exception.approved.id } : {}),
      });
      return 'skip';
    }
  }
  return 'apply';
}

/** The decision with the overrides that shaped it (R5: kept in the receipt). */
function withNotes(decision: Decision, notes: OverrideNote[]): Decision {
  if (notes.length === 0) return decision;
  const unique = [...new Map(notes.map((n) => [`${n.rule}\u0000${n.kind}`, n])).values()];
  return { ...decision, overrides: [...(decision.overrides ?? []), ...unique].slice(0, 64) };
}

function evaluateOnce(
  set: PolicySet,
  input: EvaluationInput,
  allowModify: boolean,
  notes: OverrideNote[] = [],
): Decision {
  return withNotes(decideOnce(set, input, allowModify, notes), notes);
}

function decideOnce(
  set: PolicySet,
  input: EvaluationInput,
  allowModify: boolean,
  notes: OverrideNote[],
): Decision {
  const policyHash = set.hash;
  const errors = set.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    return {
      decision: 'deny',
      rule: POLICY_ERROR_RULE,
      reason: `policy is broken, so every action is denied until it is fixed: ${first.source}:${first.line}:${first.column}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`,
      risk: 'high',
      layer: 'forbidden',
      policyHash,
    };
  }

  const { action } = input;
  const effects = input.effectsOf(action);
  const protection: ProtectedPaths = {
    paths: input.protectedPaths,
    home: input.home,
    ...(input.stateDir ? { stateDir: input.stateDir } : {}),
    ...(input.caseInsensitive ? { caseInsensitive: true } : {}),
    ...(input.daemon ? { daemon: input.daemon } : {}),
    ...(input.installDir ? { installDir: input.installDir } : {}),
  };
  const builtin = checkSelfProtection(action, effects, protection);
  if (builtin?.decision === 'deny') return { ...builtin, policyHash };

  const bindings: ConditionBindings = {
    action,
    effects,
    session: input.session ?? { ...EMPTY_SESSION, identified: action.identity?.agent !== undefined },
    workspace: action.context?.workspace ?? '',
    home: input.home,
  };
  for (const layer of LAYERS) {
    // A built-in step-up comes after every deny the policy has, and before anything it allows.
    if (layer === 'step_up' && builtin !== undefined) return { ...builtin, policyHash };
    if (layer === 'modify') {
      if (!allowModify) continue;
      const modified = modifyLayer(set, input, bindings, notes);
      if (modified !== undefined) return modified;
      continue;
    }
    for (const rule of set.rulesByLayer.get(layer) ?? []) {
      const applies = ruleApplies(rule, action, bindings);
      if (applies === false) continue;
      // A rule switched off does not decide, even by failing.
      if (typeof applies === 'string' && rule.override?.kind === 'disable') continue;
      if (typeof applies === 'string') return evaluationError(rule, applies, policyHash);
      const said = overrideSays(rule, bindings, notes, policyHash);
      if (said === 'skip') continue;
      if (said !== 'apply') return said;
      const excepted = exceptionSays(rule, bindings, notes, policyHash);
      if (excepted === 'skip') continue;
      if (excepted !== 'apply') return excepted;
      const decision: Decision = {
        decision: rule.decision,
        rule: rule.id,
        reason: explain(rule, bindings),
        risk: rule.risk,
        layer: rule.layer,
        policyHash,
      };
      return rule.decision === 'modify' ? applyModification(set, input, rule, bindings, decision) : decision;
    }
  }

  return {
    decision: set.defaultDecision,
    rule: DEFAULT_RULE,
    reason: `no rule matched; the default for unmatched actions is \`${set.defaultDecision}\` (set by ${set.defaultSource})`,
    risk: set.defaultDecision === 'allow' ? 'low' : 'medium',
    layer: 'default',
    policyHash,
  };
}

/**
 * MODIFY rules all get a say: when two of them rewrite the action differently, neither wins —
 * an equal-priority conflict is deferred (R3), and a deferral that cannot resolve ends in deny.
 */
function modifyLayer(
  set: PolicySet,
  input: EvaluationInput,
  bindings: ConditionBindings,
  notes: OverrideNote[],
): Decision | undefined {
  const results: Decision[] = [];
  for (const rule of set.rulesByLayer.get('modify') ?? []) {
    const applies = ruleApplies(rule, input.action, bindings);
    if (applies === false) continue;
    if (typeof applies === 'string' && rule.override?.kind === 'disable') continue;
    if (typeof applies === 'string') return evaluationError(rule, applies, set.hash);
    const said = overrideSays(rule, bindings, notes, set.hash);
    if (said === 'skip') continue;
    if (said !== 'apply') return said;
    const excepted = exceptionSays(rule, bindings, notes, set.hash);
    if (excepted === 'skip') continue;
    if (excepted !== 'apply') return excepted;
    const decision: Decision = {
      decision: 'modify',
      rule: rule.id,
      reason: explain(rule, bindings),
      risk: rule.risk,
      layer: 'modify',
      policyHash: set.hash,
    };
    results.push(
      rule.confine
        ? confinedOrNot(rule.confine, input, decision)
        : applyModification(set, input, rule, bindings, decision),
    );
  }
  const [first, ...others] = results;
  if (first === undefined) return undefined;
  const outcome = (d: Decision) => JSON.stringify([d.decision, d.modifiedAction ?? null]);
  const disagreeing = others.filter((d) => outcome(d) !== outcome(first));
  if (disagreeing.length > 0) {
    const ids = [first, ...disagreeing].map((d) => `\`${d.rule}\``).join(' and ');
    return {
      decision: 'defer',
      rule: CONFLICT_RULE,
      reason: `rules ${ids} would change this action in different ways: an equal-priority conflict`,
      risk: 'high',
      layer: 'defer',
      policyHash: set.hash,
    };
  }
  return first;
}

/** The rule's reason, with its `details` expression (e.g. what was not understood) appended. */
function explain(rule: CompiledRule, bindings: ConditionBindings): string {
  if (rule.details === undefined) return rule.reason;
  const result = rule.details(bindings);
  if (!result.ok) return `${rule.reason} (details unavailable: ${result.error})`;
  const text = typeof result.value === 'string' ? result.value : String(result.value);
  return text === '' ? rule.reason : `${rule.reason}: ${text}`;
}

/** Fail closed: a rule whose condition cannot be evaluated denies, naming the rule. */
function evaluationError(rule: CompiledRule, error: string, policyHash: string): Decision {
  return {
    decision: 'deny',
    rule: EVALUATION_ERROR_RULE,
    reason: `rule \`${rule.id}\` could not be evaluated, so the action is denied: ${error}`,
    risk: 'high',
    layer: 'forbidden',
    policyHash,
  };
}

/** true / false, or the error message when the condition could not be evaluated. */
function ruleApplies(rule: CompiledRule, action: Action, bindings: ConditionBindings): boolean | string {
  if (rule.tools !== undefined && !rule.tools.has(action.tool)) return false;
  if (rule.operations !== undefined && !rule.operations.has(action.operation)) return false;
  if (rule.when === undefined) return true;
  const result = rule.when(bindings);
  if (!result.ok) return `condition failed: ${result.error}`;
  if (typeof result.value !== 'boolean') return `condition gave ${describe(result.value)}, not true or false`;
  return result.value;
}

function applyModification(
  set: PolicySet,
  input: EvaluationInput,
  rule: CompiledRule,
  bindings: ConditionBindings,
  decision: Decision,
): Decision {
  const deny = (why: string): Decision => ({
    decision: 'deny',
    rule: EVALUATION_ERROR_RULE,
    reason: `rule \`${rule.id}\` could not modify the action, so it is denied: ${why}`,
    risk: 'high',
    layer: 'forbidden',
    policyHash: set.hash,
  });
  const parameters: Record<string, unknown> = { ...(input.action.parameters as Record<string, unknown>) };
  const modifications: Modification[] = [];
  for (const { parameter, value } of rule.modify) {
    const result = value(bindings);
    if (!result.ok) return deny(`\`${parameter}\`: ${result.error}`);
    const after = typeof result.value === 'bigint' ? Number(result.value) : result.value;
    if (!['string', 'number', 'boolean'].includes(typeof after)) {
      return deny(
        `\`${parameter}\` would become ${describe(after)}; only strings, numbers and booleans can be set`,
      );
    }
    modifications.push({ path: `parameters.${parameter}`, before: parameters[parameter], after });
    parameters[parameter] = after;
  }
  const parsed = parseAction({ ...input.action, parameters });
  if (!parsed.ok) return deny(`the modified action is not valid: ${parsed.error}`);
  // The rewritten action is judged again (without modify rules, so rewriting is bounded to one
  // step): a modification can never turn an action into one the policy would not allow.
  const again = evaluateOnce(set, { ...input, action: parsed.value }, false);
  if (again.decision !== 'allow') {
    return { ...again, reason: `after \`${rule.id}\` modified it: ${again.reason}` };
  }
  return { ...decision, modifications, modifiedAction: parsed.value };
}

/**
 * A `confine:` rule: MODIFY, "run, but confined" (the judge adds the confinement), where the action
 * is a shell command and confinement is available; elsewhere the rule's `unconfined` decision.
 */
function confinedOrNot(
  confine: NonNullable<CompiledRule['confine']>,
  input: EvaluationInput,
  decision: Decision,
): Decision {
  const shell = input.action.tool === 'shell';
  if (shell && input.confinement?.available) return decision;
  const why = shell
    ? `confinement is not available here (${input.confinement?.reason ?? 'not configured'})`
    : 'only shell commands can be confined';
  const kind = confine.unconfined;
  return {
    ...decision,
    decision: kind,
    layer: kind,
    reason: `${decision.reason}; it would run confined, and ${why}${kind === 'allow' ? ', so it runs unconfined' : ''}`,
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return 'a list or map';
  return `a ${typeof value}`;
}

export type { DecisionKind };
