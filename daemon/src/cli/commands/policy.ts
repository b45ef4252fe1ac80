/** `aarm policy` */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { effectsFor, prepareForPolicy } from '../../pipeline/prepare.js';
import {
  formatProblem,
  lintPolicyText,
  loadPolicyText,
  runExamples,
  type ExampleContext,
  type LintContext,
} from '../../policy/index.js';
import { recordedUses } from '../approved-uses.js';
import { policyJsonSchema } from '../../policy/json-schema.js';
import { aarmHome } from '../../state/home.js';
import { builtinPackDir, managedPolicyDir, policyLintContext } from '../../state/policy-files.js';
import { err, homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';

export const policyCli: Command = {
  summary: 'lint and test policy files; print the JSON Schema',
  usage: `aarm policy lint FILE...
aarm policy test FILE...
aarm policy schema

lint: every problem of each file in one pass, by position, as \`file:line:col: severity: message [code]\`
(1-based): YAML and schema errors (rule by rule), CEL errors inside conditions, unknown fields, duplicate
ids, rules that never match or are shadowed, dangerously broad allows, workspace allows that would loosen
a built-in protection, failing inline examples; and, among the policies in force (managed, yours, the
default pack): overrides and what they change (info), and allows a step_up or deny decides first.
\`aarm check\` and the editor list the same problems. Exits 1 when there is an error.
test: runs each file's inline examples against that file (and the built-in protections) and prints a
summary. Exits 1 when one fails.
schema: the JSON Schema of the policy format, for other YAML tooling.`,
  run(args) {
    const { values, positionals } = parse(args, {});
    if (values.help) return showUsage(policyCli);
    const [verb, ...files] = positionals;
    if (verb === 'schema') {
      out(JSON.stringify(policyJsonSchema(), null, 2));
      return 0;
    }
    if ((verb !== 'lint' && verb !== 'test') || files.length === 0)
      throw new UsageError('aarm policy lint FILE... | aarm policy test FILE... | aarm policy schema');
    const home = homedir();
    const context = { prepare: prepareForPolicy(home), effectsOf: effectsFor(home), home };
    const state = aarmHome(homeDir());
    // The uses of approved rules with a maximum, as the receipts record them (read-only).
    const uses = verb === 'lint' ? recordedUses(state.database) : undefined;
    const lintContext = {
      ...policyLintContext(home, {
        packDir: builtinPackDir(),
        managedDir: managedPolicyDir(),
        userDir: state.policiesDir,
      }),
      ...(uses ? { approvedUses: uses.usesOf } : {}),
    };
    try {
      return run(verb, files, context, lintContext) ? 1 : 0;
    } finally {
      uses?.close();
    }
  },
};

/** Lint or test each file; whether one failed. */
function run(
  verb: 'lint' | 'test',
  files: string[],
  context: ExampleContext,
  lintContext: LintContext,
): boolean {
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      err(`${file}:1:1: error: cannot read policy: ${(error as Error).message}`);
      failed = true;
      continue;
    }
    if (verb === 'lint') {
      const problems = lintPolicyText(text, file, lintContext);
      for (const p of problems) out(formatProblem(p));
      if (problems.some((p) => p.severity === 'error')) failed = true;
      continue;
    }
    const loaded = loadPolicyText(text, file);
    if (!loaded.ok) {
      for (const p of loaded.problems) out(`${p.source}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
      out(`${file}: does not load; no examples run`);
      failed = true;
      continue;
    }
    const results = runExamples(loaded.file, context);
    for (const r of results)
      out(
        `${r.ok ? 'ok  ' : 'FAIL'} ${file}:${r.line}: ${r.name}: ${r.ok ? r.actual : `expected ${r.expected}, got ${r.actual}`}`,
      );
    const passed = results.filter((r) => r.ok).length;
    out(`${file}: ${passed} of ${results.length} example(s) pass`);
    if (passed !== results.length) failed = true;
  }
  return failed;
}
