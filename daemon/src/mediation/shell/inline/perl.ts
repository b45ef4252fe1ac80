/**
 * Perl inline code (`perl -e`, `perl -ne`, a here-document fed to `perl`): `system`, `exec`,
 * backticks and `qx//`, `open` in all its forms (files, pipes, duplicated handles), the file
 * built-ins, File::Path / File::Copy / File::Slurp / Path::Tiny, sockets and HTTP clients, `kill`,
 * `do`/`require` of files, and string `eval`, `s///e`, symbolic references.
 */
import {
  Effects,
  MAX_DEPTH,
  Walker,
  copies,
  files,
  harmless,
  isUrl,
  lex,
  moves,
  obj,
  pure,
  ref,
  unknownCall,
  type Call,
  type Handler,
  type Language,
  type Token,
  type Value,
  links,
} from './lexer.js';
import type { CodeScanner } from './types.js';

/** each value's strings (lists flattened); undefined when any is not literal */
function flatten(values: Array<Value | undefined>): string[] | undefined {
  const out: string[] = [];
  for (const v of values) {
    if (v?.t === 'str') out.push(v.v);
    else if (v?.t === 'num') out.push(String(v.v));
    else if (v?.t === 'list' && v.v.every((e) => e?.t === 'str' || e?.t === 'num'))
      for (const e of v.v) out.push(String((e as { v: string | number }).v));
    else return undefined;
  }
  return out;
}
const flatStrings = (c: Call, from = 0) => flatten(c.rest(from).map((a) => c.val(a)));

/** system / exec: one string runs through the shell, a list does not; `exec { "prog" } LIST` */
const run: Handler = (c) => {
  const toks = c.w.tokens;
  const first = c.args[0];
  if (first && toks[first.start]?.text === '{') {
    // the program in a block, then the list: argv[0] is only a name
    const close = c.w.close(first.start);
    const program = c.w.val(first.start + 1, close);
    const rest = flatten([c.w.val(close + 1, first.end), ...c.rest(1).map((a) => c.val(a))]);
    c.fx.argv(program?.t === 'str' && rest ? [program.v, ...rest.slice(1)] : undefined);
    return undefined;
  }
  const args = c.rest(0);
  const only = args.length === 1 ? c.val(args[0]) : undefined;
  if (only?.t === 'str') c.fx.shell(only.v);
  else if (args.length === 0) c.fx.shell(undefined);
  else c.fx.argv(flatStrings(c));
  return undefined;
};

const STD_HANDLES = /^(\*?(main::)?)?(STDIN|STDOUT|STDERR)$/;
/** the handle an `open` opens: `my $fh`, `$fh`, `FH`, `STDOUT` */
function handleName(c: Call): string {
  return c
    .tokens(c.pos(0))
    .map((t) => t.text)
    .filter((t) => t !== 'my' && t !== 'our' && t !== 'local')
    .join('');
}

/** open FH, MODE, PATH / open FH, "<path" / open FH, "cmd |" / open STDOUT, ">&S" */
const open: Handler = (c) => {
  const args = c.rest(0);
  const std = STD_HANDLES.test(handleName(c));
  if (args.length >= 3) {
    const mode = c.str(args[1])?.replace(/\s+/g, '') ?? undefined;
    const target = args[2]!;
    const inMemory = c.w.tokens[target.start]?.text === '\\';
    if (mode === undefined) {
      c.fx.unknown('opens a file or command in a mode chosen at run time');
      return undefined;
    }
    if (mode.includes('&')) {
      if (std) c.fx.dup = true;
      return undefined;
    }
    if (mode.startsWith('-|') || mode.startsWith('|-')) {
      if (args.length === 3) c.fx.shell(c.str(target));
      else c.fx.argv(flatStrings(c, 2));
      return undefined;
    }
    if (inMemory) return undefined;
    const path = c.path(target);
    if (/^\+|^>/.test(mode)) c.fx.write(path);
    else c.fx.read(path);
    return undefined;
  }
  if (args.length === 2) {
    const spec = c.str(args[1])?.trim();
    if (spec === undefined) {
      c.fx.unknown('opens a file or command named at run time (two-argument `open`)');
      return undefined;
    }
    if (spec.startsWith('|')) c.fx.shell(spec.slice(1));
    else if (spec.endsWith('|')) c.fx.shell(spec.slice(0, -1));
    else if (/^[<>+]*&/.test(spec)) {
      if (std) c.fx.dup = true;
    } else if (spec === '-' || spec === '<-' || spec === '>-') return undefined;
    else if (/^(\+?>|\+<)/.test(spec)) c.fx.write(spec.replace(/^[+<>]+/, '').trim());
    else c.fx.read(spec.replace(/^</, '').trim());
    return undefined;
  }
  c.fx.unknown('opens a file named by a global variable (one-argument `open`)');
  return undefined;
};
const sysopen: Handler = (c) => {
  const flags = c.tokens(c.pos(2)).map((t) => t.text);
  const path = c.path(c.pos(1));
  if (flags.some((f) => /O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)/.test(f))) c.fx.write(path);
  else c.fx.read(path);
  return undefined;
};
/** unlink LIST / rmdir: no argument means `$_` */
const remove: Handler = (c) => {
  if (c.rest(0).length === 0) c.fx.delete(undefined);
  else files('delete', '0+')(c);
  return undefined;
};
/** kill SIGNAL, LIST */
const kill: Handler = (c) => {
  const pids = c.rest(1);
  if (pids.length === 0) c.fx.signal(undefined);
  for (const a of pids) {
    const v = c.val(a);
    if (v?.t === 'list') for (const e of v.v) c.fx.signal(e?.t === 'num' || e?.t === 'str' ? e.v : undefined);
    else c.fx.signal(c.str(a));
  }
  return undefined;
};
/** eval STRING is code; eval BLOCK is just a block */
const evalCode: Handler = (c) => {
  const first = c.args[0];
  if (first && c.w.tokens[first.start]?.text === '{') return undefined;
  const v = c.val(first);
  if (v?.t === 'str') c.nested(v.v);
  else if (v?.t === 'obj' && v.cls === 'text') {
    c.fx.load(v.arg);
    c.fx.unknown('runs code read from a file (`eval`)');
  } else if (c.live) c.fx.unknown('builds code at run time (`eval`)');
  return undefined;
};
/** do FILE runs a file; do BLOCK is a block */
const doFile: Handler = (c) => {
  const first = c.args[0];
  if (!first || c.w.tokens[first.start]?.text === '{') return undefined;
  c.fx.load(c.path(first));
  return undefined;
};
/** require "x.pl" loads a file; require Foo::Bar loads a module */
const requireFile: Handler = (c) => {
  const first = c.args[0];
  const t = c.w.tokens[first?.start ?? -1];
  if (!first || (t?.kind === 'name' && !t.text.startsWith('$')) || t?.kind === 'number') return undefined;
  c.fx.load(c.path(first));
  return undefined;
};

// -- network ------------------------------------------------------------------------------------

const hostPart = (s: string | undefined) => {
  if (s === undefined || isUrl(s)) return undefined;
  const m = /^\[?([\w.:-]*?)\]?(:\d+)?$/.exec(s);
  return m?.[1] || undefined;
};
/** IO::Socket::INET->new(PeerAddr => "host:port") or ->new("host:port") */
const ioSocket: Handler = (c) => {
  c.fx.socket = true;
  c.fx.url(undefined);
  const peer = c.kw('PeerAddr', 'PeerHost', 'Peer') ?? (c.args.length === 1 ? c.pos(0) : undefined);
  const s = c.str(peer);
  if (s !== undefined && s.startsWith('/')) c.fx.write(s);
  else c.fx.host(hostPart(s));
  return obj('socket', undefined);
};
const hostArg: Handler = (c) => {
  c.fx.host(hostPart(c.str(c.pos(0))));
  return undefined;
};
const SEND_METHODS = new Set([
  'post',
  'put',
  'patch',
  'delete',
  'post_form',
  'put_form',
  'upload',
  'stor',
  'append',
  'data',
  'datasend',
  'send',
]);
/** an HTTP client's method: URL, and whether it sends */
const http: Handler = (c) => {
  if (!usesHttp(c.w)) return undefined;
  c.fx.url(undefined);
  for (const a of c.args) {
    const s = c.str(a);
    if (isUrl(s)) c.fx.url(s);
  }
  const verb = c.args[0]?.key || c.str(c.pos(0));
  if (SEND_METHODS.has(c.method.toLowerCase()) || /^(POST|PUT|PATCH|DELETE)$/i.test(verb ?? ''))
    c.fx.sends = true;
  return obj('http', undefined);
};
const HTTP_MODULES = [
  'LWP',
  'HTTP::Tiny',
  'HTTP::Request',
  'Mojo::UserAgent',
  'WWW::Mechanize',
  'REST::Client',
  'Furl',
  'Net::',
];
function usesHttp(w: Walker): boolean {
  for (const m of w.modules) if (HTTP_MODULES.some((p) => m.startsWith(p))) return true;
  return false;
}
const network =
  (send: boolean, host: boolean): Handler =>
  (c) => {
    c.fx.url(undefined);
    if (send) c.fx.sends = true;
    if (host) c.fx.host(hostPart(c.str(c.kw('Host') ?? c.pos(0))));
    for (const a of c.args) {
      const s = c.str(a);
      if (isUrl(s)) c.fx.url(s);
    }
    return obj('http', undefined);
  };
/** print $sock "…", print {$sock} …: writing to a socket handle sends */
const printTo: Handler = (c) => {
  if (!(c.w.fx.socket || c.fx.socket)) return undefined;
  const [first, second] = c.tokens(c.args[0]);
  const handle = first?.text === '{' || (first?.kind === 'name' && !/^(STDOUT|STDERR)$/.test(first.text));
  if (handle && second && (second.kind !== 'punct' || second.text === '$')) c.fx.sends = true;
  return undefined;
};
const sendData: Handler = (c) => {
  if (c.w.fx.socket || c.fx.socket || c.w.fx.network) c.fx.sends = true;
  return undefined;
};

// -- the table ----------------------------------------------------------------------------------

const H = harmless;
const native = unknownCall('loads a native library');
const CALLS: Record<string, Handler> = {
  system: run,
  exec: run,
  readpipe: (c) => (c.fx.shell(c.str(c.pos(0))), undefined),
  'IPC::Open2::open2': (c) => (c.fx.argv(flatStrings(c, 2)), undefined),
  'IPC::Open3::open3': (c) => (c.fx.argv(flatStrings(c, 3)), undefined),
  'IPC::Cmd::run': (c) => (c.fx.shell(c.str(c.kw('command'))), undefined),
  open,
  sysopen,
  unlink: remove,
  rmdir: remove,
  mkdir: files('write', 0),
  rename: moves(0, 1),
  symlink: links(0, 1),
  link: links(0, 1),
  chmod: files('write', '1+'),
  chown: files('write', '2+'),
  utime: files('write', '2+'),
  truncate: (c) => {
    const t = c.w.tokens[c.pos(0)?.start ?? -1];
    if (t?.kind === 'string') c.fx.write(t.literal ? t.value : undefined);
    return undefined;
  },
  opendir: files('read', 1),
  glob: files('read', 0),
  kill,
  'POSIX::kill': (c) => (c.fx.signal(c.str(c.pos(0))), undefined),
  'POSIX::dup2': (c) => {
    const to = c.str(c.pos(1));
    if (to === undefined || ['0', '1', '2'].includes(to)) c.fx.dup = true;
    return undefined;
  },
  'File::Path::remove_tree': files('delete', '0+'),
  'File::Path::rmtree': files('delete', '0+'),
  'File::Path::make_path': files('write', '0+'),
  'File::Path::mkpath': files('write', '0+'),
  'File::Copy::copy': copies(0, 1),
  'File::Copy::cp': copies(0, 1),
  'File::Copy::move': moves(0, 1),
  'File::Copy::mv': moves(0, 1),
  'File::Slurp::read_file': (c) => (c.fx.read(c.path(c.pos(0))), obj('text', c.path(c.pos(0)))),
  'File::Slurp::slurp': (c) => (c.fx.read(c.path(c.pos(0))), obj('text', c.path(c.pos(0)))),
  'File::Slurp::write_file': files('write', 0),
  'File::Slurp::append_file': files('write', 0),
  'Path::Tiny::path': pure((c) => obj('path', c.path(c.pos(0)))),
  'path#slurp': (c) => (c.fx.read(self(c)), obj('text', self(c))),
  'path#slurp_utf8': (c) => (c.fx.read(self(c)), obj('text', self(c))),
  'path#slurp_raw': (c) => (c.fx.read(self(c)), obj('text', self(c))),
  'path#lines': (c) => (c.fx.read(self(c)), undefined),
  'path#lines_utf8': (c) => (c.fx.read(self(c)), undefined),
  'path#children': (c) => (c.fx.read(self(c)), undefined),
  'path#spew': (c) => (c.fx.write(self(c)), undefined),
  'path#spew_utf8': (c) => (c.fx.write(self(c)), undefined),
  'path#append': (c) => (c.fx.write(self(c)), undefined),
  'path#append_utf8': (c) => (c.fx.write(self(c)), undefined),
  'path#touch': (c) => (c.fx.write(self(c)), undefined),
  'path#mkpath': (c) => (c.fx.write(self(c)), undefined),
  'path#remove': (c) => (c.fx.delete(self(c)), undefined),
  'path#remove_tree': (c) => (c.fx.delete(self(c)), undefined),
  'path#copy': (c) => (c.fx.read(self(c)), c.fx.write(c.path(c.pos(0))), undefined),
  'path#move': (c) => (c.fx.read(self(c)), c.fx.delete(self(c)), c.fx.write(c.path(c.pos(0))), undefined),
  // network
  socket: (c) => ((c.fx.socket = true), c.fx.url(undefined), undefined),
  connect: (c) => ((c.fx.socket = true), c.fx.url(undefined), undefined),
  inet_aton: hostArg,
  'Socket::inet_aton': hostArg,
  gethostbyname: hostArg,
  'IO::Socket::INET.new': ioSocket,
  'IO::Socket::IP.new': ioSocket,
  'IO::Socket::SSL.new': ioSocket,
  'IO::Socket::UNIX.new': ioSocket,
  send: sendData,
  syswrite: sendData,
  print: printTo,
  printf: printTo,
  say: printTo,
  'LWP::Simple::get': network(false, false),
  'LWP::Simple::head': network(false, false),
  'LWP::Simple::getprint': network(false, false),
  'LWP::Simple::getstore': (c) => (network(false, false)(c), c.fx.write(c.path(c.pos(1))), undefined),
  'LWP::Simple::mirror': (c) => (network(false, false)(c), c.fx.write(c.path(c.pos(1))), undefined),
  'LWP::UserAgent.new': network(false, false),
  'HTTP::Tiny.new': network(false, false),
  'Mojo::UserAgent.new': network(false, false),
  'WWW::Mechanize.new': network(false, false),
  'HTTP::Request.new': http,
  'Net::SMTP.new': network(true, true),
  'Net::FTP.new': network(false, true),
  'Net::Telnet.new': network(false, true),
  'Net::SSH::Perl.new': network(false, true),
  'Net::OpenSSH.new': network(false, true),
  '#get': http,
  '#post': http,
  '#put': http,
  '#patch': http,
  '#delete': http,
  '#head': http,
  '#request': http,
  '#mirror': http,
  '#post_form': http,
  '#simple_request': http,
  '#stor': http,
  '#can': unknownCall('looks up a function by name (`can`)'),
  'UNIVERSAL::can': unknownCall('looks up a function by name (`can`)'),
  // code
  eval: evalCode,
  evalbytes: evalCode,
  do: doFile,
  require: requireFile,
  syscall: unknownCall('makes a raw system call (`syscall`)'),
  fork: unknownCall('calls `fork`, which aarm does not model'),
  chdir: unknownCall('calls `chdir`, which aarm does not model'),
  chroot: unknownCall('calls `chroot`, which aarm does not model'),
  dbmopen: unknownCall('calls `dbmopen`, which aarm does not model'),
  'DynaLoader::dl_load_file': native,
  'DynaLoader::bootstrap': native,
  'XSLoader::load': native,
  'Win32::API.new': native,
  'POSIX::floor': H,
  'POSIX::ceil': H,
  'POSIX::fmod': H,
  'POSIX::strftime': H,
  'POSIX::mktime': H,
  'POSIX::setlocale': H,
  'POSIX::isatty': H,
  'POSIX::uname': H,
  'POSIX::getpid': H,
  'POSIX::getcwd': H,
  'POSIX::_exit': H,
  'POSIX::pow': H,
  'POSIX::strtol': H,
  'POSIX::strtod': H,
  'POSIX::ttyname': H,
  'POSIX::errno': H,
  'POSIX::INT_MAX': H,
  'POSIX::DBL_MAX': H,
};
const self = (c: Call) => (c.self?.t === 'obj' ? c.self.arg : undefined);

/** what `use Module;` imports by default, for bare calls */
const EXPORTS: Record<string, string[]> = {
  'File::Path': ['remove_tree', 'rmtree', 'make_path', 'mkpath'],
  'File::Copy': ['copy', 'move', 'cp', 'mv'],
  'LWP::Simple': ['get', 'head', 'getprint', 'getstore', 'mirror'],
  'File::Slurp': ['read_file', 'write_file', 'append_file', 'slurp'],
  'Path::Tiny': ['path'],
  'IPC::Open2': ['open2'],
  'IPC::Open3': ['open3'],
  POSIX: [],
  Socket: ['inet_aton'],
};
/** modules a `perl -M…` may have loaded: their default exports resolve even without `use` */
const IMPLICIT = ['File::Path', 'File::Copy', 'LWP::Simple', 'File::Slurp', 'Path::Tiny'];

const ACTING = [
  'POSIX',
  'IPC',
  'File::Path',
  'File::Copy',
  'File::Slurp',
  'IO::Socket',
  'Socket',
  'FFI',
  'DynaLoader',
  'Proc',
  'Sys',
];

const KEYWORDS = new Set([
  'my',
  'our',
  'local',
  'sub',
  'package',
  'use',
  'no',
  'if',
  'elsif',
  'else',
  'unless',
  'while',
  'until',
  'for',
  'foreach',
  'return',
  'and',
  'or',
  'not',
  'xor',
  'eq',
  'ne',
  'lt',
  'gt',
  'le',
  'ge',
  'cmp',
  'x',
  'last',
  'next',
  'redo',
  'BEGIN',
  'END',
  'new',
  'defined',
  'undef',
  'wantarray',
  '__PACKAGE__',
  '__FILE__',
  '__LINE__',
]);
const STOP_WORDS = new Set(['if', 'unless', 'while', 'until', 'for', 'foreach', 'and', 'or', 'xor']);

export function canon(name: string): string {
  let n = name;
  for (const p of ['CORE::GLOBAL::', 'CORE::', 'main::', '::']) if (n.startsWith(p)) n = n.slice(p.length);
  if (n.startsWith('FFI::') || n === 'FFI') return 'FFI';
  return n;
}

const PERL: Language = {
  dialect: 'perl',
  member: new Set(['->']),
  concat: new Set(['.']),
  juxtapose: false,
  keyword: ['=>'],
  keywords: KEYWORDS,
  declares: new Set(['sub', 'package', 'format']),
  parenless: true,
  calls: CALLS,
  canon,
  fallback(name) {
    if (name === 'FFI' || name.startsWith('FFI.') || name.startsWith('FFI#')) return native;
    if (name.startsWith('FFI::') || name.startsWith('Win32::API')) return native;
    return undefined;
  },
  unmodelled(name) {
    if (!ACTING.some((m) => name.startsWith(m + '::') || name.startsWith(m + '.'))) return undefined;
    if (/::[A-Z_0-9]+$/.test(name)) return undefined; // a constant: POSIX::EXIT_SUCCESS
    return `calls \`${name}\`, which aarm does not model`;
  },
  root(w, i, live) {
    const t = w.tokens[i]!;
    const prev = w.tokens[i - 1];
    if (t.text.startsWith('$') || t.text.startsWith('@') || t.text.startsWith('%'))
      return { v: undefined, next: i + 1 };
    if (prev?.text === '&' && w.tokens[i - 2]?.text === '\\') {
      // \&system: a reference to a function, to be called elsewhere
      const v = w.resolve(t.text);
      if (live && v?.t === 'ref' && w.callable(v.name)) w.fx.unknown(`takes a reference to \`${v.name}\``);
      return { v: undefined, next: i + 1 };
    }
    if (t.kind === 'name' && w.tokens[i + 1]?.text === '=>') return { v: undefined, next: i + 1 };
    // `new IO::Socket::INET(…)` is `IO::Socket::INET->new(…)`
    if (t.kind === 'name' && prev?.text === 'new') return { v: ref(`${canon(t.text)}.new`), next: i + 1 };
    return undefined;
  },
  onMember(w, _v, name, live) {
    if (live && name.startsWith('$')) w.fx.unknown('calls a method named at run time (`->$name`)');
  },
  stops: (toks, i) => {
    const t = toks[i]!;
    return t.text === ';' || (t.kind === 'name' && STOP_WORDS.has(t.text));
  },
  rescan: (code, depth) => scan(code, depth),
};

/** `use`, `sub` declarations, symbolic references, regex code, `<*.c>` globs, code in strings */
function prepare(w: Walker): void {
  const toks = w.tokens;
  const n = toks.length;
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    if (t.kind === 'name' && (t.text === 'use' || t.text === 'no') && next?.kind === 'name') {
      let j = i + 1;
      while (j < n && j < i + 512 && toks[j]!.text !== ';') j++;
      for (let k = i; k < j; k++) w.skip[k] = 1;
      const module = next.text;
      w.modules.add(module);
      const list = toks.slice(i + 2, j).filter((x) => x.kind === 'string');
      const names = list
        .flatMap((x) => (x.tag === 'qw' ? x.value.split(/\s+/) : [x.value]))
        .filter((x) => x !== '');
      for (const name of names.length > 0 ? names : Object.hasOwn(EXPORTS, module) ? EXPORTS[module]! : [])
        if (/^\w+$/.test(name)) w.store(name, ref(`${module}::${name}`));
      i = j;
      continue;
    }
    if (t.kind === 'name' && t.text === 'sub' && next?.kind === 'name') w.store(next.text);
    if (t.kind === 'name' && /::/.test(t.text)) w.modules.add(t.text.replace(/::[^:]*$/, ''));
    // symbolic references: &{"name"}, ${"name"}, *{"main::x"}, and glob assignment *name = …
    if (
      t.kind === 'punct' &&
      ['&', '$', '@', '%', '*', '$#'].includes(t.text) &&
      next?.text === '{' &&
      toks[i + 2]?.kind === 'string'
    )
      w.fx.unknown('reaches a name computed at run time (a symbolic reference)');
    if (
      t.kind === 'punct' &&
      t.text === '*' &&
      next?.kind === 'name' &&
      toks[i + 2]?.text === '=' &&
      (i === 0 || toks[i - 1]!.text === ';' || toks[i - 1]!.text === '{')
    )
      w.fx.unknown('replaces a symbol table entry (`*name = …`)');
    if (t.kind === 'regex') regexCode(w, t);
    if (t.kind === 'string' && t.tag === '<>' && /[*?/.~]/.test(t.value) && !t.value.startsWith('$'))
      w.fx.read(t.value);
    for (const code of t.embedded) nested(w, code);
  }
  // `perl -MFile::Copy -e 'copy(…)'`: the module is not in the code
  for (const m of IMPLICIT)
    for (const name of EXPORTS[m]!) if (!w.bound(name)) w.store(name, ref(`${m}::${name}`));
}

function regexCode(w: Walker, t: Token): void {
  if (t.value.includes('(?{') || t.value.includes('(??{') || t.replacement.includes('(?{'))
    w.fx.unknown('runs code inside a regular expression');
  if (t.tag !== 's') return;
  const e = [...t.flags].filter((f) => f === 'e').length;
  if (e >= 2) w.fx.unknown('builds code at run time (`s///ee`)');
  else if (e === 1) nested(w, t.replacement);
}

function nested(w: Walker, code: string): void {
  if (w.depth >= MAX_DEPTH) w.fx.unknown('runs code nested too deeply to follow');
  else w.fx.merge(scan(code, w.depth + 1));
}

function scan(code: string, depth: number): Effects {
  const w = new Walker(lex(code, 'perl'), PERL, depth);
  prepare(w);
  return w.run();
}

export const scanPerl: CodeScanner = (code) => {
  try {
    return scan(code, 0).result();
  } catch {
    const fx = new Effects();
    fx.unknown('could not be read');
    return fx.result();
  }
};
