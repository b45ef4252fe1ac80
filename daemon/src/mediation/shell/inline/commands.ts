/**
 * Scanners for command languages, read one command per line: Vim's Ex commands (`vim -c`, `+cmd`,
 * Ex scripts), gdb (`-ex`, `-x`), the sqlite3, psql and mysql clients (their own commands and the
 * SQL that touches files or runs programs), m4, Emacs Lisp (`emacs --batch --eval`), awk programs,
 * ed and dc.
 */
import type { CodeEffects, CodeScanner } from './types.js';
import {
  Code,
  Effects,
  Evaluator,
  MAX_NESTING,
  applySpec,
  escape,
  formatLiteral,
  lex,
  shellWords,
  splitWords,
  type EvalRules,
  type LexOptions,
  type Spec,
} from './text.js';

/** the text that nested scans (`:execute`, `eval`) may re-read, per character of input */
const BUDGET = 8;

/** a set of the space-separated words */
const words = (list: string): Set<string> => new Set(list.split(' ').filter(Boolean));

/** Lines of `text`, a line break being `\n`, `\r\n` or `\r`. */
const lines = (text: string): string[] => text.split(/\r\n|\r|\n/);

// =============================================================================================
// Vim

/** Ex commands, as `name:shortest abbreviation` */
const EX: Array<[string, number]> = (
  'append:1 insert:1 change:1 write:1 wq:2 wnext:2 wNext:2 wprevious:2 wall:2 wqall:3 xit:1 exit:3 ' +
  'xall:2 update:2 saveas:3 read:1 edit:1 visual:2 view:3 split:2 vsplit:2 new:3 vnew:3 tabedit:4 ' +
  'tabnew:6 tabfind:4 sview:2 find:3 sfind:2 badd:3 argadd:4 args:2 diffsplit:5 pedit:3 drop:2 ' +
  'source:2 runtime:2 pyfile:3 py3file:4 pyxfile:4 luafile:4 rubyfile:5 tclfile:4 python:2 ' +
  'python3:7 py3:3 pyx:3 pythonx:7 lua:3 perl:2 ruby:3 tcl:2 mzscheme:2 pydo:3 py3do:4 pyxdo:4 ' +
  'luado:4 perldo:5 rubydo:5 tcldo:4 shell:2 terminal:3 make:3 lmake:4 grep:2 grepadd:5 lgrep:3 ' +
  'lgrepadd:6 set:2 setlocal:4 setglobal:4 let:3 const:4 call:3 echo:2 echon:5 echomsg:5 echoerr:5 ' +
  'eval:2 return:4 if:2 elseif:5 while:2 for:3 throw:2 execute:3 cexpr:3 lexpr:3 cgetexpr:5 ' +
  'lgetexpr:5 caddexpr:5 laddexpr:5 put:2 normal:4 global:1 vglobal:1 substitute:1 silent:3 ' +
  'noautocmd:3 keepjumps:5 keepmarks:3 keeppatterns:5 keepalt:5 lockmarks:3 vertical:4 topleft:2 ' +
  'botright:2 aboveleft:3 leftabove:5 belowright:3 rightbelow:6 tab:3 hide:3 unsilent:3 verbose:4 ' +
  'sandbox:3 debug:3 browse:3 confirm:4 filter:4 windo:5 bufdo:5 argdo:5 tabdo:5 cdo:3 cfdo:3 ldo:3 ' +
  'lfdo:3 folddoopen:5 folddoclosed:7 autocmd:2 command:3 redir:4 mksession:3 mkview:5 mkvimrc:3 ' +
  'mkexrc:2 wviminfo:2 wshada:3 rviminfo:2 rshada:3 wundo:3 rundo:4 mkspell:4 helptags:5 hardcopy:2 ' +
  'diffpatch:5 cscope:2 lcscope:3 scscope:3 vimgrep:3 lvimgrep:2 vimgrepadd:8 lvimgrepadd:9 map:3 ' +
  'nmap:2 vmap:2 xmap:2 smap:4 omap:2 imap:2 lmap:2 cmap:2 tmap:3 noremap:2 nnoremap:2 vnoremap:2 ' +
  'xnoremap:2 snoremap:4 onoremap:3 inoremap:3 lnoremap:2 cnoremap:3 tnoremap:3 abbreviate:2 ' +
  'iabbrev:2 cabbrev:2 noreabbrev:5 inoreabbrev:5 cnoreabbrev:4'
)
  .split(' ')
  .map((e) => {
    const [name, min] = e.split(':');
    return [name!, Number(min)];
  });

/** commands whose argument is the rest of the line, `|` included */
const BAR_IN_ARG = words(
  '! global vglobal normal python python3 py3 pyx pythonx lua perl ruby tcl mzscheme pydo py3do ' +
    'pyxdo luado perldo rubydo tcldo autocmd command windo bufdo argdo tabdo cdo cfdo ldo lfdo ' +
    'folddoopen folddoclosed make lmake terminal debug',
);

/** commands that evaluate expressions (their `|` inside strings does not end them) */
const EXPRESSION = words(
  'let const call echo echon echomsg echoerr eval return if elseif while for throw execute cexpr ' +
    'lexpr cgetexpr lgetexpr caddexpr laddexpr',
);

/** command modifiers and iterators: the rest is another command */
const MODIFIERS = words(
  'silent noautocmd keepjumps keepmarks keeppatterns keepalt lockmarks vertical topleft botright ' +
    'aboveleft leftabove belowright rightbelow tab hide unsilent verbose sandbox debug browse confirm ' +
    'windo bufdo argdo tabdo cdo cfdo ldo lfdo folddoopen folddoclosed',
);

/** script commands: their argument is code in this language */
const SCRIPT_LANGUAGES: Record<string, string> = {
  python: 'python',
  python3: 'python',
  py3: 'python',
  pyx: 'python',
  pythonx: 'python',
  pydo: 'python',
  py3do: 'python',
  pyxdo: 'python',
  lua: 'lua',
  luado: 'lua',
  perl: 'perl',
  perldo: 'perl',
  ruby: 'ruby',
  rubydo: 'ruby',
  tcl: 'tcl',
  tcldo: 'tcl',
};

const FILE_READS = words(
  'edit visual view split vsplit new vnew tabedit tabnew tabfind sview find sfind badd argadd args ' +
    'diffsplit pedit drop rviminfo rshada rundo',
);

const FILE_WRITES: Record<string, string | undefined> = {
  write: '%',
  wq: '%',
  wnext: '%',
  wNext: '%',
  wprevious: '%',
  xit: '%',
  exit: '%',
  update: '%',
  wall: '%',
  wqall: '%',
  xall: '%',
  saveas: undefined,
  mksession: 'Session.vim',
  mkvimrc: '.vimrc',
  mkexrc: '.exrc',
  mkview: undefined,
  wviminfo: '~/.viminfo',
  wshada: '~/.local/state/nvim/shada/main.shada',
  wundo: undefined,
  mkspell: undefined,
};

const LOADS = new Set(['source', 'pyfile', 'py3file', 'pyxfile', 'luafile', 'rubyfile', 'tclfile']);

/** options whose value is a program Vim runs, or an expression it evaluates */
const PROGRAM_OPTIONS: Record<string, string> = {
  shell: 'shell',
  sh: 'shell',
  shellcmdflag: 'shell',
  shcf: 'shell',
  shellpipe: 'shell',
  sp: 'shell',
  shellredir: 'shell',
  srr: 'shell',
  shellquote: 'shell',
  shq: 'shell',
  shellxquote: 'shell',
  sxq: 'shell',
  makeprg: 'makeprg',
  mp: 'makeprg',
  grepprg: 'grepprg',
  gp: 'grepprg',
  keywordprg: 'program',
  kp: 'program',
  equalprg: 'program',
  ep: 'program',
  formatprg: 'program',
  fp: 'program',
  diffexpr: 'expr',
  dex: 'expr',
  patchexpr: 'expr',
  pex: 'expr',
  charconvert: 'expr',
  ccv: 'expr',
  printexpr: 'expr',
  pexpr: 'expr',
  includeexpr: 'expr',
  inex: 'expr',
  indentexpr: 'expr',
  inde: 'expr',
  foldexpr: 'expr',
  fde: 'expr',
  formatexpr: 'expr',
  fex: 'expr',
  statusline: 'expr',
  stl: 'expr',
  tabline: 'expr',
  tal: 'expr',
  titlestring: 'expr',
  rulerformat: 'expr',
};

/** Vim script functions */
const VIM_FUNCS: Record<string, Spec> = {
  system: { args: 'cmd', shell: 'cmd' },
  systemlist: { args: 'cmd', shell: 'cmd' },
  jobstart: { args: 'cmd', shell: 'cmd' },
  termopen: { args: 'cmd', shell: 'cmd' },
  job_start: { args: 'cmd', argv: 'cmd' },
  term_start: { args: 'cmd', argv: 'cmd' },
  writefile: { args: 'lines path', write: 'path' },
  readfile: { args: 'path', read: 'path' },
  readblob: { args: 'path', read: 'path' },
  readdir: { args: 'path', read: 'path' },
  delete: { args: 'path', delete: 'path' },
  rename: { args: 'from to', delete: 'from', write: 'to' },
  filecopy: { args: 'from to', read: 'from', write: 'to' },
  mkdir: { args: 'path', write: 'path' },
  setfperm: { args: 'path', write: 'path' },
  libcall: { unknown: 'calls a native library' },
  libcallnr: { unknown: 'calls a native library' },
  luaeval: { args: 'code', code: 'code', language: 'lua' },
  py3eval: { args: 'code', code: 'code', language: 'python' },
  pyeval: { args: 'code', code: 'code', language: 'python' },
  pyxeval: { args: 'code', code: 'code', language: 'python' },
  perleval: { args: 'code', code: 'code', language: 'perl' },
  rubyeval: { args: 'code', code: 'code', language: 'ruby' },
  ch_open: { args: 'address', host: 'address', sends: true },
  sockconnect: { args: 'mode address', host: 'address', sends: true },
  ch_sendraw: { sends: true },
  ch_sendexpr: { sends: true },
  ch_evalexpr: { sends: true },
  rpcstart: { unknown: 'starts a process' },
};

const VIM_LEX: LexOptions = {
  line: [],
  block: [],
  quotes: '"',
  doubled: "'",
  identChars: '#',
  ops: ['..=', '..', '.=', '->', '==', '!=', '>=', '<=', '=~', '!~', '&&', '||'],
};

const VIM_RULES: EvalRules = {
  concat: ['.', '..'],
  listOpen: '[',
  fns: {
    printf: (a) => (a[0] === undefined ? null : formatLiteral(a[0], a.slice(1))),
    tolower: (a) => a[0]?.toLowerCase() ?? null,
    toupper: (a) => a[0]?.toUpperCase() ?? null,
    trim: (a) => a[0]?.trim() ?? null,
    fnameescape: (a) => a[0] ?? null,
    expand: (a) => a[0] ?? null,
    shellescape: (a) => (a[0] === undefined ? null : `'${a[0].replaceAll("'", `'\\''`)}'`),
    nr2char: (a) =>
      a[0] !== undefined && /^\d+$/.test(a[0]) ? String.fromCharCode(Number(a[0]) & 0xffff) : null,
  },
};

/** key notation (`<CR>`, `<Esc>`, `<Bar>`) to the keys */
const KEYS: Record<string, string> = {
  cr: '\r',
  enter: '\r',
  return: '\r',
  nl: '\n',
  esc: '\x1b',
  'c-[': '\x1b',
  'c-c': '\x1b',
  bar: '|',
  lt: '<',
  space: ' ',
  tab: '\t',
  bslash: '\\',
  leader: '\\',
};

function decodeKeys(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '<') {
      const end = s.indexOf('>', i + 1);
      if (end > i && end - i < 16) {
        const key = KEYS[s.slice(i + 1, end).toLowerCase()];
        if (key !== undefined) {
          out += key;
          i = end;
          continue;
        }
      }
    }
    out += s[i];
  }
  return out;
}

export const scanVimEx: CodeScanner = (code) => {
  const vim = new Vim(code.length);
  vim.script(code.startsWith('+') && !code.includes('\n') ? code.slice(1) : code, 0);
  // Doors the walk above does not follow: backticks in file names and `expand()` run a shell
  // command; strings given to `map()`, `filter()`, `win_execute()` … are evaluated as code; the
  // `=` register of `:normal` evaluates an expression.
  const ex = code
    .split('\n')
    .filter((line) => !/^\s*:?\s*(rub(y)?|py(thon)?3?|pyx|lua|perl?|tcl|mz(scheme)?)\b/.test(line))
    .join('\n');
  if (/`[^`]+`/.test(ex)) vim.fx.unknown('runs a shell command in backticks');
  if (
    /\b(win_execute|map|filter|sort|uniq|reduce|timer_start|libcall|libcallnr|luaeval|py3?eval|pyxeval|rubyeval|perleval|mzeval|eval|funcref|function)\s*\(/.test(
      ex,
    )
  )
    vim.fx.unknown('evaluates a string as Vim code');
  if (/\bnorm(al)?!?\s[^\n]*"=/.test(code))
    vim.fx.unknown('evaluates an expression through the `=` register');
  return vim.fx.out;
};

class Vim {
  readonly fx = new Effects();
  private budget: number;
  private makeprg = 'make';
  private grepprg = 'grep -n $* /dev/null';
  private readonly userCommands = new Set<string>();

  constructor(length: number) {
    this.budget = length * BUDGET + 4096;
  }

  private spend(text: string, depth: number): boolean {
    this.budget -= text.length;
    if (this.budget >= 0 && depth < MAX_NESTING * 4) return true;
    this.fx.unknown('nests commands too deeply to judge');
    return false;
  }

  /** an Ex script: lines, with `\` continuation lines and here-documents for script commands */
  script(text: string, depth: number): void {
    // only a line feed ends a line: a carriage return in `:normal` keys is Enter
    const all = text.split('\n');
    for (let n = 0; n < all.length; n++) {
      let line = all[n]!;
      while (n + 1 < all.length && /^\s*\\/.test(all[n + 1]!)) line += all[++n]!.replace(/^\s*\\/, '');
      const heredoc = /^[\s:]*(\w+)\s*(?:=)?<<\s*(trim\s+)?(?:eval\s+)?(\S*)\s*$/.exec(line);
      if (heredoc) {
        const marker = heredoc[3] || '.';
        const body: string[] = [];
        while (n + 1 < all.length) {
          const next = all[++n]!;
          if ((heredoc[2] ? next.trim() : next) === marker) break;
          body.push(next);
        }
        const language = SCRIPT_LANGUAGES[resolve(heredoc[1]!)];
        if (language) this.fx.code(language, body.join('\n'));
        else if (resolve(heredoc[1]!) === 'mzscheme') this.fx.unknown('runs Scheme code (:mzscheme)');
        continue;
      }
      // :append, :insert, :change in an Ex script: text lines up to "."
      const input =
        /^[\s:]*[\d.$,;+\-%]*\s*(a|ap|app|appe|appen|append|i|in|ins|inse|inser|insert|c|ch|cha|chan|chang|change)!?\s*$/.exec(
          line,
        );
      if (input && all.length > 1) {
        while (n + 1 < all.length && all[n + 1] !== '.') n++;
        n++;
        continue;
      }
      this.line(line, depth);
    }
  }

  /** one line: commands separated by `|`, where the command allows it */
  line(text: string, depth: number): void {
    let at = 0;
    while (at < text.length) {
      const next = this.command(text, at, depth);
      if (next === undefined || next <= at) return;
      at = next;
    }
  }

  /** Reads the command of `s` at `from`; returns the index after the `|` that ends it, if any. */
  private command(s: string, from: number, depth: number): number | undefined {
    const fx = this.fx;
    let i = from;
    while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === ':')) i++;
    if (s[i] === '"' || (s[i] === '#' && s[i + 1] === '!')) return undefined; // a comment
    const rangeStart = i;
    i = skipRange(s, i);
    const ranged = /[^ \t]/.test(s.slice(rangeStart, i));
    while (s[i] === ' ' || s[i] === '\t') i++;
    // the command name
    let name: string;
    const c = s[i];
    if (c === undefined) return undefined;
    if (/[A-Za-z]/.test(c)) {
      name = /^[A-Za-z]+/.exec(s.slice(i, i + 64))![0];
      if (/^py(?:t(?:h(?:o(?:n)?)?)?)?$/.test(name) && s[i + name.length] === '3') {
        name += /^3[a-z]*/.exec(s.slice(i + name.length, i + name.length + 16))![0];
      }
      i += name.length;
    } else {
      name = c;
      i++;
    }
    const full = resolve(name);
    // `:r!cmd` reads a command's output; elsewhere a `!` after the name is a bang
    let bang = false;
    if (s[i] === '!' && full !== '!' && full !== 'read') {
      bang = true;
      i++;
    }
    const bangAfterSpace = () => {
      let j = i;
      while (s[j] === ' ' || s[j] === '\t') j++;
      return s[j] === '!' && (j > i || full === 'read');
    };
    // the argument: to the end of the line, or to a `|` that ends it
    const wholeLine =
      BAR_IN_ARG.has(full) ||
      MODIFIERS.has(full) ||
      ((full === 'read' || (full === 'write' && !bang)) && bangAfterSpace());
    const end = wholeLine ? s.length : barAt(s, i, EXPRESSION.has(full));
    // keys given to :normal keep their trailing Enter
    const arg = full === 'normal' ? s.slice(i, end).replace(/^[ \t]+/, '') : s.slice(i, end).trim();
    const rest = end < s.length ? end + 1 : undefined;
    if (/^[A-Z]/.test(name) && !EX.some(([f]) => f === full)) {
      if (!this.userCommands.has(name)) fx.unknown(`runs a user-defined command (:${name})`);
      return rest;
    }
    if (ranged && full === '!') {
      // :{range}!cmd filters lines through a command
      if (arg) fx.shell(arg);
      return rest;
    }
    this.run(full, arg, bang, depth);
    return rest;
  }

  private run(cmd: string, arg: string, bang: boolean, depth: number): void {
    const fx = this.fx;
    if (cmd === '!') {
      if (arg === '') fx.unknown('starts an interactive shell (:!)');
      else if (arg.startsWith('!')) fx.unknown('repeats the last shell command (:!!)');
      else fx.shell(arg);
      return;
    }
    const language = SCRIPT_LANGUAGES[cmd];
    if (language) {
      const code = cmd === 'lua' && arg.startsWith('=') ? `print(${arg.slice(1)})` : arg;
      if (code) fx.code(language, code);
      return;
    }
    if (cmd === 'mzscheme') {
      fx.unknown('runs Scheme code (:mzscheme)');
      return;
    }
    if (MODIFIERS.has(cmd)) {
      if (this.spend(arg, depth)) this.line(arg, depth + 1);
      return;
    }
    if (cmd === 'filter') {
      // :filter /pat/ cmd, :filter pat cmd
      const m = /^(?:\/(?:\\.|[^/\\])*\/|\S+)\s*(.*)$/.exec(arg);
      if (m?.[1] && this.spend(m[1], depth)) this.line(m[1], depth + 1);
      return;
    }
    if (cmd in FILE_WRITES || cmd === 'redir' || cmd === 'helptags' || cmd === 'hardcopy') {
      this.writes(cmd, arg, bang, depth);
      return;
    }
    if (cmd === 'read') {
      if (arg.startsWith('!')) {
        const command = arg.slice(1).trim();
        if (command) fx.shell(command);
        else fx.unknown('starts an interactive shell (:r !)');
      } else for (const f of this.files(arg, depth)) fx.read(f);
      return;
    }
    if (FILE_READS.has(cmd)) {
      for (const f of this.files(arg, depth)) fx.read(f);
      return;
    }
    if (LOADS.has(cmd)) {
      const files = this.files(arg, depth);
      if (files.length === 0 && cmd === 'source') fx.load('%');
      for (const f of files) fx.load(f);
      return;
    }
    switch (cmd) {
      case 'shell':
        fx.unknown('starts an interactive shell (:shell)');
        return;
      case 'terminal': {
        const command = arg.replace(/^(?:\+\+\S+\s*)*/, '').trim();
        if (command) fx.shell(command);
        else fx.unknown('starts an interactive shell (:terminal)');
        return;
      }
      case 'make':
      case 'lmake':
        fx.shell(`${this.makeprg} ${arg}`.trim());
        return;
      case 'grep':
      case 'grepadd':
      case 'lgrep':
      case 'lgrepadd':
        fx.shell(
          this.grepprg.includes('$*') ? this.grepprg.replace('$*', arg) : `${this.grepprg} ${arg}`.trim(),
        );
        return;
      case 'set':
      case 'setlocal':
      case 'setglobal':
        for (const word of splitEscaped(arg)) {
          const m = /^(\w+)\s*[+^-]?[=:](.*)$/s.exec(word);
          if (m) this.option(m[1]!, m[2]!.replace(/\\(.)/g, '$1'), depth);
        }
        return;
      case 'let':
      case 'const': {
        const m = /^&(?:[lg]:)?(\w+)\s*[.+^-]?=(.*)$/s.exec(arg);
        if (m) {
          const value = this.literal(m[2]!.trim());
          if (value === null) {
            if (Object.hasOwn(PROGRAM_OPTIONS, m[1]!) ? PROGRAM_OPTIONS[m[1]!] : undefined)
              fx.unknown(`sets '${m[1]}' to a value only known at run time (:let)`);
          } else this.option(m[1]!, value, depth);
        }
        const eq = arg.indexOf('=');
        if (eq > 0) this.expression(arg.slice(eq + 1), depth);
        return;
      }
      case 'execute':
        this.execute(arg, depth);
        return;
      case 'normal':
        this.normal(arg, depth);
        return;
      case 'global':
      case 'vglobal': {
        // :g/pat/cmd: the pattern's delimiter is any non-word character
        const delim = arg[0];
        if (delim === undefined || /[\w\s"|]/.test(delim)) return;
        let j = 1;
        while (j < arg.length && arg[j] !== delim) j += arg[j] === '\\' ? 2 : 1;
        const command = arg.slice(j + 1);
        if (command.trim() && this.spend(command, depth)) this.line(command, depth + 1);
        return;
      }
      case 'substitute': {
        // :s/pat/\=expr/: the replacement is an expression
        const at = arg.indexOf('\\=');
        if (at >= 0) this.expression(arg.slice(at + 2), depth);
        return;
      }
      case 'put':
        if (arg.startsWith('=')) this.expression(arg.slice(1), depth);
        return;
      case 'autocmd':
        this.autocmd(arg, depth);
        return;
      case 'command': {
        // :command[!] [-attrs] Name replacement
        const m = /^(?:-\S+\s+)*([A-Z]\w*)\s*(.*)$/s.exec(arg);
        if (m) {
          this.userCommands.add(m[1]!);
          if (m[2] && this.spend(m[2], depth)) this.line(m[2], depth + 1);
        }
        return;
      }
      case 'diffpatch':
        fx.unknown('runs the patch program (:diffpatch)');
        for (const f of this.files(arg, depth)) fx.read(f);
        return;
      case 'cscope':
      case 'lcscope':
      case 'scscope':
        fx.unknown(`runs cscope (:${cmd})`);
        return;
      case 'vimgrep':
      case 'lvimgrep':
      case 'vimgrepadd':
      case 'lvimgrepadd': {
        const m = /^(?:\/(?:\\.|[^/\\])*\/[gjf]*|\S+)\s*(.*)$/s.exec(arg);
        for (const f of splitEscaped(m?.[1] ?? '')) fx.read(f);
        return;
      }
    }
    if (EXPRESSION.has(cmd)) {
      this.expression(cmd === 'for' ? arg.replace(/^.*?\bin\b/s, '') : arg, depth);
      return;
    }
    if (/^(?:[nvxsoilct]?(?:nore)?map|[ic]?(?:nore)?abbrev|abbreviate|noremap)$/.test(cmd))
      this.map(cmd, arg, depth);
  }

  /** file arguments: `++opt` skipped, `+cmd` run, backslash-escaped spaces kept */
  private files(arg: string, depth: number): string[] {
    const out: string[] = [];
    for (const word of splitEscaped(arg)) {
      if (word.startsWith('++')) continue;
      if (word.startsWith('+')) {
        const cmd = word.slice(1);
        if (cmd && !/^\d*$/.test(cmd) && !cmd.startsWith('/') && this.spend(cmd, depth))
          this.line(cmd, depth + 1);
        continue;
      }
      out.push(word);
    }
    return out;
  }

  private writes(cmd: string, arg: string, bang: boolean, depth: number): void {
    const fx = this.fx;
    if (cmd === 'redir') {
      const m = /^>>?!?\s*(.+)$/.exec(arg);
      if (m) fx.write(m[1]!.trim());
      return;
    }
    if (cmd === 'hardcopy') {
      const m = /^>\s*(.+)$/.exec(arg);
      if (m) fx.write(m[1]!.trim());
      else fx.unknown('prints through the system print command (:hardcopy)');
      return;
    }
    if (cmd === 'helptags') {
      const dir = arg.trim();
      if (dir && dir !== 'ALL') fx.write(`${dir.replace(/\/$/, '')}/tags`);
      else if (dir === 'ALL') fx.unknown('writes tags files in every help directory (:helptags ALL)');
      return;
    }
    if (cmd === 'write' && !bang && arg.startsWith('!')) {
      const command = arg.slice(1).trim();
      if (command) fx.shell(command);
      return;
    }
    const files = this.files(arg.replace(/^>>\s*/, ''), depth);
    const fallback = FILE_WRITES[cmd];
    if (files.length === 0 && fallback) fx.write(fallback);
    for (const f of files.slice(0, 1)) fx.write(f);
  }

  /** `:set opt=value`, `:let &opt = value` */
  private option(name: string, value: string, depth: number): void {
    const fx = this.fx;
    switch (Object.hasOwn(PROGRAM_OPTIONS, name) ? PROGRAM_OPTIONS[name] : undefined) {
      case 'shell':
        fx.unknown(`changes the shell Vim runs commands with ('${name}')`);
        return;
      case 'makeprg':
        this.makeprg = value;
        return;
      case 'grepprg':
        this.grepprg = value;
        return;
      case 'program':
        if (value) fx.shell(value);
        return;
      case 'expr':
        this.expression(value.replace(/^%!/, '').replace(/%\{(.*?)\}/g, ' $1 '), depth);
        return;
    }
  }

  /** a Vim expression's literal value, when it has one */
  private literal(text: string): string | null {
    const code = new Code(lex(text, VIM_LEX), []);
    return new Evaluator(code, VIM_RULES).evalStr(0, code.toks.length, 0);
  }

  /** `:call`, `:echo`, `:let x = …`: the function calls in an expression */
  expression(text: string, depth: number): void {
    const fx = this.fx;
    if (!this.spend(text, depth)) return;
    const code = new Code(lex(text, VIM_LEX), []);
    const ev = new Evaluator(code, VIM_RULES);
    const toks = code.toks;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.k !== 'id' || !code.op(i + 1, '(')) continue;
      const name = t.t.replace(/^[gs]:/, '');
      let args = code.args(i + 1);
      // 'ls'->system(): the receiver is the first argument
      if (code.op(i - 1, '->') && i >= 2) {
        const prev = toks[i - 2]!;
        const s = prev.k === 'op' && (prev.t === ')' || prev.t === ']') ? code.match[i - 2]! : i - 2;
        args = [{ s, e: i - 1 }, ...args];
      }
      const first = args[0];
      if (name === 'execute') {
        const list = first ? ev.list(first) : null;
        if (list === null) fx.unknown('runs an Ex command built at run time (execute())');
        else if (this.spend(list.join('\n'), depth)) for (const l of list) this.line(l, depth + 1);
        continue;
      }
      if (name === 'eval') {
        const text2 = first ? ev.str(first) : null;
        if (text2 === null) fx.unknown('evaluates code built at run time (eval())');
        else this.expression(text2, depth + 1);
        continue;
      }
      if (name === 'feedkeys') {
        const keys = first ? ev.str(first) : null;
        if (keys === null) fx.unknown('types keys only known at run time (feedkeys())');
        else this.normal(keys, depth);
        continue;
      }
      if (name === 'function' || name === 'funcref' || name === 'call') {
        const target = first ? ev.str(first) : null;
        if (target === null) fx.unknown(`calls a function chosen at run time (${name}())`);
        else if (
          (Object.hasOwn(VIM_FUNCS, target) ? VIM_FUNCS[target] : undefined) ||
          target === 'execute' ||
          target === 'eval'
        )
          fx.unknown(`calls ${target}() indirectly (${name}())`);
        continue;
      }
      const spec = Object.hasOwn(VIM_FUNCS, name) ? VIM_FUNCS[name] : undefined;
      if (!spec) continue;
      // a List runs without a shell
      if (spec.shell && first && code.op(first.s, '[')) {
        applySpec(fx, name, { args: 'cmd', argv: 'cmd' }, args, ev);
        continue;
      }
      if (spec.argv && first && !code.op(first.s, '[')) {
        const cmd = ev.str(first);
        if (cmd === null) fx.unknown(`runs a command only known at run time (${name}())`);
        else fx.argv(shellWords(cmd).words);
        continue;
      }
      applySpec(fx, name, spec, args, ev);
    }
  }

  /** `:execute expr …`: the values joined by spaces are an Ex command */
  private execute(arg: string, depth: number): void {
    const code = new Code(lex(arg, VIM_LEX), []);
    const ev = new Evaluator(code, VIM_RULES);
    // the expressions are separated by spaces at depth 0, except around operators
    const parts: string[] = [];
    let start = 0;
    const toks = code.toks;
    for (let i = 0; i <= toks.length; i++) {
      const t = toks[i];
      const prev = toks[i - 1];
      const boundary =
        i === toks.length ||
        (t!.sp && i > start && prev!.k !== 'op' && !(t!.k === 'op' && !['(', '[', '{'].includes(t!.t)));
      if (!boundary) {
        if (t!.k === 'op' && ['(', '[', '{'].includes(t!.t)) i = code.close(i);
        continue;
      }
      if (i > start) {
        const v = ev.evalStr(start, i, 0);
        if (v === null) {
          this.fx.unknown('runs an Ex command built at run time (:execute)');
          this.expression(arg, depth);
          return;
        }
        parts.push(v);
      }
      start = i;
    }
    const command = parts.join(' ');
    if (command && this.spend(command, depth)) this.script(command, depth + 1);
  }

  /** Normal-mode keys (`:normal`, mappings, feedkeys): Ex commands and filters they type */
  private normal(text: string, depth: number): void {
    const fx = this.fx;
    const keys = decodeKeys(text);
    let insert = false;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (insert) {
        if (k === '\x1b') insert = false;
        continue;
      }
      if ('iaoIAOsSCR'.includes(k)) {
        insert = true;
        continue;
      }
      if (k === 'c' && i + 1 < keys.length) {
        insert = true;
        i++;
        continue;
      }
      if ('"rfFtTm\'`'.includes(k)) {
        i++;
        continue;
      }
      if (k === ':' || k === '!') {
        // typed up to Enter; without one, :normal abandons the command line
        let end = i + 1;
        while (end < keys.length && keys[end] !== '\r' && keys[end] !== '\n') end++;
        if (end >= keys.length) return;
        if (k === ':') {
          const line = keys.slice(i + 1, end);
          if (this.spend(line, depth)) this.line(line, depth + 1);
        } else {
          // !{motion}cmd: Vim puts the range on the command line
          const command = keys.slice(i + 2, end).trim();
          if (command) fx.shell(command);
        }
        i = end;
        continue;
      }
      if (k === '@') fx.unknown('runs the contents of a register as keys (@)');
      else if (k === 'Q' || (k === 'g' && keys[i + 1] === 'Q')) fx.unknown('enters Ex mode (Q)');
      else if (k === 'K') fx.unknown("runs 'keywordprg' on the word under the cursor (K)");
      else if (k === 'g' && keys[i + 1] === 'x')
        fx.unknown('opens the file or URL under the cursor in another program (gx)');
      else if (k === 'Z' && keys[i + 1] === 'Z') fx.write('%');
      if (k === 'g' || k === 'Z') i++;
    }
  }

  /** :map lhs rhs: the keys it types when used; `<expr>` maps evaluate an expression */
  private map(_cmd: string, arg: string, depth: number): void {
    let rest = arg;
    let expr = false;
    for (;;) {
      const m = /^<(buffer|nowait|silent|special|script|expr|unique)>\s*/i.exec(rest);
      if (!m) break;
      if (m[1]!.toLowerCase() === 'expr') expr = true;
      rest = rest.slice(m[0].length);
    }
    const m = /^(\S+)\s+(.*)$/s.exec(rest);
    if (!m) return;
    if (expr) this.expression(m[2]!, depth);
    else this.normal(m[2]!, depth);
  }

  /** :autocmd [group] {events} {pattern} [++once] [++nested] {cmd} */
  private autocmd(arg: string, depth: number): void {
    const words = arg.split(/\s+/);
    let k = 0;
    const isEvents = (w: string | undefined) =>
      w !== undefined &&
      /^[A-Z][A-Za-z]+(?:,[A-Z][A-Za-z]+)*$/.test(w) &&
      /(?:Buf|File|Vim|Win|Tab|Cursor|Insert|Text|Cmd|Term|Focus|Quickfix|Shell|Source|Swap|Syntax|Color|Complete|Mode|Option|User|Menu|Encoding|Filter|Func|GUI|Spell|Remote|Signal|Safe|Search|Diff|Dir|Exit|Chan|UI|Recording|Lsp|Any)/.test(
        w,
      );
    if (!isEvents(words[0]) && isEvents(words[1])) k = 1;
    if (!isEvents(words[k])) return;
    k += 2;
    while (words[k] === '++once' || words[k] === '++nested' || words[k] === 'nested') k++;
    const command = words.slice(k).join(' ');
    if (command && this.spend(command, depth)) this.line(command, depth + 1);
  }
}

function resolve(name: string): string {
  for (const [full, min] of EX) if (name.length >= min && full.startsWith(name)) return full;
  return name;
}

/** the end of an Ex range: line numbers, marks, patterns, offsets */
function skipRange(s: string, i: number): number {
  while (i < s.length) {
    const c = s[i]!;
    if (/[\d.$%,;+\- \t]/.test(c)) i++;
    else if (c === "'" && i + 1 < s.length) i += 2;
    else if (c === '/' || c === '?') {
      let j = i + 1;
      while (j < s.length && s[j] !== c) j += s[j] === '\\' ? 2 : 1;
      i = j + 1;
    } else if (c === '\\' && /[/?&]/.test(s[i + 1] ?? '')) i += 2;
    else break;
  }
  return Math.min(i, s.length);
}

/** where a `|` ends a command: not escaped, and in an expression not inside a string */
function barAt(s: string, i: number, expression: boolean): number {
  for (let j = i; j < s.length; j++) {
    const c = s[j];
    if (c === '\\' || c === '\x16') j++;
    else if (c === '|') return j;
    else if (expression && c === "'") {
      j++;
      while (j < s.length && !(s[j] === "'" && s[j + 1] !== "'")) j += s[j] === "'" ? 2 : 1;
    } else if (expression && c === '"') {
      j++;
      while (j < s.length && s[j] !== '"') j += s[j] === '\\' ? 2 : 1;
    }
  }
  return s.length;
}

/** words separated by unescaped whitespace; `\ ` is a space in a word */
function splitEscaped(s: string): string[] {
  const out: string[] = [];
  let word = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && (s[i + 1] === ' ' || s[i + 1] === '\\' || s[i + 1] === '|')) word += s[++i];
    else if (c === ' ' || c === '\t') {
      if (word) out.push(word);
      word = '';
    } else word += c;
  }
  if (word) out.push(word);
  return out;
}

// =============================================================================================
// gdb

/** gdb commands, as `name:shortest abbreviation` */
const GDB: Array<[string, number]> = (
  'shell:3 pipe:4 python:2 python-interactive:8 pi:2 guile:2 guile-repl:2 gr:2 source:2 dump:2 ' +
  'append:3 restore:5 call:3 print:1 inspect:3 output:3 printf:6 set:3 display:4 eval:4 if:2 ' +
  'while:3 condition:4 break:1 tbreak:2 watch:3 run:1 start:5 starti:6 attach:3 target:3 remote:6 ' +
  'file:4 exec-file:9 symbol-file:9 core-file:4 add-symbol-file:15 generate-core-file:8 gcore:5 ' +
  'save:4 alias:5 document:3 compile:4 expression:10 jit-reader-load:15 thread:2 frame:1 with:1'
)
  .split(' ')
  .map((e) => {
    const [name, min] = e.split(':');
    return [name!, Number(min)];
  });

/** C functions an expression can call in the debugged process */
const GDB_FUNCS: Record<string, Spec> = {
  system: { args: 'cmd', shell: 'cmd' },
  popen: { args: 'cmd mode', shell: 'cmd' },
  $_shell: { args: 'cmd', shell: 'cmd' },
  execl: { args: 'path ...', argv: '...' },
  execlp: { args: 'path ...', argv: '...' },
  execle: { unknown: 'replaces the debugged process with a program' },
  execv: { unknown: 'replaces the debugged process with a program' },
  execvp: { unknown: 'replaces the debugged process with a program' },
  execve: { unknown: 'replaces the debugged process with a program' },
  posix_spawn: { unknown: 'starts a process' },
  posix_spawnp: { unknown: 'starts a process' },
  fork: { unknown: 'forks the debugged process' },
  dlopen: { unknown: 'loads a native library into the debugged process' },
  __libc_dlopen_mode: { unknown: 'loads a native library into the debugged process' },
  dlmopen: { unknown: 'loads a native library into the debugged process' },
  unlink: { args: 'path', delete: 'path' },
  remove: { args: 'path', delete: 'path' },
  rmdir: { args: 'path', delete: 'path' },
  rename: { args: 'from to', delete: 'from', write: 'to' },
  creat: { args: 'path', write: 'path' },
  fopen: { args: 'path mode', open: 'path mode' },
  kill: { args: 'pid sig', signal: 'pid' },
};

const C_LEX: LexOptions = {
  line: [],
  block: [['/*', '*/']],
  quotes: `"'`,
  identChars: '$',
  ops: ['->', '==', '!=', '<=', '>=', '&&', '||', '<<', '>>'],
};

export const scanGdb: CodeScanner = (code) => {
  const gdb = new Gdb(code.length);
  gdb.script(code, 0);
  return gdb.fx.out;
};

class Gdb {
  readonly fx = new Effects();
  private budget: number;
  private loggingFile = 'gdb.txt';

  constructor(length: number) {
    this.budget = length * BUDGET + 4096;
  }

  script(text: string, depth: number): void {
    const all = lines(text);
    for (let n = 0; n < all.length; n++) {
      const line = all[n]!.trim();
      const word = /^[\w-]+/.exec(line)?.[0] ?? '';
      const cmd = gdbResolve(word);
      const rest = line.slice(word.length).trim();
      // blocks: python … end, document … end, compile code … end
      const block =
        ((cmd === 'python' || cmd === 'guile') && rest === '') ||
        cmd === 'document' ||
        (cmd === 'compile' && /^(?:code|print)?\s*(?:-\S+\s*)*$/.test(rest));
      if (block) {
        const body: string[] = [];
        while (n + 1 < all.length && all[n + 1]!.trim() !== 'end') body.push(all[++n]!);
        n++;
        if (cmd === 'python') this.fx.code('python', body.join('\n'));
        else if (cmd === 'guile') this.fx.unknown('runs Guile code (guile)');
        else if (cmd === 'compile') this.fx.unknown('compiles code into the debugged process (compile)');
        continue;
      }
      this.line(line, depth);
    }
  }

  line(line: string, depth: number): void {
    const fx = this.fx;
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('!')) {
      this.shell(line.slice(1));
      return;
    }
    if (line.startsWith('|')) {
      this.pipe(line.slice(1), depth);
      return;
    }
    const word = /^[\w$-]+/.exec(line)?.[0] ?? '';
    const cmd = gdbResolve(word);
    const rest = line.slice(word.length).trim();
    // commands that run another command: thread apply all CMD, taas CMD, with SETTING -- CMD
    const inner =
      /^apply\s+(?:all|[\d\s.-]+)\s+(?:-\w+\s+)*(.*)$/.exec(
        cmd === 'thread' || cmd === 'frame' ? rest : '',
      )?.[1] ??
      (/^(?:taas|faas|tfaas)$/.test(cmd) ? rest : undefined) ??
      (cmd === 'with' ? /\s--\s+(.*)$/.exec(` ${rest}`)?.[1] : undefined);
    if (inner !== undefined) {
      if (inner && this.spend(inner, depth)) this.line(inner, depth + 1);
      return;
    }
    switch (cmd) {
      case 'shell':
        this.shell(rest);
        return;
      case 'pipe':
        this.pipe(rest, depth);
        return;
      case 'python':
        if (rest) fx.code('python', rest);
        return;
      case 'python-interactive':
      case 'pi':
        if (rest) fx.code('python', rest);
        else fx.unknown('starts an interactive Python prompt (python-interactive)');
        return;
      case 'guile':
      case 'guile-repl':
      case 'gr':
        fx.unknown('runs Guile code (guile)');
        return;
      case 'compile':
      case 'jit-reader-load':
        fx.unknown(`loads code into the debugged process (${cmd})`);
        return;
      case 'source': {
        const file = rest.replace(/^(?:-[vs]\s+)*/, '').trim();
        if (file) fx.load(file);
        return;
      }
      case 'dump':
      case 'append': {
        // dump [format] memory|value FILE …
        const words = splitWords(rest);
        const file = words.find((w) => !/^(?:binary|ihex|srec|tekhex|verilog|value|memory)$/.test(w));
        if (file) fx.write(file);
        return;
      }
      case 'restore': {
        const file = splitWords(rest)[0];
        if (file) fx.read(file);
        return;
      }
      case 'call':
      case 'print':
      case 'inspect':
      case 'output':
      case 'printf':
      case 'display':
      case 'if':
      case 'while':
      case 'condition':
      case 'watch':
        this.expression(rest.replace(/^\/\w+\s*/, ''), depth);
        return;
      case 'break':
      case 'tbreak': {
        const at = rest.search(/\bif\b/);
        if (at >= 0) this.expression(rest.slice(at + 2), depth);
        return;
      }
      case 'eval': {
        // eval "format", args…: a literal format without arguments is a command
        const m = /^"((?:[^"\\]|\\.)*)"\s*$/.exec(rest);
        if (m && !m[1]!.includes('%')) {
          if (this.spend(m[1]!, depth))
            this.script(m[1]!.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1'), depth + 1);
        } else fx.unknown('runs a gdb command built at run time (eval)');
        return;
      }
      case 'set':
        this.set(rest, depth);
        return;
      case 'run':
      case 'start':
      case 'starti':
        this.programArgs(rest);
        return;
      case 'attach':
        fx.unknown(
          rest ? `attaches to another process (attach ${rest})` : 'attaches to another process (attach)',
        );
        return;
      case 'target': {
        const m = /^(?:extended-)?remote\s+(.*)$/.exec(rest);
        if (m) {
          const where = m[1]!.trim();
          if (where.startsWith('|')) this.shell(where.slice(1));
          else if (!where.startsWith('/dev/')) {
            const host = where.replace(/^(?:tcp|udp|tcp4|tcp6|udp4|udp6):/, '');
            fx.host(host.startsWith(':') ? `localhost${host}` : host);
          }
        } else {
          const file = /^(?:exec|core)\s+(\S+)/.exec(rest)?.[1];
          if (file) fx.read(file);
        }
        return;
      }
      case 'remote': {
        const [sub, a, b] = splitWords(rest);
        if (sub === 'put' && a) {
          fx.read(a);
          fx.sends();
        } else if (sub === 'get' && b) {
          fx.write(b);
          fx.net();
        } else if (sub === 'delete') fx.net();
        return;
      }
      case 'file':
      case 'exec-file':
      case 'symbol-file':
      case 'core-file':
      case 'add-symbol-file': {
        const file = splitWords(rest)[0];
        if (file) fx.read(file);
        return;
      }
      case 'generate-core-file':
      case 'gcore':
        fx.write(splitWords(rest)[0] ?? 'core');
        return;
      case 'save': {
        const file = splitWords(rest)[1];
        if (file) fx.write(file);
        return;
      }
      case 'alias': {
        const target = gdbResolve(/=\s*([\w-]+)/.exec(rest)?.[1] ?? '');
        if (/^(?:shell|pipe|python|python-interactive|pi|source|guile|eval|compile)$/.test(target))
          fx.unknown(`aliases a command that runs programs (alias … = ${target})`);
        return;
      }
    }
  }

  private spend(text: string, depth: number): boolean {
    this.budget -= text.length;
    if (this.budget >= 0 && depth < MAX_NESTING * 4) return true;
    this.fx.unknown('nests commands too deeply to judge');
    return false;
  }

  private shell(command: string): void {
    const c = command.trim();
    if (c) this.fx.shell(c);
    else this.fx.unknown('starts an interactive shell (shell)');
  }

  /** pipe [COMMAND] | SHELL_COMMAND, pipe -d DELIM COMMAND DELIM SHELL_COMMAND */
  private pipe(rest: string, depth: number): void {
    let delim = '|';
    let text = rest.trim();
    const m = /^-d\s+(\S+)\s+(.*)$/s.exec(text);
    if (m) {
      delim = m[1]!;
      text = m[2]!;
    }
    const at = text.indexOf(delim);
    if (at < 0) return;
    const command = text.slice(0, at).trim();
    if (command && this.spend(command, depth)) this.line(command, depth + 1);
    this.shell(text.slice(at + delim.length));
  }

  /** `set logging file F`, `set exec-wrapper CMD`, `set var x = expr`, `set args …` */
  private set(rest: string, depth: number): void {
    const fx = this.fx;
    let m: RegExpExecArray | null;
    if ((m = /^logging\s+file\s+(\S+)/.exec(rest))) {
      this.loggingFile = m[1]!;
      fx.write(m[1]!);
    } else if (/^logging\s+(?:on|enabled\s+on|redirect\s+on)\b/.test(rest)) fx.write(this.loggingFile);
    else if ((m = /^exec-wrapper\s+(.+)$/.exec(rest))) fx.shell(m[1]!.trim());
    else if (/^debuginfod\s+enabled\s+on/.test(rest)) fx.net();
    else if ((m = /^history\s+filename\s+(\S+)/.exec(rest))) fx.write(m[1]!);
    else if ((m = /^args\s*(.*)$/.exec(rest))) this.programArgs(m[1]!);
    else if (/^(?:var|variable)\b|^\$|^[A-Za-z_][\w.[\]>-]*\s*=/.test(rest))
      this.expression(rest.replace(/^(?:var|variable)\b/, ''), depth);
  }

  /** the program's arguments go through a shell: redirections write and read; substitutions run */
  private programArgs(args: string): void {
    const fx = this.fx;
    if (/\$\(|`|;|&&|\|/.test(args)) {
      fx.unknown("passes the program's arguments through a shell (run)");
      return;
    }
    const words = shellWords(args).words;
    for (let k = 0; k < words.length; k++) {
      const m = /^(2?>>?|<)(.*)$/.exec(words[k]!);
      if (!m) continue;
      const target = m[2] || words[++k];
      if (!target) continue;
      if (m[1] === '<') fx.read(target);
      else fx.write(target);
    }
  }

  /** an expression evaluated in the debugged process: the C library calls that matter */
  private expression(text: string, depth: number): void {
    const fx = this.fx;
    if (!this.spend(text, depth)) return;
    const code = new Code(lex(text, C_LEX), []);
    const ev = new Evaluator(code, { concat: [] });
    for (let i = 0; i < code.toks.length; i++) {
      const t = code.toks[i]!;
      if (t.k !== 'id' || !code.op(i + 1, '(')) continue;
      const spec = GDB_FUNCS[t.t];
      if (!spec) continue;
      if (t.t === 'kill') {
        const [pid] = code.args(i + 1);
        const v = pid ? ev.str(pid) : null;
        fx.signal(v !== null && /^\d+$/.test(v) ? `pid:${v}` : '?');
        continue;
      }
      applySpec(fx, t.t, spec, code.args(i + 1), ev);
    }
  }
}

function gdbResolve(word: string): string {
  for (const [full, min] of GDB) if (word.length >= min && full.startsWith(word)) return full;
  return word;
}

// =============================================================================================
// SQL, shared by the sqlite3, psql and mysql scanners

interface SqlTok {
  k: 'word' | 'str' | 'qid' | 'num' | 'op';
  /** a word in lower case; a string's value; an operator */
  t: string;
}

interface SqlDialect {
  /** `\` escapes in strings (MySQL) */
  backslash?: boolean;
  /** `$tag$…$tag$` strings (PostgreSQL) */
  dollar?: boolean;
  /** `#` comments, and executable comments (`/*!` … `*` `/`) are code (MySQL) */
  mysql?: boolean;
}

/** Tokenizes SQL; comments are dropped, strings decoded. */
function sqlTokens(s: string, d: SqlDialect): SqlTok[] {
  const out: SqlTok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ((c === '-' && s[i + 1] === '-') || (c === '#' && d.mysql)) {
      const end = s.indexOf('\n', i);
      i = end < 0 ? s.length : end;
      continue;
    }
    if (c === '/' && s[i + 1] === '*') {
      if (d.mysql && s[i + 2] === '!') {
        i += 3;
        while (/\d/.test(s[i] ?? '')) i++; // version: the rest is code
        continue;
      }
      const end = s.indexOf('*/', i + 2);
      i = end < 0 ? s.length : end + 2;
      continue;
    }
    if (c === '*' && s[i + 1] === '/' && d.mysql) {
      i += 2;
      continue;
    }
    if (c === "'" || (c === '"' && d.mysql) || ((c === 'E' || c === 'e') && s[i + 1] === "'" && d.dollar)) {
      const escapes = d.backslash === true || c === 'E' || c === 'e';
      const q = c === 'E' || c === 'e' ? "'" : c;
      let j = c === q ? i + 1 : i + 2;
      let v = '';
      while (j < s.length) {
        if (s[j] === q) {
          if (s[j + 1] === q) {
            v += q;
            j += 2;
            continue;
          }
          break;
        }
        if (escapes && s[j] === '\\' && j + 1 < s.length) {
          const [text, len] = escape(s, j, false);
          v += text;
          j += len;
          continue;
        }
        v += s[j++];
      }
      out.push({ k: 'str', t: v });
      i = j + 1;
      continue;
    }
    if (c === '$' && d.dollar) {
      const m = /^\$([A-Za-z_]\w*)?\$/.exec(s.slice(i, i + 64));
      if (m) {
        const end = s.indexOf(m[0], i + m[0].length);
        const stop = end < 0 ? s.length : end;
        out.push({ k: 'str', t: s.slice(i + m[0].length, stop) });
        i = end < 0 ? s.length : end + m[0].length;
        continue;
      }
    }
    if (c === '"' || c === '`' || c === '[') {
      const close = c === '[' ? ']' : c;
      const end = s.indexOf(close, i + 1);
      out.push({ k: 'qid', t: s.slice(i + 1, end < 0 ? s.length : end) });
      i = end < 0 ? s.length : end + 1;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[\w$]/.test(s[j]!)) j++;
      out.push({ k: 'word', t: s.slice(i, j).toLowerCase() });
      i = j;
      continue;
    }
    if (/\d/.test(c)) {
      let j = i + 1;
      while (j < s.length && /[\w.]/.test(s[j]!)) j++;
      out.push({ k: 'num', t: s.slice(i, j) });
      i = j;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (two === '||' || two === '::' || two === '<=' || two === '>=' || two === '<>' || two === '!=') {
      out.push({ k: 'op', t: two });
      i += 2;
      continue;
    }
    out.push({ k: 'op', t: c });
    i++;
  }
  return out;
}

/** a literal value at `i`: a string, a number, or strings joined with `||`; with the index after it */
function sqlLiteral(toks: SqlTok[], i: number): [string | null, number] {
  let out = '';
  let j = i;
  for (;;) {
    const t = toks[j];
    if (t?.k === 'str' || t?.k === 'num') out += t.t;
    else if (t?.k === 'word' && t.t === 'char' && toks[j + 1]?.t === '(') {
      // char(114, 109): the characters
      let k = j + 2;
      while (toks[k]?.k === 'num' || toks[k]?.t === ',') k++;
      if (toks[k]?.t !== ')') return [null, j];
      out += toks
        .slice(j + 2, k)
        .filter((x) => x.k === 'num')
        .map((x) => String.fromCharCode(Number(x.t) & 0xffff))
        .join('');
      j = k;
    } else return [null, j];
    j++;
    if (toks[j]?.t !== '||') return [out, j];
    j++;
  }
}

/** For each parenthesis, the index of its partner (an unclosed one's is the end). */
function sqlMatch(toks: SqlTok[]): Int32Array {
  const match = new Int32Array(toks.length).fill(-1);
  const stack: number[] = [];
  toks.forEach((t, j) => {
    if (t.k !== 'op') return;
    if (t.t === '(') stack.push(j);
    else if (t.t === ')' && stack.length > 0) {
      const open = stack.pop()!;
      match[open] = j;
      match[j] = open;
    }
  });
  for (const open of stack) match[open] = toks.length;
  return match;
}

/** the arguments of a call whose `(` is at `open`: each as its literal value, or null */
function sqlArgs(toks: SqlTok[], match: Int32Array, open: number): Array<string | null> {
  const out: Array<string | null> = [];
  const close = match[open]! < 0 ? toks.length : match[open]!;
  let start = open + 1;
  for (let j = open + 1; j <= close; j++) {
    if (j === close || toks[j]!.t === ',') {
      if (j > start) out.push(literalRange(toks, start, j));
      start = j + 1;
    } else if (toks[j]!.t === '(' && match[j]! > j) {
      j = match[j]! < close ? match[j]! : close - 1; // skip a nested group
    }
  }
  return out;
}

function literalRange(toks: SqlTok[], s: number, e: number): string | null {
  const [v, end] = sqlLiteral(toks, s);
  return end === e ? v : null;
}

type SqlCall = (fx: Effects, args: Array<string | null>) => void;

const sqlRead =
  (n: number): SqlCall =>
  (fx, a) =>
    fx.read(a[n] ?? '?');
const sqlWrite =
  (n: number, name: string): SqlCall =>
  (fx, a) => {
    const p = a[n];
    if (p === null || p === undefined) fx.unknown(`writes a file only known at run time (${name})`);
    else fx.write(p);
  };
const sqlUnknown =
  (why: string): SqlCall =>
  (fx) =>
    fx.unknown(why);
const sqlShell =
  (name: string): SqlCall =>
  (fx, a) => {
    const c = a[0];
    if (c === null || c === undefined) fx.unknown(`runs a command only known at run time (${name})`);
    else fx.shell(c);
  };

/** SQL functions that touch files or run programs, per dialect */
const SQLITE_FUNCS: Record<string, SqlCall> = {
  load_extension: sqlUnknown('loads a native library (load_extension)'),
  writefile: sqlWrite(0, 'writefile'),
  readfile: sqlRead(0),
  fsdir: sqlRead(0),
  edit: sqlUnknown('opens an editor (edit)'),
};

const PG_FUNCS: Record<string, SqlCall> = {
  pg_read_file: sqlRead(0),
  pg_read_binary_file: sqlRead(0),
  pg_ls_dir: sqlRead(0),
  pg_stat_file: sqlRead(0),
  lo_import: sqlRead(0),
  lo_export: sqlWrite(1, 'lo_export'),
  pg_file_write: sqlWrite(0, 'pg_file_write'),
  pg_file_unlink: (fx, a) =>
    a[0] ? fx.delete(a[0]) : fx.unknown('deletes a file only known at run time (pg_file_unlink)'),
  pg_file_rename: (fx, a) => {
    if (a[0]) fx.delete(a[0]);
    sqlWrite(1, 'pg_file_rename')(fx, a);
  },
  pg_terminate_backend: (fx, a) => fx.signal(a[0] && /^\d+$/.test(a[0]) ? `pid:${a[0]}` : '?'),
  pg_cancel_backend: (fx, a) => fx.signal(a[0] && /^\d+$/.test(a[0]) ? `pid:${a[0]}` : '?'),
  dblink_connect: (fx, a) => connInfo(fx, a.at(-1)),
  dblink: (fx, a) => connInfo(fx, a[0]),
  dblink_exec: (fx, a) => connInfo(fx, a[0]),
};

const MYSQL_FUNCS: Record<string, SqlCall> = {
  load_file: sqlRead(0),
  sys_exec: sqlShell('sys_exec'),
  sys_eval: sqlShell('sys_eval'),
};

/** `host=db.example.com port=5432 …`: the host a connection string names */
function connInfo(fx: Effects, info: string | null | undefined): void {
  const host = info ? /\bhost\s*=\s*'?([^\s']+)/.exec(info)?.[1] : undefined;
  if (host) fx.host(host);
  else fx.net();
}

const UNTRUSTED = new Set([
  'plpython3u',
  'plpythonu',
  'plpython2u',
  'plperlu',
  'pltclu',
  'plsh',
  'c',
  'plr',
  'plv8',
]);
const RISKY_EXTENSIONS = new Set([...UNTRUSTED, 'adminpack', 'file_fdw', 'dblink', 'postgres_fdw', 'lo']);

/** Effects of one SQL statement. */
function sqlStatement(fx: Effects, text: string, dialect: 'sqlite' | 'psql' | 'mysql'): void {
  const toks = sqlTokens(
    text,
    dialect === 'psql' ? { dollar: true } : dialect === 'mysql' ? { backslash: true, mysql: true } : {},
  );
  const funcs = dialect === 'sqlite' ? SQLITE_FUNCS : dialect === 'psql' ? PG_FUNCS : MYSQL_FUNCS;
  const match = sqlMatch(toks);
  const word = (j: number, ...w: string[]) => toks[j]?.k === 'word' && w.includes(toks[j].t);
  for (let j = 0; j < toks.length; j++) {
    const t = toks[j]!;
    if (t.k !== 'word') continue;
    const call = funcs[t.t];
    if (call && toks[j + 1]?.t === '(') {
      call(fx, sqlArgs(toks, match, j + 1));
      continue;
    }
    // ATTACH [DATABASE] 'file' AS name: opens or creates the file
    if (dialect === 'sqlite' && t.t === 'attach') {
      const at = word(j + 1, 'database') ? j + 2 : j + 1;
      const [file] = sqlLiteral(toks, at);
      if (file === null) fx.unknown('attaches a database only known at run time (ATTACH)');
      else if (file !== '' && file !== ':memory:') fx.write(file.replace(/^file:/, '').replace(/\?.*$/, ''));
      continue;
    }
    // VACUUM [schema] INTO 'file'
    if (
      t.t === 'into' &&
      dialect === 'sqlite' &&
      toks.slice(Math.max(0, j - 2), j).some((x) => x.t === 'vacuum')
    ) {
      sqlWrite(0, 'VACUUM INTO')(fx, [sqlLiteral(toks, j + 1)[0]]);
      continue;
    }
    if (dialect === 'psql') psqlWord(fx, toks, j);
    if (dialect === 'mysql') mysqlWord(fx, toks, j);
  }
}

function psqlWord(fx: Effects, toks: SqlTok[], j: number): void {
  const t = toks[j]!;
  const word = (k: number, ...w: string[]) => toks[k]?.k === 'word' && w.includes(toks[k].t);
  // COPY … FROM|TO 'file' | PROGRAM 'cmd' (run by the server)
  if (t.t === 'copy' && j === 0) {
    let depth = 0;
    for (let k = j + 1; k < toks.length; k++) {
      const x = toks[k]!;
      if (x.t === '(') depth++;
      else if (x.t === ')') depth--;
      else if (depth === 0 && word(k, 'from', 'to')) {
        const dir = x.t;
        if (word(k + 1, 'program')) sqlShell('COPY … PROGRAM')(fx, [sqlLiteral(toks, k + 2)[0]]);
        else if (toks[k + 1]?.k === 'str') {
          if (dir === 'from') fx.read(toks[k + 1]!.t);
          else fx.write(toks[k + 1]!.t);
        }
        return;
      }
    }
  }
  // LANGUAGE plpython3u: code the server runs with its own rights
  if (t.t === 'language' && toks[j + 1]) {
    const lang = toks[j + 1]!.t.toLowerCase();
    if (UNTRUSTED.has(lang)) fx.unknown(`runs code in the untrusted language ${lang} (LANGUAGE ${lang})`);
  }
  if (t.t === 'extension' && word(j - 1, 'create')) {
    const k = word(j + 1, 'if') ? j + 4 : j + 1;
    const ext = toks[k]?.t ?? '';
    if (RISKY_EXTENSIONS.has(ext)) fx.unknown(`installs the extension ${ext} (CREATE EXTENSION)`);
  }
  if (t.t === 'load' && j === 0) fx.unknown('loads a native library (LOAD)');
  // ALTER SYSTEM SET archive_command = '…': a command the server runs later
  if (t.t === 'set' && word(j - 1, 'system') && /_command$/.test(toks[j + 1]?.t ?? '')) {
    const k = toks[j + 2]?.t === '=' || word(j + 2, 'to') ? j + 3 : j + 2;
    sqlShell(toks[j + 1]!.t)(fx, [sqlLiteral(toks, k)[0]]);
  }
}

function mysqlWord(fx: Effects, toks: SqlTok[], j: number): void {
  const t = toks[j]!;
  const word = (k: number, ...w: string[]) => toks[k]?.k === 'word' && w.includes(toks[k].t);
  if (t.t === 'into' && word(j + 1, 'outfile', 'dumpfile'))
    sqlWrite(0, 'INTO OUTFILE')(fx, [sqlLiteral(toks, j + 2)[0]]);
  if (t.t === 'infile' && toks.slice(Math.max(0, j - 5), j).some((x) => x.t === 'load'))
    fx.read(sqlLiteral(toks, j + 1)[0] ?? '?');
  if (t.t === 'soname') fx.unknown('loads a native library (SONAME)');
  if (t.t === 'install' && word(j + 1, 'component'))
    fx.unknown('loads a native component (INSTALL COMPONENT)');
}

/** Splits SQL at `;` (or another delimiter) outside strings and comments. */
function splitSql(text: string, delimiter = ';'): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const end = text.indexOf(c, i + 1);
      i = end < 0 ? text.length : end + 1;
      continue;
    }
    if (c === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === '/' && text[i + 1] === '*' && text[i + 2] !== '!') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === '$') {
      const m = /^\$([A-Za-z_]\w*)?\$/.exec(text.slice(i, i + 64));
      if (m) {
        const end = text.indexOf(m[0], i + m[0].length);
        i = end < 0 ? text.length : end + m[0].length;
        continue;
      }
    }
    if (text.startsWith(delimiter, i)) {
      out.push(text.slice(start, i));
      i += delimiter.length;
      start = i;
      continue;
    }
    i++;
  }
  out.push(text.slice(start));
  return out.filter((s) => s.trim() !== '');
}

// =============================================================================================
// sqlite3

export const scanSqlite: CodeScanner = (code) => {
  const fx = new Effects();
  sqlScript(code, {
    command: (line) => {
      const t = line.trimStart();
      if (t.startsWith('.')) sqliteDot(fx, t.slice(1));
      return t.startsWith('.') || t.startsWith('#');
    },
    statement: (text) => sqlStatement(fx, text, 'sqlite'),
  });
  return fx.out;
};

interface SqlClient {
  /** a line at the start of a statement: the client's own command? (handled when true) */
  command(line: string): boolean;
  /** `\x` outside quotes (mysql): handles the rest of the line, true when it is a command */
  short?(rest: string): boolean;
  statement(text: string): void;
  /** the statement delimiter, which a command may change */
  delimiter?(): string;
  backslash?: boolean;
}

/**
 * One pass over a client's input: its own commands at the start of a line when no statement is
 * pending, SQL statements up to the delimiter outside quotes and comments.
 */
function sqlScript(code: string, client: SqlClient): void {
  let i = 0;
  let start = 0;
  let pending = false;
  let lineStart = true;
  const flush = (end: number) => {
    if (pending) client.statement(code.slice(start, end));
    pending = false;
  };
  while (i < code.length) {
    if (lineStart && !pending) {
      const eol = code.indexOf('\n', i);
      const stop = eol < 0 ? code.length : eol;
      if (client.command(code.slice(i, stop))) {
        i = start = stop + 1;
        continue;
      }
    }
    const c = code[i]!;
    lineStart = c === '\n';
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < code.length && code[j] !== c) j += client.backslash && code[j] === '\\' ? 2 : 1;
      i = j + 1;
      pending = true;
      continue;
    }
    if ((c === '-' && code[i + 1] === '-') || (c === '#' && client.backslash)) {
      const eol = code.indexOf('\n', i);
      i = eol < 0 ? code.length : eol;
      continue;
    }
    if (c === '/' && code[i + 1] === '*' && code[i + 2] !== '!') {
      const close = code.indexOf('*/', i + 2);
      i = close < 0 ? code.length : close + 2;
      continue;
    }
    if (c === '\\' && client.short) {
      flush(i);
      const eol = code.indexOf('\n', i);
      const stop = eol < 0 ? code.length : eol;
      client.short(code.slice(i + 1, stop));
      i = start = stop;
      continue;
    }
    const delimiter = client.delimiter?.() ?? ';';
    if (code.startsWith(delimiter, i)) {
      flush(i);
      i = start = i + delimiter.length;
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') pending = true;
    i++;
  }
  flush(code.length);
}

/** sqlite3's argument parsing: whitespace-separated, '…' and "…" quote */
function dotArgs(s: string): string[] {
  return shellWords(s.replace(/\$/g, '\\$')).words;
}

/** sqlite's dot-commands: any unique prefix names one (`.sh` is `.shell`, `.ou` is `.output`). */
const SQLITE_DOTS = [
  'shell',
  'system',
  'output',
  'once',
  'excel',
  'www',
  'log',
  'trace',
  'iotrace',
  'load',
  'read',
  'import',
  'backup',
  'save',
  'clone',
  'open',
  'restore',
  'archive',
  'ar',
  'cd',
  'dump',
  'schema',
  'tables',
  'mode',
  'headers',
  'quit',
  'exit',
  'help',
  'indexes',
  'databases',
  'nullvalue',
  'separator',
  'show',
  'stats',
  'timer',
  'width',
  'print',
  'prompt',
  'parameter',
  'bail',
  'echo',
  'eqp',
  'changes',
  'check',
  'dbinfo',
  'dbconfig',
  'expert',
  'fullschema',
  'lint',
  'limit',
  'imposter',
  'filectrl',
  'binary',
  'connection',
  'selftest',
  'sha3sum',
  'testcase',
  'testctrl',
  'timeout',
  'vfsinfo',
  'vfslist',
  'vfsname',
  'recover',
  'auth',
  'crnl',
  'nonce',
  'progress',
  'scanstats',
  'session',
];

function sqliteDot(fx: Effects, line: string): void {
  const [given = '', ...args] = dotArgs(line);
  const matches = SQLITE_DOTS.filter((d) => d.startsWith(given));
  const cmd = SQLITE_DOTS.includes(given) ? given : matches.length === 1 ? matches[0]! : given;
  if (
    !SQLITE_DOTS.includes(given) &&
    matches.length > 1 &&
    matches.some(
      (m) =>
        !/^(schema|tables|mode|headers|help|indexes|databases|nullvalue|separator|show|stats|timer|width|print|prompt|echo|eqp|changes|bail|limit|dump|quit|exit)$/.test(
          m,
        ),
    )
  ) {
    fx.unknown(`runs \`.${given}\`, which sqlite may read as .${matches.join(' or .')}`);
    return;
  }
  // `.cd DIR` moves where later relative names point
  if (cmd === 'cd') {
    fx.unknown('changes its working folder (.cd), so where its names point is only known when it runs');
    return;
  }
  const options = args.filter((a) => a.startsWith('-'));
  const operands = args.filter((a) => !a.startsWith('-'));
  const file = (name: string, each: (f: string) => void) => {
    // `|cmd args…`: the rest of the arguments are the command
    const pipe = args.findIndex((a) => a.startsWith('|'));
    if (pipe >= 0) {
      const command = [args[pipe]!.slice(1), ...args.slice(pipe + 1)].join(' ').trim();
      if (command) fx.shell(command);
      else fx.unknown(`runs a command only known at run time (.${name})`);
      return;
    }
    const f = operands[0];
    if (f && !/^(?:off|stdout|stderr)$/.test(f)) each(f);
  };
  switch (cmd) {
    case 'shell':
    case 'system':
      if (args.length > 0) fx.shell(args.join(' '));
      return;
    case 'output':
    case 'once':
    case 'o':
      if (options.some((o) => o === '-x' || o === '-e'))
        fx.unknown(`opens the output in another program (.${cmd} ${options.join(' ')})`);
      else file(cmd, (f) => fx.write(f));
      return;
    case 'excel':
    case 'www':
      fx.unknown(`opens the output in another program (.${cmd})`);
      return;
    case 'log':
    case 'trace':
    case 'iotrace':
      file(cmd, (f) => fx.write(f));
      return;
    case 'load':
      fx.unknown(`loads a native library (.load${operands[0] ? ` ${operands[0]}` : ''})`);
      return;
    case 'read':
      file(cmd, (f) => fx.load(f));
      return;
    case 'import': {
      const positional = args.filter(
        (a, k) => !a.startsWith('-') && !/^--(?:skip|schema)$/.test(args[k - 1] ?? ''),
      );
      const f = positional[0];
      if (f?.startsWith('|')) fx.shell(f.slice(1).trim());
      else if (f) fx.read(f);
      return;
    }
    case 'backup':
    case 'save':
    case 'clone': {
      const f = operands.at(-1);
      if (f) fx.write(f);
      return;
    }
    case 'open': {
      const f = args.filter((a, k) => !a.startsWith('-') && args[k - 1] !== '--maxsize').at(-1);
      if (!f) return;
      fx.read(f);
      if (!options.includes('--readonly')) fx.write(f);
      return;
    }
    case 'restore': {
      const f = operands.at(-1);
      if (f) fx.read(f);
      return;
    }
    case 'archive':
    case 'ar':
      if (args.some((a) => /^-(?:[a-z]*[cxui][a-z]*)$|^--(?:create|extract|update|insert)$/.test(a)))
        fx.unknown(`reads or writes files through an SQL archive (.${cmd})`);
      return;
  }
}

// =============================================================================================
// psql

export const scanPsql: CodeScanner = (code) => {
  const fx = new Effects();
  let sql = '';
  const flush = () => {
    for (const stmt of splitSql(sql)) sqlStatement(fx, stmt, 'psql');
    sql = '';
  };
  for (const line of lines(code)) {
    // meta-commands start at a backslash outside quotes; `\\` separates them from what follows
    let i = 0;
    let inQuote: string | undefined;
    let metaAt = -1;
    for (; i < line.length; i++) {
      const c = line[i]!;
      if (inQuote) {
        if (c === inQuote) inQuote = undefined;
      } else if (c === "'" || c === '"') inQuote = c;
      else if (c === '-' && line[i + 1] === '-') break;
      else if (c === '\\') {
        metaAt = i;
        break;
      }
    }
    if (metaAt < 0) {
      sql += `${line}\n`;
      continue;
    }
    sql += line.slice(0, metaAt);
    flush();
    let rest = line.slice(metaAt);
    while (rest.startsWith('\\')) {
      const name = /^\\(!|[A-Za-z_?.;+]+)/.exec(rest)?.[1] ?? '';
      const wholeLine = name === '!' || name === 'copy';
      const sep = wholeLine ? -1 : rest.indexOf('\\\\', 1);
      const args = (sep < 0 ? rest.slice(1 + name.length) : rest.slice(1 + name.length, sep)).trim();
      psqlMeta(fx, name, args);
      if (sep < 0) break;
      rest = rest.slice(sep + 2).trimStart();
    }
  }
  flush();
  return fx.out;
};

function psqlMeta(fx: Effects, name: string, args: string): void {
  // `command` in arguments runs in a shell, and psql interpolates :variables
  for (const m of args.matchAll(/`([^`]*)`/g)) {
    if (/:['"]?\w/.test(m[1]!)) fx.unknown('runs a command only known at run time (backquotes)');
    else if (m[1]!.trim()) fx.shell(m[1]!.trim());
  }
  if (name === '!') {
    if (args === '') fx.unknown('starts an interactive shell (\\!)');
    else if (/(?:^|[^:]):['"]?[A-Za-z_]/.test(args))
      fx.unknown('runs a command only known at run time (\\!)');
    else fx.shell(args);
    return;
  }
  const target = (what: 'write' | 'read' | 'load') => {
    const t = args.replace(/^\([^)]*\)\s*/, '');
    if (!t) return;
    if (t.startsWith('|')) {
      const command = t.slice(1).trim();
      if (/(?:^|[^:]):['"]?[A-Za-z_]/.test(command))
        fx.unknown(`runs a command only known at run time (\\${name})`);
      else if (command) fx.shell(command);
      return;
    }
    const file = shellWords(t).words[0] ?? '';
    if (file.startsWith(':')) {
      if (what === 'read') fx.read('?');
      else fx.unknown(`${what === 'write' ? 'writes' : 'loads'} a file only known at run time (\\${name})`);
    } else if (what === 'write') fx.write(file);
    else if (what === 'read') fx.read(file);
    else fx.load(file);
  };
  switch (name) {
    case 'o':
    case 'out':
    case 'g':
    case 'gx':
    case 'w':
    case 'write':
    case 's':
      target('write');
      return;
    case 'i':
    case 'include':
    case 'ir':
    case 'include_relative':
      target('load');
      return;
    case 'copy':
      psqlCopy(fx, args);
      return;
    case 'setenv':
      fx.unknown('sets an environment variable for the programs psql starts (\\setenv)');
      return;
    case 'lo_export': {
      const file = shellWords(args).words[1];
      if (file) fx.write(file);
      return;
    }
    case 'lo_import': {
      const file = shellWords(args).words[0];
      if (file) fx.read(file);
      return;
    }
    case 'e':
    case 'edit':
    case 'ef':
    case 'ev':
      fx.unknown(`opens an editor (\\${name})`);
      return;
    case 'gexec':
      fx.unknown("runs each value of the query's result as SQL (\\gexec)");
      return;
    case 'c':
    case 'connect': {
      const words = shellWords(args).words;
      const host =
        words.find((w) => /^host=/.test(w))?.slice(5) ??
        (words.some((w) => w.includes('=')) ? undefined : words[2]);
      if (host && host !== '-') fx.host(host);
      else if (words.some((w) => /^(?:postgres(?:ql)?:\/\/)/.test(w))) fx.net();
      return;
    }
  }
}

/** \copy table|(query) from|to 'file' | program 'cmd' | stdin | stdout … */
function psqlCopy(fx: Effects, args: string): void {
  const toks = sqlTokens(args, {});
  let depth = 0;
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    if (t.t === '(') depth++;
    else if (t.t === ')') depth--;
    else if (depth === 0 && t.k === 'word' && (t.t === 'from' || t.t === 'to')) {
      const next = toks[k + 1];
      if (!next) return;
      if (next.k === 'word' && next.t === 'program') {
        const cmd = toks[k + 2];
        if (cmd?.k === 'str') fx.shell(cmd.t);
        else fx.unknown('runs a command only known at run time (\\copy … program)');
        return;
      }
      if (next.k === 'word' && /^p?std(?:in|out)$/.test(next.t)) return;
      // a file name, quoted or not
      const file = next.k === 'str' ? next.t : (/(?:from|to)\s+(\S+)/i.exec(args)?.[1] ?? '');
      if (t.t === 'from') fx.read(file);
      else fx.write(file);
      return;
    }
  }
}

// =============================================================================================
// mysql

const MYSQL_LONG =
  /^\s*(system|source|tee|pager|edit|connect|delimiter|notee|nopager|use|quit|exit|help|status|rehash|prompt|warnings|nowarning|charset|resetconnection)\b\s*(.*)$/i;
const MYSQL_SHORT: Record<string, string> = {
  '!': 'system',
  '.': 'source',
  T: 'tee',
  P: 'pager',
  e: 'edit',
  r: 'connect',
  d: 'delimiter',
};

export const scanMysql: CodeScanner = (code) => {
  const fx = new Effects();
  let delimiter = ';';
  const run = (cmd: string, args: string) => {
    const d = mysqlCommand(fx, cmd, args.replace(/;\s*$/, '').trim());
    if (d) delimiter = d;
  };
  sqlScript(code, {
    backslash: true,
    delimiter: () => delimiter,
    command: (line) => {
      const m = MYSQL_LONG.exec(line);
      if (m) run(m[1]!.toLowerCase(), m[2]!);
      return m !== null;
    },
    // \g, \G and the other short commands end a statement and take no file or program
    short: (rest) => {
      const cmd = MYSQL_SHORT[rest[0] ?? ''];
      if (cmd) run(cmd, rest.slice(1));
      return true;
    },
    statement: (text) => sqlStatement(fx, text, 'mysql'),
  });
  return fx.out;
};

/** a mysql client command; returns a new statement delimiter when it sets one */
function mysqlCommand(fx: Effects, cmd: string, args: string): string | undefined {
  switch (cmd) {
    case 'system':
      if (args) fx.shell(args);
      else fx.unknown('starts an interactive shell (system)');
      return undefined;
    case 'source':
      if (args) fx.load(args);
      return undefined;
    case 'tee':
      if (args) fx.write(args);
      return undefined;
    case 'pager':
      if (args) fx.shell(args);
      return undefined;
    case 'edit':
      fx.unknown('opens an editor (edit)');
      return undefined;
    case 'connect': {
      const host = splitWords(args)[1];
      if (host) fx.host(host);
      return undefined;
    }
    case 'delimiter':
      return splitWords(args)[0];
  }
  return undefined;
}

// =============================================================================================
// m4

/** m4 builtins with effects (also with GNU m4's -P prefix `m4_`) */
const M4_EFFECTS = new Set([
  'syscmd',
  'esyscmd',
  'include',
  'sinclude',
  'undivert',
  'maketemp',
  'mkstemp',
  'debugfile',
]);

export const scanM4: CodeScanner = (code) => {
  const m4 = new M4(code.length);
  m4.scan(code, 0, false);
  return m4.fx.out;
};

class M4 {
  readonly fx = new Effects();
  private lq = '`';
  private rq = "'";
  private comment: string | undefined = '#';
  private commentEnd = '\n';
  private budget: number;
  /** macros the text defines */
  private readonly defined = new Set<string>();

  constructor(length: number) {
    this.budget = length * BUDGET + 4096;
  }

  /**
   * Reads m4 text. At the top level quoted text is output as it is; inside macro arguments
   * (`inArgs`) it is expanded when the macro's result is read again, so it is code too.
   */
  scan(s: string, depth: number, inArgs: boolean): void {
    let i = 0;
    while (i < s.length) {
      if (s.startsWith(this.lq, i) && this.lq) {
        i = this.quoted(s, i);
        continue;
      }
      if (this.comment && s.startsWith(this.comment, i)) {
        const end = s.indexOf(this.commentEnd, i + this.comment.length);
        i = end < 0 ? s.length : end + this.commentEnd.length;
        continue;
      }
      const c = s[i]!;
      if (!/[A-Za-z_]/.test(c)) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < s.length && /\w/.test(s[j]!)) j++;
      const name = s.slice(i, j);
      const builtin = name.replace(/^m4_/, '');
      if (builtin === 'dnl') {
        const end = s.indexOf('\n', j);
        i = end < 0 ? s.length : end + 1;
        continue;
      }
      if (s[j] !== '(') {
        // a builtin named without arguments in code is a reference to it (define(`x', `syscmd'))
        if (inArgs && M4_EFFECTS.has(builtin) && (builtin.startsWith('sys') || builtin.startsWith('esys')))
          this.fx.unknown(`refers to ${builtin} indirectly`);
        i = j;
        continue;
      }
      const [args, end] = this.args(s, j + 1);
      this.call(builtin, args, depth);
      // arguments are expanded: read them as code, quotes removed
      const names = /^(?:indir|builtin|defn)$/.test(builtin) ? 1 : 0; // their first argument is a macro's name
      for (const a of args.slice(names)) {
        const code = this.unquote(a, true);
        if (code.trim() && /[A-Za-z_]/.test(code) && this.spend(code, depth))
          this.scan(code, depth + 1, true);
      }
      i = end;
    }
  }

  private spend(text: string, depth: number): boolean {
    this.budget -= text.length;
    if (this.budget >= 0 && depth < MAX_NESTING * 4) return true;
    this.fx.unknown('nests macros too deeply to judge');
    return false;
  }

  /** the index after the quoted string at `i` (quotes nest) */
  private quoted(s: string, i: number): number {
    let level = 0;
    while (i < s.length) {
      if (s.startsWith(this.lq, i)) {
        level++;
        i += this.lq.length;
      } else if (this.rq && s.startsWith(this.rq, i)) {
        level--;
        i += this.rq.length;
        if (level === 0) return i;
      } else i++;
    }
    return i;
  }

  /** the raw arguments of a call whose `(` is just before `i`, and the index after its `)` */
  private args(s: string, i: number): [string[], number] {
    const args: string[] = [];
    let depth = 0;
    let start = i;
    while (i < s.length) {
      if (this.lq && s.startsWith(this.lq, i)) {
        i = this.quoted(s, i);
        continue;
      }
      const c = s[i]!;
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          args.push(s.slice(start, i));
          return [args, i + 1];
        }
        depth--;
      } else if (c === ',' && depth === 0) {
        args.push(s.slice(start, i));
        start = i + 1;
      }
      i++;
    }
    args.push(s.slice(start));
    return [args, s.length];
  }

  /** an argument without its quotes: one level (its value), or all (`all`, to find names built from pieces) */
  private unquote(a: string, all: boolean): string {
    const text = a.replace(/^\s+/, '');
    const parts: string[] = [];
    let level = 0;
    let from = 0;
    for (let i = 0; i < text.length;) {
      const q = this.quoteAt(text, i, level);
      if (!q) {
        i++;
        continue;
      }
      parts.push(text.slice(from, i));
      const open = q === 'open';
      const quote = open ? this.lq : this.rq;
      // the outer level goes; inner quotes stay (all go when looking for names built from pieces)
      if (!all && (open ? level > 0 : level > 1)) parts.push(quote);
      level += open ? 1 : -1;
      i += quote.length;
      from = i;
    }
    parts.push(text.slice(from));
    return parts.join('');
  }

  private quoteAt(text: string, i: number, level: number): 'open' | 'close' | undefined {
    if (this.lq && text.startsWith(this.lq, i)) return 'open';
    if (this.rq && level > 0 && text.startsWith(this.rq, i)) return 'close';
    return undefined;
  }

  /** an argument's value, when nothing in it expands: no macro calls, defined names or $1 */
  private literal(a: string): string | null {
    const text = a.replace(/^\s+/, '');
    const outside: string[] = [];
    let level = 0;
    let from = 0;
    for (let i = 0; i < text.length;) {
      const q = this.quoteAt(text, i, level);
      if (!q) {
        i++;
        continue;
      }
      if (level === 0) outside.push(text.slice(from, i));
      level += q === 'open' ? 1 : -1;
      i += (q === 'open' ? this.lq : this.rq).length;
      from = i;
    }
    if (level === 0) outside.push(text.slice(from));
    const unquotedText = outside.join(' ');
    for (const m of unquotedText.matchAll(/[A-Za-z_]\w*(\()?/g)) {
      if (m[1] || this.defined.has(m[0]) || /^(?:m4_)?(?:dnl|divnum|__\w+__)$/.test(m[0])) return null;
    }
    if (/\$(?:\d|[#*@])/.test(text)) return null;
    return this.unquote(a, false);
  }

  private call(name: string, args: string[], depth: number): void {
    const fx = this.fx;
    const value = (n: number) => (args[n] === undefined ? undefined : this.literal(args[n]));
    switch (name) {
      case 'syscmd':
      case 'esyscmd': {
        const cmd = value(0);
        if (cmd === null) fx.unknown(`runs a command only known at run time (${name})`);
        else if (cmd) fx.shell(cmd);
        return;
      }
      case 'include':
      case 'sinclude': {
        // the file is read and expanded as m4: code
        const file = value(0);
        if (file === null) fx.unknown(`reads a file only known at run time (${name})`);
        else if (file) {
          fx.read(file);
          fx.load(file);
        }
        return;
      }
      case 'undivert':
        for (let n = 0; n < args.length; n++) {
          const v = value(n);
          if (v === null) fx.read('?');
          else if (v !== undefined && v.trim() && !/^\s*-?\d+\s*$/.test(v)) fx.read(v.trim());
        }
        return;
      case 'maketemp':
      case 'mkstemp':
      case 'debugfile': {
        const file = value(0);
        if (file === null) fx.unknown(`writes a file only known at run time (${name})`);
        else if (file) fx.write(file);
        return;
      }
      case 'define':
      case 'pushdef': {
        const macro = value(0);
        if (macro === null) fx.unknown(`defines a macro whose name is only known at run time (${name})`);
        else if (macro) this.defined.add(macro.trim());
        return;
      }
      case 'indir':
      case 'builtin': {
        const target = value(0);
        if (target === null) fx.unknown(`calls a macro chosen at run time (${name})`);
        else if (target !== undefined && /^(?:m4_)?(?:indir|builtin)$/.test(target) && depth > MAX_NESTING)
          fx.unknown(`calls a macro through too many levels to judge (${name})`);
        else if (target !== undefined) this.call(target.replace(/^m4_/, ''), args.slice(1), depth + 1);
        return;
      }
      case 'defn': {
        for (let n = 0; n < args.length; n++) {
          const v = value(n);
          if (v === null || (v !== undefined && M4_EFFECTS.has(v.replace(/^m4_/, ''))))
            fx.unknown('copies a builtin to another name (defn)');
        }
        return;
      }
      case 'changequote': {
        const [l, r] = [value(0), value(1)];
        if (l === null || r === null) {
          fx.unknown('changes the quotes to ones only known at run time (changequote)');
          return;
        }
        if (args.length === 0 || (l === '' && args.length === 1)) [this.lq, this.rq] = ['`', "'"];
        else [this.lq, this.rq] = [l ?? '', r ?? "'"];
        return;
      }
      case 'changecom': {
        const [l, r] = [value(0), value(1)];
        this.comment = l || undefined;
        this.commentEnd = r || '\n';
        return;
      }
    }
  }
}

// =============================================================================================
// Emacs Lisp

type Sexp =
  | { k: 'list'; items: Sexp[] }
  | { k: 'vec'; items: Sexp[] }
  | { k: 'sym'; name: string }
  | { k: 'str'; value: string }
  | { k: 'num'; text: string };

/** Reads s-expressions without recursion: `'x` is `(quote x)`, `#'f` is `(function f)`. */
function readSexps(s: string): Sexp[] {
  const top: Sexp[] = [];
  const stack: Array<{ items: Sexp[]; wrap: string[]; vec: boolean }> = [];
  let wraps: string[] = [];
  const push = (x: Sexp) => {
    let v = x;
    while (wraps.length > 0) v = { k: 'list', items: [{ k: 'sym', name: wraps.pop()! }, v] };
    (stack.at(-1)?.items ?? top).push(v);
  };
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === ';') {
      const end = s.indexOf('\n', i);
      i = end < 0 ? s.length : end;
      continue;
    }
    if (c === '(' || c === '[') {
      stack.push({ items: [], wrap: wraps, vec: c === '[' });
      wraps = [];
      i++;
      continue;
    }
    if (c === ')' || c === ']') {
      const frame = stack.pop();
      i++;
      if (!frame) continue;
      wraps = frame.wrap;
      push(frame.vec ? { k: 'vec', items: frame.items } : { k: 'list', items: frame.items });
      continue;
    }
    if (c === "'") {
      wraps.push('quote');
      i++;
      continue;
    }
    if (c === '#' && s[i + 1] === "'") {
      wraps.push('function');
      i += 2;
      continue;
    }
    if (c === '`' || c === ',') {
      wraps.push(c === '`' ? 'backquote' : s[i + 1] === '@' ? 'comma-at' : 'comma');
      i += s[i + 1] === '@' ? 2 : 1;
      continue;
    }
    if (c === '"') {
      let v = '';
      let j = i + 1;
      while (j < s.length && s[j] !== '"') {
        if (s[j] === '\\' && j + 1 < s.length) {
          const [text, len] = escape(s, j, false);
          v += text;
          j += len;
        } else v += s[j++];
      }
      push({ k: 'str', value: v });
      i = j + 1;
      continue;
    }
    if (c === '?') {
      // a character: ?a, ?\n, ?\(
      i += s[i + 1] === '\\' ? 3 : 2;
      push({ k: 'num', text: '?' });
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s()[\]";']/.test(s[j]!)) j += s[j] === '\\' ? 2 : 1;
    const atom = s.slice(i, Math.max(j, i + 1));
    push(/^[-+]?\d/.test(atom) ? { k: 'num', text: atom } : { k: 'sym', name: atom.replace(/\\(.)/g, '$1') });
    i = Math.max(j, i + 1);
  }
  // unclosed lists still count
  while (stack.length > 0) {
    const frame = stack.pop()!;
    wraps = frame.wrap;
    push({ k: 'list', items: frame.items });
  }
  return top;
}

type ElispRule =
  | { shell: number }
  | { argv: number; rest: number; infile?: number; dest?: number }
  | { read: number }
  | { write: number }
  | { delete: number }
  | { copy: [number, number] }
  | { rename: [number, number] }
  | { load: number }
  | { url: number; write?: number }
  | { unknown: string };

const ELISP: Record<string, ElispRule> = {
  'shell-command': { shell: 0 },
  'shell-command-to-string': { shell: 0 },
  'async-shell-command': { shell: 0 },
  'shell-command-on-region': { shell: 2 },
  'call-process-shell-command': { shell: 0 },
  'process-file-shell-command': { shell: 0 },
  'start-process-shell-command': { shell: 2 },
  'start-file-process-shell-command': { shell: 2 },
  compile: { shell: 0 },
  'compilation-start': { shell: 0 },
  'call-process': { argv: 0, rest: 4, infile: 1, dest: 2 },
  'process-file': { argv: 0, rest: 4, infile: 1, dest: 2 },
  'call-process-region': { argv: 2, rest: 6 },
  'process-lines': { argv: 0, rest: 1 },
  'process-lines-ignore-status': { argv: 0, rest: 1 },
  'start-process': { argv: 2, rest: 3 },
  'start-file-process': { argv: 2, rest: 3 },
  term: { unknown: 'starts an interactive terminal' },
  'ansi-term': { unknown: 'starts an interactive terminal' },
  vterm: { unknown: 'starts an interactive terminal' },
  eshell: { unknown: 'starts an interactive shell' },
  shell: { unknown: 'starts an interactive shell' },
  'write-region': { write: 2 },
  'append-to-file': { write: 2 },
  'write-file': { write: 0 },
  'with-temp-file': { write: 0 },
  'make-directory': { write: 0 },
  'make-empty-file': { write: 0 },
  'set-file-modes': { write: 0 },
  'set-file-times': { write: 0 },
  'f-write-text': { write: 2 },
  'f-write': { write: 2 },
  'f-touch': { write: 0 },
  'f-mkdir': { write: 0 },
  'copy-file': { copy: [0, 1] },
  'copy-directory': { copy: [0, 1] },
  'rename-file': { rename: [0, 1] },
  'make-symbolic-link': { write: 1 },
  'add-name-to-file': { write: 1 },
  'delete-file': { delete: 0 },
  'delete-directory': { delete: 0 },
  'f-delete': { delete: 0 },
  'find-file': { read: 0 },
  'find-file-noselect': { read: 0 },
  'find-file-literally': { read: 0 },
  'view-file': { read: 0 },
  'insert-file-contents': { read: 0 },
  'insert-file-contents-literally': { read: 0 },
  'insert-file': { read: 0 },
  'f-read': { read: 0 },
  'f-read-text': { read: 0 },
  'directory-files': { read: 0 },
  'directory-files-recursively': { read: 0 },
  load: { load: 0 },
  'load-file': { load: 0 },
  'load-library': { load: 0 },
  'byte-compile-file': { load: 0 },
  'url-retrieve': { url: 0 },
  'url-retrieve-synchronously': { url: 0 },
  'url-insert-file-contents': { url: 0 },
  'url-copy-file': { url: 0, write: 1 },
  eww: { url: 0 },
  'eww-browse-url': { url: 0 },
  request: { url: 0 },
  'plz-get': { url: 0 },
  'package-install': { unknown: 'installs packages from the network' },
  'package-refresh-contents': { unknown: 'downloads package lists' },
  'package-install-file': { unknown: 'installs a package' },
  'module-load': { unknown: 'loads a native module' },
};

/** functions that take a function to call: their function argument runs */
const HIGHER_ORDER = words(
  'mapc mapcar mapcan mapconcat seq-do seq-map seq-each cl-mapcar add-hook run-at-time ' +
    'run-with-timer run-with-idle-timer advice-add',
);

const ELISP_EFFECTS = new Set([
  ...Object.keys(ELISP),
  'make-process',
  'make-network-process',
  'open-network-stream',
  'signal-process',
  'eval',
  'browse-url',
]);

export const scanElisp: CodeScanner = (code) => scanElispAt(code, 0);

function scanElispAt(code: string, depth: number): CodeEffects {
  const fx = new Effects(depth);
  const stack: Sexp[] = readSexps(code).reverse();
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (x.k !== 'list' && x.k !== 'vec') continue;
    const head = x.items[0];
    // (funcall #'f …): the function is judged with its arguments, not as a reference
    const skip =
      head?.k === 'sym' && (head.name === 'funcall' || head.name === 'apply') && fnName(x.items[1]) ? 1 : -1;
    for (let n = x.items.length - 1; n >= 0; n--) if (n !== skip) stack.push(x.items[n]!);
    if (x.k !== 'list' || head?.k !== 'sym') continue;
    elispCall(fx, head.name, x.items.slice(1));
  }
  return fx.out;
}

function elispCall(fx: Effects, name: string, args: Sexp[], depth = 0): void {
  // #'delete-file passed around, (funcall 'shell-command …)
  if (name === 'function') {
    const f = args[0];
    if (f?.k === 'sym' && ELISP_EFFECTS.has(f.name)) fx.unknown(`uses ${f.name} indirectly`);
    return;
  }
  if (name === 'funcall' || name === 'apply') {
    const f = fnName(args[0]);
    if (f === undefined) {
      if (!isLambda(args[0])) fx.unknown(`calls a function chosen at run time (${name})`);
      return;
    }
    let rest = args.slice(1);
    if (name === 'apply') {
      const spread = listItems(rest.at(-1));
      if (spread === undefined) {
        if (ELISP_EFFECTS.has(f)) fx.unknown(`calls ${f} with arguments built at run time (apply)`);
        return;
      }
      rest = [...rest.slice(0, -1), ...spread];
    }
    if (depth > MAX_NESTING) fx.unknown(`calls a function through too many levels to judge (${name})`);
    else elispCall(fx, f, rest, depth + 1);
    return;
  }
  if (HIGHER_ORDER.has(name)) {
    for (const a of args) {
      const f =
        a.k === 'list' && a.items[0]?.k === 'sym' && a.items[0].name === 'quote' ? fnName(a) : undefined;
      if (f && ELISP_EFFECTS.has(f)) fx.unknown(`uses ${f} indirectly (${name})`);
    }
    return;
  }
  if (name === 'eval') {
    const form = args[0];
    if (form === undefined || isQuoted(form)) return;
    if (
      form.k === 'list' &&
      form.items[0]?.k === 'sym' &&
      /^(?:read|read-from-string|car)$/.test(form.items[0].name)
    ) {
      const inner = form.items[0].name === 'car' ? form.items[1] : form;
      const text = inner?.k === 'list' ? elispString(inner.items[1]) : null;
      if (text !== null) return; // read of a literal is scanned at the read
    }
    fx.unknown('evaluates code built at run time (eval)');
    return;
  }
  if (name === 'read' || name === 'read-from-string') {
    const text = elispString(args[0]);
    if (text !== null) fx.nested(scanElispAt, text);
    return;
  }
  if (name === 'intern' || name === 'intern-soft') {
    const s = elispString(args[0]);
    if (s === null) fx.unknown(`refers to a function only known at run time (${name})`);
    else if (ELISP_EFFECTS.has(s)) fx.unknown(`refers to ${s} by name (${name})`);
    return;
  }
  if (name === 'defalias' || name === 'fset') {
    const f = fnName(args[1]);
    if (f && ELISP_EFFECTS.has(f)) fx.unknown(`aliases ${f} (${name})`);
    return;
  }
  if (name === 'make-process') {
    const command = keyword(args, ':command');
    const argv = command === undefined ? undefined : elispList(command);
    if (argv === null || argv === undefined)
      fx.unknown('runs a command only known at run time (make-process)');
    else fx.argv(argv);
    return;
  }
  if (name === 'make-network-process') {
    const host = elispString(keyword(args, ':host'));
    const service = keyword(args, ':service');
    const port = service?.k === 'num' ? service.text : elispString(service);
    if (host) fx.host(port ? `${host}:${port}` : host);
    else fx.net();
    fx.sends();
    return;
  }
  if (name === 'open-network-stream' || name === 'open-network-stream-nowait') {
    const host = elispString(args[2]);
    const service = args[3];
    const port = service?.k === 'num' ? service.text : elispString(service);
    if (host) fx.host(port ? `${host}:${port}` : host);
    else fx.net();
    fx.sends();
    return;
  }
  if (name === 'signal-process') {
    const pid = args[0];
    fx.signal(pid?.k === 'num' && /^\d+$/.test(pid.text) ? `pid:${pid.text}` : '?');
    return;
  }
  if (name === 'browse-url') {
    const url = elispString(args[0]);
    if (url) fx.url(url);
    else fx.net();
    fx.unknown('opens a web browser (browse-url)');
    return;
  }
  if (
    (name === 'setq' || name === 'let' || name === 'let*') &&
    JSON.stringify(args).includes('"url-request-data"')
  )
    fx.sends();
  const rule = Object.hasOwn(ELISP, name) ? ELISP[name] : undefined;
  if (!rule) return;
  const str = (n: number) => elispString(args[n]);
  if ('shell' in rule) {
    const cmd = str(rule.shell);
    if (cmd === null) fx.unknown(`runs a command only known at run time (${name})`);
    else fx.shell(cmd);
  } else if ('argv' in rule) {
    const parts = [args[rule.argv], ...args.slice(rule.rest)].map((a) => elispString(a));
    if (parts.some((p) => p === null)) fx.unknown(`runs a command only known at run time (${name})`);
    else fx.argv(parts as string[]);
    const infile = rule.infile === undefined ? null : str(rule.infile);
    if (infile) fx.read(infile);
    const dest = rule.dest === undefined ? undefined : args[rule.dest];
    const file = dest ? elispString(keyword(dest.k === 'list' ? dest.items : [], ':file')) : null;
    if (file) fx.write(file);
  } else if ('read' in rule) fx.read(str(rule.read) ?? '?');
  else if ('write' in rule && !('url' in rule)) {
    const p = str(rule.write);
    if (p === null) fx.unknown(`writes a file only known at run time (${name})`);
    else fx.write(p);
  } else if ('delete' in rule) {
    const p = str(rule.delete);
    if (p === null) fx.unknown(`deletes a file only known at run time (${name})`);
    else fx.delete(p);
  } else if ('copy' in rule || 'rename' in rule) {
    const [from, to] = 'copy' in rule ? rule.copy : rule.rename;
    const [a, b] = [str(from), str(to)];
    if ('copy' in rule) fx.read(a ?? '?');
    else if (a === null) fx.unknown(`deletes a file only known at run time (${name})`);
    else fx.delete(a);
    if (b === null) fx.unknown(`writes a file only known at run time (${name})`);
    else fx.write(b);
  } else if ('load' in rule) {
    const p = str(rule.load);
    if (p === null) fx.unknown(`loads code only known at run time (${name})`);
    else fx.load(p);
  } else if ('url' in rule) {
    const u = str(rule.url);
    if (u === null) fx.net();
    else fx.url(u);
    if (rule.write !== undefined) {
      const p = str(rule.write);
      if (p === null) fx.unknown(`writes a file only known at run time (${name})`);
      else fx.write(p);
    }
    if (name === 'request') {
      const type = elispString(keyword(args, ':type'));
      if ((type && !/^(?:GET|HEAD)$/i.test(type)) || keyword(args, ':data')) fx.sends();
    }
  } else fx.unknown(`${rule.unknown} (${name})`);
}

const isQuoted = (x: Sexp) =>
  x.k === 'list' &&
  x.items[0]?.k === 'sym' &&
  (x.items[0].name === 'quote' || x.items[0].name === 'function');
const isLambda = (x: Sexp | undefined): boolean =>
  x?.k === 'list' &&
  x.items[0]?.k === 'sym' &&
  (x.items[0].name === 'lambda' || (isQuoted(x) && isLambda(x.items[1])));

/** `'f`, `#'f`, `(function f)`: the function's name */
function fnName(x: Sexp | undefined): string | undefined {
  if (x?.k === 'list' && isQuoted(x) && x.items[1]?.k === 'sym') return x.items[1].name;
  return undefined;
}

/** the value after `key` in a keyword argument list */
function keyword(items: Sexp[], key: string): Sexp | undefined {
  for (let n = 0; n + 1 < items.length; n++) {
    const x = items[n]!;
    if (x.k === 'sym' && x.name === key) return items[n + 1];
  }
  return undefined;
}

/** the elements of `'(…)` or `(list …)` */
function listItems(x: Sexp | undefined): Sexp[] | undefined {
  if (x?.k !== 'list') return undefined;
  const head = x.items[0];
  if (head?.k === 'sym' && head.name === 'list') return x.items.slice(1);
  if (head?.k === 'sym' && head.name === 'quote' && x.items[1]?.k === 'list') return x.items[1].items;
  return undefined;
}

function elispList(x: Sexp | undefined): string[] | null {
  const items = listItems(x);
  if (!items) return null;
  const out: string[] = [];
  for (const item of items) {
    const v = elispString(item);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

/** a literal string: "…", (concat …), (format "%s" …), (expand-file-name …) of literals */
function elispString(x: Sexp | undefined, depth = 0): string | null {
  if (!x || depth > 32) return null;
  if (x.k === 'str') return x.value;
  if (x.k === 'num') return x.text;
  if (x.k !== 'list' || x.items[0]?.k !== 'sym') return null;
  const args = x.items.slice(1).map((a) => elispString(a, depth + 1));
  if (args.some((a) => a === null)) return null;
  const v = args as string[];
  switch (x.items[0].name) {
    case 'concat':
      return v.join('');
    case 'format':
    case 'format-message':
      return v[0] === undefined ? null : formatLiteral(v[0], v.slice(1));
    case 'expand-file-name':
      return v[1] !== undefined && !v[0]?.startsWith('/') && !v[0]?.startsWith('~')
        ? `${v[1].replace(/\/$/, '')}/${v[0]}`
        : (v[0] ?? null);
    case 'file-name-concat':
      return v.join('/');
    case 'shell-quote-argument':
      return v[0] === undefined ? null : `'${v[0].replaceAll("'", `'\\''`)}'`;
    case 'string-join':
      return null;
  }
  return null;
}

// =============================================================================================
// awk

const AWK_LEX: LexOptions = {
  line: ['#'],
  block: [],
  quotes: '"',
  regex: true,
  ops: [
    '|&',
    '||',
    '&&',
    '>>',
    '>=',
    '<=',
    '==',
    '!=',
    '++',
    '--',
    '+=',
    '-=',
    '*=',
    '/=',
    '%=',
    '^=',
    '**',
    '!~',
  ],
};

/** special files that are not files */
const AWK_STREAMS = /^(?:\/dev\/(?:stdout|stderr|stdin|null|fd\/\d+)|-)$/;

export const scanAwk: CodeScanner = (program) => {
  const fx = new Effects();
  const toks = lex(program, AWK_LEX);
  const code = new Code(toks, []);
  const end = (i: number) => {
    // the end of a statement: `;`, a new line, or a `}` that closes its block
    let depth = 0;
    let j = i;
    for (; j < toks.length; j++) {
      const t = toks[j]!;
      if (j > i && t.nl && depth === 0) break;
      if (j > i && t.k === 'id' && (t.t === 'print' || t.t === 'printf')) break; // a statement of its own
      if (t.k === 'op') {
        if (t.t === '(' || t.t === '[') depth++;
        else if (t.t === ')' || t.t === ']') {
          if (depth === 0) break;
          depth--;
        } else if ((t.t === ';' || t.t === '}' || t.t === '{') && depth === 0) break;
      }
    }
    return j;
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k === 'op' && t.t === '@') {
      const next = toks[i + 1];
      if (next?.k === 'id' && next.t === 'load')
        fx.unknown(`loads a native extension (@load${toks[i + 2]?.v ? ` ${toks[i + 2]!.v}` : ''})`);
      else if (next?.k === 'id' && next.t === 'include') {
        const file = toks[i + 2]?.v;
        if (file) fx.load(file);
        else fx.unknown('loads code only known at run time (@include)');
      } else if (next?.k === 'id' && code.op(i + 2, '('))
        fx.unknown('calls a function chosen at run time (@name())');
      continue;
    }
    if (t.k !== 'id') continue;
    if (t.t === 'system' && code.op(i + 1, '(')) {
      const cmd = awkValue(code, i + 2, code.close(i + 1));
      if (cmd === null) fx.unknown('runs a command only known at run time (system)');
      else fx.shell(cmd);
      continue;
    }
    if (t.t === 'print' || t.t === 'printf') {
      const stop = end(i + 1);
      let depth = 0;
      for (let j = i + 1; j < stop; j++) {
        const x = toks[j]!;
        if (x.k !== 'op') continue;
        if (x.t === '(') depth++;
        else if (x.t === ')') depth--;
        else if (depth === 0 && (x.t === '>' || x.t === '>>' || x.t === '|' || x.t === '|&')) {
          awkTarget(fx, x.t, awkValue(code, j + 1, stop), 'print');
          break;
        }
      }
      continue;
    }
    if (t.t === 'getline') {
      // cmd | getline, cmd |& getline
      const pipe = toks[i - 1];
      if (pipe?.k === 'op' && (pipe.t === '|' || pipe.t === '|&'))
        awkTarget(fx, pipe.t, awkValue(code, awkOperandStart(code, i - 1), i - 1), 'getline');
      // getline [var] < file
      let j = i + 1;
      if (toks[j]?.k === 'id') j++;
      else if (code.op(j, '$')) j += 2;
      if (code.op(j, '<')) {
        const k = j + 1;
        const stop = code.op(k, '(') ? code.close(k) + 1 : k + 1;
        awkTarget(fx, '<', awkValue(code, k, stop), 'getline');
      }
    }
  }
  return fx.out;
};

/** where the operand of `cmd | getline` starts: the concatenation before the `|` */
function awkOperandStart(code: Code, bar: number): number {
  let j = bar;
  while (j > 0) {
    const t = code.toks[j - 1]!;
    if (t.k === 'str' || t.k === 'id' || t.k === 'num') j--;
    else if (t.k === 'op' && (t.t === ')' || t.t === ']')) j = Math.max(0, code.match[j - 1]!);
    else if (t.k === 'op' && t.t === '$') j--;
    else break;
    if (code.toks[j]?.nl) break;
  }
  // a keyword or a function name before a group is not part of the operand
  while (j < bar && code.toks[j]!.k === 'id' && /^(?:while|if|for|return|in)$/.test(code.toks[j]!.t)) j++;
  return j;
}

/** the literal value of awk tokens [s, e): strings juxtaposed, in parentheses or not */
function awkValue(code: Code, s: number, e: number): string | null {
  while (s < e && code.group(s, e, '(')) {
    s++;
    e--;
  }
  if (s >= e) return null;
  let out = '';
  for (let j = s; j < e; j++) {
    const t = code.toks[j]!;
    if (t.k !== 'str' || t.v === undefined) return null;
    out += t.v;
  }
  return out;
}

/** an output or input redirection: a file, a command, or a /inet special file */
function awkTarget(fx: Effects, op: string, target: string | null, where: string): void {
  if (target !== null && /^\/inet[46]?\//.test(target)) {
    const parts = target.split('/');
    const host = parts[4];
    const port = parts[5];
    if (host && host !== '0') fx.host(port ? `${host}:${port}` : host);
    else fx.net();
    if (op === '|&') {
      fx.sends();
      fx.unknown(`connects the program to the network (${target})`);
    } else if (op === '>' || op === '>>' || op === '|') fx.sends();
    return;
  }
  if (target !== null && AWK_STREAMS.test(target)) return;
  if (op === '|' || op === '|&') {
    if (target === null) fx.unknown(`runs a command only known at run time (${where} |)`);
    else fx.shell(target);
  } else if (op === '<') fx.read(target ?? '?');
  else if (target === null) fx.unknown(`writes a file only known at run time (${where} ${op})`);
  else fx.write(target);
}

// =============================================================================================
// ed

export const scanEd: CodeScanner = (script) => {
  const fx = new Effects();
  const all = lines(script);
  for (let n = 0; n < all.length; n++) {
    const text = edCommand(fx, all[n]!);
    if (text) {
      // a, i, c: input lines up to "."
      while (n + 1 < all.length && all[n + 1] !== '.') n++;
      n++;
    }
  }
  return fx.out;
};

/** one ed command; true when it starts text input */
function edCommand(fx: Effects, line: string, depth = 0): boolean {
  let i = skipRange(line, 0);
  const c = line[i];
  if (c === undefined) return false;
  const rest = line.slice(i + 1);
  switch (c) {
    case '!':
      if (rest.startsWith('!')) fx.unknown('repeats the last shell command (!!)');
      else if (rest.trim()) fx.shell(rest.trim());
      return false;
    case 'w':
    case 'W':
    case 'r':
    case 'e':
    case 'E': {
      const arg = rest.replace(/^q/, '').trim();
      if (arg.startsWith('!')) {
        if (arg.slice(1).trim()) fx.shell(arg.slice(1).trim());
      } else if (c === 'w' || c === 'W') fx.write(arg || '%');
      else fx.read(arg || '%');
      return false;
    }
    case 'a':
    case 'i':
    case 'c':
      return rest.trim() === '' || rest.trim() === 'p';
    case 'g':
    case 'v': {
      // g/re/command-list
      const delim = rest[0];
      if (!delim || depth > 0) return false;
      i = 1;
      while (i < rest.length && rest[i] !== delim) i += rest[i] === '\\' ? 2 : 1;
      const command = rest.slice(i + 1);
      if (command.trim()) edCommand(fx, command, depth + 1);
      return false;
    }
    case 'G':
    case 'V':
      fx.unknown(`edits interactively (${c})`);
      return false;
  }
  return false;
}

// =============================================================================================
// dc

export const scanDc: CodeScanner = (code) => {
  const fx = new Effects();
  dc(fx, code, 0);
  return fx.out;
};

function dc(fx: Effects, s: string, depth: number): void {
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '#') {
      const end = s.indexOf('\n', i);
      i = end < 0 ? s.length : end;
    } else if (c === '[') {
      // a string, which may be run as a macro
      let level = 1;
      let j = i + 1;
      while (j < s.length && level > 0) {
        if (s[j] === '[') level++;
        else if (s[j] === ']') level--;
        j++;
      }
      const body = s.slice(i + 1, level === 0 ? j - 1 : j);
      if (depth < MAX_NESTING * 4) dc(fx, body, depth + 1);
      else fx.unknown('nests macros too deeply to judge');
      i = j - 1;
    } else if (c === '!') {
      if (s[i + 1] === '<' || s[i + 1] === '>' || s[i + 1] === '=') {
        i += 2; // a comparison and its register
        continue;
      }
      const end = s.indexOf('\n', i);
      const command = s.slice(i + 1, end < 0 ? s.length : end).trim();
      if (command) fx.shell(command);
      i = end < 0 ? s.length : end;
    } else if ('sSlL<>=:;'.includes(c))
      i++; // the register name that follows
    else if (c === '?') fx.unknown('runs dc code it reads from its input (?)');
  }
}
