/**
 * Julia (`julia -e`): command literals (`` `rm -rf x` `` is an argument vector, never a shell
 * string), the process functions that run them, Base's file functions, Downloads/HTTP/Sockets,
 * `include` and the ways of evaluating code built at run time.
 */
import type { CodeEffects, CodeScanner } from './types.js';
import {
  Code,
  Effects,
  Evaluator,
  applySpec,
  joinQualified,
  lex,
  openFile,
  type Arg,
  type EvalRules,
  type LexOptions,
  type Spec,
} from './text.js';

const LEX: LexOptions = {
  line: ['#'],
  block: [['#=', '=#']],
  nestBlock: true,
  quotes: `"'`,
  triple: true,
  interp: 'julia',
  transpose: true,
  identChars: '!',
  backtick: 'cmd',
  ops: ['...', '::', '==', '!=', '<=', '>=', '&&', '||', '->', '=>', '|>', '.=', '+=', '*=', '.*'],
};

const CALLS: Record<string, Spec> = {
  // files
  read: { args: 'path', read: 'path' },
  readlines: { args: 'path', read: 'path' },
  readline: { args: 'path', read: 'path' },
  eachline: { args: 'path', read: 'path' },
  readdir: { args: 'path', read: 'path' },
  countlines: { args: 'path', read: 'path' },
  readdlm: { args: 'path', read: 'path' },
  'CSV.read': { args: 'path', read: 'path' },
  'CSV.File': { args: 'path', read: 'path' },
  'CSV.write': { args: 'path', write: 'path' },
  writedlm: { args: 'path', write: 'path' },
  write: { args: 'path', write: 'path' },
  rm: { args: 'path', delete: 'path' },
  'Base.Filesystem.unlink': { args: 'path', delete: 'path' },
  mv: { args: 'from to', delete: 'from', write: 'to' },
  cp: { args: 'from to', read: 'from', write: 'to' },
  mkdir: { args: 'path', write: 'path' },
  mkpath: { args: 'path', write: 'path' },
  touch: { args: 'path', write: 'path' },
  symlink: { args: 'target link', write: 'link' },
  hardlink: { args: 'target link', write: 'link' },
  chmod: { args: 'path mode', write: 'path' },
  chown: { args: 'path', write: 'path' },
  // network
  download: { args: 'url path', url: 'url', write: 'path' },
  'Downloads.download': { args: 'url path', url: 'url', write: 'path' },
  'Downloads.request': { args: 'url', url: 'url' },
  'HTTP.get': { args: 'url', url: 'url' },
  'HTTP.head': { args: 'url', url: 'url' },
  'HTTP.post': { args: 'url', url: 'url', sends: true },
  'HTTP.put': { args: 'url', url: 'url', sends: true },
  'HTTP.patch': { args: 'url', url: 'url', sends: true },
  'HTTP.delete': { args: 'url', url: 'url', sends: true },
  'HTTP.request': { args: 'method url headers body', url: 'url', body: 'body' },
  'HTTP.open': { args: 'method url', url: 'url', sends: true },
  'HTTP.WebSockets.open': { args: 'url', url: 'url', sends: true },
  'WebSockets.open': { args: 'url', url: 'url', sends: true },
  'Sockets.connect': { args: 'host port', host: 'host', port: 'port', sends: true },
  connect: { args: 'host port', host: 'host', port: 'port', sends: true },
  listen: { net: true },
  'Sockets.listen': { net: true },
  'Sockets.getaddrinfo': { args: 'host', host: 'host' },
  'Sockets.send': { sends: true },
  // processes, other than running commands
  kill: { args: 'process', signal: 'process' },
  addprocs: { unknown: 'starts worker processes' },
  'Distributed.addprocs': { unknown: 'starts worker processes' },
  'Pkg.add': { net: true, unknown: 'installs packages, which run their own build code' },
  'Pkg.build': { unknown: 'runs package build code' },
  'Pkg.develop': { net: true, unknown: 'installs packages, which run their own build code' },
  // code
  include: { args: 'path', load: 'path' },
  evalfile: { args: 'path', load: 'path' },
  include_string: { args: 'mod code', code: 'code' },
  'Meta.parse': { args: 'code', code: 'code' },
  'Meta.parseall': { args: 'code', code: 'code' },
  ccall: { unknown: 'calls native code' },
  cglobal: { unknown: 'calls native code' },
  dlopen: { unknown: 'loads a native library' },
  'Libdl.dlopen': { unknown: 'loads a native library' },
  dlsym: { unknown: 'calls native code' },
  'Libdl.dlsym': { unknown: 'calls native code' },
  'PyCall.pyimport': { unknown: 'calls Python' },
  'PythonCall.pyexec': { args: 'code', code: 'code', language: 'python' },
};

/** functions that run a command object (`run(`…`)`); the literal itself is reported where it is */
const RUNS = new Set([
  'run',
  'success',
  'pipeline',
  'readchomp',
  'process_running',
  'Cmd',
  'ignorestatus',
  'detach',
  'setenv',
  'addenv',
]);

/** macros that evaluate or call out */
const MACROS: Record<string, string> = {
  '@eval': 'evaluates code built at run time',
  '@ccall': 'calls native code',
  '@spawnat': 'runs code on worker processes',
  '@everywhere': 'runs code on worker processes',
  '@cmd': 'builds a command at run time',
};

const RULES: EvalRules = {
  concat: ['*'],
  lists: ['vcat'],
  listOpen: '[',
  fns: {
    string: (a) => a.join(''),
    joinpath: (a) => a.join('/'),
    'Base.string': (a) => a.join(''),
    lowercase: (a) => a[0]?.toLowerCase() ?? null,
    uppercase: (a) => a[0]?.toUpperCase() ?? null,
    abspath: (a) => a[0] ?? null,
    expanduser: (a) => a[0] ?? null,
  },
};

export const scanJulia: CodeScanner = (code) => scan(code, 0);

function scan(source: string, depth: number): CodeEffects {
  const fx = new Effects(depth);
  const code = new Code(joinQualified(lex(shellMode(source, fx), LEX), ['.']), ['=']);
  const ev = new Evaluator(code, RULES);
  const toks = code.toks;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    // a command literal is an argument vector; interpolation makes it one only known at run time
    if (t.k === 'cmd') {
      if (t.argv) fx.argv(t.argv);
      else fx.unknown('runs a command only known at run time (a command literal with interpolation)');
      continue;
    }
    if (t.k === 'op' && t.t === '@' && toks[i + 1]?.k === 'id') {
      const reason = MACROS[`@${toks[i + 1]!.t}`];
      if (reason) fx.unknown(`${reason} (@${toks[i + 1]!.t})`);
      continue;
    }
    if (t.k !== 'id' || !code.op(i + 1, '(')) continue;
    // `f.(x)` broadcasts `f`, `Base.f` is `f`
    const name = t.t.replace(/^Base\./, '');
    const args = code.args(i + 1);
    if (RUNS.has(name)) {
      runs(fx, code, ev, name, args);
      continue;
    }
    if (name === 'eval' || name === 'Core.eval') {
      evalCall(fx, code, args);
      continue;
    }
    if (name === 'open') {
      open(fx, code, ev, args);
      continue;
    }
    const spec = Object.hasOwn(CALLS, name) ? CALLS[name] : undefined;
    if (!spec) continue;
    // read(`cmd`, String), write to a stream: not files
    const first = args[0];
    if (first && (name === 'read' || name === 'readlines' || name === 'eachline' || name === 'readline')) {
      if (holdsCommand(code, first)) continue;
      if (first.e - first.s === 1 && /^(?:stdin|io)$/.test(toks[first.s]!.t)) continue;
    }
    if (name === 'write' && first && ev.str(first) === null) continue; // write(io, x): a stream
    if (name.endsWith('connect') && args.length === 1 && first) {
      const port = ev.str(first);
      if (port !== null && /^\d+$/.test(port))
        fx.host(`localhost:${port}`); // connect(port)
      else fx.net();
      fx.sends();
      continue;
    }
    if (name === 'HTTP.request' && first) {
      const method = ev.str(first);
      if (method === null || !/^(?:GET|HEAD)$/i.test(method)) fx.sends();
    }
    applySpec(fx, name, spec, args, ev, scan);
  }
  return fx.out;
}

/** The REPL's shell mode: a line starting with `;` is a shell command. Blanked out for the lexer. */
function shellMode(source: string, fx: Effects): string {
  if (!source.startsWith(';') && !source.includes('\n;')) return source;
  return source
    .split('\n')
    .map((line) => {
      if (!line.startsWith(';')) return line;
      const command = line.slice(1).trim();
      if (command) fx.shell(command);
      return '';
    })
    .join('\n');
}

/** does the argument hold a command literal or `Cmd(…)`, reported on its own? */
function holdsCommand(code: Code, a: Arg): boolean {
  for (let j = a.s; j < a.e; j++) {
    const t = code.toks[j]!;
    if (t.k === 'cmd' || (t.k === 'id' && (t.t === 'Cmd' || RUNS.has(t.t)))) return true;
  }
  return false;
}

/** `run(`…`)`, `pipeline(`a`, `b`, stdout = "f")`: a command that is not a literal is unknown */
function runs(fx: Effects, code: Code, ev: Evaluator, name: string, args: Arg[]): void {
  if (name === 'Cmd') {
    const first = args[0];
    const argv = first ? ev.list(first) : null;
    if (argv) fx.argv(argv);
    else if (first && !holdsCommand(code, first)) fx.unknown('runs a command only known at run time (Cmd)');
    return;
  }
  args.forEach((a, n) => {
    if (a.name === 'stdout' || a.name === 'stderr') {
      const path = ev.str(a);
      if (path === null) {
        if (code.toks[a.s]?.k !== 'id') fx.unknown(`writes a file only known at run time (${name})`);
      } else fx.write(path);
      return;
    }
    if (a.name === 'stdin') {
      fx.read(ev.str(a) ?? '?');
      return;
    }
    if (a.name !== undefined) return;
    if (holdsCommand(code, a)) return;
    // pipeline's strings are files: the first one is read, later ones written
    const path = name === 'pipeline' ? ev.str(a) : null;
    if (path !== null) {
      if (n === 0) fx.read(path);
      else fx.write(path);
    } else if (n === 0 || name === 'pipeline') fx.unknown(`runs a command only known at run time (${name})`);
  });
}

/** `eval(:(…))` and `eval(quote … end)` are scanned where they are; eval of anything else is unknown */
function evalCall(fx: Effects, code: Code, args: Arg[]): void {
  const expr = args.at(-1);
  if (!expr) return;
  const t = code.toks[expr.s];
  if (t?.k === 'op' && t.t === ':' && code.op(expr.s + 1, '(')) return;
  if (t?.k === 'id' && t.t === 'quote') return;
  const inner = code.call(expr.s, expr.e);
  if (inner === 'Meta.parse' || inner === 'Meta.parseall') return;
  fx.unknown('evaluates code built at run time (eval)');
}

/** `open("f", "w")`, `open(f -> …, "f", "w")`, `open("f"; write = true)`, `open(`cmd`)` */
function open(fx: Effects, code: Code, ev: Evaluator, args: Arg[]): void {
  const positional = args.filter((a) => a.name === undefined);
  let [path, mode] = positional;
  if (!path) return;
  if (holdsCommand(code, path)) return;
  // a do-block function first: `open(f, "file", "w")`
  if (ev.str(path) === null && positional[1] && ev.str(positional[1]) !== null) [, path, mode] = positional;
  let m = mode ? ev.str(mode) : 'r';
  for (const a of args) {
    if (a.name && /^(?:write|append|truncate|create)$/.test(a.name) && ev.str(a) !== 'false') m = 'w';
  }
  openFile(fx, 'open', path ? ev.str(path) : null, m);
}
