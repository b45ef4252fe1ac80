/**
 * The condition language: CEL (the language of Kubernetes admission policies), via @bufbuild/cel,
 * with a few functions policy authors need for paths and URLs. Everything here is pure.
 */
import {
  CelScalar,
  celEnv,
  celFunc,
  celList,
  celMap,
  isCelError,
  parse,
  plan,
  type CelEnv,
  type CelInput,
} from '@bufbuild/cel';
import { strings } from '@bufbuild/cel/ext';
import { RE2JS } from '@bufbuild/re2';
import { globMatch, globNames, globsOverlap, hostClass, isWithin } from '../protocol/paths.js';
import type { Result } from '../protocol/index.js';

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

let sharedEnv: CelEnv | undefined;
function env(): CelEnv {
  sharedEnv ??= celEnv({
    funcs: [
      ...strings,
      celFunc('isWithin', [CelScalar.STRING, CelScalar.STRING], CelScalar.BOOL, isWithin),
      celFunc(
        'globMatch',
        [CelScalar.STRING, CelScalar.STRING],
        CelScalar.BOOL,
        (path: string, pattern: string) => globMatch(path, pattern),
      ),
      celFunc('hostOf', [CelScalar.STRING], CelScalar.STRING, hostOf),
      celFunc('hostClass', [CelScalar.STRING], CelScalar.STRING, hostClass),
    ],
    // RE2 semantics as CEL requires, with compiled patterns kept (the default compiles on every call).
    re2: {
      compile(pattern) {
        let matcher = regexCache.get(pattern);
        if (matcher === undefined) {
          const compiled = RE2JS.compile(pattern);
          matcher = { test: (text) => compiled.test(text) };
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

/** Parse and plan a CEL expression once; evaluation is then a function call. */
export function compileExpression(source: string): CompileResult {
  let parsed;
  try {
    parsed = parse(source);
  } catch (error) {
    const location = (error as { location?: { start?: { offset?: number } } }).location;
    const message = ((error as { rawMessage?: string }).rawMessage ?? (error as Error).message).replace(
      /^<input>:\d+:\d+: /,
      '',
    );
    return { ok: false, error: message, offset: location?.start?.offset ?? 0 };
  }
  let run: (bindings: Record<string, unknown>) => unknown;
  try {
    run = plan(env(), parsed) as unknown as (bindings: Record<string, unknown>) => unknown;
  } catch (error) {
    return { ok: false, error: (error as Error).message, offset: 0 };
  }
  return {
    ok: true,
    evaluate(bindings) {
      try {
        const value = run(celBindings(bindings));
        if (isCelError(value)) return { ok: false, error: value.message };
        return { ok: true, value };
      } catch (error) {
        return { ok: false, error: (error as Error).message };
      }
    },
  };
}
