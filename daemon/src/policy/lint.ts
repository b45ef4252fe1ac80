/**
 * The policy linter: everything the loader rejects, plus what loads but is a mistake — unknown
 * fields in conditions, rules that never match or are shadowed, dangerously broad allows, allows a
 * workspace policy cannot have, failing inline examples. Pure; shared by `aarm policy lint` and the
 * language server.
 */
import { KNOWN_OPERATIONS, type Action, type Effects, type ParseResult } from '../protocol/index.js';
import { openPolicyDocument, type PolicyDocument } from './document.js';
import { runExamples } from './examples.js';
import { loadPolicyDocument, WORKSPACE_SECRETS, workspaceLoosens } from './load.js';
import type { RuleSpec } from './schema.js';
import type { CompiledPolicyFile, PolicyProblem } from './types.js';

export interface LintContext {
  prepare: (action: unknown) => ParseResult<Action>;
  effectsOf: (action: Action) => Effects;
  home: string;
  /** what kind of policy the file is; else `scopeOf` says, else it is inferred from its name */
  scope?: 'workspace' | 'user' | 'pack';
  /** the kind of policy a file is, by its path (the language server knows the pack and user folders) */
  scopeOf?: (source: string) => 'workspace' | 'user' | 'pack' | undefined;
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
  const loaded = loadPolicyDocument(document);
  // With YAML or schema errors the rules cannot be read reliably; with others they can.
  if (
    !loaded.ok &&
    loaded.problems.some((p) => p.code === 'yaml' || p.code === 'schema' || p.code === 'unknown-key')
  )
    return loaded.problems;
  const spec = document.doc.toJS({ maxAliasCount: 1000 }) as { rules?: RuleSpec[] };
  const rules = spec.rules ?? [];
  const scope = context.scope ?? context.scopeOf?.(source);
  const workspace = scope ? scope === 'workspace' : isWorkspacePolicy(source);
  return [
    ...loaded.problems,
    ...rules.flatMap((rule, index) => fieldProblems(document, rule, index)),
    ...shadowProblems(document, rules),
    ...rules.flatMap((rule, index) => broadAllowProblems(document, rule, index, workspace)),
    ...(workspace ? rules.flatMap((rule, index) => looseningProblems(document, rule, index)) : []),
    ...(workspace && loaded.ok && loaded.file.secrets.length > 0
      ? [document.problem(document.keyRange(['secrets']), 'error', 'workspace-secrets', WORKSPACE_SECRETS)]
      : []),
    ...(workspace && loaded.ok && (loaded.file.default === 'allow' || loaded.file.default === 'modify')
      ? [
          document.problem(
            document.valueRange(['default']),
            'error',
            'workspace-loosens',
            `\`default: ${loaded.file.default}\` is ignored: a workspace policy's default can only be stricter than your own policies' (deny, defer or step_up)`,
          ),
        ]
      : []),
    ...(loaded.ok ? exampleDiagnostics(document, loaded.file, context) : []),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
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
function shadowProblems(document: PolicyDocument, rules: RuleSpec[]): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
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
          document.valueRange(['rules', index, 'id']),
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

function exampleDiagnostics(
  document: PolicyDocument,
  file: CompiledPolicyFile,
  context: LintContext,
): PolicyProblem[] {
  // The language server lints as the user types: a file's examples get two seconds, not forever.
  const deadline = performance.now() + LINT_EXAMPLES_MILLISECONDS;
  return runExamples(file, context, { deadline }).flatMap((result, index) =>
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
