/**
 * Policy files → compiled rules. Pure: takes text, returns a compiled file or problems with
 * positions. Broken policy never half-loads: a file with an error contributes no rules, and the
 * set it belongs to denies everything until it is fixed (fail closed).
 */
import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import { KNOWN_OPERATIONS, LAYERS, type DecisionKind, type Layer, type Risk } from '../protocol/index.js';
import { compileExpression } from './cel.js';
import { PolicyFileSchema, type RuleSpec } from './schema.js';
import type { CompiledPolicyFile, CompiledRule, PolicyProblem, PolicySet } from './types.js';

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

export type LoadResult =
  | { ok: true; file: CompiledPolicyFile; problems: PolicyProblem[] }
  | { ok: false; problems: PolicyProblem[] };

export function loadPolicyText(text: string, source: string): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problems: PolicyProblem[] = [];
  const at = (offset: number, severity: PolicyProblem['severity'], message: string) => {
    const pos = lineCounter.linePos(offset);
    problems.push({ source, line: pos.line, column: pos.col, severity, message });
  };
  const atPath = (
    path: ReadonlyArray<string | number>,
    message: string,
    severity: PolicyProblem['severity'] = 'error',
  ) => at(offsetOf(doc, path), severity, message);

  for (const error of doc.errors) at(error.pos[0], 'error', `yaml: ${firstLine(error.message)}`);
  if (problems.length > 0) return { ok: false, problems };

  const parsed = PolicyFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      const keys = (issue as { keys?: string[] }).keys;
      const where = keys?.[0] !== undefined ? [...path, keys[0]] : path;
      const label = path.length > 0 ? `\`${path.join('.')}\`: ` : '';
      atPath(where, `${label}${issue.message.toLowerCase()}`);
    }
    return { ok: false, problems };
  }
  const spec = parsed.data;

  const rules: CompiledRule[] = [];
  const seen = new Set<string>();
  spec.rules.forEach((rule, index) => {
    const path = ['rules', index];
    if (rule.id.startsWith(RESERVED_PREFIX))
      atPath([...path, 'id'], `rule id \`${rule.id}\`: the \`builtin.\` prefix is reserved`);
    if (seen.has(rule.id)) atPath([...path, 'id'], `duplicate rule id \`${rule.id}\``);
    seen.add(rule.id);
    const compiled = compileRule(
      rule,
      source,
      lineCounter.linePos(offsetOf(doc, path)).line,
      (sub, message) => atPath([...path, ...sub], message),
    );
    if (compiled !== undefined) rules.push(compiled);
  });

  const examples = spec.examples.map((example, index) => ({
    ...example,
    line: lineCounter.linePos(offsetOf(doc, ['examples', index])).line,
  }));

  if (problems.some((p) => p.severity === 'error')) return { ok: false, problems };
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
    },
  };
}

function compileRule(
  rule: RuleSpec,
  source: string,
  line: number,
  report: (path: ReadonlyArray<string | number>, message: string) => void,
): CompiledRule | undefined {
  let ok = true;
  const fail = (path: ReadonlyArray<string | number>, message: string) => {
    ok = false;
    report(path, message);
  };
  const tools = asSet(rule.match?.tool);
  const operations = asSet(rule.match?.operation);
  for (const tool of tools ?? []) {
    if (!(tool in KNOWN_OPERATIONS)) {
      fail(
        ['match', 'tool'],
        `unknown tool \`${tool}\` (known: ${Object.keys(KNOWN_OPERATIONS).join(', ')})`,
      );
    }
  }
  const knownOps = new Set(
    [...(tools ?? Object.keys(KNOWN_OPERATIONS))].flatMap(
      (t) => KNOWN_OPERATIONS[t as keyof typeof KNOWN_OPERATIONS] ?? [],
    ),
  );
  for (const operation of operations ?? []) {
    if (!knownOps.has(operation)) {
      fail(['match', 'operation'], `unknown operation \`${operation}\` (known: ${[...knownOps].join(', ')})`);
    }
  }
  if ((rule.forbidden || rule.compositional) && rule.decision !== 'deny') {
    fail(
      ['decision'],
      `a ${rule.forbidden ? 'forbidden' : 'compositional'} rule must have decision \`deny\``,
    );
  }
  if (rule.decision === 'modify' && rule.modify === undefined)
    fail(['modify'], 'a `modify` rule needs `modify.set`');
  if (rule.decision !== 'modify' && rule.modify !== undefined) {
    fail(['modify'], `\`modify\` only applies to rules with decision \`modify\`, not \`${rule.decision}\``);
  }

  let when: CompiledRule['when'];
  if (rule.when !== undefined) {
    const compiled = compileExpression(rule.when);
    if (compiled.ok) when = compiled.evaluate;
    else
      fail(['when'], `condition: ${compiled.error} (at character ${compiled.offset + 1} of the condition)`);
  }
  let details: CompiledRule['details'];
  if (rule.details !== undefined) {
    const compiled = compileExpression(rule.details);
    if (compiled.ok) details = compiled.evaluate;
    else fail(['details'], `details: ${compiled.error} (at character ${compiled.offset + 1})`);
  }
  const modify: Array<CompiledRule['modify'][number]> = [];
  for (const [parameter, expression] of Object.entries(rule.modify?.set ?? {})) {
    const compiled = compileExpression(expression);
    if (compiled.ok) modify.push({ parameter, value: compiled.evaluate });
    else fail(['modify', 'set', parameter], `expression for \`${parameter}\`: ${compiled.error}`);
  }
  if (!ok) return undefined;

  const layer: Layer = rule.forbidden ? 'forbidden' : rule.compositional ? 'compositional' : rule.decision;
  return {
    id: rule.id,
    source,
    line,
    layer,
    decision: rule.decision,
    reason: rule.reason,
    risk: rule.risk ?? DEFAULT_RISK[rule.decision],
    tools,
    operations,
    when,
    details,
    modify,
  };
}

/** Assemble compiled files (in precedence order: packs, user, workspace) into one set. */
export function createPolicySet(files: CompiledPolicyFile[], problems: PolicyProblem[] = []): PolicySet {
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
  let defaultDecision = ENGINE_DEFAULT;
  let defaultSource = 'builtin';
  const declared = files.filter((f) => f.default !== undefined);
  if (declared.length > 0) {
    const strictest = declared.reduce((a, b) =>
      DEFAULT_STRICTNESS.indexOf(b.default!) < DEFAULT_STRICTNESS.indexOf(a.default!) ? b : a,
    );
    defaultDecision = strictest.default!;
    defaultSource = strictest.source;
  }
  const hash = createHash('sha256')
    .update(JSON.stringify([ENGINE_VERSION, files.map((f) => [f.source, f.sha256]), allProblems.length]))
    .digest('hex');
  return { files, rulesByLayer, defaultDecision, defaultSource, hash, problems: allProblems };
}

function asSet(value: string | string[] | undefined): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  return new Set(Array.isArray(value) ? value : [value]);
}

/** Byte offset of the node at `path`, falling back to its nearest ancestor that exists. */
function offsetOf(doc: Document, path: ReadonlyArray<string | number>): number {
  for (let length = path.length; length >= 0; length--) {
    const node = doc.getIn(path.slice(0, length), true);
    if (isNode(node) && node.range) return node.range[0];
    // For a key that exists, point at the key rather than its parent.
    if (length > 0) {
      const parent = doc.getIn(path.slice(0, length - 1), true) as
        { items?: Array<{ key?: unknown }> } | undefined;
      const key = parent?.items?.find(
        (item) => isNode(item.key) && (item.key as { value?: unknown }).value === path[length - 1],
      );
      if (key && isNode(key.key) && key.key.range) return key.key.range[0];
    }
  }
  return 0;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\.$/, '').replace(/^./, (c) => c.toLowerCase());
}
