/**
 * Policy files → compiled rules. Pure: takes text, returns a compiled file or problems with
 * positions. Broken policy never half-loads: a file with an error contributes no rules, and the
 * set it belongs to denies everything until it is fixed (fail closed).
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import {
  KNOWN_OPERATIONS,
  LAYERS,
  type DecisionKind,
  type Layer,
  type Risk,
  type SecretBinding,
} from '../protocol/index.js';
import { compileExpression } from './cel.js';
import { PolicyFileSchema, RuleSchema, type RuleSpec, type SecretSpec } from './schema.js';
import { openPolicyDocument, type Path, type PolicyDocument } from './document.js';
import type { CompiledPolicyFile, CompiledRule, PolicyProblem, PolicySet } from './types.js';
import type { Result } from '../protocol/index.js';

/** Bumped when evaluation semantics change, so the policy hash in receipts changes with them. */
export const ENGINE_VERSION = 'aarm-engine/1';
const RESERVED_PREFIX = 'builtin.';

const DEFAULT_RISK: Record<DecisionKind, Risk> = {
  allow: 'low',
  modify: 'medium',
  step_up: 'medium',
  defer: 'medium',
  deny: 'high',
};

/** Strictest first: when several files declare a default, the strictest wins. */
const DEFAULT_STRICTNESS: DecisionKind[] = ['deny', 'defer', 'step_up', 'modify', 'allow'];
/** When no file declares one: fail closed. */
export const ENGINE_DEFAULT: DecisionKind = 'deny';

export type LoadResult = Result<
  { file: CompiledPolicyFile; problems: PolicyProblem[] },
  { problems: PolicyProblem[] }
>;

/** A policy file that cannot be used, with the first error as the sentence and every problem beside it. */
function loadFailure(problems: PolicyProblem[]): LoadResult {
  const first = problems.find((p) => p.severity === 'error') ?? problems[0];
  return {
    ok: false,
    error: first
      ? `${first.source}:${first.line}:${first.column}: ${first.message}`
      : 'the policy cannot be loaded',
    problems,
  };
}

/**
 * `deadline` (a `performance.now()` time): a file still compiling then is refused. The daemon sets
 * one for a repository's files, which it reads on its one thread.
 */
/** Problems reported from one file's schema check, at most. */
const MAX_PROBLEMS = 100;
/** Parameters one `modify` rule may set. */
const MAX_MODIFY_SETS = 32;

export function loadPolicyText(
  text: string,
  source: string,
  options: { deadline?: number } = {},
): LoadResult {
  return loadPolicyDocument(openPolicyDocument(text, source), options);
}

export function loadPolicyDocument(
  document: PolicyDocument,
  options: { deadline?: number } = {},
): LoadResult {
  const { doc, source, text } = document;
  const problems: PolicyProblem[] = [];
  const report = (
    path: Path,
    code: string,
    message: string,
    fix?: Parameters<PolicyDocument['problem']>[4],
  ) => problems.push(document.problem(document.valueRange(path), 'error', code, message, fix));

  for (const error of doc.errors) {
    problems.push(
      document.problem(
        { start: error.pos[0], end: error.pos[1] },
        'error',
        'yaml',
        `yaml: ${firstLine(error.message)}`,
      ),
    );
  }
  if (problems.length > 0) return loadFailure(problems);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    return loadFailure([
      document.problem({ start: 0, end: 1 }, 'error', 'yaml', `yaml: ${firstLine((error as Error).message)}`),
    ]);
  }
  const parsed = PolicyFileSchema.safeParse(value);
  if (!parsed.success) {
    // A repository's file can hold thousands of wrong items: the first hundred say enough.
    for (const issue of parsed.error.issues.slice(0, MAX_PROBLEMS))
      problems.push(schemaProblem(document, issue));
    return loadFailure(problems);
  }
  const spec = parsed.data;

  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  for (const [index, rule] of spec.rules.entries()) {
    const path = ['rules', index];
    if (options.deadline !== undefined && performance.now() > options.deadline) {
      report(
        path,
        'too-costly',
        'the policy took longer than its budget to compile, so it is refused (fewer or shorter conditions)',
      );
      break;
    }
    if (rule.id.startsWith(RESERVED_PREFIX))
      report([...path, 'id'], 'reserved-id', `rule id \`${rule.id}\`: the \`builtin.\` prefix is reserved`);
    if (seen.has(rule.id)) report([...path, 'id'], 'duplicate-id', `duplicate rule id \`${rule.id}\``);
    seen.add(rule.id);
    const compiled = compileRule(
      rule,
      source,
      document.position(document.valueRange(path).start).line,
      document,
      path,
      problems,
      options.deadline,
    );
    if (compiled !== undefined) rules.push(compiled);
  }

  const examples = spec.examples.map((example, index) => ({
    ...example,
    line: document.position(document.valueRange(['examples', index]).start).line,
  }));

  if (problems.some((p) => p.severity === 'error')) return loadFailure(problems);
  return {
    ok: true,
    problems,
    file: {
      source,
      name: spec.name,
      sha256: createHash('sha256').update(text).digest('hex'),
      default: spec.default,
      rules,
      examples,
      secrets: spec.secrets.map(secretBinding),
    },
  };
}

/** A secret binding as the egress proxy uses it: hosts in lower case, the defaults filled in. */
function secretBinding(spec: SecretSpec): SecretBinding {
  return {
    name: spec.env,
    hosts: spec.hosts.map((host) => host.toLowerCase().replace(/\.(?=:|$)/, '')),
    header: spec.header ?? 'Authorization',
    format: spec.format ?? 'Bearer {secret}',
    https: spec.https ?? false,
  };
}

/** A zod issue as a problem at the offending key or value, with a fix when the intent is clear. */
function schemaProblem(document: PolicyDocument, issue: z.core.$ZodIssue): PolicyProblem {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const label = path.length > 0 ? `\`${path.join('.')}\`: ` : '';
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const known = knownKeys(path);
    const suggestion = closest(key, known);
    const range = document.keyRange([...path, key]);
    return document.problem(
      range,
      'error',
      'unknown-key',
      `${label}unknown key \`${key}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ` (known: ${known.join(', ')})`}`,
      suggestion
        ? { title: `Rename to \`${suggestion}\``, edits: [{ ...range, newText: suggestion }] }
        : undefined,
    );
  }
  if (!document.doc.hasIn(path)) {
    // A required key is missing: point at the mapping it belongs in (its first key).
    const parent = path.slice(0, -1);
    const first = document.doc.getIn(parent, true) as
      { items?: Array<{ key?: { value?: unknown } }> } | undefined;
    const firstKey = first?.items?.[0]?.key?.value;
    const range =
      typeof firstKey === 'string' ? document.keyRange([...parent, firstKey]) : document.valueRange(parent);
    const expected =
      issue.code === 'invalid_value' && Array.isArray(issue.values)
        ? ` (one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')})`
        : '';
    return document.problem(range, 'error', 'schema', `\`${path.join('.')}\` is missing${expected}`);
  }
  const range = document.valueRange(path);
  if (issue.code === 'invalid_value' && Array.isArray(issue.values)) {
    const allowed = issue.values.map(String);
    const given = document.text.slice(range.start, range.end).trim();
    const suggestion = closest(given, allowed);
    return document.problem(
      range,
      'error',
      'schema',
      `${label}\`${given}\` is not one of ${allowed.map((v) => `\`${v}\``).join(', ')}`,
      suggestion
        ? { title: `Change to \`${suggestion}\``, edits: [{ ...range, newText: suggestion }] }
        : undefined,
    );
  }
  return document.problem(range, 'error', 'schema', `${label}${issue.message.toLowerCase()}`);
}

const RULE_KEYS = Object.keys(RuleSchema.shape);
const FILE_KEYS = Object.keys(PolicyFileSchema.shape);
function knownKeys(path: ReadonlyArray<string | number>): string[] {
  if (path.length === 0) return FILE_KEYS;
  if (path[0] === 'rules' && path.length === 2) return RULE_KEYS;
  if (path[0] === 'rules' && path[2] === 'match') return ['tool', 'operation'];
  if (path[0] === 'rules' && path[2] === 'modify') return ['set'];
  if (path[0] === 'examples') return ['name', 'action', 'decision', 'rule'];
  return [];
}

/** The candidate within edit distance 2 (or a spelling with `-` for `_`), if exactly one is that close. */
export function closest(given: string, candidates: readonly string[]): string | undefined {
  const normal = given.toLowerCase().replace(/-/g, '_');
  const exact = candidates.find((c) => c === normal);
  if (exact) return exact;
  const near = candidates.filter((c) => editDistance(normal, c) <= 2);
  return near.length === 1 ? near[0] : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

function compileRule(
  rule: RuleSpec,
  source: string,
  line: number,
  document: PolicyDocument,
  path: Path,
  problems: PolicyProblem[],
  deadline: number | undefined,
): CompiledRule | undefined {
  let ok = true;
  const fail = (
    sub: Path,
    message: string,
    code = 'invalid-rule',
    range = document.valueRange([...path, ...sub]),
    fix?: Parameters<PolicyDocument['problem']>[4],
  ) => {
    ok = false;
    problems.push(document.problem(range, 'error', code, message, fix));
  };
  const tools = asSet(rule.match?.tool);
  const operations = asSet(rule.match?.operation);
  for (const tool of tools ?? []) {
    if (!(tool in KNOWN_OPERATIONS)) {
      fail(
        ['match', 'tool'],
        `unknown tool \`${tool}\` (known: ${Object.keys(KNOWN_OPERATIONS).join(', ')})`,
        'unknown-tool',
      );
    }
  }
  const knownOps = new Set(
    [...(tools ?? Object.keys(KNOWN_OPERATIONS))].flatMap(
      (t) => KNOWN_OPERATIONS[t as keyof typeof KNOWN_OPERATIONS] ?? [],
    ),
  );
  for (const operation of ok ? (operations ?? []) : []) {
    if (!knownOps.has(operation)) {
      fail(
        ['match', 'operation'],
        `unknown operation \`${operation}\` (known: ${[...knownOps].join(', ')})`,
        'unknown-operation',
      );
    }
  }
  if ((rule.forbidden || rule.compositional) && rule.decision !== 'deny') {
    fail(
      ['decision'],
      `a ${rule.forbidden ? 'forbidden' : 'compositional'} rule must have decision \`deny\``,
    );
  }
  if (rule.decision === 'modify' && rule.modify === undefined && rule.confine === undefined)
    fail(['decision'], 'a `modify` rule needs `modify.set` or `confine`');
  if (rule.confine !== undefined && rule.decision !== 'modify')
    fail(
      ['confine'],
      `\`confine\` makes a \`modify\` rule (run, but confined); this rule's decision is \`${rule.decision}\``,
    );
  if (rule.unconfined !== undefined && rule.confine === undefined)
    fail(['unconfined'], '`unconfined` only applies to rules with `confine`');
  if (rule.reason === undefined && ['deny', 'step_up', 'defer'].includes(rule.decision)) {
    // The reason is what the agent and the human read; a refusal without one tells them nothing.
    const decision = document.valueRange([...path, 'decision']);
    const keyColumn = document.position(document.keyRange([...path, 'decision']).start).column;
    const inline = document.text.slice(document.valueRange(path).start, decision.start).includes('{');
    const newText = `\n${' '.repeat(keyColumn - 1)}reason: TODO say why this is ${rule.decision === 'deny' ? 'refused' : 'held'}`;
    fail(
      ['decision'],
      `a \`${rule.decision}\` rule needs a \`reason\`: it is what the agent and the human are shown`,
      'missing-reason',
      decision,
      inline
        ? undefined
        : { title: 'Add a reason', edits: [{ start: decision.end, end: decision.end, newText }] },
    );
  }
  if (rule.decision !== 'modify' && rule.modify !== undefined) {
    fail(['modify'], `\`modify\` only applies to rules with decision \`modify\`, not \`${rule.decision}\``);
  }

  // A CEL expression at `sub`, compiled once; an error points at its column inside the string.
  const compileAt = (sub: Path, expression: string | undefined, label: string) => {
    if (expression === undefined) return undefined;
    if (deadline !== undefined && performance.now() > deadline) {
      fail(
        sub,
        'the policy took longer than its budget to compile, so it is refused (fewer or shorter conditions)',
        'too-costly',
      );
      return undefined;
    }
    const compiled = compileExpression(expression);
    if (compiled.ok) return compiled.evaluate;
    const at = document.offsetInString([...path, ...sub], compiled.offset);
    fail(sub, `${label}: ${compiled.error}`, 'cel', { start: at, end: at + 1 });
    return undefined;
  };
  const when = compileAt(['when'], rule.when, 'condition');
  const details = compileAt(['details'], rule.details, 'details');
  const modify: Array<CompiledRule['modify'][number]> = [];
  if (Object.keys(rule.modify?.set ?? {}).length > MAX_MODIFY_SETS)
    fail(['modify', 'set'], `a rule may set at most ${MAX_MODIFY_SETS} parameters`);
  for (const [parameter, expression] of Object.entries(rule.modify?.set ?? {})) {
    const value = compileAt(['modify', 'set', parameter], expression, `expression for \`${parameter}\``);
    if (value) modify.push({ parameter, value });
  }
  if (!ok) return undefined;

  const layer: Layer = rule.forbidden ? 'forbidden' : rule.compositional ? 'compositional' : rule.decision;
  return {
    id: rule.id,
    source,
    line,
    layer,
    decision: rule.decision,
    reason: rule.reason ?? `${rule.decision === 'modify' ? 'modified' : 'allowed'} by rule \`${rule.id}\``,
    risk: rule.risk ?? DEFAULT_RISK[rule.decision],
    tools,
    operations,
    when,
    details,
    modify,
    ...(rule.confine ? { confine: { profile: rule.confine, unconfined: rule.unconfined ?? 'step_up' } } : {}),
  };
}

/** Assemble compiled files (in precedence order: packs, user, workspace) into one set. */
/**
 * INVARIANT: a workspace policy only tightens (T8: whoever wrote the repository wrote it). It may
 * deny, step up or defer; its `allow` and `modify` rules are dropped, each with a warning that
 * `aarm status`, `aarm policy lint` and the editor show. MODIFY and ALLOW come only from the
 * user's policies and the built-in pack.
 */
export function onlyTightening(file: CompiledPolicyFile): {
  file: CompiledPolicyFile;
  problems: PolicyProblem[];
} {
  const loosening = file.rules.filter((rule) => rule.decision === 'allow' || rule.decision === 'modify');
  if (loosening.length === 0 && file.secrets.length === 0) return { file, problems: [] };
  return {
    // A repository that binds a secret would have it sent wherever its author likes.
    file: { ...file, rules: file.rules.filter((rule) => !loosening.includes(rule)), secrets: [] },
    problems: [
      ...loosening.map((rule) => ({
        source: file.source,
        line: rule.line,
        column: 1,
        severity: 'warning' as const,
        code: 'workspace-loosens',
        message: workspaceLoosens(rule.id, rule.decision),
      })),
      ...(file.secrets.length > 0
        ? [
            {
              source: file.source,
              line: 1,
              column: 1,
              severity: 'warning' as const,
              code: 'workspace-secrets',
              message: WORKSPACE_SECRETS,
            },
          ]
        : []),
    ],
  };
}

export const WORKSPACE_SECRETS =
  "`secrets` is ignored: a workspace policy cannot bind your credentials to hosts (the repository's author would choose where they go); put the binding in your own policies (`$AARM_HOME/policies/`)";

/** Why a workspace rule is ignored; the same words for the daemon and the linter. */
export function workspaceLoosens(id: string, decision: string): string {
  return `\`${id}\` is ignored: a workspace policy can only deny, step up or defer, and this rule would ${decision === 'modify' ? 'rewrite actions' : 'allow actions'}; put it in your own policies (\`$AARM_HOME/policies/\`) if you mean it`;
}

export function createPolicySet(
  files: CompiledPolicyFile[],
  problems: PolicyProblem[] = [],
  options: { workspaceSources?: ReadonlySet<string> } = {},
): PolicySet {
  const allProblems = [...problems];
  const rulesByLayer = new Map<Layer, CompiledRule[]>(LAYERS.map((layer) => [layer, []]));
  const owners = new Map<string, string>();
  for (const file of files) {
    for (const rule of file.rules) {
      const owner = owners.get(rule.id);
      if (owner !== undefined && owner !== file.source) {
        allProblems.push({
          source: file.source,
          line: rule.line,
          column: 1,
          severity: 'error',
          message: `rule id \`${rule.id}\` is already used in \`${owner}\``,
        });
      }
      owners.set(rule.id, file.source);
      rulesByLayer.get(rule.layer)?.push(rule);
    }
  }
  // The strictest declared default wins. A workspace's files (a repository's) only tighten: they
  // compete with the default of everything else, the engine's `deny` when nothing else declares one.
  const workspace = (f: CompiledPolicyFile) => options.workspaceSources?.has(f.source) ?? false;
  const strictest = (candidates: Array<{ default: DecisionKind; source: string }>) =>
    candidates.reduce((a, b) =>
      DEFAULT_STRICTNESS.indexOf(b.default) < DEFAULT_STRICTNESS.indexOf(a.default) ? b : a,
    );
  const declared = (list: CompiledPolicyFile[]) =>
    list.flatMap((f) => (f.default !== undefined ? [{ default: f.default, source: f.source }] : []));
  const baseDeclared = declared(files.filter((f) => !workspace(f)));
  const base =
    baseDeclared.length > 0 ? strictest(baseDeclared) : { default: ENGINE_DEFAULT, source: 'builtin' };
  const chosen = strictest([base, ...declared(files.filter(workspace))]);
  const defaultDecision = chosen.default;
  const defaultSource = chosen.source;
  const hash = createHash('sha256')
    .update(JSON.stringify([ENGINE_VERSION, files.map((f) => [f.source, f.sha256]), allProblems.length]))
    .digest('hex');
  const secrets = files.filter((f) => !workspace(f)).flatMap((f) => f.secrets);
  return { files, rulesByLayer, defaultDecision, defaultSource, hash, problems: allProblems, secrets };
}

function asSet(value: string | string[] | undefined): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  return new Set(Array.isArray(value) ? value : [value]);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}
