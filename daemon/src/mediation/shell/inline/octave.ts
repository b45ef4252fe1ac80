/**
 * GNU Octave and MATLAB (`octave --eval`, `matlab -batch`): the shell escapes (`system`, `unix`,
 * `!cmd`), file I/O, web functions, `eval` and friends, native code (mex, loadlibrary), and the
 * Java and Python bridges. Command syntax (`delete foo.txt`) is read as a call with string arguments.
 */
import type { CodeEffects, CodeScanner } from './types.js';
import {
  Code,
  Effects,
  Evaluator,
  MAX_NESTING,
  applySpec,
  formatLiteral,
  joinQualified,
  lex,
  type Arg,
  type EvalRules,
  type LexOptions,
  type Spec,
} from './text.js';

const CALLS: Record<string, Spec> = {
  // processes
  system: { args: 'cmd', shell: 'cmd' },
  unix: { args: 'cmd', shell: 'cmd' },
  dos: { args: 'cmd', shell: 'cmd' },
  shell_cmd: { args: 'cmd', shell: 'cmd' },
  popen: { args: 'cmd mode', shell: 'cmd' },
  popen2: { args: 'cmd args', argv: 'cmd args' },
  exec: { args: 'file args', argv: 'file args' },
  fork: { unknown: 'forks the process' },
  kill: { args: 'pid sig', signal: 'pid' },
  // files
  fopen: { args: 'path mode', open: 'path mode' },
  fileread: { args: 'path', read: 'path' },
  textread: { args: 'path', read: 'path' },
  dlmread: { args: 'path', read: 'path' },
  csvread: { args: 'path', read: 'path' },
  importdata: { args: 'path', read: 'path' },
  imread: { args: 'path', read: 'path' },
  audioread: { args: 'path', read: 'path' },
  xlsread: { args: 'path', read: 'path' },
  readtable: { args: 'path', read: 'path' },
  readmatrix: { args: 'path', read: 'path' },
  readcell: { args: 'path', read: 'path' },
  type: { args: '...', read: '...' },
  dlmwrite: { args: 'path', write: 'path' },
  csvwrite: { args: 'path', write: 'path' },
  audiowrite: { args: 'path', write: 'path' },
  writematrix: { args: 'm path', write: 'path' },
  writetable: { args: 't path', write: 'path' },
  writecell: { args: 'c path', write: 'path' },
  imwrite: { args: 'a path', write: 'path' },
  saveas: { args: 'h path', write: 'path' },
  delete: { args: '...', delete: '...' },
  unlink: { args: 'path', delete: 'path' },
  rmdir: { args: 'path', delete: 'path' },
  movefile: { args: 'from to', delete: 'from', write: 'to' },
  rename: { args: 'from to', delete: 'from', write: 'to' },
  copyfile: { args: 'from to', read: 'from', write: 'to' },
  symlink: { args: 'target link', write: 'link' },
  link: { args: 'target link', write: 'link' },
  // network
  urlread: { args: 'url', url: 'url' },
  urlwrite: { args: 'url path', url: 'url', write: 'path' },
  webread: { args: 'url', url: 'url' },
  webwrite: { args: 'url', url: 'url', sends: true },
  websave: { args: 'path url', url: 'url', write: 'path' },
  web: { args: 'url', url: 'url' },
  ftp: { args: 'host', host: 'host' },
  tcpclient: { args: 'host port', host: 'host', port: 'port', sends: true },
  tcpip: { args: 'host port', host: 'host', port: 'port', sends: true },
  tcp: { args: 'host port', host: 'host', port: 'port', sends: true },
  udpport: { sends: true },
  sendmail: { sends: true },
  // code
  run: { args: 'path', load: 'path' },
  source: { args: 'path', load: 'path' },
  eval: { args: 'try catch', code: 'try catch' },
  evalc: { args: 'try catch', code: 'try catch' },
  evalin: { args: 'context try catch', code: 'try catch' },
  inline: { args: 'expr', code: 'expr' },
  loadlibrary: { unknown: 'loads a native library' },
  calllib: { unknown: 'calls native code' },
  mex: { unknown: 'compiles native code' },
  mkoctfile: { unknown: 'compiles native code' },
  javaObject: { unknown: 'calls Java' },
  javaMethod: { unknown: 'calls Java' },
  javaArray: { unknown: 'calls Java' },
  pyrun: { args: 'code', code: 'code', language: 'python' },
  pyrunfile: { args: 'path', load: 'path' },
  pyexec: { args: 'code', code: 'code', language: 'python' },
};

/** options among the arguments of load, save, print: `-ascii`, `-dpng` */
const FILE_AND_OPTIONS = new Set(['load', 'save', 'print', 'diary', 'mkdir', 'pkg']);

/** names that take command syntax (`delete foo.txt`, `system ls`), so it is read for them */
const COMMANDS = new Set([...Object.keys(CALLS), ...FILE_AND_OPTIONS, 'feval', 'builtin']);

const LEX: LexOptions = {
  line: ['%', '#', '...'],
  block: [
    ['%{', '%}'],
    ['#{', '#}'],
  ],
  quotes: '"',
  doubled: "'",
  transpose: true,
  ops: ['==', '~=', '!=', '<=', '>=', '&&', '||', ".'", '.*', './', '.^'],
  commandSyntax: COMMANDS,
};

const RULES: EvalRules = {
  concat: [],
  lists: ['cellstr'],
  listOpen: '{',
  bracketConcat: true,
  fns: {
    strcat: (a) => a.join(''),
    horzcat: (a) => a.join(''),
    fullfile: (a) => a.join('/'),
    sprintf: (a) => (a[0] === undefined ? null : formatLiteral(a[0], a.slice(1))),
    char: (a) =>
      a.every((n) => /^\d+$/.test(n)) ? String.fromCharCode(...a.map((n) => Number(n) & 0xffff)) : null,
    lower: (a) => a[0]?.toLowerCase() ?? null,
    upper: (a) => a[0]?.toUpperCase() ?? null,
    fliplr: (a) => (a[0] === undefined ? null : [...a[0]].reverse().join('')),
  },
};

export const scanOctave: CodeScanner = (code) => scan(code, 0);

function scan(source: string, depth: number): CodeEffects {
  const fx = new Effects(depth);
  const code = new Code(joinQualified(lex(shellEscapes(source, fx), LEX), ['.']), []);
  const ev = new Evaluator(code, RULES);
  const toks = code.toks;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    // a function handle to an effectful function: it can be called with anything
    if (
      t.k === 'op' &&
      t.t === '@' &&
      toks[i + 1]?.k === 'id' &&
      (Object.hasOwn(CALLS, toks[i + 1]!.t) ? CALLS[toks[i + 1]!.t] : undefined)
    ) {
      fx.unknown(`uses ${toks[i + 1]!.t} through a function handle`);
      continue;
    }
    if (t.k !== 'id') continue;
    if (/^(?:java|javax|py|NET)\./.test(t.t)) {
      bridge(fx, code, ev, i);
      continue;
    }
    if (!code.op(i + 1, '(')) continue;
    call(fx, code, ev, t.t, code.args(i + 1), 0);
  }
  return fx.out;
}

function call(fx: Effects, code: Code, ev: Evaluator, name: string, args: Arg[], depth: number): void {
  if (name === 'feval' || name === 'builtin' || name === 'cellfun' || name === 'arrayfun') {
    if (depth > MAX_NESTING) fx.unknown(`calls a function through too many levels to judge (${name})`);
    else byName(fx, code, ev, name, args, depth);
    return;
  }
  if (name === 'str2func') {
    const target = args[0] ? ev.str(args[0]) : null;
    if (target === null) fx.unknown('calls a function chosen at run time (str2func)');
    else if (Object.hasOwn(CALLS, target.replace(/^@/, '')) ? CALLS[target.replace(/^@/, '')] : undefined)
      fx.unknown(`uses ${target} through a function handle`);
    return;
  }
  if (FILE_AND_OPTIONS.has(name)) {
    fileAndOptions(fx, ev, name, args);
    return;
  }
  const spec = Object.hasOwn(CALLS, name) ? CALLS[name] : undefined;
  if (spec) applySpec(fx, name, spec, args, ev, scan);
}

/** `load -ascii data.txt`, `save('-v7', 'out.mat', 'x')`, `print -dpng fig.png`, `pkg install -forge x` */
function fileAndOptions(fx: Effects, ev: Evaluator, name: string, args: Arg[]): void {
  const values = args.map((a) => ev.str(a));
  if (name === 'pkg') {
    if (values[0] === null || values[0] === 'install')
      fx.unknown('installs packages, which run their own build code (pkg install)');
    if (values.includes('-forge') || values.some((v) => v !== null && /^https?:/.test(v))) fx.net();
    return;
  }
  const files = values.filter((v) => v === null || !v.startsWith('-'));
  if (name === 'diary') {
    const file = files[0];
    if (file === null) fx.unknown('writes a file only known at run time (diary)');
    else if (file !== undefined && file !== 'on' && file !== 'off') fx.write(file);
    return;
  }
  if (name === 'mkdir') {
    if (files.some((f) => f === null)) fx.unknown('writes a file only known at run time (mkdir)');
    else if (files.length > 0) fx.write(files.join('/'));
    return;
  }
  const file = files[0];
  if (file === undefined) return;
  if (name === 'load') fx.read(file ?? '?');
  else if (file === null) fx.unknown(`writes a file only known at run time (${name})`);
  else fx.write(file);
}

/** `feval('system', 'ls')`, `builtin('delete', f)`, `cellfun('unlink', files)` */
function byName(fx: Effects, code: Code, ev: Evaluator, name: string, args: Arg[], depth: number): void {
  const first = args[0];
  if (!first) return;
  const handle = code.op(first.s, '@') && first.e - first.s === 2 ? code.toks[first.s + 1]!.t : null;
  const target = handle ?? ev.str(first);
  if (target === null) {
    // an anonymous function `@(x) …` is scanned where it is
    if (!(code.op(first.s, '@') && code.op(first.s + 1, '(')))
      fx.unknown(`calls a function chosen at run time (${name})`);
    return;
  }
  if (name === 'cellfun' || name === 'arrayfun') {
    if (Object.hasOwn(CALLS, target) ? CALLS[target] : undefined)
      fx.unknown(`calls ${target} on each element (${name})`);
    return;
  }
  call(fx, code, ev, target, args.slice(1), depth + 1);
}

/** `java.lang.Runtime.getRuntime().exec(…)`, `py.os.system(…)`: calls into Java or Python */
function bridge(fx: Effects, code: Code, ev: Evaluator, i: number): void {
  const name = code.toks[i]!.t;
  const first = code.op(i + 1, '(') ? code.args(i + 1)[0] : undefined;
  if (name === 'py.os.system' && first) {
    applySpec(fx, name, { args: 'cmd', shell: 'cmd' }, [first], ev);
    return;
  }
  fx.unknown(
    `calls ${name.startsWith('py.') ? 'Python' : name.startsWith('NET.') ? '.NET' : 'Java'} (${name})`,
  );
}

/** MATLAB's `!cmd` at the start of a line runs the rest of the line in a shell. */
function shellEscapes(source: string, fx: Effects): string {
  if (!/(?:^|\n)[ \t]*!/.test(source)) return source;
  return source
    .split('\n')
    .map((line) => {
      const trimmed = line.trimStart();
      if (!trimmed.startsWith('!') || trimmed.startsWith('!=')) return line;
      const command = trimmed.slice(1).trim();
      if (command) fx.shell(command);
      return '';
    })
    .join('\n');
}
