/**
 * The policy linter: everything the loader rejects, plus what loads but is a mistake — unknown
 * fields in conditions, rules that never match or are shadowed, dangerously broad allows, allows a
 * workspace policy cannot have, failing inline examples. Pure; shared by `aarm policy lint` and the
 * language server.
 */
import {
  KNOWN_OPERATIONS,
  LAYERS,
  type Action,
  type Decision,
  type Effects,
  type ParseResult,
} from '../protocol/index.js';
import { openPolicyDocument, type PolicyDocument } from './document.js';
import { runExamples, type ExampleResult } from './examples.js';
import {
  analysePolicyDocument,
  createPolicySet,
  WORKSPACE_OVERRIDE,
  WORKSPACE_SECRETS,
  workspaceLoosens,
} from './load.js';
import type { ApprovedSpec, RuleSpec } from './schema.js';
import type {
  AppliedOverride,
  ApprovedUses,
  CompiledPolicyFile,
  CompiledRule,
  PolicyProblem,
  PolicyScope,
  PolicySet,
} from './types.js';

export interface LintContext {
  prepare: (action: unknown) => ParseResult<Action>;
  effectsOf: (action: Action) => Effects;
  home: string;
  /** what kind of policy the file is; else `scopeOf` says, else it is inferred from its name */
  scope?: PolicyScope;
  /** the kind of policy a file is, by its path (the language server knows the pack and user folders) */
  scopeOf?: (source: string) => PolicyScope | undefined;
  /**
   * The other policy files in force (managed, user, the pack), compiled, without `source` itself:
   * for overrides, and allows a higher layer decides first. Absent: the file is linted alone.
   */
  layers?: (source: string) => CompiledPolicyFile[];
  /** how many times an approved rule with `max_uses` was used (from the receipts), where known */
  approvedUses?: (approved: ApprovedSpec) => ApprovedUses;
}

/** Where a file sits decides what it may do: a workspace policy (`.aarm/*.yaml`, `*.aarm.yaml`) can only tighten. */
export function isWorkspacePolicy(source: string): boolean {
  return /(^|\/)\.aarm\/[^/]+\.ya?ml$|\.aarm\.ya?ml$/.test(source);
}

const PARAMETERS: Record<string, readonly string[]> = {
  shell: ['command', 'cwd', 'env'],
  fs: ['path', 'content'],
  net: ['method', 'url', 'headers', 'body'],
  mcp: ['server', 'tool', 'arguments'],
};
export const FIELDS: Record<string, readonly string[]> = {
  action: ['tool', 'operation', 'parameters', 'identity', 'session', 'context'],
  effects: [
    'reads',
    'writes',
    'deletes',
    'hosts',
    'urls',
    'network',
    'programs',
    'commands',
    'executes',
    'risks',
    'sensitive',
    'unknown',
    'signals',
    'packages',
  ],
  session: [
    'id',
    'request',
    'hasRequest',
    'laterRequests',
    'actions',
    'allowed',
    'denied',
    'recentActions',
    'dataClasses',
    'untrusted',
    'untrustedSources',
    'reads',
    'unknownReads',
    'egress',
    'secretInParameters',
    'identified',
    'priorActions',
  ],
  'action.context': ['workspace', 'request', 'toolUseId'],
  'action.identity': ['human', 'agent', 'service', 'role', 'delegation', 'flags'],
};
export { PARAMETERS };

export function lintPolicyText(text: string, source: string, context: LintContext): PolicyProblem[] {
  const document = openPolicyDocument(text, source);
  const scope: PolicyScope =
    context.scope ?? context.scopeOf?.(source) ?? (isWorkspacePolicy(source) ? 'workspace' : 'user');
  const workspace = scope === 'workspace';
  const analysis = analysePolicyDocument(document, { scope });
  // With YAML errors the document's structure is unknown; everything else is checked in one pass.
  if (analysis.unreadable) return sortProblems(analysis.problems);
  const raw = document.doc.toJS({ maxAliasCount: 1000 }) as {
    default?: unknown;
    secrets?: unknown;
    overrides?: unknown;
  } | null;
  const rules = analysis.rules;
  const overrides = Array.isArray(raw?.overrides) ? (raw.overrides as unknown[]) : [];
  const file = analysis.file;
  // The language server lints as the user types: a file's examples get two seconds, not forever.
  const alone = file
    ? runExamples(file, context, { deadline: performance.now() + LINT_EXAMPLES_MILLISECONDS })
    : [];
  return sortProblems([
    ...analysis.problems,
    ...rules.flatMap(({ spec, index }) => fieldProblems(document, spec, index)),
    ...shadowProblems(document, rules),
    ...rules.flatMap(({ spec, index }) => broadAllowProblems(document, spec, index, workspace)),
    ...(workspace ? rules.flatMap(({ spec, index }) => looseningProblems(document, spec, index)) : []),
    ...(workspace && Array.isArray(raw?.secrets) && raw.secrets.length > 0
      ? [document.problem(document.keyRange(['secrets']), 'error', 'workspace-secrets', WORKSPACE_SECRETS)]
      : []),
    ...(workspace && (raw?.default === 'allow' || raw?.default === 'modify')
      ? [
          document.problem(
            document.valueRange(['default']),
            'error',
            'workspace-loosens',
            `\`default: ${raw.default}\` is ignored: a workspace policy's default can only be stricter than your own policies' (deny, defer or step_up)`,
          ),
        ]
      : []),
    ...overrideScopeProblems(document, scope, overrides, rules),
    ...exampleDiagnostics(document, alone),
    ...(file && context.layers && !workspace
      ? layerProblems(document, { ...file, scope }, context, context.layers(source), rules, alone)
      : []),
  ]);
}

/** One problem as `aarm policy lint` and `aarm check` print it: `file:line:col: severity: message [code]`. */
export function formatProblem(p: PolicyProblem): string {
  return `${p.source}:${p.line}:${p.column}: ${p.severity}: ${p.message}${p.code ? ` [${p.code}]` : ''}`;
}

/** By position; the same problem reported twice (by the loader and the set) once. */
function sortProblems(problems: PolicyProblem[]): PolicyProblem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.line}:${p.column}:${p.severity}:${p.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Who may override and lock: a workspace policy overrides nothing; only a managed one locks. */
function overrideScopeProblems(
  document: PolicyDocument,
  scope: PolicyScope,
  overrides: unknown[],
  rules: Array<{ index: number; spec: RuleSpec }>,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (scope === 'workspace' && overrides.length > 0)
    problems.push(
      document.problem(document.keyRange(['overrides']), 'error', 'workspace-override', WORKSPACE_OVERRIDE),
    );
  if (scope === 'pack' && overrides.length > 0)
    problems.push(
      document.problem(
        document.keyRange(['overrides']),
        'error',
        'invalid-override',
        'the default pack does not override rules; change the rule itself',
      ),
    );
  if (scope === 'managed') return problems;
  const lockMessage =
    '`locked` only means something in a managed policy (installed by an administrator); here it locks nothing';
  overrides.forEach((override, index) => {
    if (
      typeof override === 'object' &&
      override !== null &&
      (override as { locked?: unknown }).locked === true
    )
      problems.push(
        document.problem(
          document.keyRange(['overrides', index, 'locked']),
          'error',
          'locked-outside-managed',
          lockMessage,
        ),
      );
  });
  for (const { spec, index } of rules)
    if (spec.locked)
      problems.push(
        document.problem(
          document.keyRange(['rules', index, 'locked']),
          'error',
          'locked-outside-managed',
          lockMessage,
        ),
      );
  return problems;
}

/**
 * What this file does among the other policies in force (`layers`): its overrides (applied, or
 * refused and why), its rules that others override, and what it allows that a rule of a higher
 * layer decides first — an allow never beats a step_up or deny (the AARM order) — with the
 * override that would let it through.
 */
function layerProblems(
  document: PolicyDocument,
  file: CompiledPolicyFile & { scope: PolicyScope },
  context: LintContext,
  others: CompiledPolicyFile[],
  specs: Array<{ index: number; spec: RuleSpec }>,
  alone: ExampleResult[],
): PolicyProblem[] {
  const set = createPolicySet(
    [...others.filter((f) => f.source !== file.source), file],
    [],
    context.approvedUses ? { usesOf: context.approvedUses } : {},
  );
  const problems: PolicyProblem[] = set.problems.filter((p) => p.source === file.source);
  const rulesById = new Map<string, CompiledRule>();
  for (const layer of set.rulesByLayer.values()) for (const rule of layer) rulesById.set(rule.id, rule);
  for (const [id, applied] of set.overrides) {
    const { override } = applied;
    if (override.source === file.source) {
      problems.push({
        ...rangeOf(override),
        severity: 'info',
        code: 'override',
        message: `overrides \`${id}\` of ${ownerName(others, id)} (${applied.original.decision}: ${applied.original.reason}): ${overrideChange(applied)}. Reason: ${override.reason}`,
      });
    }
  }
  // What an "always" approval wrote: who approved it, for which receipt, when (hover shows it).
  for (const override of file.overrides)
    if (override.approved)
      problems.push({
        ...rangeOf(override),
        severity: 'info',
        code: 'approved',
        message: `an exception of \`${override.rule}\` for exactly one action: ${provenance(override.approved, context)}`,
      });
  for (const [index, rule] of file.rules.entries())
    if (rule.approved)
      problems.push({
        ...document.problem(document.valueRange(['rules', index, 'id']), 'info', 'approved', ''),
        message: `allows exactly one action: ${provenance(rule.approved, context)}`,
      });
  for (const [index, rule] of file.rules.entries()) {
    const applied = set.overrides.get(rule.id);
    if (applied === undefined || applied.override.source === file.source) continue;
    problems.push({
      ...document.problem(document.valueRange(['rules', index, 'id']), 'info', 'overridden', ''),
      message: `\`${rule.id}\` is overridden by ${applied.override.source}: ${overrideChange(applied)}. Reason: ${applied.override.reason}`,
    });
  }
  // The pack's own allows and examples are its business: what a layer above changes shows as info.
  if (file.scope !== 'pack')
    problems.push(...overruledAllows(document, file, context, set, rulesById, specs, alone));
  return problems;
}

function provenance(approved: ApprovedSpec, context: LintContext): string {
  return `approved "always" by approver key ${approved.approver} (approval ${approved.approval}${approved.receipt ? `, receipt ${approved.receipt}` : ''}) on ${approved.date}${approved.expires ? `, until ${approved.expires}` : ''}${usesOf(approved, context)}; \`aarm grants revoke ${approved.id}\` removes it`;
}

/** `, at most 5 uses (used 2)`: the count where the receipts are at hand, else where to see it. */
function usesOf(approved: ApprovedSpec, context: LintContext): string {
  if (approved.max_uses === undefined) return '';
  const uses = context.approvedUses?.(approved);
  const counted =
    uses === undefined
      ? '`aarm grants list` shows how many are used'
      : 'error' in uses
        ? uses.error
        : `used ${uses.used} of ${approved.max_uses}`;
  return `, at most ${approved.max_uses} uses (${counted})`;
}

function rangeOf(o: { line: number; column: number; endLine: number; endColumn: number; source: string }) {
  return { source: o.source, line: o.line, column: o.column, endLine: o.endLine, endColumn: o.endColumn };
}

function ownerName(files: CompiledPolicyFile[], id: string): string {
  const owner = files.find((f) => f.rules.some((r) => r.id === id));
  if (owner === undefined) return 'another policy';
  return owner.scope === 'pack' ? 'the default pack' : `the managed policy ${owner.source}`;
}

function overrideChange(applied: AppliedOverride): string {
  const { override } = applied;
  const lock = override.locked ? ', and locked' : '';
  if (override.disable) return `switched off${lock}`;
  if (override.decision !== undefined)
    return `it decides \`${override.decision}\` instead${override.whenText ? `, only where \`${override.whenText}\`` : ''}${lock}`;
  if (override.whenText !== undefined) return `it applies only where \`${override.whenText}\` too${lock}`;
  return 'locked: no user policy may override it';
}

/** Commands an allow's condition names (`startsWith('git push --force origin fork')`), to try it on. */
function probeCommands(when: string | undefined): string[] {
  if (when === undefined) return [];
  const commands: string[] = [];
  for (const match of when.matchAll(/(^|[^A-Za-z0-9_])(["'])((?:\\.|(?!\2).){3,200})\2/g)) {
    const text = match[3]!;
    if (/^[a-z][\w.-]*( [^\s]+)+$/.test(text) && !/[\\^$*+?()[\]{}|]/.test(text)) commands.push(text);
  }
  return [...new Set(commands)].slice(0, 8);
}

const ALLOW_LAYER = LAYERS.indexOf('allow');

/** The decision comes from a layer before `allow`, from a rule this file does not hold. */
function overruledBy(
  decision: Decision | undefined,
  file: CompiledPolicyFile,
  rulesById: Map<string, CompiledRule>,
) {
  if (decision === undefined || decision.decision === 'allow' || decision.decision === 'modify')
    return undefined;
  if (LAYERS.indexOf(decision.layer) >= ALLOW_LAYER) return undefined;
  const rule = rulesById.get(decision.rule);
  if (rule?.source === file.source) return undefined;
  return { decision, rule };
}

function overruledAllows(
  document: PolicyDocument,
  file: CompiledPolicyFile & { scope: PolicyScope },
  context: LintContext,
  set: PolicySet,
  rulesById: Map<string, CompiledRule>,
  specs: Array<{ index: number; spec: RuleSpec }>,
  alone: ExampleResult[],
): PolicyProblem[] {
  const deadline = performance.now() + LINT_EXAMPLES_MILLISECONDS;
  const inForce = runExamples(file, context, { deadline, set });
  const problems: PolicyProblem[] = [];
  const reported = new Set<number>();
  const allows = file.rules.filter((rule) => rule.decision === 'allow' && rule.override === undefined);
  const ws = `${context.home}/project`;
  for (const rule of allows) {
    const entry = specs.find((e) => e.spec.id === rule.id);
    if (entry === undefined) continue;
    const { index, spec } = entry;
    // What the rule allows on its own: its examples, and commands its condition names.
    const examples = alone.flatMap((result, i) =>
      result.ok && result.rule === rule.id && result.decision?.decision === 'allow' ? [i] : [],
    );
    const tried: Array<{ what: string; by: NonNullable<ReturnType<typeof overruledBy>> | undefined }> =
      examples.map((i) => ({
        what: `example \`${alone[i]!.name}\``,
        by: overruledBy(inForce[i]!.decision, file, rulesById),
      }));
    if (rule.tools?.has('shell') && rule.tools.size === 1) {
      for (const command of probeCommands(spec.when)) {
        const action = {
          tool: 'shell',
          operation: 'exec',
          parameters: { command, cwd: ws },
          context: { workspace: ws },
          identity: { agent: { name: 'aarm-lint' } },
        };
        const probe = { name: command, action, decision: 'allow' as const, line: 0 };
        const [own] = runExamples({ ...file, examples: [probe] }, context, { deadline });
        if (own?.rule !== rule.id || own.decision?.decision !== 'allow') continue;
        const [all] = runExamples({ ...file, examples: [probe] }, context, { deadline, set });
        tried.push({ what: `\`${command}\``, by: overruledBy(all?.decision, file, rulesById) });
      }
    }
    if (tried.length === 0 || tried.some((t) => t.by === undefined)) continue;
    examples.forEach((i) => reported.add(i));
    const first = tried[0]!.by!;
    const owner = set.files.find((f) => f.source === first.rule?.source);
    const advice =
      first.rule !== undefined && owner?.scope !== 'pack' && owner?.scope !== 'managed'
        ? { text: `; change \`${first.rule.id}\` in ${first.rule.source}` }
        : overrideAdvice(file, rule, spec, first);
    // The quick fix adds the override, where the file has no `overrides:` yet.
    const end = document.text.length;
    const fix =
      advice.yaml !== undefined && !document.doc.has('overrides')
        ? {
            title: `Override \`${first.rule?.id ?? ''}\` for \`${rule.id}\``,
            edits: [
              { start: end, end, newText: `${document.text.endsWith('\n') ? '' : '\n'}${advice.yaml}\n` },
            ],
          }
        : undefined;
    problems.push(
      document.problem(
        document.valueRange(['rules', index, 'id']),
        'warning',
        'allow-never-wins',
        `\`${rule.id}\` never wins: what it allows (${tried.map((t) => t.what).join(', ')}) is decided first by ${describeDecider(first)}, and an allow never beats a ${first.decision.decision === 'step_up' ? 'step_up' : first.decision.decision} (the AARM order)${advice.text}`,
        fix,
      ),
    );
  }
  inForce.forEach((result, i) => {
    if (reported.has(i) || !alone[i]?.ok || result.ok || result.decision === undefined) return;
    const by = overruledBy(result.decision, file, rulesById);
    problems.push(
      document.problem(
        document.valueRange(['examples', i, 'decision']),
        'warning',
        'example-in-force',
        `${result.name}: ${alone[i].expected} by this file alone, but ${result.actual} with the policies in force${by ? ` (${describeDecider(by)} comes first)` : ''}`,
      ),
    );
  });
  return problems;
}

function describeDecider(by: NonNullable<ReturnType<typeof overruledBy>>): string {
  const { decision, rule } = by;
  if (rule === undefined) return `the built-in \`${decision.rule}\` (${decision.decision})`;
  const where = rule.source;
  return `\`${rule.id}\` (${decision.decision}, ${where})`;
}

/** How to let the allow through: the exact override, or why there is none. */
function overrideAdvice(
  file: CompiledPolicyFile & { scope: PolicyScope },
  allow: CompiledRule,
  spec: RuleSpec,
  by: NonNullable<ReturnType<typeof overruledBy>>,
): { text: string; yaml?: string } {
  const { rule } = by;
  if (rule === undefined) return { text: '; built-in protections cannot be overridden' };
  if (rule.locked) return { text: `; \`${rule.id}\` is locked by a managed policy` };
  const parts = [
    ...(allow.tools ? [[...allow.tools].map((t) => `action.tool == '${t}'`).join(' || ')] : []),
    ...(allow.operations
      ? [[...allow.operations].map((o) => `action.operation == '${o}'`).join(' || ')]
      : []),
    ...(spec.when ? [spec.when] : []),
  ].map((part) => `(${part})`);
  const yaml = [
    'overrides:',
    `  - rule: ${rule.id}`,
    parts.length > 0 ? `    when: ${JSON.stringify(`!(${parts.join(' && ')})`)}` : '    disable: true',
    `    reason: ${JSON.stringify(`lets \`${allow.id}\` through`)}`,
  ].join('\n');
  const where = file.scope === 'managed' ? 'this managed policy' : 'your policy (this file)';
  return {
    text: `. To let it through, override \`${rule.id}\` in ${where}, narrowed to what \`${allow.id}\` allows:\n${yaml}`,
    yaml,
  };
}

/** `action.parameters.comand`, `effects.write`, a parameter of another tool: caught before they fail at run time. */
function fieldProblems(document: PolicyDocument, rule: RuleSpec, index: number): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const tools = rule.match?.tool === undefined ? undefined : [rule.match.tool].flat();
  const check = (key: 'when' | 'details', expression: string | undefined) => {
    if (expression === undefined) return;
    // Field accesses outside string literals.
    const masked = expression.replace(/(r?)(["'])(?:\\.|(?!\2).)*\2/g, (m) => ' '.repeat(m.length));
    for (const match of masked.matchAll(/\b(action|effects|session)((?:\.[A-Za-z_]\w*)+)/g)) {
      const [root, ...fields] = [match[1]!, ...match[2]!.slice(1).split('.')];
      const at = (offset: number, length: number) => {
        const start = document.offsetInString(['rules', index, key], offset);
        return { start, end: start + length };
      };
      let scope = root;
      let offset = match.index + root.length + 1;
      for (const field of fields) {
        if (scope === 'action.parameters') {
          const known = tools ? tools.flatMap((t) => PARAMETERS[t] ?? []) : Object.values(PARAMETERS).flat();
          if (!known.includes(field)) {
            const where = tools ? `of ${tools.join('/')} actions` : 'of any action';
            problems.push(
              document.problem(
                at(offset, field.length),
                'error',
                'unknown-field',
                `\`${field}\` is not a parameter ${where} (known: ${[...new Set(known)].join(', ')})`,
              ),
            );
          } else if (
            !tools &&
            ['command', 'path', 'url', 'server'].includes(field) &&
            !/\bhas\(|action\.tool\s*==/.test(expression)
          ) {
            problems.push(
              document.problem(
                at(offset, field.length),
                'warning',
                'unguarded-field',
                `\`action.parameters.${field}\` exists only for some tools: add \`match: { tool: … }\`, or the rule fails (and denies) on the others`,
              ),
            );
          }
          break;
        }
        const known = FIELDS[scope];
        if (known === undefined) break;
        if (!known.includes(field)) {
          problems.push(
            document.problem(
              at(offset, field.length),
              'error',
              'unknown-field',
              `\`${scope}\` has no field \`${field}\` (known: ${known.join(', ')})`,
            ),
          );
          break;
        }
        scope = `${scope}.${field}`;
        offset += field.length + 1;
      }
    }
    if (key === 'when' && /^\s*false\s*$/.test(expression)) {
      problems.push(
        document.problem(
          document.valueRange(['rules', index, 'when']),
          'warning',
          'never-matches',
          'the condition is always false: this rule never matches',
        ),
      );
    }
  };
  check('when', rule.when);
  check('details', rule.details);
  return problems;
}

/** A rule after one in the same layer that always matches the same actions can never decide anything. */
function shadowProblems(
  document: PolicyDocument,
  entries: Array<{ index: number; spec: RuleSpec }>,
): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  const rules = entries.map((e) => e.spec);
  const layer = (r: RuleSpec) => (r.forbidden ? 'forbidden' : r.compositional ? 'compositional' : r.decision);
  const covers = (outer: string | string[] | undefined, inner: string | string[] | undefined) =>
    outer === undefined || (inner !== undefined && [inner].flat().every((x) => [outer].flat().includes(x)));
  rules.forEach((rule, index) => {
    // Every MODIFY rule gets a say (conflicts defer), so none shadows another.
    if (layer(rule) === 'modify') return;
    const earlier = rules
      .slice(0, index)
      .find(
        (e) =>
          layer(e) === layer(rule) &&
          (e.when === undefined || /^\s*true\s*$/.test(e.when)) &&
          covers(e.match?.tool, rule.match?.tool) &&
          covers(e.match?.operation, rule.match?.operation),
      );
    if (earlier) {
      problems.push(
        document.problem(
          document.valueRange(['rules', entries[index]!.index, 'id']),
          'warning',
          'shadowed',
          `rule \`${rule.id}\` never decides: \`${earlier.id}\` comes first in the same layer and matches every action this one could`,
        ),
      );
    }
  });
  return problems;
}

/** INVARIANT: a workspace policy only tightens; the daemon drops these rules (policy/load.ts `onlyTightening`). */
function looseningProblems(document: PolicyDocument, rule: RuleSpec, index: number): PolicyProblem[] {
  if (rule.decision !== 'allow' && rule.decision !== 'modify') return [];
  return [
    document.problem(
      document.valueRange(['rules', index, 'decision']),
      'error',
      'workspace-loosens',
      workspaceLoosens(rule.id, rule.decision),
    ),
  ];
}

const INTERPRETERS = /\b(bash|sh|zsh|dash|python\d*|node|perl|ruby|php|deno|bun|pwsh)\b/;

function broadAllowProblems(
  document: PolicyDocument,
  rule: RuleSpec,
  index: number,
  workspace: boolean,
): PolicyProblem[] {
  if (rule.decision !== 'allow') return [];
  const problems: PolicyProblem[] = [];
  const range = document.valueRange(['rules', index, 'id']);
  const tools = rule.match?.tool === undefined ? Object.keys(KNOWN_OPERATIONS) : [rule.match.tool].flat();
  const when = rule.when ?? '';
  const unconditional = rule.when === undefined || /^\s*true\s*$/.test(when);
  const warn = (message: string) => problems.push(document.problem(range, 'warning', 'broad-allow', message));
  if (unconditional && tools.includes('shell'))
    warn(
      `\`${rule.id}\` allows every shell command; say which (a condition on \`effects\`, \`action.parameters.cwd\`…)`,
    );
  if (tools.includes('net') && (unconditional || !/host|url/.test(when)))
    warn(
      `\`${rule.id}\` allows network requests to any host; list the hosts (\`effects.hosts\`, \`hostOf(action.parameters.url)\`)`,
    );
  if (unconditional && tools.includes('mcp')) warn(`\`${rule.id}\` allows every MCP tool call`);
  if (/\bsudo\b|\bdoas\b|privilege-escalation/.test(when))
    warn(`\`${rule.id}\` allows \`sudo\`: root can do anything, including switching aarm off`);
  if (INTERPRETERS.test(when) && /-[ce]\b|inline:/.test(when))
    warn(`\`${rule.id}\` allows an interpreter's inline code (\`-c\`/\`-e\`), which can do anything`);
  // INVARIANT: a workspace policy can only tighten. An allow there cannot lift a built-in protection.
  if (
    workspace &&
    /\.aarm\b|aarm_home|\.local\/state\/aarm|receipts\.db|approver-token|self-protection/i.test(when)
  ) {
    problems.push(
      document.problem(
        range,
        'error',
        'loosens-protection',
        `\`${rule.id}\` tries to allow actions on aarm's own policy or state; a workspace policy can only tighten, and the built-in protection always wins`,
      ),
    );
  }
  return problems;
}

const LINT_EXAMPLES_MILLISECONDS = 2000;

function exampleDiagnostics(document: PolicyDocument, results: ExampleResult[]): PolicyProblem[] {
  return results.flatMap((result, index) =>
    result.ok
      ? []
      : [
          document.problem(
            document.valueRange(['examples', index, 'decision']),
            'error',
            'example',
            `${result.name}: expected ${result.expected}, got ${result.actual}`,
          ),
        ],
  );
}
