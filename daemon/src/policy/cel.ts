/**
 * The condition language: CEL (the language of Kubernetes admission policies), via @bufbuild/cel,
 * with a few functions policy authors need for paths and URLs. Pure, apart from the evaluation
 * budget's clock.
 *
 * A repository's `.aarm/` is written by whoever wrote the repository, and conditions run on the
 * daemon's one thread: every evaluation spends from a budget (`withBudget`), and one that runs out
 * is an error, which denies (fail closed) instead of stalling every client.
 */
import {
  CelScalar,
  celEnv,
  celFunc,
  celList,
  celMap,
  celMethod,
  isCelError,
  parse,
  plan,
  type CelEnv,
  type CelFunc,
  type CelInput,
  type CelValue,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { RE2JS } from '@bufbuild/re2';
import { globMatch, globNames, globsOverlap, hostClass, isWithin } from '../protocol/paths.js';
import type { Result } from '../protocol/index.js';
import { explainSyntaxError } from './cel-syntax.js';

export { globMatch, globNames, globsOverlap, hostClass, isWithin };

/** Lower-case host of a URL, or "" when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}

const regexCache = new Map<string, { test(text: string): boolean }>();

/** The longest condition, details or modify expression a policy may hold (the pack's longest is ~450). */
export const MAX_EXPRESSION_LENGTH = 4096;

/**
 * What one decision's conditions may cost, all rules together: steps (one per item a
 * comprehension visits; globs and regular expressions by the size of their work) and time.
 * Generous for real policies: the default pack stays within it on 1 MiB actions (linear-time test).
 */
export const EVALUATION_BUDGET = { steps: 1_000_000, milliseconds: 100 } as const;

/**
 * The process's CPU time in milliseconds. The budget is the conditions' own time: on a busy machine
 * the wall clock also counts the time other processes ran, and it made the default pack's own
 * examples fail at load (so every action was denied) when the machine was loaded.
 */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

interface Budget {
  steps: number;
  calls: number;
  /** CPU milliseconds spent inside conditions so far, and when the one running now began */
  usedMs: number;
  since: number;
  exhausted: string | undefined;
}

let activeBudget: Budget | undefined;

/**
 * Run `fn` (which evaluates conditions) within one budget. Nested calls share the outer budget,
 * so a decision that evaluates many rules, or re-evaluates a modified action, cannot multiply it.
 */
export function withBudget<T>(fn: () => T): T {
  if (activeBudget !== undefined) return fn();
  activeBudget = {
    steps: EVALUATION_BUDGET.steps,
    calls: 0,
    usedMs: 0,
    since: 0,
    exhausted: undefined,
  };
  try {
    return fn();
  } finally {
    activeBudget = undefined;
  }
}

/** Spend from the active budget; throws (a CEL error inside an evaluation) once it is gone. */
function spend(units: number): void {
  const budget = activeBudget;
  if (budget === undefined) return;
  if (budget.exhausted === undefined) {
    budget.steps -= units;
    if (budget.steps < 0)
      budget.exhausted = `more than ${EVALUATION_BUDGET.steps.toLocaleString('en')} steps`;
    // The clock every 16 small charges (reading it costs too), and at every large one.
    else if (
      ((++budget.calls & 15) === 0 || units > 64) &&
      budget.usedMs + cpuMs() - budget.since > EVALUATION_BUDGET.milliseconds
    )
      budget.exhausted = 'more time than its budget';
  }
  if (budget.exhausted !== undefined) throw new Error(budgetMessage(budget.exhausted));
}

const budgetMessage = (what: string) =>
  `the policy's conditions took ${what} for this action (a condition this costly is refused, not waited for)`;

/** The name of the step counter put into every comprehension; `@` keeps policy text from calling it. */
const STEP = '@aarm_step';
/** The name of the size charge put around costly operands (METERED_OPERANDS). */
const SIZED = '@aarm_sized';

/** The largest string (characters) or list (items) a condition may build or compare. */
export const MAX_VALUE_SIZE = 4 * 1024 * 1024;

type Expr = ReturnType<typeof parse>['expr'];
type Call = Extract<Expr['exprKind'], { case: 'callExpr' }>['value'];
/** A real call node to copy (the parser's own message shape), so the planner sees nothing unusual. */
const CALL_SHAPE = (parse('f(true)').expr.exprKind as { value: Call }).value;

/** Functions available in conditions, besides CEL's standard library and string extensions. */
export const POLICY_FUNCTIONS = [
  { name: 'isWithin', signature: 'isWithin(path, dir) → bool', doc: 'path is dir or inside it' },
  {
    name: 'globMatch',
    signature: 'globMatch(path, pattern) → bool',
    doc: 'shell glob; `**` crosses directories',
  },
  { name: 'hostOf', signature: 'hostOf(url) → string', doc: 'lower-case host of a URL, "" if not a URL' },
  {
    name: 'hostClass',
    signature: 'hostClass(host) → string',
    doc: '`loopback`, `private`, `metadata`, `public` or `unknown`',
  },
] as const;

export const POLICY_VARIABLES = ['action', 'effects', 'session', 'workspace', 'home'] as const;

/**
 * How large a regular expression's program is, roughly: RE2 matches in time linear in the text
 * times the program, and `{1000}` repeats what it follows a thousand times in the program.
 */
export function regexWeight(pattern: string): number {
  let weight = pattern.length;
  for (const [, low, high] of pattern.matchAll(/\{(\d{1,7})(?:,(\d{0,7}))?\}/g))
    weight *= Math.max(1, Number(high || low));
  return Math.min(weight, Number.MAX_SAFE_INTEGER / 1e7);
}

/** A value's size without walking it: characters of a string, bytes, items of a list or map. */
function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (value instanceof Uint8Array) return value.length;
  if (value !== null && typeof value === 'object' && typeof (value as { size?: unknown }).size === 'number')
    return (value as { size: number }).size * 16;
  return 0;
}

/** Units of work for a value a string function reads or returns: its size, in KiB. */
function sizeUnits(value: unknown): number {
  if (typeof value === 'string') return value.length >> 10;
  if (Array.isArray(value)) return value.length >> 4;
  if (value !== null && typeof value === 'object' && Symbol.iterator in value) {
    let n = 0;
    for (const item of value as Iterable<unknown>)
      n += 1 + (typeof item === 'string' ? item.length >> 10 : 0);
    return n >> 4;
  }
  return 0;
}

/** A string-extension function that pays for what it reads and what it returns. */
function metered(fn: CelFunc): CelFunc {
  const wrapper = Object.create(fn) as CelFunc;
  return Object.assign(wrapper, {
    call(id: number, target: CelValue | undefined, args: CelValue[]) {
      spend(1 + sizeUnits(target) + args.reduce<number>((n, a) => n + sizeUnits(a), 0));
      const result = fn.call(id, target, args);
      spend(sizeUnits(result));
      return result;
    },
  });
}

/**
 * `text.replace(from, to[, limit])` in linear time (the library's own rebuilds the string at each
 * occurrence: a 1 MiB command took over a minute). Go's semantics, as CEL specifies: an empty `from`
 * matches before each character and at the end; a negative limit means all.
 */
export function replaceLinear(text: string, from: string, to: string, limit: number): string {
  const pieces = from === '' ? ['', ...Array.from(text), ''] : text.split(from);
  const joints = pieces.length - 1;
  const replaced = limit < 0 ? joints : Math.min(limit, joints);
  spend(1 + Math.floor((text.length + replaced * to.length) / 1024));
  if (from === '') return pieces.slice(0, replaced + 1).join(to) + pieces.slice(replaced + 1).join('');
  return (
    pieces.slice(0, replaced + 1).join(to) +
    (replaced < joints ? from + pieces.slice(replaced + 1).join(from) : '')
  );
}

let sharedEnv: CelEnv | undefined;
function env(): CelEnv {
  sharedEnv ??= celEnv({
    funcs: [
      ...strings.filter((f) => f.name !== 'replace').map(metered),
      celMethod(
        'replace',
        CelScalar.STRING,
        [CelScalar.STRING, CelScalar.STRING],
        CelScalar.STRING,
        function (this: string, from: string, to: string) {
          return replaceLinear(this, from, to, -1);
        },
      ),
      celMethod(
        'replace',
        CelScalar.STRING,
        [CelScalar.STRING, CelScalar.STRING, CelScalar.INT],
        CelScalar.STRING,
        function (this: string, from: string, to: string, limit: bigint) {
          return replaceLinear(this, from, to, Number(limit));
        },
      ),
      celFunc('isWithin', [CelScalar.STRING, CelScalar.STRING], CelScalar.BOOL, isWithin),
      celFunc(
        'globMatch',
        [CelScalar.STRING, CelScalar.STRING],
        CelScalar.BOOL,
        (path: string, pattern: string) => {
          // The matcher is linear in each, so at worst path × pattern.
          spend(1 + Math.floor((path.length * pattern.length) / 16));
          return globMatch(path, pattern);
        },
      ),
      celFunc(STEP, [CelScalar.BOOL], CelScalar.BOOL, (condition: boolean) => {
        spend(1);
        return condition;
      }),
      celFunc(SIZED, [CelScalar.DYN], CelScalar.DYN, (value: CelValue) => {
        const size = sizeOf(value);
        if (size > MAX_VALUE_SIZE) {
          if (activeBudget && activeBudget.exhausted === undefined)
            activeBudget.exhausted = `a value of more than ${MAX_VALUE_SIZE.toLocaleString('en')} characters or items`;
          spend(0);
        }
        spend(1 + (size >> 10));
        return value;
      }),
      celFunc('hostOf', [CelScalar.STRING], CelScalar.STRING, hostOf),
      celFunc('hostClass', [CelScalar.STRING], CelScalar.STRING, hostClass),
    ],
    // RE2 semantics as CEL requires, with compiled patterns kept (the default compiles on every call).
    re2: {
      compile(pattern) {
        let matcher = regexCache.get(pattern);
        // A pattern built at run time is compiled in the evaluation: that is charged too.
        const weight = regexWeight(pattern);
        spend(1 + Math.floor(weight / 64));
        if (matcher === undefined) {
          const compiled = RE2JS.compile(pattern);
          matcher = {
            test: (text) => {
              spend(1 + Math.floor((text.length * weight) / 64));
              return compiled.test(text);
            },
          };
          if (regexCache.size > 1000) regexCache.clear();
          regexCache.set(pattern, matcher);
        }
        return matcher;
      },
    },
  });
  return sharedEnv;
}

export interface ConditionBindings {
  action: unknown;
  effects: unknown;
  session: unknown;
  workspace: string;
  home: string;
}

export type CompiledExpression = (bindings: ConditionBindings) => Result<{ value: unknown }>;

/** `offset`: where the error is, 0-based inside the expression */
export type CompileResult = Result<{ evaluate: CompiledExpression }, { offset: number }>;

const converted = new WeakMap<ConditionBindings, Record<string, unknown>>();

/**
 * The bindings as CEL values, converted once for every rule of an evaluation (the library would
 * otherwise copy `effects` into a new map at each access, in each rule).
 */
function celBindings(bindings: ConditionBindings): Record<string, unknown> {
  let cel = converted.get(bindings);
  if (cel === undefined) {
    cel = Object.fromEntries(Object.entries(bindings).map(([k, v]) => [k, toCelDeep(v)]));
    converted.set(bindings, cel);
  }
  return cel;
}

function toCelDeep(value: unknown): CelInput {
  // Lists as they are: their items (strings, mostly) are converted when a rule reads them.
  if (Array.isArray(value)) return celList(value as CelInput[]);
  if (typeof value === 'object' && value !== null && value.constructor === Object)
    return celMap(new Map(Object.entries(value).map(([k, v]) => [k, toCelDeep(v)])));
  return value as CelInput;
}

/**
 * Standard functions and operators whose cost grows with their operands: each operand passes
 * through `@aarm_sized`, which charges its size, and what `+` builds is charged and capped too (a
 * string doubled twenty times in nested one-item loops once took seconds, then all the memory).
 */
const METERED_OPERANDS = new Set([
  '_+_',
  '@in',
  '_==_',
  '_!=_',
  '_<_',
  '_<=_',
  '_>_',
  '_>=_',
  'contains',
  'startsWith',
  'endsWith',
  'matches',
  'size',
  'string',
  'bytes',
]);

/** Wrap an expression in a call to `fn` (a real call node of the parser's own shape). */
const wrapped = (fn: string, inner: Expr): Expr => ({
  ...inner,
  exprKind: { case: 'callExpr', value: { ...CALL_SHAPE, function: fn, args: [inner] } },
});

/**
 * Make an expression pay for its work. Every comprehension (`all`, `exists`, `map`, `filter`…)
 * counts its steps: its loop condition, evaluated once per item, becomes `@aarm_step(condition)`;
 * a step past the budget is an error, and the fold returns it at once, so nested loops stop too.
 * Costly operators charge their operands' size (METERED_OPERANDS).
 */
function meter(root: Expr): void {
  const stack: Array<Expr | undefined> = [root];
  while (stack.length > 0) {
    const expr = stack.pop();
    if (expr === undefined) continue;
    const kind = expr.exprKind;
    switch (kind.case) {
      case 'callExpr': {
        const call = kind.value;
        stack.push(call.target, ...call.args);
        if (!METERED_OPERANDS.has(call.function)) break;
        call.args = call.args.map((arg) => wrapped(SIZED, arg));
        if (call.target !== undefined) call.target = wrapped(SIZED, call.target);
        // What `+` builds is charged (and capped) as well: the node becomes `@aarm_sized(a + b)`.
        if (call.function === '_+_') expr.exprKind = wrapped(SIZED, { ...expr }).exprKind;
        break;
      }
      case 'listExpr':
        stack.push(...kind.value.elements);
        break;
      case 'structExpr':
        for (const entry of kind.value.entries) {
          stack.push(entry.value);
          if (entry.keyKind.case === 'mapKey') stack.push(entry.keyKind.value);
        }
        break;
      case 'selectExpr':
        stack.push(kind.value.operand);
        break;
      case 'comprehensionExpr': {
        const loop = kind.value;
        stack.push(loop.iterRange, loop.accuInit, loop.loopCondition, loop.loopStep, loop.result);
        if (loop.loopCondition !== undefined) loop.loopCondition = wrapped(STEP, loop.loopCondition);
        break;
      }
      default:
        break;
    }
  }
}

/** Brackets or unary operators nested deeper than this are refused before parsing. */
export const MAX_EXPRESSION_NESTING = 32;

/**
 * Where an expression nests deeper than MAX_EXPRESSION_NESTING (brackets, or a run of `!`/`-`),
 * outside string literals; undefined when it does not. The parser backtracks on deep unclosed
 * nesting: 800 characters of `!(` took over a second to fail.
 */
export function tooDeep(source: string): number | undefined {
  let depth = 0;
  let unary = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '"' || c === "'") {
      // Skip the literal: triple-quoted or single, with backslash escapes (raw strings have none
      // that matter here: an escaped quote only makes the literal end later).
      const triple = source.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      i += close.length;
      while (i < source.length && !source.startsWith(close, i)) i += source[i] === '\\' ? 2 : 1;
      i += close.length - 1;
      unary = 0;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
    if (c === '!' || c === '-') unary++;
    else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '(') unary = 0;
    if (depth > MAX_EXPRESSION_NESTING || unary > MAX_EXPRESSION_NESTING) return i;
  }
  return undefined;
}

/** Parse and plan a CEL expression once; evaluation is then a function call. */
export function compileExpression(
  source: string,
  options: { guards?: boolean; columnOf?: (offset: number) => number } = {},
): CompileResult {
  const deep = tooDeep(source);
  if (deep !== undefined)
    return {
      ok: false,
      error: `brackets or operators nested more than ${MAX_EXPRESSION_NESTING} deep`,
      offset: deep,
    };
  if (source.length > MAX_EXPRESSION_LENGTH)
    return {
      ok: false,
      error: `an expression may have at most ${MAX_EXPRESSION_LENGTH} characters (this one has ${source.length})`,
      offset: MAX_EXPRESSION_LENGTH,
    };
  let parsed;
  try {
    parsed = parse(source);
  } catch (error) {
    // The library's parser backtracks and often names the wrong token: say it in plain words.
    const explained = explainSyntaxError(source, options.columnOf);
    if (explained) return { ok: false, error: explained.message, offset: explained.offset };
    const location = (error as { location?: { start?: { offset?: number } } }).location;
    const message = ((error as { rawMessage?: string }).rawMessage ?? (error as Error).message).replace(
      /^<input>:\d+:\d+: /,
      '',
    );
    return { ok: false, error: message, offset: location?.start?.offset ?? 0 };
  }
  let run: (bindings: Record<string, unknown>) => unknown;
  // Read before metering rewrites the tree.
  const provenFalse = options.guards === false ? [] : falseGuards(parsed.expr);
  try {
    meter(parsed.expr);
    run = plan(env(), parsed) as unknown as (bindings: Record<string, unknown>) => unknown;
  } catch (error) {
    return { ok: false, error: (error as Error).message, offset: 0 };
  }
  return {
    ok: true,
    evaluate(bindings) {
      if (provenFalse.some((guard) => guard(bindings))) return PROVEN_FALSE;
      return withBudget(() => {
        // Only time inside conditions counts (not the analysis or built-in checks around them).
        const budget = activeBudget!;
        budget.since = cpuMs();
        try {
          const value = run(celBindings(bindings));
          // `exhausted || true` is still exhausted: the work was cut short, so the value says nothing.
          if (activeBudget?.exhausted !== undefined)
            return { ok: false, error: budgetMessage(activeBudget.exhausted) };
          if (isCelError(value)) return { ok: false, error: value.message };
          return { ok: true, value };
        } catch (error) {
          return { ok: false, error: (error as Error).message };
        } finally {
          budget.usedMs += cpuMs() - budget.since;
        }
      });
    },
  };
}

/**
 * Quick tests that prove a condition false without running it (issue 20: most rules of a policy
 * do not apply to most actions, and a CEL evaluation costs microseconds). Each one looks at one
 * conjunct of the condition's top-level `&&` chain; in CEL a false operand makes `&&` false
 * whatever the others give, errors included, so skipping the rest changes no result. Recognised,
 * on a field of `action`, `effects` or `session` (never a local name):
 * - `F.exists(x, …)`, `size(F) > 0`, `F.size() > 0`: false when F is an empty list;
 * - `'text' in F`: false when F is a list without that string;
 * - `F` and `!F`: false when F is the boolean false, or true.
 * A value of any other type (a field absent, a map) proves nothing: the condition runs.
 */
type Guard = (bindings: ConditionBindings) => boolean;
/** What a guard answers (one object: tests tell a guarded answer from an evaluated one). */
export const PROVEN_FALSE = Object.freeze({ ok: true, value: false } as const);

function falseGuards(root: Expr): Guard[] {
  const conjuncts: Expr[] = [];
  const flatten = (expr: Expr) => {
    const kind = expr.exprKind;
    if (kind.case === 'callExpr' && kind.value.function === '_&&_' && kind.value.target === undefined)
      kind.value.args.forEach(flatten);
    else conjuncts.push(expr);
  };
  flatten(root);
  return conjuncts.flatMap((expr) => {
    const guard = conjunctGuard(expr);
    return guard ? [guard] : [];
  });
}

function conjunctGuard(expr: Expr): Guard | undefined {
  const kind = expr.exprKind;
  const emptyList = (path: string[] | undefined): Guard | undefined =>
    path &&
    ((bindings) => {
      const value = readPath(bindings, path);
      return Array.isArray(value) && value.length === 0;
    });
  switch (kind.case) {
    case 'selectExpr': {
      const path = fieldPath(expr);
      return path && ((bindings) => readPath(bindings, path) === false);
    }
    case 'comprehensionExpr': {
      // `exists`: the fold starts false and gives its accumulator, so over no items it is false.
      const loop = kind.value;
      const init = loop.accuInit?.exprKind;
      const result = loop.result?.exprKind;
      const startsFalse =
        init?.case === 'constExpr' &&
        init.value.constantKind.case === 'boolValue' &&
        init.value.constantKind.value === false;
      const givesAccumulator = result?.case === 'identExpr' && result.value.name === loop.accuVar;
      return startsFalse && givesAccumulator && loop.iterVar2 === ''
        ? emptyList(loop.iterRange && fieldPath(loop.iterRange))
        : undefined;
    }
    case 'callExpr': {
      const call = kind.value;
      if (call.function === '!_' && call.args.length === 1) {
        const path = fieldPath(call.args[0]!);
        return path && ((bindings) => readPath(bindings, path) === true);
      }
      if (call.function === '@in' && call.args.length === 2) {
        const needle = call.args[0]!.exprKind;
        const path = fieldPath(call.args[1]!);
        if (needle.case !== 'constExpr' || needle.value.constantKind.case !== 'stringValue' || !path)
          return undefined;
        const text = needle.value.constantKind.value;
        return (bindings) => {
          const value = readPath(bindings, path);
          return Array.isArray(value) && !value.includes(text);
        };
      }
      if (call.function === '_>_' && call.args.length === 2) {
        const [left, right] = call.args as [Expr, Expr];
        const zero =
          right.exprKind.case === 'constExpr' &&
          right.exprKind.value.constantKind.case === 'int64Value' &&
          right.exprKind.value.constantKind.value === 0n;
        const sized = left.exprKind.case === 'callExpr' ? left.exprKind.value : undefined;
        if (!zero || sized?.function !== 'size') return undefined;
        const operand = sized.target ?? (sized.args.length === 1 ? sized.args[0] : undefined);
        if (operand === undefined || (sized.target !== undefined && sized.args.length > 0)) return undefined;
        return emptyList(fieldPath(operand));
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

const GUARDED_ROOTS = new Set(['action', 'effects', 'session']);

/** `effects.hosts` → ['effects', 'hosts']: a chain of plain field selections from a policy variable. */
function fieldPath(expr: Expr): string[] | undefined {
  const path: string[] = [];
  let node: Expr | undefined = expr;
  while (node?.exprKind.case === 'selectExpr') {
    if (node.exprKind.value.testOnly) return undefined; // `has(…)`
    path.unshift(node.exprKind.value.field);
    node = node.exprKind.value.operand;
  }
  if (node?.exprKind.case !== 'identExpr' || !GUARDED_ROOTS.has(node.exprKind.value.name)) return undefined;
  return path.length > 0 ? [node.exprKind.value.name, ...path] : undefined;
}

/** The value at `path` in the bindings, through own fields of plain objects only. */
function readPath(bindings: ConditionBindings, path: string[]): unknown {
  let value: unknown = bindings;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key))
      return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
