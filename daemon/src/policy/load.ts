/**
 * Policy files → compiled rules. Pure: takes text, returns a compiled file or problems with
 * positions. Broken policy never half-loads: a file with an error contributes no rules, and the
 * set it belongs to denies everything until it is fixed (fail closed).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  KNOWN_OPERATIONS,
  LAYERS,
  type DecisionKind,
  type Layer,
  type Risk,
  type SecretBinding,
} from '../protocol/index.js';
import { compileExpression, type CompiledExpression } from './cel.js';
import {
  ExampleSchema,
  OverrideSchema,
  PolicyFileSchema,
  RuleSchema,
  SecretSchema,
  type ApprovedSpec,
  type OverrideSpec,
  type RuleSpec,
  type SecretSpec,
} from './schema.js';
import { openPolicyDocument, type Path, type PolicyDocument } from './document.js';
import { SCOPE_PRECEDENCE } from './types.js';
import type {
  AppliedOverride,
  ApprovedUses,
  CompiledOverride,
  CompiledPolicyFile,
  CompiledRule,
  PolicyProblem,
  PolicyScope,
  PolicySet,
} from './types.js';
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
  options: { deadline?: number; scope?: PolicyScope } = {},
): LoadResult {
  return loadPolicyDocument(openPolicyDocument(text, source), options);
}

export function loadPolicyDocument(
  document: PolicyDocument,
  options: { deadline?: number; scope?: PolicyScope } = {},
): LoadResult {
  const analysis = analysePolicyDocument(document, options);
  return analysis.file
    ? { ok: true, problems: analysis.problems, file: analysis.file }
    : loadFailure(analysis.problems);
}

/** What the loader learnt of a file: every problem in one pass, and the parts that are valid. */
export interface PolicyAnalysis {
  problems: PolicyProblem[];
  /** the YAML could not be read: nothing else was checked */
  unreadable: boolean;
  /** rules that passed the schema, with their index in `rules` */
  rules: Array<{ index: number; spec: RuleSpec }>;
  /** whether every one of those rules compiled */
  rulesCompiled: boolean;
  /** the compiled file, when it has no error */
  file?: CompiledPolicyFile;
}

/** The keys holding lists whose items are checked one by one, so that one wrong item hides no other. */
const ITEM_SCHEMAS = {
  rules: RuleSchema,
  examples: ExampleSchema,
  secrets: SecretSchema,
  overrides: OverrideSchema,
} as const;
const ITEM_LIMITS: Record<keyof typeof ITEM_SCHEMAS, number | undefined> = {
  rules: undefined,
  examples: undefined,
  secrets: 64,
  overrides: 256,
};
/** The file's own keys, with the lists taken as they are (their items are checked on their own). */
const HeadSchema = PolicyFileSchema.extend({
  rules: z.unknown().optional(),
  examples: z.unknown().optional(),
  secrets: z.unknown().optional(),
  overrides: z.unknown().optional(),
});

/**
 * Every problem of a file in one pass: YAML, then the schema item by item (a wrong rule does not
 * hide the next one's problems), then each valid rule compiled (fields, conditions). The file is
 * usable only without any error.
 */
export function analysePolicyDocument(
  document: PolicyDocument,
  options: { deadline?: number; scope?: PolicyScope } = {},
): PolicyAnalysis {
  const { doc, source, text } = document;
  const problems: PolicyProblem[] = [];
  const none = (unreadable: boolean): PolicyAnalysis => ({
    problems,
    unreadable,
    rules: [],
    rulesCompiled: false,
  });
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
  if (problems.length > 0) return none(true);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    problems.push(
      document.problem({ start: 0, end: 1 }, 'error', 'yaml', `yaml: ${firstLine((error as Error).message)}`),
    );
    return none(true);
  }
  // A repository's file can hold thousands of wrong items: the first hundred say enough.
  let budget = MAX_PROBLEMS;
  const schemaIssues = (issues: z.core.$ZodIssue[], prefix: Path) => {
    for (const issue of issues.slice(0, Math.max(0, budget))) {
      budget--;
      problems.push(schemaProblem(document, { ...issue, path: [...prefix, ...issue.path] }));
    }
  };
  const head = HeadSchema.safeParse(value);
  if (!head.success) schemaIssues(head.error.issues, []);
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const items = <K extends keyof typeof ITEM_SCHEMAS>(key: K) => {
    const valid: Array<{ index: number; spec: z.infer<(typeof ITEM_SCHEMAS)[K]> }> = [];
    const list = record[key];
    if (list === undefined || list === null) return valid;
    if (!Array.isArray(list)) {
      schemaIssues([{ code: 'custom', path: [], message: 'must be a list', input: list }], [key]);
      return valid;
    }
    const limit = ITEM_LIMITS[key];
    if (limit !== undefined && list.length > limit)
      report([key], 'schema', `\`${key}\`: at most ${limit} items (this file has ${list.length})`);
    list.forEach((item, index) => {
      const parsed = ITEM_SCHEMAS[key].safeParse(item);
      if (parsed.success) valid.push({ index, spec: parsed.data as z.infer<(typeof ITEM_SCHEMAS)[K]> });
      else schemaIssues(parsed.error.issues, [key, index]);
    });
    return valid;
  };
  const validRules = items('rules');
  const validExamples = items('examples');
  const validSecrets = items('secrets');
  const validOverrides = items('overrides');

  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  let rulesCompiled = true;
  for (const { index, spec: rule } of validRules) {
    const path = ['rules', index];
    if (options.deadline !== undefined && performance.now() > options.deadline) {
      report(
        path,
        'too-costly',
        'the policy took longer than its budget to compile, so it is refused (fewer or shorter conditions)',
      );
      rulesCompiled = false;
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
    else rulesCompiled = false;
  }
  const overrides = validOverrides.flatMap(({ index, spec }) => {
    const compiled = compileOverride(spec, document, ['overrides', index], problems);
    return compiled ? [compiled] : [];
  });

  const examples = validExamples.map(({ index, spec }) => ({
    ...spec,
    line: document.position(document.valueRange(['examples', index]).start).line,
  }));

  const analysis: PolicyAnalysis = { problems, unreadable: false, rules: validRules, rulesCompiled };
  if (problems.some((p) => p.severity === 'error') || !head.success) return analysis;
  analysis.file = {
    source,
    name: head.data.name,
    sha256: createHash('sha256').update(text).digest('hex'),
    default: head.data.default,
    rules,
    examples,
    secrets: validSecrets.map(({ spec }) => secretBinding(spec)),
    overrides,
    ...(options.scope ? { scope: options.scope } : {}),
  };
  return analysis;
}

/** An override, checked on its own: what it changes, a condition that compiles, a reason. */
function compileOverride(
  spec: OverrideSpec,
  document: PolicyDocument,
  path: Path,
  problems: PolicyProblem[],
): CompiledOverride | undefined {
  const at = (sub: Path) => document.valueRange([...path, ...sub]);
  const fail = (sub: Path, code: string, message: string, range = at(sub)) => {
    problems.push(document.problem(range, 'error', code, message));
    return undefined;
  };
  if (spec.rule.startsWith(RESERVED_PREFIX))
    return fail(
      ['rule'],
      'override-builtin',
      `\`${spec.rule}\` is a built-in protection (aarm's own files and process); no policy can override it`,
    );
  const changes = [spec.disable, spec.decision, spec.when].filter((c) => c !== undefined).length;
  if (changes === 0 && !spec.locked)
    return fail(
      ['rule'],
      'invalid-override',
      'an override says what it changes: `disable: true`, `decision: …` or `when: …`',
    );
  if (spec.disable && changes > 1)
    return fail(
      ['disable'],
      'invalid-override',
      '`disable: true` switches the rule off; leave out `decision` and `when`',
    );
  if (spec.approved && (spec.when === undefined || changes > 1 || spec.locked))
    return fail(
      ['approved'],
      'invalid-override',
      'an approved exception (`approved:`) only narrows the rule with `when`: no `disable`, `decision` or `locked`',
    );
  let when: CompiledExpression | undefined;
  if (spec.when !== undefined) {
    const compiled = compileExpression(spec.when, {
      columnOf: (offset) => document.position(document.offsetInString([...path, 'when'], offset)).column,
    });
    if (!compiled.ok) {
      const offset = document.offsetInString([...path, 'when'], compiled.offset);
      return fail(['when'], 'cel', `condition: ${compiled.error}`, { start: offset, end: offset + 1 });
    }
    when = compiled.evaluate;
  }
  const range = at(['rule']);
  const start = document.position(range.start);
  const end = document.position(range.end);
  return {
    rule: spec.rule,
    source: document.source,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    disable: spec.disable === true,
    ...(spec.decision ? { decision: spec.decision } : {}),
    ...(when && spec.when !== undefined ? { when, whenText: spec.when } : {}),
    reason: spec.reason,
    locked: spec.locked === true,
    ...(spec.approved ? { approved: spec.approved } : {}),
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
  if (path[0] === 'overrides' && path.length === 2) return Object.keys(OverrideSchema.shape);
  if (path[0] === 'secrets' && path.length === 2) return Object.keys(SecretSchema.shape);
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
    const compiled = compileExpression(expression, {
      columnOf: (offset) => document.position(document.offsetInString([...path, ...sub], offset)).column,
    });
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
    ...(rule.locked ? { locked: true } : {}),
    ...(rule.approved ? { approved: rule.approved } : {}),
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
  if (loosening.length === 0 && file.secrets.length === 0 && file.overrides.length === 0)
    return { file: { ...file, scope: 'workspace' }, problems: [] };
  return {
    // A repository that binds a secret would have it sent wherever its author likes.
    file: {
      ...file,
      rules: file.rules.filter((rule) => !loosening.includes(rule)),
      secrets: [],
      overrides: [],
      scope: 'workspace',
    },
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
      ...file.overrides.map((override) => ({
        ...overridePosition(override),
        severity: 'warning' as const,
        code: 'workspace-override',
        message: WORKSPACE_OVERRIDE,
      })),
    ],
  };
}

export const WORKSPACE_OVERRIDE =
  "`overrides` is ignored: a workspace policy cannot change the default pack's rules (the repository's author would loosen them); put the override in your own policies (`$AARM_HOME/policies/`)";

function overridePosition(override: CompiledOverride) {
  const { source, line, column, endLine, endColumn } = override;
  return { source, line, column, endLine, endColumn };
}

export const WORKSPACE_SECRETS =
  "`secrets` is ignored: a workspace policy cannot bind your credentials to hosts (the repository's author would choose where they go); put the binding in your own policies (`$AARM_HOME/policies/`)";

/** Why a workspace rule is ignored; the same words for the daemon and the linter. */
export function workspaceLoosens(id: string, decision: string): string {
  return `\`${id}\` is ignored: a workspace policy can only deny, step up or defer, and this rule would ${decision === 'modify' ? 'rewrite actions' : 'allow actions'}; put it in your own policies (\`$AARM_HOME/policies/\`) if you mean it`;
}

/** A file's place in the layers: its own `scope`, else a workspace's by `workspaceSources`, else a user's. */
function scopeOf(file: CompiledPolicyFile, workspaceSources?: ReadonlySet<string>): PolicyScope {
  return file.scope ?? (workspaceSources?.has(file.source) ? 'workspace' : 'user');
}

const SCOPE_NAMES: Record<PolicyScope, string> = {
  managed: 'a managed policy',
  user: 'your policy',
  workspace: 'a workspace policy',
  pack: 'the default pack',
};

/**
 * Assemble compiled files into one set. Rules decide in the AARM layer order (forbidden →
 * compositional → defer → deny → step_up → modify → allow); within a layer the files take their
 * turn by precedence (managed, user, workspace, then the pack), each in file order. Overrides of
 * the pack's (and managed) rules are applied here; one that cannot apply is a warning and the rule
 * stays as it is (the stricter outcome).
 */
export function createPolicySet(
  files: CompiledPolicyFile[],
  problems: PolicyProblem[] = [],
  options: {
    workspaceSources?: ReadonlySet<string>;
    /**
     * How many times an approved rule with `max_uses` was used (the daemon counts them from the
     * receipts), or why that cannot be known (then it is left out, as used up). Absent: not counted.
     */
    usesOf?: (approved: ApprovedSpec) => ApprovedUses;
  } = {},
): PolicySet {
  const allProblems = [...problems];
  const scoped = files.map((file) => ({ file, scope: scopeOf(file, options.workspaceSources) }));
  const ordered = [...scoped].sort(
    (a, b) => SCOPE_PRECEDENCE.indexOf(a.scope) - SCOPE_PRECEDENCE.indexOf(b.scope),
  );
  const owners = new Map<string, { source: string; scope: PolicyScope; rule: CompiledRule }>();
  for (const { file, scope } of scoped) {
    for (const rule of file.rules) {
      const owner = owners.get(rule.id);
      if (owner !== undefined && owner.source !== file.source) {
        allProblems.push({
          source: file.source,
          line: rule.line,
          column: 1,
          severity: 'error',
          code: 'duplicate-id',
          message: `rule id \`${rule.id}\` is already used in \`${owner.source}\`${owner.scope === 'pack' && (scope === 'user' || scope === 'managed') ? '; to change that rule of the default pack, override it (`overrides:` with `rule: ' + rule.id + '`)' : ''}`,
        });
      } else owners.set(rule.id, { source: file.source, scope, rule });
    }
  }
  const now = Date.now();
  // Why an approved entry no longer applies: past its expiry, or used as often as it may be.
  const ended = (entry: { approved?: ApprovedSpec | undefined }): string | undefined => {
    const approved = entry.approved;
    if (approved === undefined) return undefined;
    if (approved.expires !== undefined && Date.parse(approved.expires) <= now)
      return `this approval expired at ${approved.expires}: it no longer applies`;
    if (approved.max_uses === undefined || options.usesOf === undefined) return undefined;
    const uses = options.usesOf(approved);
    if ('error' in uses) return `${uses.error}: it no longer applies`;
    return uses.used >= approved.max_uses
      ? `this approval was used ${uses.used} of ${approved.max_uses} times: it no longer applies`
      : undefined;
  };
  const overrides = applicableOverrides(
    ordered.map(({ file, scope }) => ({
      file: { ...file, overrides: file.overrides.filter((o) => o.approved === undefined) },
      scope,
    })),
    owners,
    allProblems,
  );
  const exceptions = approvedExceptions(ordered, owners, overrides, allProblems, ended);

  const rulesByLayer = new Map<Layer, CompiledRule[]>(LAYERS.map((layer) => [layer, []]));
  for (const { file, scope } of ordered) {
    for (const rule of file.rules) {
      // An approved allow only counts in your own policy, and not once expired or used up.
      if (rule.approved !== undefined && (scope !== 'user' || ended(rule) !== undefined)) continue;
      const applied = overrides.get(rule.id);
      const owned = owners.get(rule.id)?.rule === rule;
      const overridden = applied !== undefined && owned;
      let changed = overridden ? withOverride(rule, applied) : rule;
      const excepted = owned ? exceptions.get(rule.id) : undefined;
      if (excepted !== undefined) changed = { ...changed, exceptions: excepted };
      rulesByLayer.get(changed.layer)?.push(changed);
      // Another decision only where the override's `when` holds: elsewhere the rule decides as it
      // did (an override narrows what it changes; it never drops the rule outside that).
      if (overridden && changed.decision !== rule.decision && applied.override.when !== undefined)
        rulesByLayer.get(rule.layer)?.push({
          ...rule,
          ...(excepted !== undefined ? { exceptions: excepted } : {}),
          override: { ...applied, outside: true },
        });
    }
  }
  // The strictest declared default wins. A workspace's files (a repository's) only tighten: they
  // compete with the default of everything else, the engine's `deny` when nothing else declares one.
  const strictest = (candidates: Array<{ default: DecisionKind; source: string }>) =>
    candidates.reduce((a, b) =>
      DEFAULT_STRICTNESS.indexOf(b.default) < DEFAULT_STRICTNESS.indexOf(a.default) ? b : a,
    );
  const declared = (list: typeof scoped) =>
    list.flatMap(({ file: f }) =>
      f.default !== undefined ? [{ default: f.default, source: f.source }] : [],
    );
  const baseDeclared = declared(scoped.filter((f) => f.scope !== 'workspace'));
  const base =
    baseDeclared.length > 0 ? strictest(baseDeclared) : { default: ENGINE_DEFAULT, source: 'builtin' };
  const chosen = strictest([base, ...declared(scoped.filter((f) => f.scope === 'workspace'))]);
  const defaultDecision = chosen.default;
  const defaultSource = chosen.source;
  const hash = createHash('sha256')
    .update(
      JSON.stringify([
        ENGINE_VERSION,
        scoped.map(({ file: f, scope }) => [f.source, f.sha256, scope]),
        allProblems.length,
      ]),
    )
    .digest('hex');
  const secrets = scoped.filter((f) => f.scope !== 'workspace').flatMap(({ file: f }) => f.secrets);
  return {
    files,
    rulesByLayer,
    defaultDecision,
    defaultSource,
    hash,
    problems: allProblems,
    secrets,
    overrides,
  };
}

/**
 * Which overrides apply, by the id of the rule they change. A user's or a managed policy may
 * override the pack's rules; a user's may override a managed policy's rules too, unless that rule
 * (or the managed override of a pack rule) is `locked`. Where managed and user override the same
 * rule, managed wins. Everything else is refused with a warning, and the rule stays as it is.
 */
function applicableOverrides(
  ordered: Array<{ file: CompiledPolicyFile; scope: PolicyScope }>,
  owners: ReadonlyMap<string, { source: string; scope: PolicyScope; rule: CompiledRule }>,
  problems: PolicyProblem[],
): Map<string, AppliedOverride> {
  const applied = new Map<string, AppliedOverride>();
  for (const { file, scope } of ordered) {
    for (const override of file.overrides) {
      const refuse = (code: string, message: string) =>
        problems.push({ ...overridePosition(override), severity: 'warning', code, message });
      const target = owners.get(override.rule);
      if (scope === 'workspace') {
        refuse('workspace-override', WORKSPACE_OVERRIDE);
        continue;
      }
      if (scope === 'pack') {
        refuse('invalid-override', 'the default pack does not override rules; change the rule itself');
        continue;
      }
      if (override.locked && scope !== 'managed') {
        refuse(
          'locked-outside-managed',
          '`locked` only means something in a managed policy; this override applies, unlocked',
        );
      }
      if (target === undefined) {
        refuse(
          'override-unknown-rule',
          `no rule \`${override.rule}\` in the default pack${scope === 'user' ? ' or a managed policy' : ''}: this override changes nothing`,
        );
        continue;
      }
      const overridable = target.scope === 'pack' || (target.scope === 'managed' && scope === 'user');
      if (!overridable) {
        refuse(
          'override-own-rule',
          `\`${override.rule}\` is a rule of ${SCOPE_NAMES[target.scope]} (\`${target.source}\`), not one you can override: change the rule itself`,
        );
        continue;
      }
      if (target.rule.locked && scope === 'user') {
        refuse(
          'override-locked',
          `\`${override.rule}\` is locked by the managed policy \`${target.source}\`: this override is ignored`,
        );
        continue;
      }
      const earlier = applied.get(override.rule);
      if (earlier !== undefined) {
        refuse(
          earlier.override.locked && scope === 'user' ? 'override-locked' : 'override-superseded',
          earlier.override.locked && scope === 'user'
            ? `\`${override.rule}\` is locked by the managed policy \`${earlier.override.source}\`: this override is ignored`
            : `\`${override.rule}\` is already overridden by ${SCOPE_NAMES[earlier.scope]} (\`${earlier.override.source}\`), which comes first: this override is ignored`,
        );
        continue;
      }
      const kind = override.disable ? 'disable' : override.decision !== undefined ? 'decision' : 'when';
      applied.set(override.rule, {
        kind,
        override,
        scope,
        original: { decision: target.rule.decision, layer: target.rule.layer, reason: target.rule.reason },
      });
    }
  }
  // A managed lock alone (`locked: true` and no change) changes nothing about the rule.
  for (const [id, entry] of applied)
    if (!entry.override.disable && entry.override.decision === undefined && entry.override.when === undefined)
      applied.set(id, { ...entry, kind: 'when' });
  return applied;
}

/**
 * The exceptions "always" approvals wrote (`overrides:` with `approved:`), by rule id. Only your
 * own policy's count, on a rule you could override (the pack's, a managed policy's unless locked);
 * an expired or used-up one is left out. Unlike other overrides they add up: each stands aside for one action.
 */
function approvedExceptions(
  ordered: Array<{ file: CompiledPolicyFile; scope: PolicyScope }>,
  owners: ReadonlyMap<string, { source: string; scope: PolicyScope; rule: CompiledRule }>,
  applied: ReadonlyMap<string, AppliedOverride>,
  problems: PolicyProblem[],
  ended: (override: CompiledOverride) => string | undefined,
): Map<string, CompiledOverride[]> {
  const exceptions = new Map<string, CompiledOverride[]>();
  for (const { file, scope } of ordered) {
    for (const override of file.overrides) {
      if (override.approved === undefined) continue;
      const refuse = (code: string, message: string) =>
        problems.push({ ...overridePosition(override), severity: 'warning', code, message });
      const target = owners.get(override.rule);
      const why = scope === 'user' ? ended(override) : undefined;
      if (scope !== 'user')
        refuse('approved-outside-user', 'an approved exception counts only in your own policy');
      else if (why !== undefined)
        refuse(why.startsWith('this approval expired') ? 'approved-expired' : 'approved-used-up', why);
      else if (target === undefined)
        refuse(
          'override-unknown-rule',
          `no rule \`${override.rule}\` in the default pack or a managed policy: this exception changes nothing`,
        );
      else if (!(target.scope === 'pack' || target.scope === 'managed'))
        refuse(
          'override-own-rule',
          `\`${override.rule}\` is a rule of ${SCOPE_NAMES[target.scope]}, not one you can override`,
        );
      else if (target.rule.locked || applied.get(override.rule)?.override.locked)
        refuse(
          'override-locked',
          `\`${override.rule}\` is locked by a managed policy: this exception is ignored`,
        );
      else exceptions.set(override.rule, [...(exceptions.get(override.rule) ?? []), override]);
    }
  }
  return exceptions;
}

/** The rule as the override has it: same id and condition; another decision, or marked off or narrowed. */
function withOverride(rule: CompiledRule, applied: AppliedOverride): CompiledRule {
  const decision = applied.override.decision;
  if (decision === undefined || decision === rule.decision) return { ...rule, override: applied };
  // A forbidden or compositional rule given `deny` stays in its layer; any other decision moves it.
  const layer: Layer = decision === 'deny' && rule.decision === 'deny' ? rule.layer : decision;
  const verb = { allow: 'allowed', deny: 'denied', step_up: 'stepped up', defer: 'deferred' }[decision];
  return {
    ...rule,
    decision,
    layer,
    reason: `${applied.override.reason} (${verb} by an override of \`${rule.id}\`, which would ${rule.decision === 'step_up' ? 'step up' : rule.decision}: ${rule.reason})`,
    risk: decision === 'allow' ? 'low' : rule.risk,
    override: applied,
  };
}

function asSet(value: string | string[] | undefined): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  return new Set(Array.isArray(value) ? value : [value]);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}
