import type { DecisionKind, Layer, Risk, SecretBinding } from '../protocol/index.js';
import type { CompiledExpression } from './cel.js';
import type { ApprovedSpec, ExampleSpec } from './schema.js';

/** A text replacement, 1-based, end exclusive. */
export interface TextEdit {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  newText: string;
}

/** A problem in a policy file: a 1-based range (end exclusive), a stable code, and a fix where one is obvious. */
export interface PolicyProblem {
  source: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** `info`: nothing wrong, but worth seeing where it is (an override in force) */
  severity: 'error' | 'warning' | 'info';
  /** yaml, schema, cel, unknown-field, duplicate-id, shadowed, never-matches, broad-allow, loosens-protection, example, missing-reason, … */
  code?: string;
  message: string;
  fix?: { title: string; edits: TextEdit[] };
}

/**
 * Where a policy file sits, which says what it may do. Precedence, highest first: managed
 * (installed by an administrator), user (`$AARM_HOME/policies`, and `aarm check --policy` files),
 * workspace (a repository's `.aarm/`: it only tightens), pack (the built-in default pack).
 */
/** How many actions an approved rule with `max_uses` allowed so far, or why that cannot be known. */
export type ApprovedUses = { used: number } | { error: string };

export type PolicyScope = 'managed' | 'user' | 'workspace' | 'pack';
export const SCOPE_PRECEDENCE: readonly PolicyScope[] = ['managed', 'user', 'workspace', 'pack'];

/** A change to a rule of the default pack (or of a managed policy), by id, with the reason why. */
export interface CompiledOverride {
  /** the id of the rule it changes */
  rule: string;
  source: string;
  /** where its `rule:` value stands in the file (1-based, end exclusive) */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** the rule no longer applies (it is still evaluated, to record that the override mattered) */
  disable: boolean;
  /** the rule decides this instead */
  decision?: 'allow' | 'deny' | 'step_up' | 'defer';
  /** the rule applies only where this is true too (a narrower rule) */
  when?: CompiledExpression;
  whenText?: string;
  reason: string;
  /** a managed policy's: no user policy may override this rule */
  locked: boolean;
  /** written from an "always" approval: an exception of one action, which adds to the others */
  approved?: ApprovedSpec;
}

export type OverrideKind = 'disable' | 'decision' | 'when';

/** An override applied to a rule of the set (see createPolicySet). */
export interface AppliedOverride {
  kind: OverrideKind;
  override: CompiledOverride;
  /** the scope of the file that holds the override */
  scope: PolicyScope;
  /** the rule as its own file has it */
  original: { decision: DecisionKind; layer: Layer; reason: string };
  /**
   * Set on the rule as it was, kept beside the overridden one when an override changes its
   * decision only where its `when` holds: this one applies where the `when` does not.
   */
  outside?: boolean;
}

export interface CompiledRule {
  id: string;
  source: string;
  line: number;
  layer: Layer;
  decision: DecisionKind;
  reason: string;
  risk: Risk;
  tools: ReadonlySet<string> | undefined;
  operations: ReadonlySet<string> | undefined;
  when: CompiledExpression | undefined;
  /** CEL giving a string appended to the reason */
  details: CompiledExpression | undefined;
  modify: ReadonlyArray<{ parameter: string; value: CompiledExpression }>;
  /** `confine:`: run confined; where that is not possible, decide `unconfined` instead */
  confine?: { profile: 'workspace'; unconfined: 'step_up' | 'allow' | 'deny' };
  /** a managed policy's rule that no user policy may override */
  locked?: boolean;
  /** set by createPolicySet when a higher layer overrides this rule */
  override?: AppliedOverride;
  /** the user's approved exceptions (`overrides:` with `approved:`): the rule stands aside where one's `when` is false */
  exceptions?: CompiledOverride[];
  /** written from an "always" approval */
  approved?: ApprovedSpec;
}

export interface CompiledPolicyFile {
  source: string;
  name: string;
  /** sha256 of the file's text */
  sha256: string;
  default: DecisionKind | undefined;
  rules: CompiledRule[];
  examples: Array<ExampleSpec & { line: number }>;
  /** secrets bound to hosts (only a user's or the pack's file keeps them) */
  secrets: SecretBinding[];
  /** changes to rules of the default pack or a managed policy (a user's or managed file only) */
  overrides: CompiledOverride[];
  /** where the file sits; absent: a user's policy */
  scope?: PolicyScope;
}

/** Every policy in force, compiled, in evaluation order; `problems` with errors make it deny everything. */
export interface PolicySet {
  files: CompiledPolicyFile[];
  /** rules grouped by layer, each group in file order */
  rulesByLayer: ReadonlyMap<Layer, CompiledRule[]>;
  defaultDecision: DecisionKind;
  /** the file that declared the default, or `builtin` */
  defaultSource: string;
  hash: string;
  problems: PolicyProblem[];
  /** every secret binding in force (the user's and the pack's files; never a workspace's) */
  secrets: SecretBinding[];
  /** the overrides in force, by the id of the rule they change */
  overrides: ReadonlyMap<string, AppliedOverride>;
}
