/**
 * Word expansion as Bash does it, as far as it can be done before the command runs: brace
 * expansion, tilde, parameters (every operator Bash has, or "only known at run time"), command
 * substitution (analysed as commands that run; their output known when it is static), arithmetic,
 * word splitting of unquoted expansions, and globbing (kept as patterns). Pure.
 *
 * INVARIANT: whatever cannot be computed exactly yields a field with `known: false` (and `many`
 * when it may split into any number of words); nothing is guessed.
 */
import { globMatch } from '../../protocol/glob.js';
import { PARAM_OP, nodeType, type ShNode } from './parser.js';
import { homeOf, type State, type VarValue } from './state.js';
import { arithOp } from './arith.js';
import { PRINTF_B_ESCAPES } from './output.js';

/** One word after expansion. */
export interface Field {
  text: string;
  /** false when some part is only known at run time */
  known: boolean;
  /** an unquoted wildcard: the field stands for the paths matching it */
  glob: boolean;
  /** an unquoted unknown expansion: it may be any number of words, options included */
  many: boolean;
  /** a substitution inside it used the network (`sh -c "$(curl …)"`) */
  network: boolean;
  /** it came out of a decoding or transforming program (obfuscation, never treated leniently) */
  decoded: boolean;
}

/** What a command substitution prints, when that can be known without running it. */
export type Output =
  | { kind: 'text'; text: string }
  /** paths matching a glob (`git ls-files`, `find . -name '*.ts'`) */
  | { kind: 'paths'; pattern: string }
  | { kind: 'unknown'; decoded: boolean };

/** The analyser's side of expansion: substitutions are commands that run. */
export interface Expander {
  home: string;
  /** analyse `$(…)`, `` `…` `` or `<(…)`; returns what it prints and whether it used the network */
  substitute(stmts: ShNode[], state: State): { output: Output; network: boolean };
  /** analyse substitutions hidden inside a node the expander does not evaluate */
  nested(node: ShNode, state: State): void;
  /** one more step of the analysis budget (or `cost` more) */
  step(cost?: number): void;
  /** text Bash evaluates as arithmetic or as a name: the substitutions in it run */
  hiddenCode(text: string, state: State, where: string): void;
  /** a variable from the environment is used (`$GITHUB_TOKEN`): its value goes where the word goes */
  environment(name: string): void;
  /**
   * Arithmetic over a value only known when the command runs (`$((x))`, `[[ $x -gt 1 ]]`): Bash
   * evaluates that value as an expression, and a subscript in it (`a[$(cmd)]`) runs commands.
   */
  unknownArithmetic(what: string): void;
  /** what another shell the command may run in (zsh) reads as code where Bash does not */
  otherShell(what: string): void;
}

const MAX_BRACE_WORDS = 256;
const MAX_TEXT = 4096;

interface Piece {
  text: string;
  quoted: boolean;
  /** from an expansion (split when unquoted) rather than literal text */
  expansion: boolean;
  known: boolean;
  glob: boolean;
  network: boolean;
  decoded: boolean;
  /** a forced word boundary (`"${a[@]}"`) */
  boundary?: boolean;
}

const piece = (text: string, quoted: boolean, expansion: boolean, known = true): Piece => ({
  text,
  quoted,
  expansion,
  known,
  glob: false,
  network: false,
  decoded: false,
});

/** Expand a word into fields (zero or more). */
export function expandWord(word: ShNode | null | undefined, x: Expander, state: State): Field[] {
  if (!word) return [];
  x.step();
  const fields: Field[] = [];
  for (const parts of braceAlternatives(word, x)) {
    const pieces = expandParts(parts, x, state, false, true);
    fields.push(...split(pieces, state));
  }
  // Each field is judged as an argument: one split into many (`$x` of 2,000 words) costs as many.
  x.step(fields.length);
  return fields;
}

/** Expand a word as one string, without splitting or globbing (assignments, here-strings, `case`). */
export function expandString(word: ShNode | null | undefined, x: Expander, state: State): Field {
  const field = emptyField();
  if (!word) return field;
  x.step();
  for (const p of expandParts(list(word.Parts), x, state, false, true, true)) addPiece(field, p);
  return field;
}

export function emptyField(): Field {
  return { text: '', known: true, glob: false, many: false, network: false, decoded: false };
}

function addPiece(field: Field, p: Piece): void {
  if (p.boundary) {
    field.text += ' ';
    return;
  }
  field.text += p.text;
  field.known &&= p.known;
  field.glob ||= p.glob;
  field.network ||= p.network;
  field.decoded ||= p.decoded;
}

/**
 * `{a,b}c{1..3}` → every combination, statically (bounded), as Bash does before anything else:
 * over the unquoted characters of the word; quoted parts and expansions are carried along whole.
 *
 * The word is read once into literal tokens and groups of alternatives, counting the words they
 * make (past MAX_BRACE_WORDS: too large, before anything is built); only then are the words built,
 * one step of the budget per token copied. Linear in the word's size.
 */
function braceAlternatives(word: ShNode, x: Expander): ShNode[][] {
  const parts = list(word.Parts);
  if (!parts.some((p) => nodeType(p) === 'Lit' && (p.Value as string).includes('{'))) return [parts];
  const tokens: Token[] = [];
  for (const part of parts) {
    if (nodeType(part) !== 'Lit') {
      tokens.push({ part });
      continue;
    }
    const value = part.Value as string;
    for (let i = 0; i < value.length; i++) {
      // A backslash keeps the next character literal (and stays for the later unescaping).
      if (value[i] === '\\' && i + 1 < value.length) {
        tokens.push({ char: value.slice(i, i + 2), escaped: true });
        i++;
      } else tokens.push({ char: value[i]! });
    }
  }
  const { items } = braceItems(tokens, matchBraces(tokens), 0, tokens.length, 0);
  if (items.every((item) => !('group' in item))) return [parts];
  return buildBraceWords(items, x).map(regroup);
}

type Token = { char: string; escaped?: boolean } | { part: ShNode };
/** A token of the word, or a group of alternatives (`{a,b}`, `{1..3}`), each a sequence of items. */
type BraceItem = Token | { group: BraceItem[][] };
const isChar = (t: Token | undefined, c: string) =>
  t !== undefined && 'char' in t && !t.escaped && t.char === c;

/** Each `{` with its matching `}` and the commas directly inside the pair, in one pass. */
function matchBraces(tokens: Token[]): Map<number, { end: number; commas: number[] }> {
  const pairs = new Map<number, { end: number; commas: number[] }>();
  const open: Array<{ start: number; commas: number[] }> = [];
  tokens.forEach((t, i) => {
    if (isChar(t, '{')) open.push({ start: i, commas: [] });
    else if (isChar(t, ',')) open.at(-1)?.commas.push(i);
    else if (isChar(t, '}')) {
      const o = open.pop();
      if (o) pairs.set(o.start, { end: i, commas: o.commas });
    }
  });
  return pairs;
}

/**
 * tokens[from, to) as items: a `{` that opens a list or a sequence becomes a group. Counts the
 * words they make as it reads, and stops as soon as that is more than MAX_BRACE_WORDS.
 */
function braceItems(
  tokens: Token[],
  pairs: Map<number, { end: number; commas: number[] }>,
  from: number,
  to: number,
  depth: number,
): { items: BraceItem[]; count: number } {
  const items: BraceItem[] = [];
  let count = 1;
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    // `${` belongs to a parameter expansion, never to a brace expansion.
    const pair = isChar(token, '{') && !isChar(tokens[i - 1], '$') ? pairs.get(i) : undefined;
    if (pair === undefined || pair.end >= to) {
      items.push(token);
      continue;
    }
    let group: BraceItem[][] | undefined;
    let words = 0;
    if (pair.commas.length > 0) {
      // A list inside a list adds a word at least: deeper than the limit is too many words.
      if (depth >= MAX_BRACE_WORDS) throw tooManyBraceWords();
      const bounds = [i, ...pair.commas, pair.end];
      group = bounds.slice(0, -1).map((b, k) => {
        const alternative = braceItems(tokens, pairs, b + 1, bounds[k + 1]!, depth + 1);
        words += alternative.count;
        return alternative.items;
      });
    } else {
      const inner = tokens.slice(i + 1, pair.end);
      if (inner.every((t) => 'char' in t && !t.escaped)) {
        const text = inner.map((t) => (t as { char: string }).char).join('');
        const seq = /^(-?\d+|[A-Za-z])\.\.(-?\d+|[A-Za-z])(?:\.\.(-?\d+))?$/.exec(text);
        const values = seq ? sequence(seq[1], seq[2], seq[3]) : undefined;
        group = values?.map((v) => [...v].map((char): Token => ({ char })));
        words = values?.length ?? 0;
      }
    }
    if (group === undefined) {
      // Not a brace expansion: the `{` is literal, and what follows it is read on.
      items.push(token);
      continue;
    }
    count *= words;
    if (count > MAX_BRACE_WORDS) throw tooManyBraceWords();
    items.push({ group });
    i = pair.end;
  }
  return { items, count };
}

const tooManyBraceWords = () => new TooLarge(`a brace expansion makes more than ${MAX_BRACE_WORDS} words`);

/** Every word the items make (at most MAX_BRACE_WORDS: counted first), one step per token copied. */
function buildBraceWords(items: BraceItem[], x: Expander): Token[][] {
  let words: Token[][] = [[]];
  for (const item of items) {
    if (!('group' in item)) {
      x.step(words.length);
      for (const w of words) w.push(item);
      continue;
    }
    const alternatives = item.group.flatMap((alternative) => buildBraceWords(alternative, x));
    const next: Token[][] = [];
    for (const w of words)
      for (const alternative of alternatives) {
        x.step(w.length + alternative.length);
        next.push([...w, ...alternative]);
      }
    words = next;
  }
  return words;
}

/** Tokens back into parts: runs of characters become literal parts. */
function regroup(tokens: Token[]): ShNode[] {
  const parts: ShNode[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ Value: text, $type: 'mvdan.cc/sh/v3/syntax.*Lit' });
    text = '';
  };
  for (const t of tokens) {
    if ('char' in t) text += t.char;
    else {
      flush();
      parts.push(t.part);
    }
  }
  flush();
  return parts;
}

/** Thrown when a command line is too large to analyse within the budget. */
export class TooLarge extends Error {}

/** `{1..10..2}`, `{a..e}`; undefined when the bounds are not plain. */
function sequence(from?: string, to?: string, by?: string): string[] | undefined {
  if (from === undefined || to === undefined) return undefined;
  const step = by === undefined ? 1 : Math.abs(parseInt(by, 10)) || 1;
  const numeric = /^-?\d+$/;
  if (numeric.test(from) && numeric.test(to)) {
    const a = parseInt(from, 10);
    const b = parseInt(to, 10);
    if (Math.abs(b - a) / step > MAX_BRACE_WORDS)
      throw new TooLarge(`a brace sequence makes more than ${MAX_BRACE_WORDS} words`);
    const width = /^-?0\d/.test(from) || /^-?0\d/.test(to) ? Math.max(from.length, to.length) : 0;
    const out: string[] = [];
    for (let i = a; a <= b ? i <= b : i >= b; i += a <= b ? step : -step)
      out.push(width ? String(i).padStart(width, '0') : String(i));
    return out;
  }
  if (from.length === 1 && to.length === 1) {
    const a = from.charCodeAt(0);
    const b = to.charCodeAt(0);
    const out: string[] = [];
    for (let i = a; a <= b ? i <= b : i >= b; i += a <= b ? step : -step) out.push(String.fromCharCode(i));
    return out;
  }
  return undefined;
}

function expandParts(
  parts: ShNode[],
  x: Expander,
  state: State,
  quoted: boolean,
  wordStart: boolean,
  assignment = false,
): Piece[] {
  const out: Piece[] = [];
  parts.forEach((part, index) => {
    switch (nodeType(part)) {
      case 'Lit': {
        let value = part.Value as string;
        if (!quoted) {
          const p = piece('', false, false);
          if (index === 0 && wordStart && value.startsWith('~')) {
            const tilde = expandTilde(value, state, x.home);
            if (tilde === undefined) {
              p.known = false;
            } else value = tilde;
          } else if (assignment && value.includes(':~')) {
            const h = homeOf(state, x.home);
            if (h !== undefined) value = value.replace(/:~(?=\/|:|$)/g, `:${h}`);
          }
          p.glob = hasUnescapedGlob(value);
          p.text = value.replace(/\\\n/g, '').replace(/\\(.)/g, '$1');
          out.push(p);
        } else {
          out.push(piece(value.replace(/\\\n/g, '').replace(/\\([$`"\\])/g, '$1'), true, false));
        }
        return;
      }
      case 'SglQuoted':
        out.push(
          piece(part.Dollar ? decodeAnsiC(part.Value as string) : (part.Value as string), true, false),
        );
        return;
      case 'DblQuoted': {
        const inner = list(part.Parts);
        // `""` is still a word (an empty argument), which shifts every operand after it.
        if (inner.length === 0) out.push(piece('', true, false));
        else out.push(...expandParts(inner, x, state, true, false));
        return;
      }
      case 'ParamExp':
        out.push(...charged(x, paramPieces(part, x, state, quoted)));
        return;
      case 'CmdSubst': {
        const { output, network } = x.substitute(list(part.Stmts), state);
        out.push(...charged(x, [outputPiece(output, quoted, network)]));
        return;
      }
      case 'ProcSubst': {
        // `<(…)` and `>(…)` are pipes the command reads or writes, named /dev/fd/N.
        const { network } = x.substitute(list(part.Stmts), state);
        out.push({ ...piece('/dev/fd/63', quoted, false), network });
        return;
      }
      case 'ArithmExp': {
        const value = evalArith(part.X as ShNode | null, x, state);
        out.push(
          value === undefined ? piece('$((…))', quoted, true, false) : piece(String(value), quoted, true),
        );
        return;
      }
      case 'ExtGlob': {
        // zsh (the shell agents run commands in where it is the user's: macOS) reads `*(…)` as `*`
        // with glob qualifiers, and the qualifiers `e:…:`, `e{…}` and `+name` run code.
        const value = (part.Pattern as { Value?: unknown } | null)?.Value;
        const pattern = typeof value === 'string' ? value : '';
        if (!quoted && !pattern.includes('|') && ZSH_CODE_QUALIFIER.test(pattern))
          x.otherShell(
            `\`(${pattern})\` after a pattern: zsh runs code in glob qualifiers (\`e:…:\`, \`+name\`)`,
          );
        // `!(keep)`, `@(a|b)`: judged as `*`, everything the extended pattern could match.
        out.push({ ...piece('*', quoted, false), glob: !quoted });
        return;
      }
      default:
        out.push(piece(`?${nodeType(part)}`, quoted, true, false));
    }
  });
  return out;
}

/**
 * zsh's glob qualifiers that run code: `e` with its string between a delimiter and the same one
 * (`e:…:`, `e'…'`) or a bracket pair (`e{…}`), and `+name`. (With `|` inside, the brackets group.)
 */
const ZSH_CODE_QUALIFIER = /e([^\w\s{[<(])[^]*?\1|e\{[^}]*\}|e\[[^\]]*\]|e<[^>]*>|e\([^)]*\)|\+[A-Za-z_]/;

/** Characters of expanded text that cost one step of the budget. */
const CHARS_PER_STEP = 16;

/**
 * What an expansion produced, charged to the budget by its size: values are bounded one by one
 * (MAX_TEXT), but a word may use them many times (`"$x$x$x…"`, `"${a[@]}"`, `$(cat big)`), and
 * every character is split, matched and judged after.
 */
function charged(x: Expander, pieces: Piece[]): Piece[] {
  let chars = 0;
  for (const p of pieces) chars += p.text.length;
  x.step(pieces.length + Math.floor(chars / CHARS_PER_STEP));
  return pieces;
}

function outputPiece(output: Output, quoted: boolean, network: boolean): Piece {
  if (output.kind === 'text') return { ...piece(output.text.replace(/\n+$/, ''), quoted, true), network };
  if (output.kind === 'paths') return { ...piece(output.pattern, quoted, true), glob: true, network };
  // What a program prints at run time can name anything the command's author chose (`$(date
  // +/home/u/.ssh/id_rsa)`): never read leniently.
  return { ...piece('$(…)', quoted, true, false), network, decoded: true };
}

/** `~`, `~/x`, `~+`, `~root`; undefined when it names a home only known at run time. */
function expandTilde(value: string, state: State, home: string): string | undefined {
  const slash = value.indexOf('/');
  const user = slash < 0 ? value.slice(1) : value.slice(1, slash);
  const rest = slash < 0 ? '' : value.slice(slash);
  if (user === '') {
    const h = homeOf(state, home);
    return h === undefined ? undefined : h + rest;
  }
  if (user === '+' && state.cwd !== undefined) return state.cwd + rest;
  if (user === 'root') return `/root${rest}`;
  return undefined;
}

/** An unescaped `*` or `?`, or a `[` closed later (a lone `[` is an ordinary character). */
function hasUnescapedGlob(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && value.indexOf(']', i + 2) > 0) return true;
  }
  return false;
}

/** Word splitting of unquoted expansions, then empty unquoted fields removed. */
function split(pieces: Piece[], state: State): Field[] {
  const ifsVar = state.vars.get('IFS');
  const ifs = ifsVar === undefined ? ' \t\n' : ifsVar.text;
  const fields: Field[] = [];
  let current = emptyField();
  let has = false;
  const flush = (force: boolean) => {
    if (has || force) fields.push(current);
    current = emptyField();
    has = false;
  };
  for (const p of pieces) {
    if (p.boundary) {
      flush(true);
      continue;
    }
    current.network ||= p.network;
    current.decoded ||= p.decoded;
    if (p.quoted || !p.expansion) {
      addPiece(current, p);
      has ||= p.quoted || p.text !== '' || !p.known;
      continue;
    }
    if (!p.known || ifs === undefined) {
      // An unquoted value only known at run time may be no word, one, or several (options too).
      current.text += p.text;
      current.known = false;
      current.many = true;
      current.glob ||= p.glob;
      has = true;
      continue;
    }
    current.glob ||= p.glob;
    for (const char of p.text) {
      if (ifs.includes(char)) {
        if (' \t\n'.includes(char)) {
          if (has) flush(false);
        } else flush(true);
        continue;
      }
      current.text += char;
      has = true;
      if (char === '*' || char === '?' || char === '[') current.glob = true;
    }
  }
  flush(false);
  return fields;
}

// ---- parameters ------------------------------------------------------------------------------------

const SPECIAL = /^([@*#?$!\-0-9]|[1-9]\d*)$/;

/**
 * `$!` (the last background job) and `$$` (this shell) stand for processes the command itself
 * started: `kill $!` stops its own job. Their values are spelled as job specs so that models can
 * tell (`kill %job`).
 */
const OWN_PROCESSES: Record<string, string> = { '!': '%job', $: '%self' };

/** A variable's value before any operator: undefined when only known at run time. */
function lookup(name: string, state: State, home: string): VarValue | undefined {
  const value = state.vars.get(name);
  if (value !== undefined) return value;
  if (name === 'HOME') return { text: home };
  if (name === 'PWD') return { text: state.cwd };
  return undefined;
}

function paramPieces(part: ShNode, x: Expander, state: State, quoted: boolean): Piece[] {
  const name = (part.Param as { Value: string } | null)?.Value ?? '';
  const unknown = (decoded = false): Piece[] => [{ ...piece(`\${${name}}`, quoted, true, false), decoded }];
  if (Object.hasOwn(OWN_PROCESSES, name) && !part.Length && !part.Exp)
    return [piece(OWN_PROCESSES[name]!, quoted, true)];
  // Positional parameters are known inside a function call or `bash -c … a b`.
  if (SPECIAL.test(name) && !state.vars.has(name)) return unknown();
  let value: VarValue | undefined;
  if (part.Excl) {
    if (part.Names || part.Index) return unknown();
    const target = lookup(name, state, x.home)?.text;
    if (target === undefined || !/^[A-Za-z_]\w*$/.test(target)) return unknown();
    value = lookup(target, state, x.home);
  } else value = lookup(name, state, x.home);
  if (value === undefined && !part.Excl) x.environment(name);

  // Arrays: `${a[@]}`, `${a[0]}`, `${#a[@]}`.
  const index = part.Index as ShNode | null;
  let elements: Array<string | undefined> | undefined;
  if (index || name === '@' || name === '*') {
    const i = index ? expandString(index, x, state) : { ...emptyField(), text: '@' };
    // An index is arithmetic (`${a[k]}` evaluates k's value), but for an associative array.
    const arithmetic = value?.assoc !== true;
    if (!i.known) {
      // a value only known at run time may hold `a[$(cmd)]`
      if (index && arithmetic && !numericWord(index, state)) x.unknownArithmetic(`the index \`${i.text}\``);
      return unknown();
    }
    const n = i.text === '@' || i.text === '*' || !arithmetic ? undefined : toInt(i.text, state, x, true);
    const array = value?.array ?? (value?.text !== undefined ? [value.text] : undefined);
    if (array === undefined) return unknown();
    if (i.text === '@' || i.text === '*') elements = array;
    else {
      if (n === undefined || n < 0) return unknown();
      value = { text: array[n] ?? '' };
    }
  } else if (value?.array) value = { text: value.array[0] ?? '' };

  if (elements !== undefined) {
    if (part.Length) return [piece(String(elements.length), quoted, true)];
    if (part.Exp || part.Repl || part.Slice) return unknown();
    if (elements.some((e) => e === undefined)) return unknown();
    const pieces: Piece[] = [];
    elements.forEach((e, i) => {
      if (i > 0) pieces.push(quoted ? { ...piece('', true, true), boundary: true } : piece(' ', false, true));
      pieces.push(piece(e!, quoted, true));
    });
    return pieces;
  }

  const result = applyOperators(part, value, x, state);
  if (result === undefined || result.text === undefined) return unknown(value?.decoded ?? false);
  if (result.text.length > MAX_TEXT) return unknown();
  return [
    {
      ...piece(result.text, quoted, true),
      glob: result.pattern ?? false,
      decoded: result.decoded ?? false,
    },
  ];
}

/** `${#X}`, `${X:1:2}`, `${X/a/b}`, `${X%p}`, `${X:-w}`, `${X^^}`, `${X@Q}` …; undefined: unknown. */
function applyOperators(
  part: ShNode,
  value: VarValue | undefined,
  x: Expander,
  state: State,
): VarValue | undefined {
  const text = value?.unset ? undefined : value?.text;
  const isSet = value !== undefined && !value.unset && value.text !== undefined;
  if (part.Length) return text === undefined ? undefined : { text: String([...text].length) };
  if (part.Slice) {
    if (text === undefined) return undefined;
    const slice = part.Slice as { Offset: ShNode | null; Length: ShNode | null };
    const offset = slice.Offset ? evalArith(slice.Offset, x, state) : 0;
    const length = slice.Length ? evalArith(slice.Length, x, state) : undefined;
    if (offset === undefined || (slice.Length && length === undefined)) return undefined;
    const chars = [...text];
    const start = offset < 0 ? Math.max(0, chars.length + offset) : offset;
    const end = length === undefined ? chars.length : length < 0 ? chars.length + length : start + length;
    return { ...value, text: chars.slice(start, Math.max(start, end)).join('') };
  }
  if (part.Repl) {
    if (text === undefined) return undefined;
    const repl = part.Repl as { All: boolean; Orig: ShNode; With: ShNode | null };
    let pattern = patternOf(repl.Orig, x, state);
    const withText = repl.With ? expandString(repl.With, x, state) : emptyField();
    // Bash 5.2 puts the matched text where the replacement has `&` (patsub_replacement).
    if (pattern === undefined || !withText.known || withText.text.includes('&')) return undefined;
    let anchor: 'start' | 'end' | undefined;
    if (pattern.startsWith('#')) {
      anchor = 'start';
      pattern = pattern.slice(1);
    } else if (pattern.startsWith('%')) {
      anchor = 'end';
      pattern = pattern.slice(1);
    }
    return { ...value, text: replace(text, pattern, withText.text, repl.All, anchor, x) };
  }
  const exp = part.Exp as { Op: number; Word: ShNode | null } | null;
  if (!exp) return isSet ? value : undefined;
  const op = PARAM_OP.get(exp.Op);
  const word = () => expandString(exp.Word, x, state);
  const known = value !== undefined && (value.unset || value.text !== undefined);
  switch (op) {
    case '-':
    case '=':
    case ':-':
    case ':=': {
      if (!known) return undefined;
      const useWord = op.startsWith(':') ? !isSet || text === '' : !isSet;
      if (!useWord) return value;
      const w = word();
      if (!w.known) return undefined;
      if (op.endsWith('=')) {
        const name = (part.Param as { Value: string }).Value;
        state.vars.set(name, { text: w.text });
      }
      return { text: w.text, decoded: w.decoded };
    }
    case '+':
    case ':+': {
      if (!known) return undefined;
      const useWord = op === ':+' ? isSet && text !== '' : isSet;
      if (!useWord) return { text: '' };
      const w = word();
      return w.known ? { text: w.text, decoded: w.decoded } : undefined;
    }
    case '?':
    case ':?':
      return isSet ? value : undefined;
    case '%':
    case '%%':
    case '#':
    case '##': {
      const pattern = patternOf(exp.Word, x, state);
      if (text === undefined || pattern === undefined) return undefined;
      return { ...value, text: removeAffix(text, pattern, op, x) };
    }
    case '^':
    case '^^':
    case ',':
    case ',,': {
      if (text === undefined) return undefined;
      const pattern = exp.Word ? patternOf(exp.Word, x, state) : '?';
      if (pattern === undefined) return undefined;
      const upper = op.startsWith('^');
      const all = op.length === 2;
      let done = false;
      const out = [...text]
        .map((c) => {
          if (done || !globMatch(c, pattern, { text: true })) return c;
          if (!all) done = true;
          return upper ? c.toUpperCase() : c.toLowerCase();
        })
        .join('');
      return { ...value, text: out };
    }
    case '@': {
      if (text === undefined) return undefined;
      const w = word();
      switch (w.text) {
        case 'Q':
          return { ...value, text: `'${text.replace(/'/g, `'\\''`)}'` };
        case 'E':
          return { ...value, text: decodeAnsiC(text) };
        case 'U':
          return { ...value, text: text.toUpperCase() };
        case 'L':
          return { ...value, text: text.toLowerCase() };
        case 'u':
          return { ...value, text: text.charAt(0).toUpperCase() + text.slice(1) };
        case 'P':
          // expanded as a prompt: `$(…)` in the value runs
          x.hiddenCode(text, state, '`${X@P}`');
          return undefined;
        default:
          return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** A pattern word: quoted parts are literal (escaped), unquoted ones keep wildcards and escapes. */
function patternOf(word: ShNode | null | undefined, x: Expander, state: State): string | undefined {
  if (!word) return '';
  let out = '';
  for (const part of list(word.Parts)) {
    const type = nodeType(part);
    if (type === 'Lit') {
      out += part.Value as string;
      continue;
    }
    const quoted = type === 'SglQuoted' || type === 'DblQuoted';
    for (const p of expandParts([part], x, state, false, false)) {
      if (!p.known) return undefined;
      out += quoted ? p.text.replace(/[*?[\]\\]/g, '\\$&') : p.text;
    }
  }
  return out;
}

/**
 * Text matched against a pattern, one step of the budget per match tried (and per 16 characters
 * of it): `${x//?/y}` over a long value tries each length at each place.
 */
function matcher(chars: string[], pattern: string, x: Expander): (i: number, j: number) => boolean {
  return (i, j) => {
    x.step(1 + Math.floor((j - i) / CHARS_PER_STEP));
    return globMatch(chars.slice(i, j).join(''), pattern, { text: true });
  };
}

/** A pattern with nothing a pattern matches specially: it matches itself only. */
const literalPattern = (pattern: string) => !/[*?[\\\]+@!()]/.test(pattern);

function removeAffix(text: string, pattern: string, op: string, x: Expander): string {
  if (text.length > MAX_TEXT) return text;
  if (literalPattern(pattern)) {
    if (op.startsWith('#')) return text.startsWith(pattern) ? text.slice(pattern.length) : text;
    return text.endsWith(pattern) ? text.slice(0, text.length - pattern.length) : text;
  }
  const chars = [...text];
  const n = chars.length;
  const at = matcher(chars, pattern, x);
  switch (op) {
    case '#':
      for (let i = 0; i <= n; i++) if (at(0, i)) return chars.slice(i).join('');
      return text;
    case '##':
      for (let i = n; i >= 0; i--) if (at(0, i)) return chars.slice(i).join('');
      return text;
    case '%':
      for (let i = n; i >= 0; i--) if (at(i, n)) return chars.slice(0, i).join('');
      return text;
    default:
      for (let i = 0; i <= n; i++) if (at(i, n)) return chars.slice(0, i).join('');
      return text;
  }
}

function replace(
  text: string,
  pattern: string,
  withText: string,
  all: boolean,
  anchor: 'start' | 'end' | undefined,
  x: Expander,
): string {
  if ((pattern === '' && anchor === undefined) || text.length > MAX_TEXT) return text;
  if (literalPattern(pattern)) {
    if (anchor === 'start') return text.startsWith(pattern) ? withText + text.slice(pattern.length) : text;
    if (anchor === 'end')
      return text.endsWith(pattern) ? text.slice(0, text.length - pattern.length) + withText : text;
    return all ? text.split(pattern).join(withText) : text.replace(pattern, () => withText);
  }
  const chars = [...text];
  const n = chars.length;
  const matches = matcher(chars, pattern, x);
  if (anchor === 'start') {
    for (let j = n; j >= 0; j--) if (matches(0, j)) return withText + chars.slice(j).join('');
    return text;
  }
  if (anchor === 'end') {
    for (let i = 0; i <= n; i++) if (matches(i, n)) return chars.slice(0, i).join('') + withText;
    return text;
  }
  let out = '';
  let i = 0;
  let replaced = false;
  while (i < n) {
    let end = -1;
    // The longest match starting here.
    for (let j = n; (all || !replaced) && j > i && end < 0; j--) if (matches(i, j)) end = j;
    if (end > 0) {
      out += withText;
      i = end;
      replaced = true;
    } else out += chars[i++];
  }
  return out;
}

// ---- arithmetic -------------------------------------------------------------------------------------

/** Integer arithmetic with literals and known variables; undefined otherwise (assignments included). */
export function evalArith(node: ShNode | null | undefined, x: Expander, state: State): number | undefined {
  if (!node) return undefined;
  x.step();
  const type = nodeType(node);
  if (type === 'Word') {
    const field = expandString(node, x, state);
    if (!field.known) {
      if (!numericWord(node, state)) x.unknownArithmetic(`\`${field.text}\``);
      return undefined;
    }
    return toInt(field.text, state, x, true);
  }
  if (type === 'ArrayExpr' || type === 'ArrayElem') {
    x.nested(node, state);
    return undefined;
  }
  if (type === 'ParenArithm') return evalArith(node.X as ShNode, x, state);
  if (type === 'UnaryArithm') {
    const op = arithOp(node.Op as number, true);
    if (op === '++' || op === '--') {
      // the variable's value is evaluated first: `x='a[$(cmd)]'; ((x++))` runs cmd
      evalArith(node.X as ShNode, x, state);
      markAssigned(node.X as ShNode, state);
      return undefined;
    }
    const v = evalArith(node.X as ShNode, x, state);
    if (v === undefined) return undefined;
    return op === '-' ? -v : op === '+' ? v : op === '!' ? Number(!v) : op === '~' ? ~v : undefined;
  }
  if (type === 'BinaryArithm') {
    const op = arithOp(node.Op as number, false);
    if (op !== undefined && op.endsWith('=') && !['==', '!=', '<=', '>='].includes(op)) {
      // `x += 1` reads x first (its value, an expression); `x = 1` does not
      if (op !== '=') evalArith(node.X as ShNode, x, state);
      evalArith(node.Y as ShNode, x, state);
      markAssigned(node.X as ShNode, state);
      return undefined;
    }
    const a = evalArith(node.X as ShNode, x, state);
    const b = evalArith(node.Y as ShNode, x, state);
    if (a === undefined || b === undefined) return undefined;
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? undefined : Math.trunc(a / b);
      case '%':
        return b === 0 ? undefined : a % b;
      default:
        return undefined;
    }
  }
  x.nested(node, state);
  return undefined;
}

/**
 * `text` as Bash's arithmetic reads it: a number, or a name whose value is read the same way.
 * `arithmetic`: Bash really evaluates it here (not `test`'s integers), so a name whose value is
 * only known at run time is reported (Expander.unknownArithmetic) unless it holds an integer.
 */
export function toInt(text: string, state: State, x: Expander, arithmetic = false): number | undefined {
  let t = text.trim();
  // A name's value is itself evaluated as arithmetic, to any depth (`x='a[$(cmd)]'; (( x ))`).
  for (let depth = 0; depth < 8; depth++) {
    x.hiddenCode(t, state, 'arithmetic');
    if (/^-?\d+$/.test(t)) return parseInt(t, 10);
    if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
    if (!/^[A-Za-z_]\w*$/.test(t)) return undefined;
    const v = lookup(t, state, x.home);
    if (v?.text === undefined) {
      if (arithmetic && !holdsInteger(t, v)) x.unknownArithmetic(`\`${t}\``);
      return undefined;
    }
    t = v.text.trim();
  }
  return undefined;
}

/** Variables Bash itself sets to integers (not from the environment). */
const BASH_NUMBERS = new Set([
  'RANDOM',
  'SRANDOM',
  'SECONDS',
  'LINENO',
  'BASHPID',
  'PPID',
  'UID',
  'EUID',
  'EPOCHSECONDS',
  'OPTIND',
  'HISTCMD',
]);

/** Whether a variable whose value is only known at run time holds an integer, or nothing (0 in arithmetic). */
function holdsInteger(name: string, value: VarValue | undefined): boolean {
  return value?.numeric === true || value?.unset === true || (value === undefined && BASH_NUMBERS.has(name));
}

/** A word that expands to an integer whatever its value: `$((…))`, `$#`, `$?`, `$$`, `${#x}`, or a numeric variable. */
export function numericWord(word: ShNode, state: State): boolean {
  const parts = list(word.Parts);
  return (
    parts.length > 0 &&
    parts.every((part) => {
      const type = nodeType(part);
      if (type === 'ArithmExp') return true;
      if (type === 'Lit') return /^\d*$/.test(part.Value as string);
      if (type !== 'ParamExp' || part.Slice || part.Repl || part.Excl) return false;
      if (part.Length) return true;
      const name = (part.Param as { Value: string } | null)?.Value ?? '';
      const value = state.vars.get(name);
      if (!/^[#?$!]$/.test(name) && !holdsInteger(name, value)) return false;
      // `${n:-0}`: a default that is a number too
      const exp = part.Exp as { Op: number; Word: ShNode | null } | null;
      if (!exp) return true;
      const op = PARAM_OP.get(exp.Op);
      return (op === '-' || op === ':-') && (exp.Word === null || numericWord(exp.Word, state));
    })
  );
}

/** `((i++))`, `let x=…`: the variable's value is no longer known. */
function markAssigned(node: ShNode | null, state: State): void {
  if (!node || nodeType(node) !== 'Word') return;
  const parts = list(node.Parts);
  const first = parts[0];
  if (parts.length === 1 && first && nodeType(first) === 'Lit')
    state.vars.set(first.Value as string, { text: undefined, numeric: true });
}

// ---- helpers ------------------------------------------------------------------------------------------

export function list(value: unknown): ShNode[] {
  return Array.isArray(value) ? (value as ShNode[]) : [];
}

/** Bash's $'…' escapes. */
export function decodeAnsiC(value: string): string {
  return value.replace(
    /\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3}|c.|.)/g,
    (_m, esc: string) => {
      const kind = esc[0]!;
      if (kind === 'x' || kind === 'u' || kind === 'U') {
        const code = parseInt(esc.slice(1), 16);
        // An invalid code point must not stop the analysis (Bash prints a replacement too).
        return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
      }
      if (/[0-7]/.test(kind)) return String.fromCharCode(parseInt(esc, 8));
      if (kind === 'c') return String.fromCharCode(esc.charCodeAt(1) & 31);
      return ANSI_ESCAPES[kind] ?? `\\${kind}`;
    },
  );
}

/** `$'…'`: `printf %b`'s escapes, and `\E`, quotes and `\?`. */
const ANSI_ESCAPES: Record<string, string> = {
  ...PRINTF_B_ESCAPES,
  E: '\x1b',
  "'": "'",
  '"': '"',
  '?': '?',
};
