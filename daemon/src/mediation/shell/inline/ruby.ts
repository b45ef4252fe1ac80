/**
 * Ruby inline code (`ruby -e`, a here-document fed to `ruby`, `irb`): `system`, `exec`, `spawn`,
 * backticks and `%x()`, IO.popen and Open3, File / FileUtils / Dir / Pathname, Net::HTTP,
 * open-uri and sockets, Process.kill, `load` / `require_relative`, and metaprogramming (`eval`,
 * `send`, `method(:x)`, `const_get`) that hides what is called.
 */
import {
  Effects,
  Walker,
  copies,
  files,
  harmless,
  isUrl,
  joinPath,
  lex,
  listEnds,
  moves,
  obj,
  pathOf,
  pure,
  ref,
  str,
  unknownCall,
  type Call,
  type Handler,
  type Language,
  type Token,
  type Value,
  links,
} from './lexer.js';
import type { CodeScanner } from './types.js';

/** the strings of positional values, lists flattened; undefined when any is not literal */
function flatten(values: Array<Value | undefined>): string[] | undefined {
  const out: string[] = [];
  for (const v of values) {
    if (v?.t === 'str' || v?.t === 'num') out.push(String(v.v));
    else if (v?.t === 'list') {
      const inner = flatten(v.v);
      if (!inner) return undefined;
      out.push(...inner);
    } else return undefined;
  }
  return out;
}

/**
 * system / exec / spawn / Open3.* / PTY.spawn: an environment hash may come first and options
 * last; one string runs through the shell, several are an argv (`["rm", "rm"]` names argv[0]).
 */
const run: Handler = (c) => {
  const toks = c.w.tokens;
  let args = c.rest(0);
  if (args[0] && toks[args[0].start]?.text === '{') args = args.slice(1);
  // redirections of the child's standard streams: `in: sock, out: sock`
  if (c.kw('in', 'out', 'err')) c.fx.dup = true;
  const values = args.map((a) => c.val(a));
  if (values.length === 1 && values[0]?.t === 'str') {
    c.fx.shell(values[0].v);
    return undefined;
  }
  const first = values[0];
  if (first?.t === 'list' && first.v.length === 2 && values.length > 1) {
    const program = first.v[0];
    const rest = flatten(values.slice(1));
    c.fx.argv(program?.t === 'str' && rest ? [program.v, ...rest] : undefined);
    return undefined;
  }
  c.fx.argv(values.length === 0 ? undefined : flatten(values));
  return undefined;
};
/** IO.popen(cmd) or IO.popen(["ls", "-l"]) */
const popen: Handler = (c) => {
  const v = c.val(c.pos(0));
  if (v?.t === 'str') c.fx.shell(v.v);
  else c.fx.argv(flatten(v?.t === 'list' ? v.v : [v]));
  return undefined;
};

/** a URL from a literal or URI("…") */
const urlOf = (v: Value | undefined) =>
  v?.t === 'str' ? v.v : v?.t === 'obj' && v.cls === 'uri' ? v.arg : undefined;

/** Kernel#open: `|cmd` runs a command, a URL is fetched (open-uri), else a file */
const open: Handler = (c) => {
  const target = c.val(c.pos(0));
  const spec = urlOf(target) ?? pathOf(target);
  if (spec?.startsWith('|')) {
    c.fx.shell(spec.slice(1));
    return undefined;
  }
  if (isUrl(spec)) {
    c.fx.url(spec);
    return obj('uri', spec);
  }
  if (spec === undefined && target === undefined) {
    c.fx.unknown('opens a file, URL or command named at run time (`open`)');
    return undefined;
  }
  return fileOpen(c);
};
/** File.open(path, mode), File.new */
const fileOpen: Handler = (c) => {
  const path = c.path(c.pos(0));
  const modeArg = c.arg(1, 'mode');
  const mode = modeArg ? c.str(modeArg) : 'r';
  if (mode === undefined || /[wa+]/.test(mode)) c.fx.write(path);
  else c.fx.read(path);
  return obj('file', path);
};
/** IO.read / IO.readlines / IO.foreach: `|cmd` runs a command */
const ioRead: Handler = (c) => {
  const p = c.path(c.pos(0));
  if (p?.startsWith('|')) c.fx.shell(p.slice(1));
  else c.fx.read(p);
  return obj('text', p);
};
const readFile: Handler = (c) => {
  const p = c.path(c.pos(0));
  c.fx.read(p);
  return obj('text', p);
};
const self = (c: Call) => (c.self?.t === 'obj' ? c.self.arg : undefined);
const selfFx =
  (kind: 'read' | 'write' | 'delete'): Handler =>
  (c) => {
    c.fx[kind](self(c));
    return kind === 'read' ? obj('text', self(c)) : undefined;
  };

// -- network ------------------------------------------------------------------------------------

const SEND_METHODS = new Set([
  'post',
  'put',
  'patch',
  'delete',
  'post_form',
  'request_post',
  'request_put',
  'send_request',
  'write',
  'puts',
  'print',
  'send',
  'syswrite',
  'sendmsg',
  'send_message',
  'send_mail',
  'sendmail',
  'putbinaryfile',
  'puttextfile',
  'upload',
  'exec!',
  'exec',
]);
const hostText = (s: string | undefined) =>
  s !== undefined && /^[\w.:-]+$/.test(s) && !isUrl(s) ? s : undefined;
/** any HTTP or mail client call: URLs, hosts, whether it sends */
const network =
  (host: boolean): Handler =>
  (c) => {
    c.fx.url(undefined);
    for (const a of c.args) {
      const u = urlOf(c.val(a));
      if (isUrl(u)) c.fx.url(u);
    }
    if (host) c.fx.host(hostText(c.str(c.pos(0))));
    if (SEND_METHODS.has(c.method) || c.kw('body', 'payload', 'data', 'form')) c.fx.sends = true;
    return obj('http', undefined);
  };
const socket =
  (host: boolean): Handler =>
  (c) => {
    c.fx.socket = true;
    c.fx.url(undefined);
    if (host) c.fx.host(hostText(c.str(c.pos(0))) ?? 'localhost');
    return obj('socket', undefined);
  };
const socketSend: Handler = (c) => {
  if (c.w.fx.socket || c.fx.socket) c.fx.sends = true;
  return undefined;
};

// -- code ---------------------------------------------------------------------------------------

const evalCode =
  (name: string, needsArgs = false): Handler =>
  (c) => {
    const a = c.pos(0);
    if (!a && needsArgs) return undefined; // instance_eval { … } is a block
    const v = c.val(a);
    if (v?.t === 'str') c.nested(v.v);
    else if (v?.t === 'obj' && v.cls === 'text') {
      c.fx.load(v.arg);
      c.fx.unknown(`runs code read from a file (\`${name}\`)`);
    } else if (c.live) c.fx.unknown(`builds code at run time (\`${name}\`)`);
    return undefined;
  };
const isLocal = (m: string) =>
  m.startsWith('./') || m.startsWith('../') || m.startsWith('/') || m.startsWith('~');
const requireFile =
  (relative: boolean): Handler =>
  (c) => {
    const name = c.str(c.pos(0));
    if (name === undefined) c.fx.unknown(`loads code named at run time (\`${c.name}\`)`);
    else if (relative || isLocal(name)) c.fx.load(name);
    else c.w.modules.add(name);
    return undefined;
  };
/** send(:name, …), public_send, __send__: a call by name */
const send: Handler = (c) => {
  const first = c.pos(0);
  const name = c.str(first);
  if (c.self?.t === 'obj' && c.self.cls === 'socket') return socketSend(c);
  if (name !== undefined && !/^[A-Za-z_]\w*[?!=]?$/.test(name)) return socketSend(c);
  if (name === undefined) {
    if (c.live) c.fx.unknown(`calls a method named at run time (\`${c.method}\`)`);
    return undefined;
  }
  const receiver = c.name.startsWith('#') ? undefined : receiverOf(c.name);
  const target = receiver === undefined ? c.w.resolve(name) : c.w.member(ref(receiver), name, c.live);
  if (c.live && target?.t === 'ref' && c.w.callable(target.name))
    c.fx.unknown(`calls \`${target.name}\` by name (\`${c.method}\`)`);
  return c.w.call(
    target,
    c.args.filter((a) => a !== first),
    c.at,
    c.live,
  );
};
const receiverOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : undefined;
};
/** method(:system) is `system`, to be called later */
const method: Handler = (c) => {
  const name = c.str(c.pos(0));
  if (name === undefined) {
    if (c.live) c.fx.unknown('takes a method named at run time (`method`)');
    return undefined;
  }
  const receiver = c.name === 'method' ? undefined : receiverOf(c.name);
  const target = receiver === undefined ? c.w.resolve(name) : c.w.member(ref(receiver), name, false);
  if (c.live && target?.t === 'ref' && c.w.callable(target.name))
    c.fx.unknown(`takes \`${target.name}\` by name (\`method\`)`);
  return target;
};
const constGet: Handler = (c) => {
  const name = c.str(c.pos(0));
  if (c.live) c.fx.unknown('looks up a constant by name (`const_get`)');
  return name === undefined ? undefined : ref(canon(name));
};
const native = unknownCall('loads a native library');
const deserialise = (name: string) => unknownCall(`deserialises data that can run code (\`${name}\`)`);

// -- the table ----------------------------------------------------------------------------------

const H = harmless;
const FILEUTILS: Record<string, Handler> = {};
for (const m of [
  'rm',
  'rm_f',
  'rm_r',
  'rm_rf',
  'rmtree',
  'remove',
  'remove_dir',
  'remove_entry',
  'remove_entry_secure',
  'remove_file',
  'rmdir',
  'safe_unlink',
])
  FILEUTILS[`FileUtils.${m}`] = files('delete', 0);
for (const m of ['mkdir', 'mkdir_p', 'makedirs', 'mkpath', 'touch'])
  FILEUTILS[`FileUtils.${m}`] = files('write', 0);
for (const m of ['cp', 'copy', 'cp_r', 'copy_file', 'copy_entry', 'install', 'cp_lr'])
  FILEUTILS[`FileUtils.${m}`] = copies(0, 1);
for (const m of ['mv', 'move']) FILEUTILS[`FileUtils.${m}`] = moves(0, 1);
for (const m of ['ln', 'ln_s', 'ln_sf', 'ln_sr', 'symlink', 'link'])
  FILEUTILS[`FileUtils.${m}`] = links(0, 1);
for (const m of ['chmod', 'chmod_R']) FILEUTILS[`FileUtils.${m}`] = files('write', 1);
for (const m of ['chown', 'chown_R']) FILEUTILS[`FileUtils.${m}`] = files('write', 2);
for (const m of ['pwd', 'compare_file', 'identical?', 'cmp', 'uptodate?']) FILEUTILS[`FileUtils.${m}`] = H;

const CALLS: Record<string, Handler> = {
  ...FILEUTILS,
  system: run,
  // Rake's `sh "…"` and `ruby "…"` (FileUtils in a Rakefile) run commands too
  sh: run,
  exec: run,
  spawn: run,
  'Process.spawn': run,
  'Process.exec': run,
  'Open3.capture2': run,
  'Open3.capture2e': run,
  'Open3.capture3': run,
  'Open3.popen2': run,
  'Open3.popen2e': run,
  'Open3.popen3': run,
  'Open3.pipeline': run,
  'Open3.pipeline_r': run,
  'Open3.pipeline_w': run,
  'PTY.spawn': run,
  'IO.popen': popen,
  open,
  'URI.open': open,
  'File.open': fileOpen,
  'File.new': fileOpen,
  'File.read': readFile,
  'File.readlines': readFile,
  'File.foreach': readFile,
  'File.binread': readFile,
  'IO.read': ioRead,
  'IO.readlines': ioRead,
  'IO.foreach': ioRead,
  'IO.binread': ioRead,
  'File.write': files('write', 0),
  'File.binwrite': files('write', 0),
  'IO.write': files('write', 0),
  'IO.binwrite': files('write', 0),
  'File.delete': files('delete', '0+'),
  'File.unlink': files('delete', '0+'),
  'File.rename': moves(0, 1),
  'File.symlink': links(0, 1),
  'File.link': links(0, 1),
  'File.chmod': files('write', '1+'),
  'File.lchmod': files('write', '1+'),
  'File.chown': files('write', '2+'),
  'File.lchown': files('write', '2+'),
  'File.utime': files('write', '2+'),
  'File.truncate': files('write', 0),
  'File.mkfifo': files('write', 0),
  'File.join': pure((c) => {
    const parts = c.rest(0).map((a) => c.str(a));
    return parts.some((p) => p === undefined) ? undefined : str((parts as string[]).reduce(joinPath));
  }),
  'File.expand_path': pure((c) => (c.str(c.pos(0)) === undefined ? undefined : str(c.str(c.pos(0))!))),
  'Dir.home': pure(() => str('~')),
  'Dir.pwd': pure(() => str('.')),
  'Dir.getwd': pure(() => str('.')),
  'Dir.mkdir': files('write', 0),
  'Dir.rmdir': files('delete', 0),
  'Dir.delete': files('delete', 0),
  'Dir.unlink': files('delete', 0),
  'Dir.entries': files('read', 0),
  'Dir.children': files('read', 0),
  'Dir.each_child': files('read', 0),
  'Dir.foreach': files('read', 0),
  'Dir.glob': files('read', 0),
  'Dir.[]': files('read', 0),
  'Dir.open': files('read', 0),
  'Dir.new': files('read', 0),
  'Pathname.new': pure((c) => obj('path', c.path(c.pos(0)))),
  Pathname: pure((c) => obj('path', c.path(c.pos(0)))),
  'path#read': selfFx('read'),
  'path#readlines': selfFx('read'),
  'path#binread': selfFx('read'),
  'path#each_line': selfFx('read'),
  'path#children': selfFx('read'),
  'path#entries': selfFx('read'),
  'path#write': selfFx('write'),
  'path#binwrite': selfFx('write'),
  'path#mkpath': selfFx('write'),
  'path#mkdir': selfFx('write'),
  'path#make_symlink': selfFx('write'),
  'path#make_link': selfFx('write'),
  'path#chmod': selfFx('write'),
  'path#delete': selfFx('delete'),
  'path#unlink': selfFx('delete'),
  'path#rmtree': selfFx('delete'),
  'path#rmdir': selfFx('delete'),
  'path#join': pure((c) => {
    const parts = [self(c), ...c.rest(0).map((a) => c.path(a))];
    return obj('path', parts.some((p) => p === undefined) ? undefined : (parts as string[]).reduce(joinPath));
  }),
  'file#read': pure((c) => obj('text', self(c))),
  'YAML.load_file': readFile,
  'JSON.load_file': readFile,
  'YAML.unsafe_load': deserialise('YAML.unsafe_load'),
  'Psych.unsafe_load': deserialise('Psych.unsafe_load'),
  'YAML.unsafe_load_file': deserialise('YAML.unsafe_load_file'),
  'Marshal.load': deserialise('Marshal.load'),
  'Marshal.restore': deserialise('Marshal.restore'),
  'Oj.load': deserialise('Oj.load'),
  // processes
  'Process.kill': (c) => {
    for (const a of c.rest(1)) c.fx.signal(c.str(a));
    if (c.rest(1).length === 0) c.fx.signal(undefined);
    return undefined;
  },
  '$stdout.reopen': (c) => ((c.fx.dup = true), undefined),
  '$stdin.reopen': (c) => ((c.fx.dup = true), undefined),
  '$stderr.reopen': (c) => ((c.fx.dup = true), undefined),
  'STDOUT.reopen': (c) => ((c.fx.dup = true), undefined),
  'STDIN.reopen': (c) => ((c.fx.dup = true), undefined),
  'STDERR.reopen': (c) => ((c.fx.dup = true), undefined),
  'Process.pid': H,
  'Process.ppid': H,
  'Process.clock_gettime': H,
  'Process.wait': H,
  'Process.wait2': H,
  'Process.waitpid': H,
  'Process.waitall': H,
  'Process.detach': H,
  'Process.uid': H,
  'Process.euid': H,
  'Process.gid': H,
  'Process.egid': H,
  'Process.exit': H,
  'Process.last_status': H,
  'Process.getpgid': H,
  'Process.times': H,
  // network
  URI: pure((c) => obj('uri', c.str(c.pos(0)))),
  'URI.parse': pure((c) => obj('uri', c.str(c.pos(0)))),
  'URI.join': H,
  'URI.encode_www_form': H,
  'URI.encode_www_form_component': H,
  'uri#open': (c) => (c.fx.url(self(c)), undefined),
  'uri#read': (c) => (c.fx.url(self(c)), undefined),
  'Net::HTTP.get': network(false),
  'Net::HTTP.get_response': network(false),
  'Net::HTTP.get_print': network(false),
  'Net::HTTP.post': network(false),
  'Net::HTTP.post_form': network(false),
  'Net::HTTP.start': network(true),
  'Net::HTTP.new': network(true),
  'Net::HTTP::Post.new': (c) => ((c.fx.sends = true), c.fx.url(undefined), undefined),
  'Net::HTTP::Put.new': (c) => ((c.fx.sends = true), c.fx.url(undefined), undefined),
  'Net::HTTP::Patch.new': (c) => ((c.fx.sends = true), c.fx.url(undefined), undefined),
  'Net::HTTP::Get.new': H,
  'TCPSocket.new': socket(true),
  'TCPSocket.open': socket(true),
  'Socket.tcp': socket(true),
  'Socket.new': socket(false),
  'UDPSocket.new': socket(false),
  'UNIXSocket.new': (c) => (socket(false)(c), c.fx.write(c.path(c.pos(0))), undefined),
  'OpenSSL::SSL::SSLSocket.new': socket(false),
  'Net::SMTP.start': (c) => ((c.fx.sends = true), network(true)(c)),
  'Net::SMTP.new': (c) => ((c.fx.sends = true), network(true)(c)),
  'Net::FTP.new': network(true),
  'Net::FTP.open': network(true),
  'Net::SSH.start': network(true),
  'Net::Telnet.new': network(false),
  'socket#write': socketSend,
  'socket#puts': socketSend,
  'socket#print': socketSend,
  'socket#send': socketSend,
  'socket#syswrite': socketSend,
  'socket#<<': socketSend,
  '#write': socketSend,
  '#puts': socketSend,
  '#print': socketSend,
  '#syswrite': socketSend,
  // code
  eval: evalCode('eval'),
  'binding.eval': evalCode('eval'),
  '#instance_eval': evalCode('instance_eval', true),
  '#class_eval': evalCode('class_eval', true),
  '#module_eval': evalCode('module_eval', true),
  '#class_exec': evalCode('class_exec', true),
  instance_eval: evalCode('instance_eval', true),
  class_eval: evalCode('class_eval', true),
  send,
  __send__: send,
  public_send: send,
  '#send': send,
  '#__send__': send,
  '#public_send': send,
  method,
  '#method': method,
  '#const_get': constGet,
  const_get: constGet,
  '#instance_variable_set': unknownCall('sets a variable by name (`instance_variable_set`)'),
  'binding.local_variable_set': unknownCall('sets a variable by name (`local_variable_set`)'),
  load: requireFile(true),
  require_relative: requireFile(true),
  require: requireFile(false),
  autoload: (c) => {
    const p = c.str(c.pos(1));
    if (p === undefined || isLocal(p)) c.fx.load(p);
    return undefined;
  },
  syscall: unknownCall('makes a raw system call (`syscall`)'),
  fork: unknownCall('calls `fork`, which aarm does not model'),
  'Fiddle.dlopen': native,
  'Fiddle::Handle.new': native,
  'Fiddle::Function.new': native,
  'DL.dlopen': native,
};

const ACTING = [
  'File',
  'FileUtils',
  'Dir',
  'IO',
  'Process',
  'Open3',
  'PTY',
  'Socket',
  'TCPSocket',
  'UDPSocket',
  'UNIXSocket',
  'Pathname',
  'Net::HTTP',
  'ObjectSpace',
  'Fiddle',
  'FFI',
  'Etc',
];
const NETWORK_CLIENTS = [
  'HTTParty',
  'RestClient',
  'Faraday',
  'Excon',
  'HTTP',
  'Typhoeus',
  'Mechanize',
  'Net::HTTP',
  'Net::FTP',
  'Net::SSH',
  'Net::SFTP',
  'Net::SMTP',
  'Net::IMAP',
  'Net::POP3',
];
const HARMLESS = new Set([
  'File.exist?',
  'File.exists?',
  'File.file?',
  'File.directory?',
  'File.basename',
  'File.dirname',
  'File.extname',
  'File.size',
  'File.size?',
  'File.mtime',
  'File.atime',
  'File.ctime',
  'File.stat',
  'File.lstat',
  'File.readable?',
  'File.writable?',
  'File.executable?',
  'File.absolute_path',
  'File.realpath',
  'File.split',
  'File.ftype',
  'File.zero?',
  'File.empty?',
  'File.symlink?',
  'File.readlink',
  'File.fnmatch',
  'File.fnmatch?',
  'File.identical?',
  'File.path',
  'File.absolute_path?',
  'Dir.exist?',
  'Dir.exists?',
  'Dir.empty?',
  'Dir.tmpdir',
  'Dir.mktmpdir',
  'IO.pipe',
  'IO.select',
  'IO.console',
  'Etc.getlogin',
  'Etc.nprocessors',
  'Etc.getpwuid',
  'Etc.uname',
  'Socket.gethostname',
  'Socket.ip_address_list',
]);

const KEYWORDS = new Set([
  'alias',
  'and',
  'begin',
  'break',
  'case',
  'class',
  'def',
  'defined?',
  'do',
  'else',
  'elsif',
  'end',
  'ensure',
  'false',
  'for',
  'if',
  'in',
  'module',
  'next',
  'nil',
  'not',
  'or',
  'redo',
  'rescue',
  'retry',
  'return',
  'self',
  'super',
  'then',
  'true',
  'undef',
  'unless',
  'until',
  'when',
  'while',
  'yield',
  '__method__',
  'BEGIN',
  'END',
]);
/** Kernel methods: never taken from an `include`d module */
const BUILTINS = new Set([
  'puts',
  'print',
  'p',
  'pp',
  'require',
  'require_relative',
  'load',
  'raise',
  'loop',
  'lambda',
  'proc',
  'format',
  'sprintf',
  'printf',
  'gets',
  'sleep',
  'rand',
  'srand',
  'exit',
  'exit!',
  'abort',
  'at_exit',
  'catch',
  'throw',
  'binding',
  'caller',
  'system',
  'exec',
  'spawn',
  'fork',
  'open',
  'eval',
  'send',
  'method',
  'Integer',
  'Float',
  'String',
  'Array',
  'Hash',
  'Rational',
  'Complex',
  'trap',
  'warn',
  'select',
  'syscall',
  'test',
  'autoload',
  'putc',
  'readline',
  'readlines',
  'freeze',
  'frozen?',
  'tap',
  'then',
  'instance_eval',
  'class_eval',
  'define_method',
  'include',
  'extend',
  'attr_accessor',
  'attr_reader',
  'private',
  'public',
  'protected',
]);
/** words after which a line break does not end a statement */
const CONTINUES = new Set([
  ',',
  '(',
  '[',
  '{',
  '+',
  '-',
  '*',
  '/',
  '||',
  '&&',
  '=',
  '=>',
  '\\',
  '.',
  '&.',
  '?',
  ':',
  '|',
  '<<',
  'and',
  'or',
  'not',
  '==',
  '!=',
  '+=',
  '-=',
  '||=',
]);
const STOPS = new Set(['if', 'unless', 'while', 'until', 'and', 'or', 'then', 'do', 'rescue', 'end']);

export function canon(name: string): string {
  let n = name.startsWith('::') ? name.slice(2) : name;
  if (n.startsWith('Kernel.') || n.startsWith('Kernel::'))
    n = n.slice(n.indexOf(n.startsWith('Kernel.') ? '.' : ':') + (n.startsWith('Kernel.') ? 1 : 2));
  // Foo::bar is a method call; Foo::Bar a constant
  n = n.replace(/::([a-z_][\w]*[?!]?)$/, '.$1');
  // method(:x).call(…), m.() , m[…] call what the method names
  if (n.endsWith('.call') && !n.startsWith('#')) n = n.slice(0, -5);
  if (n.startsWith('Object.') && (n === 'Object.const_get' || n === 'Object.send')) n = n.slice(7);
  return n;
}

const RUBY: Language = {
  dialect: 'ruby',
  member: new Set(['.', '&.', '::']),
  concat: new Set(['+', '<<']),
  juxtapose: true,
  keyword: [':', '=>'],
  keywords: KEYWORDS,
  declares: new Set(['def', 'class', 'module', 'alias', 'undef']),
  parenless: true,
  builtins: BUILTINS,
  calls: CALLS,
  canon,
  fallback(name) {
    if (name.startsWith('Fiddle') || name === 'FFI' || name.startsWith('FFI::') || name.startsWith('FFI.'))
      return native;
    for (const m of NETWORK_CLIENTS)
      if (name.startsWith(m + '.') || name.startsWith(m + '#') || name.startsWith(m + '::'))
        return network(false);
    return undefined;
  },
  unmodelled(name) {
    if (HARMLESS.has(name)) return undefined;
    const dot = name.lastIndexOf('.');
    if (dot < 0 || !/^[a-z_]/.test(name.slice(dot + 1))) return undefined; // a constant, not a call
    const receiver = name.slice(0, dot);
    return ACTING.includes(receiver) ? `calls \`${name}\`, which aarm does not model` : undefined;
  },
  root(w, i) {
    const t = w.tokens[i]!;
    if (/^\$std(out|in|err)$/.test(t.text)) return { v: ref(t.text), next: i + 1 };
    if (t.text.startsWith('$') || t.text.startsWith('@'))
      return { v: w.bound(t.text) ? w.resolve(t.text) : undefined, next: i + 1 };
    // a lowercase name that is neither bound nor known is a method of self or an unknown local
    if (/^[a-z_]/.test(t.text) && !w.bound(t.text) && !w.callable(canon(t.text)) && !w.stars.length)
      return { v: undefined, next: i + 1 };
    return undefined;
  },
  index(_w, v) {
    // Dir["*.rb"]
    return v?.t === 'ref' && v.name === 'Dir' ? ref('Dir.[]') : undefined;
  },
  stops: (toks, i) => {
    const t = toks[i]!;
    const prev = toks[i - 1];
    if (t.text === ';' || (t.kind === 'name' && STOPS.has(t.text))) return true;
    if (t.text === '{' && t.kind === 'punct' && t.tag !== 'interp')
      return !prev || ![',', '(', '[', '=>'].includes(prev.text);
    return t.nl && prev !== undefined && !CONTINUES.has(prev.text) && t.text !== '.' && t.text !== '&.';
  },
  rescan: (code, depth) => scan(code, depth),
};

// -- bindings -----------------------------------------------------------------------------------

/**
 * Local names bound to objects (`s = TCPSocket.new(…)`): strings are mutable in Ruby, so only
 * objects and modules are followed. `include FileUtils` makes its methods callable bare.
 */
function bind(w: Walker): void {
  const toks = w.tokens;
  const n = toks.length;
  const ends = listEnds(toks, (i) => RUBY.stops!(toks, i));
  const objectsOnly = (s: number, e: number) => () => {
    const v = w.val(s, e);
    return v?.t === 'obj' || v?.t === 'ref' ? v : undefined;
  };
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    const next = toks[i + 1];
    const prev = toks[i - 1];
    if (t.kind === 'name' && (t.text === 'include' || t.text === 'extend') && next?.kind === 'name')
      w.stars.push(canon(next.text));
    if (t.kind !== 'name' || KEYWORDS.has(t.text) || prev?.text === '.' || prev?.text === '&.') {
      if (t.text === '|' && (prev?.text === '{' || prev?.text === 'do')) {
        // block parameters
        for (let j = i + 1; j < n && j < i + 256 && toks[j]!.text !== '|'; j++)
          if (toks[j]!.kind === 'name') w.store(toks[j]!.text);
      }
      continue;
    }
    if (next?.text === '=' && next.kind === 'punct')
      w.store(t.text, i + 2 < ends[i + 2]! ? objectsOnly(i + 2, ends[i + 2]!) : undefined);
    else if (next && ['||=', '+=', '-=', '<<=', '&&=', '*='].includes(next.text)) w.store(t.text);
    else if (prev?.text === 'for' || prev?.text === '=>' || (prev?.text === ',' && isTargetList(toks, i)))
      w.store(t.text);
    else if (t.text === 'def') {
      // parameters up to the end of the line
      for (let j = i + 2; j < n && j < i + 256 && !toks[j]!.nl && toks[j]!.text !== ';'; j++)
        if (toks[j]!.kind === 'name') w.store(toks[j]!.text);
    }
  }
}
/** `a, b = …`: a name in a comma list that ends in `=` on the same line */
function isTargetList(toks: Token[], i: number): boolean {
  for (let j = i; j < toks.length && j < i + 64 && !toks[j]!.nl; j++) {
    if (toks[j]!.text === '=') return true;
    if (toks[j]!.kind !== 'name' && toks[j]!.text !== ',' && toks[j]!.text !== '*') return false;
  }
  return false;
}

function scan(code: string, depth: number): Effects {
  const w = new Walker(lex(code, 'ruby'), RUBY, depth);
  bind(w);
  return w.run();
}

export const scanRuby: CodeScanner = (code) => {
  try {
    return scan(code, 0).result();
  } catch {
    const fx = new Effects();
    fx.unknown('could not be read');
    return fx.result();
  }
};
