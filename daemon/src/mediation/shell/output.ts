/**
 * What a command prints, when that can be known without running it: `echo` and `printf` of known
 * text, `pwd`, `basename`, decoders run on known text (`base64 -d`, `rev`, `xxd -r -p`, `tr`), and
 * programs that list paths (`git ls-files`, `find`, `ls`). Command substitutions, pipes into a
 * shell and files written then run are judged by this text. Output of a decoding or transforming
 * program that cannot be computed is marked `decoded`: obfuscation is never judged leniently. Pure.
 */
import { posix } from 'node:path';
import type { Field, Output } from './expand.js';

const UNKNOWN: Output = { kind: 'unknown', decoded: false };
const DECODED: Output = { kind: 'unknown', decoded: true };

/** Programs whose output is their input transformed: unknown output from them counts as decoded. */
const TRANSFORMERS = new Set([
  'base64',
  'base32',
  'basenc',
  'xxd',
  'od',
  'hexdump',
  'rev',
  'tr',
  'sed',
  'gsed',
  'awk',
  'gawk',
  'mawk',
  'perl',
  'python',
  'python3',
  'ruby',
  'node',
  'openssl',
  'gzip',
  'gunzip',
  'zcat',
  'bzip2',
  'bunzip2',
  'xz',
  'unxz',
  'zstd',
  'uudecode',
  'iconv',
  'cut',
  'printf',
  'echo',
  'xargs',
  'tac',
  'fold',
  'recode',
]);

export interface OutputInput {
  program: string;
  /** arguments after the program name */
  args: Field[];
  stdin: Output | undefined;
  cwd: string | undefined;
  path(text: string): string;
}

export function staticOutput(input: OutputInput): Output {
  const { program, args } = input;
  const fallback = TRANSFORMERS.has(program) ? DECODED : UNKNOWN;
  if (args.some((a) => !a.known)) return fallback;
  const texts = args.map((a) => a.text);
  const stdinText = input.stdin?.kind === 'text' ? input.stdin.text : undefined;
  switch (program) {
    case 'echo':
      return echo(texts);
    case 'printf':
      return texts.length === 0 ? fallback : (printf(texts[0]!, texts.slice(1)) ?? fallback);
    case 'pwd':
      return input.cwd === undefined ? UNKNOWN : text(`${input.cwd}\n`);
    case 'basename':
      return texts[0] === undefined ? UNKNOWN : text(`${basename(texts[0], texts[1])}\n`);
    case 'dirname':
      return texts[0] === undefined ? UNKNOWN : text(`${posix.dirname(texts[0])}\n`);
    case 'realpath':
    case 'readlink':
      return texts.filter((t) => !t.startsWith('-')).length === 1
        ? text(`${input.path(texts.find((t) => !t.startsWith('-'))!)}\n`)
        : UNKNOWN;
    case 'cat':
      if (texts.length === 0 && stdinText !== undefined) return text(stdinText);
      return UNKNOWN;
    case 'base64':
    case 'basenc':
      if (stdinText !== undefined && texts.some((t) => t === '-d' || t === '--decode' || t === '-D'))
        return text(Buffer.from(stdinText.replace(/\s+/g, ''), 'base64').toString('latin1'));
      return fallback;
    case 'rev':
      if (stdinText !== undefined && texts.length === 0)
        return text(
          stdinText
            .split('\n')
            .map((l) => [...l].reverse().join(''))
            .join('\n'),
        );
      return fallback;
    case 'xxd':
      if (stdinText !== undefined && texts.includes('-r') && texts.some((t) => t === '-p' || t === '-ps'))
        return text(Buffer.from(stdinText.replace(/[^0-9a-fA-F]/g, ''), 'hex').toString('latin1'));
      return fallback;
    case 'tr':
      return stdinText !== undefined ? (tr(stdinText, texts) ?? fallback) : fallback;
    case 'git':
      // names of files in the repository: `ls-files`, `diff --name-only`, `grep -l`
      if (
        input.cwd !== undefined &&
        (texts[0] === 'ls-files' ||
          (['diff', 'show', 'log'].includes(texts[0] ?? '') && texts.includes('--name-only')) ||
          (texts[0] === 'grep' &&
            texts.some((t) => /^-[a-zA-Z]*[lL]/.test(t) || t === '--files-with-matches')))
      )
        return paths(`${input.cwd}/**`);
      return UNKNOWN;
    case 'grep':
    case 'egrep':
    case 'rg': {
      // `grep -rl x src`: names of files under the folders searched
      const listing = texts.some(
        (t) =>
          /^-[a-zA-Z]*[lL]/.test(t) ||
          t === '--files-with-matches' ||
          t === '--files-without-match' ||
          (program === 'rg' && t === '--files'),
      );
      if (!listing) return fallback;
      const words = texts.filter(
        (t, i) =>
          !t.startsWith('-') &&
          !/^-[efmA-CDgtT]$|^--(regexp|file|max-count|glob|type)$/.test(texts[i - 1] ?? ''),
      );
      // the first word is the pattern, unless `-e`/`-f` gave it (or `rg --files` takes none)
      const patternGiven =
        texts.some((t) => /^-[a-zA-Z]*[ef]$|^--(regexp|file)(=|$)/.test(t)) ||
        (program === 'rg' && texts.includes('--files'));
      const dirs = patternGiven ? words : words.slice(1);
      if (dirs.length === 0) return input.cwd !== undefined ? paths(`${input.cwd}/**`) : UNKNOWN;
      if (dirs.length !== 1) return UNKNOWN;
      return paths(`${input.path(dirs[0]!)}/**`);
    }
    case 'find':
    case 'fd':
    case 'fdfind': {
      const roots = texts.filter((t, i) => !t.startsWith('-') && (i === 0 || !texts[i - 1]!.startsWith('-')));
      const root = program === 'find' ? (roots[0] ?? '.') : (roots[1] ?? '.');
      return paths(`${input.path(root)}/**`);
    }
    case 'mktemp': {
      // A new file or folder with a random name: the template's X's, under -p or $TMPDIR (/tmp).
      const valueOf = (flag: string) => (texts.includes(flag) ? texts[texts.indexOf(flag) + 1] : undefined);
      const dir =
        valueOf('-p') ?? valueOf('--tmpdir') ?? texts.find((t) => t.startsWith('--tmpdir='))?.slice(9);
      const template = texts.find(
        (t, i) => !t.startsWith('-') && !['-p', '--tmpdir', '--suffix'].includes(texts[i - 1] ?? ''),
      );
      // spelled as the template: its X's stand for the random letters and digits (`/tmp/aarm.XXXXXX`
      // can never be an existing file like `/tmp/aarm.key`, where a `*` could)
      const name = template ?? 'tmp.XXXXXXXXXX';
      const full =
        name.includes('/') && dir === undefined && !texts.includes('-t')
          ? name
          : `${dir ?? '/tmp'}/${name.replace(/^.*\//, '')}`;
      return paths(input.path(full));
    }
    case 'ls': {
      const dirs = texts.filter((t) => !t.startsWith('-'));
      if (dirs.length > 1) return UNKNOWN;
      return paths(`${input.path(dirs[0] ?? '.')}/*`);
    }
    default:
      return fallback;
  }
}

const text = (t: string): Output => ({ kind: 'text', text: t });
const paths = (pattern: string): Output => ({ kind: 'paths', pattern });

function echo(args: string[]): Output {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]!); i++) {
    if (args[i]!.includes('n')) newline = false;
    if (args[i]!.includes('e')) escapes = true;
    if (args[i]!.includes('E')) escapes = false;
  }
  const body = args.slice(i).join(' ');
  return text((escapes ? backslashEscapes(body) : body) + (newline ? '\n' : ''));
}

/** printf with %s, %d, %b, %c, %% and backslash escapes; undefined for anything else. */
function printf(format: string, args: string[]): Output | undefined {
  let out = '';
  let argIndex = 0;
  let guard = 0;
  do {
    for (let i = 0; i < format.length; i++) {
      const c = format[i]!;
      if (c === '\\') {
        const m = /^\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/s.exec(format.slice(i));
        out += backslashEscapes(m![0]);
        i += m![0].length - 1;
        continue;
      }
      if (c !== '%') {
        out += c;
        continue;
      }
      const spec = format[++i];
      if (spec === '%') out += '%';
      else if (spec === 's' || spec === 'd' || spec === 'i' || spec === 'c') {
        const arg = args[argIndex++] ?? '';
        out += spec === 'c' ? arg.charAt(0) : spec === 's' ? arg : String(parseInt(arg, 10) || 0);
      } else if (spec === 'b') out += backslashEscapes(args[argIndex++] ?? '');
      else return undefined;
    }
  } while (argIndex > 0 && argIndex < args.length && ++guard < 1000);
  return text(out);
}

/** `printf %b`'s backslash escapes; `$'…'` adds its own to these (expand.ts). */
export const PRINTF_B_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
};

function backslashEscapes(value: string): string {
  return value.replace(/\\(x[0-9a-fA-F]{1,2}|0[0-7]{0,3}|[0-7]{1,3}|.)/gs, (_m, esc: string) => {
    if (esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
    if (/^[0-7]/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return Object.hasOwn(PRINTF_B_ESCAPES, esc) ? PRINTF_B_ESCAPES[esc]! : `\\${esc}`;
  });
}

function basename(path: string, suffix?: string): string {
  const base = posix.basename(path);
  return suffix && base.endsWith(suffix) && base !== suffix ? base.slice(0, -suffix.length) : base;
}

/** `tr SET1 SET2` with plain characters and ranges; undefined otherwise (`-d`, classes …). */
function tr(input: string, args: string[]): Output | undefined {
  if (args.length !== 2 || args.some((a) => a.startsWith('-') || a.includes('[:'))) return undefined;
  const expand = (set: string) =>
    set.replace(/(.)-(.)/gs, (_m, a: string, b: string) => {
      let out = '';
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0) && out.length < 256; c++)
        out += String.fromCharCode(c);
      return out;
    });
  const from = expand(args[0]!);
  const to = expand(args[1]!);
  if (to.length === 0) return undefined;
  let out = '';
  for (const c of input) {
    const i = from.indexOf(c);
    out += i < 0 ? c : to[Math.min(i, to.length - 1)];
  }
  return text(out);
}
