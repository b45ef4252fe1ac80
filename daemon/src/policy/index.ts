export * from './types.js';
export { loadPolicyText, createPolicySet, onlyTightening, ENGINE_VERSION, ENGINE_DEFAULT } from './load.js';
export { evaluate, type EvaluationInput } from './evaluate.js';
export { runExamples, exampleProblems, type ExampleContext, type ExampleResult } from './examples.js';
export * from './builtin.js';
export { isWithin, globMatch, hostOf, POLICY_FUNCTIONS, POLICY_VARIABLES } from './cel.js';
export {
  lintPolicyText,
  formatProblem,
  isWorkspacePolicy,
  FIELDS,
  PARAMETERS,
  type LintContext,
} from './lint.js';
export { openPolicyDocument, type PolicyDocument } from './document.js';
export { closest } from './load.js';
export { PolicyFileSchema, RuleSchema, type ApprovedSpec } from './schema.js';
