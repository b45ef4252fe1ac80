export * from './types.js';
export { loadPolicyText, createPolicySet, ENGINE_VERSION, ENGINE_DEFAULT } from './load.js';
export { evaluate, type EvaluationInput } from './evaluate.js';
export { runExamples, exampleProblems, type ExampleContext, type ExampleResult } from './examples.js';
export * from './builtin.js';
export { isWithin, globMatch, hostOf, POLICY_FUNCTIONS, POLICY_VARIABLES } from './cel.js';
