/**
 * Globs over absolute paths, matched without regular expressions: a pattern compiles to a short
 * list of tokens and is simulated as an NFA, so a match costs at most O(path × pattern) whatever
 * the input (a policy file or a command line cannot make it backtrack). Pure.
 *
 * Syntax: `**` matches anything, `/` included (any depth, dot files too); `*` anything but `/`;
 * `?` one character but `/`; `[abc]`, `[a-z]`, `[!x]`/`[^x]`, `[[:alpha:]]` one character of a
 * class; `\x` the character x. With `dotRule` (Bash globbing), `*`, `?` and a class never match
 * a leading `.` of a path segment.
 */

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'any' }
  | { kind: 'class'; negated: boolean; test: (char: string) => boolean; chars: string | undefined }
  | { kind: 'star' }
  | { kind: 'globstar' };

const POSIX_CLASSES: Record<string, (c: string) => boolean> = {
  alpha: (c) => /\p{L}/u.test(c),
  digit: (c) => c >= '0' && c <= '9',
  alnum: (c) => /[\p{L}\p{N}]/u.test(c),
  upper: (c) => /\p{Lu}/u.test(c),
  lower: (c) => /\p{Ll}/u.test(c),
  space: (c) => /\s/.test(c),
  blank: (c) => c === ' ' || c === '\t',
  punct: (c) => /[!-/:-@[-`{-~]/.test(c),
  xdigit: (c) => /[0-9a-fA-F]/.test(c),
  word: (c) => /\w/.test(c),
  print: (c) => c >= ' ' && c !== '\x7f',
  graph: (c) => c > ' ' && c !== '\x7f',
  cntrl: (c) => c < ' ' || c === '\x7f',
};

const compiled = new Map<string, Token[]>();

/**
 * What any match must contain, for a quick no: the literal characters before the first wildcard
 * (a prefix of the path), after the last (a suffix), and the longest literal run (somewhere).
 */
interface Literals {
  prefix: string;
  suffix: string;
  longest: string;
}
const literalsOf = new WeakMap<Token[], Literals>();

function literals(tokens: Token[]): Literals {
  let found = literalsOf.get(tokens);
  if (found !== undefined) return found;
  const runs: string[] = [''];
  for (const t of tokens) {
    if (t.kind === 'char') runs[runs.length - 1] += t.char;
    else runs.push('');
  }
  const wild = runs.length > 1;
  found = {
    prefix: runs[0]!,
    suffix: wild ? runs[runs.length - 1]! : '',
    longest: runs.reduce((a, b) => (b.length > a.length ? b : a), ''),
  };
  literalsOf.set(tokens, found);
  return found;
}

function compile(pattern: string): Token[] {
  let tokens = compiled.get(pattern);
  if (tokens !== undefined) return tokens;
  tokens = [];
  // Found once, not per `[`: a pattern of many unclosed `[` would otherwise be scanned to its end
  // at each one (quadratic in what an agent wrote).
  const lastClose = pattern.lastIndexOf(']');
  const namedClose = nextFinder(pattern, ':]');
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    // `[a]` is the shortest class: with no `]` two places on, `[` is an ordinary character.
    if (c === '[' && i + 2 > lastClose) tokens.push({ kind: 'char', char: '[' });
    else if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        while (pattern[i + 1] === '*') i++;
        tokens.push({ kind: 'globstar' });
      } else tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '[') {
      const parsed = parseClass(pattern, i, namedClose);
      if (parsed === undefined) tokens.push({ kind: 'char', char: '[' });
      else {
        tokens.push(parsed.token);
        i = parsed.end;
      }
    } else if (c === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'char', char: pattern[++i]! });
    else tokens.push({ kind: 'char', char: c });
  }
  if (compiled.size > 5000) compiled.clear();
  compiled.set(pattern, tokens);
  return tokens;
}

/** The next occurrence of `needle` at or after a position; searched again only when it is behind. */
function nextFinder(text: string, needle: string): (from: number) => number {
  let asked = Infinity;
  let found = -1;
  return (from) => {
    if (from < asked || (found !== -1 && found < from)) found = text.indexOf(needle, from);
    asked = from;
    return found;
  };
}

/** `[…]` starting at `start`; undefined when it is not closed (then `[` is an ordinary character). */
function parseClass(
  pattern: string,
  start: number,
  namedClose: (from: number) => number,
): { token: Token; end: number } | undefined {
  let i = start + 1;
  const negated = pattern[i] === '!' || pattern[i] === '^';
  if (negated) i++;
  const singles: string[] = [];
  const ranges: Array<[string, string]> = [];
  const named: Array<(c: string) => boolean> = [];
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === ']' && !first) break;
    first = false;
    if (c === '[' && pattern[i + 1] === ':') {
      const close = namedClose(i + 2);
      const test = close > 0 ? POSIX_CLASSES[pattern.slice(i + 2, close)] : undefined;
      if (test) {
        named.push(test);
        i = close + 1;
        continue;
      }
    }
    let char = c;
    if (c === '\\' && i + 1 < pattern.length) char = pattern[++i]!;
    if (pattern[i + 1] === '-' && i + 2 < pattern.length && pattern[i + 2] !== ']') {
      let to = pattern[i + 2]!;
      i += 2;
      if (to === '\\' && i + 1 < pattern.length) to = pattern[++i]!;
      ranges.push([char, to]);
    } else singles.push(char);
  }
  if (i >= pattern.length) return undefined;
  const member = (c: string) =>
    singles.includes(c) || ranges.some(([a, b]) => c >= a && c <= b) || named.some((t) => t(c));
  const exact = ranges.length === 0 && named.length === 0 ? singles.join('') : undefined;
  return {
    token: { kind: 'class', negated, test: (c) => member(c) !== negated, chars: exact },
    end: i,
  };
}

/**
 * Whether a token can consume `char` at a place where `segmentStart` says a segment begins.
 * `text` mode is Bash's pattern matching on strings (`${X%.*}`, `case`): `/` is a character like
 * any other.
 */
function consumes(
  token: Token,
  char: string,
  segmentStart: boolean,
  dotRule: boolean,
  text = false,
): boolean {
  const slash = char === '/' && !text;
  switch (token.kind) {
    case 'char':
      return token.char === char;
    case 'any':
      return !slash && !(dotRule && segmentStart && char === '.');
    case 'class':
      return !slash && !(dotRule && segmentStart && char === '.') && token.test(char);
    case 'star':
      return !slash && !(dotRule && segmentStart && char === '.');
    case 'globstar':
      return true;
  }
}

const isStar = (t: Token | undefined) => t !== undefined && (t.kind === 'star' || t.kind === 'globstar');

/**
 * Whether `path` matches `pattern`. Linear in each: an NFA over pattern positions. With `text`,
 * the subject is any string, not a path (`*` matches `/` too).
 */
export function globMatch(
  path: string,
  pattern: string,
  options: { dotRule?: boolean; text?: boolean } = {},
): boolean {
  const tokens = compile(pattern);
  const dotRule = options.dotRule ?? false;
  const text = options.text ?? false;
  const n = tokens.length;
  // Most patterns are ruled out by a literal part the path lacks (`/home/u/.aws/**`, `**/.env`).
  const { prefix, suffix, longest } = literals(tokens);
  if (!path.startsWith(prefix) || !path.endsWith(suffix) || !path.includes(longest)) return false;
  // current[i]: the pattern can be at token i before the next character.
  let current = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  const close = (states: Uint8Array) => {
    for (let i = 0; i < n; i++) if (states[i] && isStar(tokens[i])) states[i + 1] = 1; // a star may match nothing
  };
  current[0] = 1;
  close(current);
  for (let p = 0; p < path.length; p++) {
    const char = path[p]!;
    const segmentStart = p === 0 || path[p - 1] === '/';
    next.fill(0);
    let alive = false;
    for (let i = 0; i < n; i++) {
      if (!current[i]) continue;
      const token = tokens[i]!;
      if (!consumes(token, char, segmentStart, dotRule, text)) continue;
      alive = true;
      if (isStar(token)) next[i] = 1;
      else next[i + 1] = 1;
    }
    if (!alive) return false;
    close(next);
    [current, next] = [next, current];
  }
  return current[n] === 1;
}

/**
 * Whether some path matches both patterns (either may be a literal path). Used to ask whether a
 * command's glob (`~/.local/state/a?rm/*`) can reach a protected path or a sensitive pattern.
 * With `dotRuleA`, the first pattern is a Bash glob whose wildcards never match a leading dot.
 * Errs toward overlapping where character classes are hard to compare (fail closed).
 */
export function globsOverlap(a: string, b: string, options: { dotRuleA?: boolean } = {}): boolean {
  // A literal path overlaps a pattern when it matches it (the common case, and much cheaper).
  if (!/[*?[\\]/.test(a)) return globMatch(a, b);
  if (!/[*?[\\]/.test(b)) return globMatch(b, a, { dotRule: options.dotRuleA ?? false });
  const x = compile(a);
  const y = compile(b);
  // A string matching both starts with both literal prefixes and ends with both literal suffixes.
  const [la, lb] = [literals(x), literals(y)];
  if (!la.prefix.startsWith(lb.prefix) && !lb.prefix.startsWith(la.prefix)) return false;
  if (!la.suffix.endsWith(lb.suffix) && !lb.suffix.endsWith(la.suffix)) return false;
  const dotRule = options.dotRuleA ?? false;
  const width = y.length + 1;
  // State: positions in both patterns, and whether the next character starts a path segment.
  const seen = new Uint8Array((x.length + 1) * width * 2);
  const stack: number[] = [];
  const push = (i: number, j: number, segmentStart: boolean) => {
    const key = (i * width + j) * 2 + (segmentStart ? 1 : 0);
    if (!seen[key]) {
      seen[key] = 1;
      stack.push(key);
    }
  };
  push(0, 0, true);
  while (stack.length > 0) {
    const key = stack.pop()!;
    const segmentStart = (key & 1) === 1;
    const pair = key >> 1;
    const i = Math.floor(pair / width);
    const j = pair % width;
    if (i === x.length && j === y.length) return true;
    const s = x[i];
    const t = y[j];
    if (isStar(s)) push(i + 1, j, segmentStart); // a star matching nothing
    if (isStar(t)) push(i, j + 1, segmentStart);
    if (s === undefined || t === undefined) continue;
    const shared = sharedCharacter(s, t, dotRule && segmentStart);
    if (shared === undefined) continue;
    // Both consume one character: stars may stay to consume more.
    for (const char of shared) {
      const next = char === '/';
      push(isStar(s) ? i : i + 1, isStar(t) ? j : j + 1, next);
      if (isStar(s) && isStar(t)) {
        push(i + 1, j, next);
        push(i, j + 1, next);
      }
    }
  }
  return false;
}

/** Wildcards of a Bash glob: they never match a leading dot (globstar `**` does, by our convention). */
const isDotRuled = (t: Token) => t.kind === 'any' || t.kind === 'class' || t.kind === 'star';

/**
 * Characters both tokens can consume, as representatives: `/` when a segment may end there, and
 * one other (any character but `/`). Undefined when they share none.
 */
function sharedCharacter(s: Token, t: Token, noLeadingDot: boolean): string[] | undefined {
  if (noLeadingDot && isDotRuled(s) && t.kind === 'char' && t.char === '.') return undefined;
  if (!shareCharacter(s, t)) return undefined;
  const slash = consumes(s, '/', false, false) && consumes(t, '/', false, false);
  const literal = s.kind === 'char' ? s.char : t.kind === 'char' ? t.char : undefined;
  if (literal !== undefined) return [literal];
  return slash ? ['/', 'x'] : ['x'];
}

/** Whether one character can be consumed by both tokens. */
function shareCharacter(s: Token, t: Token): boolean {
  if (s.kind === 'globstar') return true;
  if (t.kind === 'globstar') return true;
  if (s.kind === 'char') return consumes(t, s.char, false, false);
  if (t.kind === 'char') return consumes(s, t.char, false, false);
  if (s.kind === 'class' && t.kind === 'class' && s.chars !== undefined && t.chars !== undefined) {
    if (!s.negated && !t.negated) return [...s.chars].some((c) => t.chars!.includes(c));
  }
  // any/star/class against any/star/class: some character other than `/` fits both (classes are
  // assumed to share one unless both are plain lists without one in common).
  return true;
}

/** Whether the text has glob syntax (an unescaped `*`, `?` or `[`). */
export function hasGlob(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?' || c === '[') return true;
  }
  return false;
}

/**
 * Whether a Bash glob names what a name pattern (one that starts with two stars and a slash, like
 * the pattern of every `.env`) names: `.e*` names `.env`, `*.pem` names `*.pem`, but `src/*.ts` or
 * `data/*` (files listed by another extension, or every file) do not name `secrets.*` or `*.pem`.
 */
export function globNames(glob: string, pattern: string): boolean {
  const last = glob.slice(glob.lastIndexOf('/') + 1);
  const wanted = pattern.slice(pattern.lastIndexOf('/') + 1);
  if (wanted === '**') return globsOverlap(glob, pattern.slice(0, -3), { dotRuleA: true });
  if (/^[*?[]/.test(last))
    return wanted.startsWith('*') && !/[*?[]/.test(wanted.slice(1)) && last.endsWith(wanted.slice(1));
  // An open-ended name (`tmp.*`) names a suffix pattern (`*.aarm.yaml`) only when it holds the
  // pattern's distinguishing part (`x.aarm.*`); `key.*` does name `*.pem` (nothing to hold).
  if (last.endsWith('*') && wanted.startsWith('*')) {
    const distinct = wanted.slice(1).replace(/\.[^.]*$/, '');
    if (!last.replace(/\*+$/, '').includes(distinct)) return false;
  }
  return globsOverlap(glob, pattern, { dotRuleA: true });
}
