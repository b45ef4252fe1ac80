import type { DecisionKind, Layer, Risk, SecretBinding } from '../protocol/index.js';
import type { CompiledExpression } from './cel.js';
import type { ExampleSpec } from './schema.js';

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
  severity: 'error' | 'warning';
  /** yaml, schema, cel, unknown-field, duplicate-id, shadowed, never-matches, broad-allow, loosens-protection, example, missing-reason, … */
  code?: string;
  message: string;
  fix?: { title: string; edits: TextEdit[] };
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
}
