/**
 * Inline examples (like Codex's match / not_match): each policy file can say how some actions
 * must be decided. They are checked when the file loads; a file whose examples fail is rejected.
 */
import type { Action, Decision, Effects, ParseResult } from '../protocol/index.js';
import { EVALUATION_ERROR_RULE } from './builtin.js';
import { evaluate } from './evaluate.js';
import { createPolicySet } from './load.js';
import type { CompiledPolicyFile, PolicyProblem, PolicySet } from './types.js';

export interface ExampleContext {
  /** validates and normalises an example's action the way the daemon does */
  prepare: (action: unknown) => ParseResult<Action>;
  effectsOf: (action: Action) => Effects;
  home: string;
}

export interface ExampleResult {
  line: number;
  name: string;
  expected: string;
  actual: string;
  rule: string;
  ok: boolean;
  /** the decision, when the action was valid */
  decision?: Decision;
}

/**
 * Each example judged by this file alone (with the built-in protections), so a file's examples do
 * not depend on others. Each is one decision, within one evaluation budget; with a `deadline`
 * (a `performance.now()` time), examples not reached by then fail.
 */
export function runExamples(
  file: CompiledPolicyFile,
  context: ExampleContext,
  options: { deadline?: number; set?: PolicySet } = {},
): ExampleResult[] {
  const set = options.set ?? createPolicySet([file]);
  return file.examples.map((example, index) => {
    const name = example.name ?? `example ${index + 1}`;
    if (options.deadline !== undefined && performance.now() > options.deadline)
      return {
        line: example.line,
        name,
        expected: example.decision,
        actual: 'not checked: the examples took longer than their budget, so the policy is refused',
        rule: '',
        ok: false,
      };
    const prepared = context.prepare(example.action);
    if (!prepared.ok) {
      return {
        line: example.line,
        name,
        expected: example.decision,
        actual: `invalid action: ${prepared.error}`,
        rule: '',
        ok: false,
      };
    }
    const decision = evaluate(set, {
      action: prepared.value,
      home: context.home,
      protectedPaths: [],
      effectsOf: context.effectsOf,
    });
    const ok =
      decision.decision === example.decision &&
      (example.rule === undefined || example.rule === decision.rule);
    return {
      line: example.line,
      name,
      expected: example.rule ? `${example.decision} by \`${example.rule}\`` : example.decision,
      // An evaluation error says what went wrong (a condition over its budget, a type error).
      actual: `${decision.decision} by \`${decision.rule}\`${decision.rule === EVALUATION_ERROR_RULE ? ` (${decision.reason})` : ''}`,
      rule: decision.rule,
      ok,
      decision,
    };
  });
}

export function exampleProblems(
  file: CompiledPolicyFile,
  context: ExampleContext,
  options: { deadline?: number } = {},
): PolicyProblem[] {
  return runExamples(file, context, options)
    .filter((result) => !result.ok)
    .map((result) => ({
      source: file.source,
      line: result.line,
      column: 1,
      severity: 'error' as const,
      message: `${result.name}: expected ${result.expected}, got ${result.actual}`,
    }));
}
