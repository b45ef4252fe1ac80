/**
 * Tcl (`tclsh`, `wish`) and Expect scripts. Tcl is read the way Tcl reads it: commands of words,
 * `{…}` literal, `"…"` and bare words with `$var` and `[command]` substitution. Every braced word
 * is also read as a script, since control structures, procs and callbacks take their bodies that
 * way (data in braces that looks like a call is reported too, which errs on the safe side). The
 * total text re-read this way is bounded, so scanning stays linear.
 */
import type { CodeScanner } from './types.js';
import { Effects, escape, openFile } from './text.js';

interface Word {
  /** the word's value; for a word with substitutions, its literal parts */
  text: string;
  /** no `$var` or `[command]` in it */
  literal: boolean;
  braced: boolean;
  /** `{*}word`: its elements are separate words */
  expand: boolean;
}

/** programs that read commands from what `send` types into them */
const SHELLS = new Set(
  'sh bash zsh dash ksh mksh fish csh tcsh busybox su sudo doas ssh telnet script docker kubectl nsenter chroot tmux screen'.split(
    ' ',
  ),
);

/** interpreters, by program name: what `send` types into them is code in this language */
const INTERPRETERS: Record<string, string> = {
  python: 'python',
  python3: 'python',
  node: 'javascript',
  perl: 'perl',
  ruby: 'ruby',
  irb: 'ruby',
  lua: 'lua',
  R: 'r',
  julia: 'julia',
  octave: 'octave',
  matlab: 'octave',
  tclsh: 'tcl',
  wish: 'tcl',
  expect: 'tcl',
  gdb: 'gdb',
  sqlite3: 'sqlite',
  psql: 'psql',
  mysql: 'mysql',
  mariadb: 'mysql',
  php: 'php',
  groovysh: 'groovy',
  jshell: 'groovy',
  vim: 'vim',
  vi: 'vim',
  ex: 'vim',
  ed: 'ed',
  dc: 'dc',
};

const MAX_BRACKET_DEPTH = 64;

export const scanTcl: CodeScanner = (code) => {
  const tcl = new Tcl(code.length);
  tcl.commands(code, 0, false, 0);
  return tcl.fx.out;
};

class Tcl {
  readonly fx = new Effects();
  /** characters that may still be re-read as nested scripts */
  private budget: number;
  /** the program `spawn` started last: undefined when none, null when not a literal */
  private spawned: string | null | undefined;
  /** the last `expect` waited for a password prompt: the next `send` types a secret */
  private secret = false;

  constructor(length: number) {
    this.budget = length * 8 + 4096;
  }

  /**
   * Reads commands from `i` to the end, or to the `]` that closes a command substitution. `strict`
   * is false for text only guessed to be a script (a braced argument of a command we do not know),
   * where a variable in command position is more likely data than a call.
   */
  commands(s: string, i: number, inBracket: boolean, depth: number, strict = true): number {
    while (i < s.length) {
      const c = s[i]!;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ';') {
        i++;
        continue;
      }
      if (c === '\\' && s[i + 1] === '\n') {
        i += 2;
        continue;
      }
      if (inBracket && c === ']') return i + 1;
      if (c === '#') {
        while (i < s.length && s[i] !== '\n') i += s[i] === '\\' ? 2 : 1;
        continue;
      }
      const words: Word[] = [];
      while (i < s.length) {
        const ch = s[i]!;
        if (ch === ' ' || ch === '\t' || ch === '\r') {
          i++;
          continue;
        }
        if (ch === '\\' && s[i + 1] === '\n') {
          i += 2;
          continue;
        }
        if (ch === '\n' || ch === ';') {
          i++;
          break;
        }
        if (inBracket && ch === ']') break;
        const start = i;
        let word: Word;
        [word, i] = this.word(s, i, inBracket, depth);
        words.push(word);
        if (i <= start) i = start + 1;
      }
      if (words.length > 0) this.command(words, depth, strict);
    }
    return i;
  }

  /** One word from `i`: its value and the index after it. Substitutions in it are scanned. */
  private word(s: string, i: number, inBracket: boolean, depth: number): [Word, number] {
    let expand = false;
    if (s.startsWith('{*}', i) && i + 3 < s.length && !/\s/.test(s[i + 3]!)) {
      expand = true;
      i += 3;
    }
    if (s[i] === '{') {
      let level = 1;
      let j = i + 1;
      while (j < s.length) {
        const ch = s[j];
        if (ch === '\\') j++;
        else if (ch === '{') level++;
        else if (ch === '}' && --level === 0) break;
        j++;
      }
      return [{ text: s.slice(i + 1, j), literal: true, braced: true, expand }, j + 1];
    }
    const quoted = s[i] === '"';
    let j = quoted ? i + 1 : i;
    let text = '';
    let literal = true;
    while (j < s.length) {
      const ch = s[j]!;
      if (quoted ? ch === '"' : ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ';') break;
      if (!quoted && inBracket && ch === ']') break;
      if (ch === '\\' && j + 1 < s.length) {
        if (s[j + 1] === '\n') {
          text += ' ';
          j += 2;
          while (s[j] === ' ' || s[j] === '\t') j++;
          continue;
        }
        const [value, len] = escape(s, j, false);
        text += value;
        j += len;
        continue;
      }
      if (ch === '[') {
        literal = false;
        j = this.bracket(s, j + 1, depth);
        continue;
      }
      if (ch === '$') {
        const end = this.variable(s, j + 1, depth);
        if (end > j + 1) {
          literal = false;
          j = end;
          continue;
        }
      }
      text += ch;
      j++;
    }
    return [{ text, literal, braced: false, expand }, quoted ? j + 1 : j];
  }

  /** a command substitution starting after `[`: its commands are scanned; returns the index after `]` */
  private bracket(s: string, i: number, depth: number): number {
    if (depth < MAX_BRACKET_DEPTH) return this.commands(s, i, true, depth + 1);
    this.fx.unknown('nests commands too deeply to judge');
    let level = 1;
    while (i < s.length && level > 0) {
      if (s[i] === '[') level++;
      else if (s[i] === ']') level--;
      i++;
    }
    return i;
  }

  /** `$name`, `${name}`, `$ns::name`, `$arr(index)` after the `$` at `i - 1`; returns its end */
  private variable(s: string, i: number, depth: number): number {
    if (s[i] === '{') {
      const end = s.indexOf('}', i);
      return end < 0 ? s.length : end + 1;
    }
    let j = i;
    while (j < s.length && /[\w:]/.test(s[j]!)) j++;
    if (j === i) return i;
    if (s[j] === '(') {
      j++;
      while (j < s.length && s[j] !== ')') {
        if (s[j] === '[') j = this.bracket(s, j + 1, depth);
        else j++;
      }
      j++;
    }
    return j;
  }

  /** a literal script in a word (a body, a callback): read it too, while the budget lasts */
  private script(text: string, depth: number, strict = true): void {
    if (text.trim() === '' || !this.spend(text, depth)) return;
    this.commands(text, 0, false, depth + 1, strict);
  }

  private spend(text: string, depth: number): boolean {
    this.budget -= text.length;
    if (this.budget >= 0 && depth < MAX_BRACKET_DEPTH) return true;
    this.fx.unknown('nests code in code too deeply to judge');
    return false;
  }

  /** a word in script position: a literal is read as a script, anything else is code built at run time */
  private body(w: Word | undefined, name: string, depth: number): void {
    if (!w) return;
    if (w.literal) this.script(w.text, depth);
    else this.fx.unknown(`evaluates code built at run time (${name})`);
  }

  /** an expression (`expr`, conditions): only its `[command]` substitutions run */
  private expression(w: Word | undefined, depth: number): void {
    if (!w?.braced || !this.spend(w.text, depth)) return;
    const s = w.text;
    for (let j = 0; j < s.length; j++) {
      if (s[j] === '\\') j++;
      else if (s[j] === '[') j = this.bracket(s, j + 1, depth + 1) - 1;
    }
  }

  /** `eval`, `uplevel`, `after`, `namespace eval`: the words joined are a script */
  private evaluate(words: Word[], name: string, depth: number): void {
    if (words.length === 0) return;
    if (words.some((w) => !w.literal)) {
      this.fx.unknown(`evaluates code built at run time (${name})`);
      return;
    }
    this.script(words.map((w) => w.text).join(' '), depth);
  }

  private command(raw: Word[], depth: number, strict: boolean): void {
    const fx = this.fx;
    // {*}list: its elements are words
    const words: Word[] = [];
    for (const w of raw) {
      if (!w.expand) words.push(w);
      else if (w.literal)
        for (const e of splitList(w.text))
          words.push({ text: e, literal: true, braced: false, expand: false });
      else words.push({ text: '', literal: false, braced: false, expand: false });
    }
    const head = words[0];
    if (!head) return;
    if (!head.literal) {
      if (strict) fx.unknown('calls a command whose name is only known at run time');
      return;
    }
    const name = head.text.replace(/^::/, '');
    const args = words.slice(1);
    const lit = (w: Word | undefined) => (w && w.literal ? w.text : null);
    switch (name) {
      case 'exec':
      case 'exp_exec': {
        let k = 0;
        while (k < args.length && args[k]!.literal && args[k]!.text.startsWith('-')) {
          if (args[k++]!.text === '--') break;
        }
        const rest = args.slice(k);
        if (rest.some((w) => !w.literal)) fx.unknown('runs a command only known at run time (exec)');
        else this.exec(rest.map((w) => w.text));
        return;
      }
      case 'open': {
        const path = args[0];
        if (!path) return;
        if (path.text.startsWith('|')) {
          if (!path.literal) fx.unknown('runs a command only known at run time (open)');
          else this.exec(splitList(path.text.slice(1)));
          return;
        }
        const mode = args[1] ? lit(args[1]) : 'r';
        const writes = mode === null || /[wa+]|WRONLY|RDWR|CREAT|APPEND|TRUNC/.test(mode);
        openFile(fx, 'open', lit(path), writes ? 'w' : 'r');
        return;
      }
      case 'file':
        this.file(args);
        return;
      case 'source': {
        const file = args.at(-1);
        if (file) {
          const path = lit(file);
          if (path === null) fx.unknown('loads code only known at run time (source)');
          else fx.load(path);
        }
        return;
      }
      case 'load':
        fx.unknown('loads a native library (load)');
        return;
      case 'socket':
      case 'tls::socket':
        this.socket(args);
        return;
      case 'http::geturl': {
        const url = lit(args[0]);
        if (url === null) fx.net();
        else fx.url(url);
        for (let k = 1; k < args.length; k++) {
          const opt = args[k]!.text;
          if (opt === '-query' || opt === '-querychannel') fx.sends();
          if (opt === '-method' && !/^(?:GET|HEAD)$/i.test(lit(args[k + 1]) ?? 'POST')) fx.sends();
        }
        return;
      }
      case 'eval':
        this.evaluate(args, name, depth);
        return;
      case 'uplevel':
        this.evaluate(args.length > 1 && /^#?\d+$/.test(args[0]!.text) ? args.slice(1) : args, name, depth);
        return;
      case 'after':
        if (args[0] && /^\d+$/.test(args[0].text)) this.evaluate(args.slice(1), name, depth);
        else if (args[0]?.text === 'idle') this.evaluate(args.slice(1), name, depth);
        return;
      case 'namespace':
        if (args[0]?.text === 'eval') this.evaluate(args.slice(2), 'namespace eval', depth);
        return;
      case 'interp': {
        const sub = lit(args[0]);
        if (sub === 'eval') this.evaluate(args.slice(2), 'interp eval', depth);
        else if (sub === null) fx.unknown('runs commands in another interpreter (interp)');
        else if (sub === 'alias' || sub === 'invokehidden' || sub === 'expose')
          fx.unknown(`runs commands in another interpreter (interp ${sub})`);
        return;
      }
      case 'subst': {
        const text = args.at(-1);
        if (!text) return;
        if (args.some((w) => w.text === '-nocommands')) return;
        if (!text.literal) fx.unknown('evaluates code built at run time (subst)');
        else this.expression(text, depth);
        return;
      }
      // control structures: which words are scripts and which are expressions
      case 'if':
        this.ifCommand(args, depth);
        return;
      case 'while':
        this.expression(args[0], depth);
        this.body(args[1], name, depth);
        return;
      case 'for':
        this.body(args[0], name, depth);
        this.expression(args[1], depth);
        this.body(args[2], name, depth);
        this.body(args[3], name, depth);
        return;
      case 'foreach':
      case 'lmap':
      case 'proc':
      case 'fileevent':
      case 'bind':
        this.body(args.at(-1), name, depth);
        return;
      case 'catch':
      case 'time':
        this.body(args[0], name, depth);
        return;
      case 'try':
        this.body(args[0], name, depth);
        for (const w of args.slice(1)) if (w.braced) this.script(w.text, depth, false);
        return;
      case 'switch': {
        // switch ?options? value {pattern body …} | switch ?options? value pattern body …
        let k = 0;
        while (k < args.length - 1 && args[k]!.literal && args[k]!.text.startsWith('-')) {
          if (args[k++]!.text === '--') break;
        }
        const rest = args.slice(k + 1);
        const pairs =
          rest.length === 1 && rest[0]!.literal
            ? splitList(rest[0]!.text)
            : rest.map((w) => (w.literal ? w.text : ''));
        for (let p = 1; p < pairs.length; p += 2) if (pairs[p] !== '-') this.script(pairs[p]!, depth);
        return;
      }
      case 'apply': {
        const lambda = args[0]?.literal ? splitList(args[0].text) : undefined;
        if (lambda?.[1] !== undefined) this.script(lambda[1], depth);
        else if (args[0]) fx.unknown('evaluates code built at run time (apply)');
        return;
      }
      case 'expr':
        for (const w of args) this.expression(w, depth);
        return;
      case 'dict':
        if (/^(?:for|map|update|with)$/.test(args[0]?.text ?? '')) this.body(args.at(-1), 'dict', depth);
        return;
      case 'expect':
      case 'expect_after':
      case 'expect_before':
        this.secret = args.some((w) => w.literal && /pass(?:word|phrase)|PIN\b/i.test(w.text));
        for (const w of args) if (w.braced) this.script(w.text, depth, false);
        return;
      case 'rename': {
        const [from, to] = args;
        if (!from?.literal || !to?.literal) fx.unknown('renames a command chosen at run time (rename)');
        else if (KNOWN.has(from.text.replace(/^::/, '')) || KNOWN.has(to.text.replace(/^::/, '')))
          fx.unknown(`renames ${from.text} (rename)`);
        return;
      }
      // Expect
      case 'spawn':
      case 'exp_spawn':
        this.spawn(args);
        return;
      case 'send':
      case 'exp_send':
        this.send(args);
        return;
      case 'system':
      case 'exp_system':
        if (args.some((w) => !w.literal)) fx.unknown('runs a command only known at run time (system)');
        else if (args.length > 0) fx.shell(args.map((w) => w.text).join(' '));
        return;
      case 'interact':
      case 'exp_interact':
        fx.unknown('hands the terminal to the spawned program (interact)');
        return;
      case 'log_file':
      case 'exp_log_file': {
        const file = args.filter((w) => !w.text.startsWith('-')).at(-1);
        if (file && !args.some((w) => w.text === '-open' || w.text === '-leaveopen')) {
          const path = lit(file);
          if (path === null) fx.unknown('writes a file only known at run time (log_file)');
          else fx.write(path);
        }
        return;
      }
      default:
        // a command we do not know (a proc, a callback): its braced words may be scripts
        if (!DATA.has(name)) for (const w of args) if (w.braced) this.script(w.text, depth, false);
    }
  }

  /** if expr ?then? body ?elseif expr ?then? body …? ?else? ?body? */
  private ifCommand(args: Word[], depth: number): void {
    let k = 0;
    this.expression(args[k++], depth);
    while (k < args.length) {
      if (args[k]?.text === 'then') k++;
      this.body(args[k++], 'if', depth);
      const next = args[k]?.text;
      if (next === 'elseif') {
        this.expression(args[k + 1], depth);
        k += 2;
      } else if (next === 'else') k++;
      else if (k < args.length) continue;
      else break;
    }
  }

  /** exec's words: pipelines (`|`), redirections (`>file`, `< file`), a final `&` */
  private exec(words: string[]): void {
    const fx = this.fx;
    let argv: string[] = [];
    for (let k = 0; k < words.length; k++) {
      const w = words[k]!;
      if (w === '|' || w === '|&') {
        fx.argv(argv);
        argv = [];
        continue;
      }
      if (w === '&' && k === words.length - 1) break;
      const redirect = /^(?:2>>|2>@1|2>@|2>|>>&|>>|>&|>@|>|<<|<@|<)/.exec(w);
      if (!redirect) {
        argv.push(w);
        continue;
      }
      const op = redirect[0];
      let target = w.slice(op.length);
      if (target === '' && op !== '2>@1') target = words[++k] ?? '';
      if (op === '<<' || op.endsWith('@') || op === '2>@1') continue; // a value or a channel
      if (op === '<') fx.read(target);
      else fx.write(target);
    }
    fx.argv(argv);
  }

  private file(args: Word[]): void {
    const fx = this.fx;
    const sub = args[0];
    if (!sub) return;
    if (!sub.literal) {
      fx.unknown('uses a file command chosen at run time (file)');
      return;
    }
    const operands = args.slice(1).filter((w, k, all) => {
      if (!w.literal || !w.text.startsWith('-')) return true;
      return all.slice(0, k).some((p) => p.text === '--');
    });
    const paths = operands.filter((w) => w.text !== '--');
    const each = (ws: Word[], what: 'delete' | 'write' | 'read') => {
      for (const w of ws) {
        if (what === 'read') fx.read(w.literal ? w.text : '?');
        else if (!w.literal)
          fx.unknown(
            `${what === 'write' ? 'writes' : 'deletes'} a file only known at run time (file ${sub.text})`,
          );
        else if (what === 'write') fx.write(w.text);
        else fx.delete(w.text);
      }
    };
    switch (sub.text) {
      case 'delete':
        each(paths, 'delete');
        return;
      case 'rename':
        each(paths.slice(0, -1), 'delete');
        each(paths.slice(-1), 'write');
        return;
      case 'copy':
        each(paths.slice(0, -1), 'read');
        each(paths.slice(-1), 'write');
        return;
      case 'mkdir':
        each(paths, 'write');
        return;
      case 'link':
        if (paths.length >= 2) each(paths.slice(0, 1), 'write');
        return;
      case 'attributes':
        if (args.length > 3) each(paths.slice(0, 1), 'write');
        return;
      case 'mtime':
      case 'atime':
        if (paths.length >= 2) each(paths.slice(0, 1), 'write');
        return;
      case 'tempfile':
        fx.write(paths[1]?.literal ? paths[1].text : '/tmp/tcl_XXXXXX');
        return;
    }
  }

  /** `socket ?-async? ?-myaddr a? ?-myport p? host port`, `socket -server cmd port` */
  private socket(args: Word[]): void {
    const fx = this.fx;
    const rest: Word[] = [];
    for (let k = 0; k < args.length; k++) {
      const opt = args[k]!.text;
      if (opt === '-server') {
        fx.net();
        return;
      }
      if (opt === '-myaddr' || opt === '-myport') k++;
      else if (opt !== '-async' && !(args[k]!.literal && opt.startsWith('-') && rest.length === 0))
        rest.push(args[k]!);
    }
    const [host, port] = rest;
    if (!host?.literal) fx.net();
    else fx.host(port?.literal ? `${host.text}:${port.text}` : host.text);
    fx.sends();
  }

  /** Expect's `spawn ?options? program ?args?` */
  private spawn(args: Word[]): void {
    const fx = this.fx;
    let k = 0;
    while (k < args.length && args[k]!.literal && args[k]!.text.startsWith('-')) {
      const opt = args[k++]!.text;
      if (opt === '-open' || opt === '-leaveopen' || opt === '-pty') return; // no program
      if (opt === '-ignore') k++;
    }
    const rest = args.slice(k);
    if (rest.length === 0) return;
    if (rest.some((w) => !w.literal)) {
      fx.unknown('runs a command only known at run time (spawn)');
      this.spawned = rest[0]!.literal ? base(rest[0]!.text) : null;
      return;
    }
    fx.argv(rest.map((w) => w.text));
    this.spawned = base(rest[0]!.text);
  }

  /** Expect's `send`: what it types into a spawned shell or interpreter is code run there */
  private send(args: Word[]): void {
    const fx = this.fx;
    let k = 0;
    while (k < args.length - 1 && args[k]!.literal && args[k]!.text.startsWith('-')) {
      const opt = args[k++]!.text;
      if (opt === '--') break;
      if (opt === '-i') k++;
    }
    const text = args[k];
    const program = this.spawned;
    const secret = this.secret;
    this.secret = false;
    if (!text || program === undefined || secret) return;
    const language = program === null ? undefined : SHELLS.has(program) ? 'shell' : INTERPRETERS[program];
    if (program === null) {
      fx.unknown('types input into a program only known at run time (send)');
      return;
    }
    if (!language) return;
    if (!text.literal) {
      fx.unknown(`types input only known at run time into ${program} (send)`);
      return;
    }
    if (language !== 'shell') {
      fx.code(language, text.text.replace(/\r\n?/g, '\n'));
      return;
    }
    for (const line of text.text.split(/[\r\n]/)) if (line.trim()) fx.shell(line.trim());
  }
}

/** commands whose renaming matters */
const KNOWN = new Set([
  'exec',
  'open',
  'file',
  'source',
  'load',
  'socket',
  'eval',
  'uplevel',
  'subst',
  'interp',
  'spawn',
  'send',
  'system',
]);

/** commands whose braced arguments are data, never scripts */
const DATA = new Set(
  'set puts list lappend lindex llength lrange lsort lsearch linsert lreplace lset lreverse lrepeat lassign concat join split string format scan regexp regsub append incr return global variable upvar array unset binary encoding clock close gets read flush fconfigure chan package info error throw send_user send_error send_log send_tty match_max log_user exp_internal timeout'.split(
    ' ',
  ),
);

const base = (program: string) => program.split('/').pop() ?? program;

/** the elements of a Tcl list (whitespace-separated, `{…}` and `"…"` group) */
export function splitList(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && /\s/.test(s[i]!)) i++;
    if (i >= s.length) break;
    if (s[i] === '{') {
      let level = 1;
      let j = i + 1;
      while (j < s.length) {
        if (s[j] === '\\') j++;
        else if (s[j] === '{') level++;
        else if (s[j] === '}' && --level === 0) break;
        j++;
      }
      out.push(s.slice(i + 1, j));
      i = j + 1;
    } else if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      out.push(s.slice(i + 1, end < 0 ? s.length : end));
      i = end < 0 ? s.length : end + 1;
    } else {
      let j = i;
      while (j < s.length && !/\s/.test(s[j]!)) j++;
      out.push(s.slice(i, j));
      i = j;
    }
  }
  return out;
}
