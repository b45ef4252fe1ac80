/**
 * JavaScript inline code (`node -e`, `deno eval`, `bun -e`, `jrunscript -e`): Node's
 * child_process, fs, net and http modules, Deno's and Bun's APIs, `fetch`, and the Java globals of
 * Nashorn and jrunscript. `require`, `import` and destructuring are followed, so
 * `const {execSync: e} = require('child_process'); e('…')` still runs a command.
 */
import {
  Effects,
  Walker,
  copies,
  files,
  harmless,
  isUrl,
  lex,
  listEnds,
  moves,
  obj,
  pathOf,
  pure,
  ref,
  shellAt,
  splitArgs,
  str,
  stringsOf,
  unknownCall,
  type Arg,
  type Call,
  type Handler,
  type Language,
  type Value,
  links,
} from './lexer.js';
import type { CodeScanner } from './types.js';

/** the properties of an object literal argument (`{ shell: true, args: [...] }`), by name */
function props(c: Call, a: Arg | undefined): Map<string, Arg> {
  const out = new Map<string, Arg>();
  const toks = c.w.tokens;
  if (!a || toks[a.start]?.text !== '{' || c.w.close(a.start) !== a.end - 1) return out;
  for (const p of splitArgs(toks, c.w.match, a.start + 1, a.end - 1, [':'])) {
    const only = toks[p.start]!;
    out.set(p.key !== '' ? p.key : only.text, p);
  }
  return out;
}
const truthy = (c: Call, a: Arg | undefined) => {
  const t = c.tokens(a);
  return (
    t.length > 0 && !(t.length === 1 && ['false', 'undefined', 'null', '0', "''", '""'].includes(t[0]!.text))
  );
};

// -- processes ----------------------------------------------------------------------------------

/** spawn(cmd, args?, opts?): argv, or a shell when `shell: true` */
const spawn: Handler = (c) => {
  const cmd = c.str(c.pos(0));
  const second = c.pos(1);
  const isList = c.w.tokens[second?.start ?? -1]?.text === '[' || c.val(second)?.t === 'list';
  const args = isList ? stringsOf(c.val(second)) : [];
  const opts = props(c, isList ? c.pos(2) : second);
  if (truthy(c, opts.get('shell')))
    c.fx.shell(cmd === undefined || args === undefined ? undefined : [cmd, ...args].join(' '));
  else c.fx.argv(cmd === undefined || args === undefined ? undefined : [cmd, ...args]);
  return obj('child_process.ChildProcess', undefined);
};
const execFile: Handler = (c) => {
  const cmd = c.str(c.pos(0));
  const second = c.pos(1);
  const args = c.w.tokens[second?.start ?? -1]?.text === '[' ? stringsOf(c.val(second)) : [];
  c.fx.argv(cmd === undefined || args === undefined ? undefined : [cmd, ...args]);
  return obj('child_process.ChildProcess', undefined);
};
/** Bun.spawn(["rm", "-rf"]) or Bun.spawn({ cmd: [...] }); Deno.run({ cmd: [...] }) */
const spawnList: Handler = (c) => {
  const first = c.pos(0);
  const cmd = c.w.tokens[first?.start ?? -1]?.text === '{' ? props(c, first).get('cmd') : first;
  c.fx.argv(stringsOf(c.val(cmd)));
  return obj('process', undefined);
};
/** new Deno.Command("rm", { args: [...] }) */
const denoCommand: Handler = (c) => {
  const cmd = c.str(c.pos(0));
  const args = props(c, c.pos(1)).get('args');
  const list = args ? stringsOf(c.val(args)) : [];
  c.fx.argv(cmd === undefined || list === undefined ? undefined : [cmd, ...list]);
  return obj('Deno.Command', undefined);
};
/** a tagged template that runs a shell command: Bun's $`…`, zx */
const template: Handler = (c) => {
  const t = c.w.tokens[c.args[0]?.start ?? -1];
  if (t?.kind === 'string' && t.tag === '`') c.fx.shell(t.literal ? t.value : undefined);
  return undefined;
};
/** java.lang.Runtime.exec("ls -l") splits at white space; exec(["ls", "-l"]) is an argv */
const javaExec: Handler = (c) => {
  const v = c.val(c.pos(0));
  c.fx.argv(v?.t === 'str' ? v.v.split(/\s+/).filter((w) => w !== '') : stringsOf(v));
  return obj('java.lang.Process', undefined);
};
/** new ProcessBuilder("rm", "-rf") or ProcessBuilder(["rm", "-rf"]) */
const processBuilder: Handler = (c) => {
  const first = c.val(c.pos(0));
  const argv = first?.t === 'list' ? stringsOf(first) : c.rest(0).map((a) => c.str(a));
  c.fx.argv(argv === undefined || argv.some((a) => a === undefined) ? undefined : (argv as string[]));
  return obj('java.lang.ProcessBuilder', undefined);
};

// -- files --------------------------------------------------------------------------------------

const readText: Handler = (c) => {
  const p = c.path(c.pos(0));
  c.fx.read(p);
  return obj('text', p);
};
/** fs.open(path, flags), Deno.open(path, { write: true }) */
const openFile: Handler = (c) => {
  const p = c.path(c.pos(0));
  const flags = c.pos(1);
  const t = c.w.tokens[flags?.start ?? -1];
  let writes: boolean;
  if (!flags) writes = false;
  else if (t?.text === '{') {
    const o = props(c, flags);
    writes = ['write', 'append', 'create', 'createNew', 'truncate'].some((k) => truthy(c, o.get(k)));
  } else {
    const f = c.str(flags);
    writes = f === undefined || /[wax+]/.test(f);
  }
  if (writes) c.fx.write(p);
  else c.fx.read(p);
  return undefined;
};
const selfPath = (c: Call) => (c.self?.t === 'obj' ? c.self.arg : undefined);
const bunFileRead: Handler = (c) => {
  c.fx.read(selfPath(c));
  return obj('text', selfPath(c));
};
const bunWrite: Handler = (c) => {
  const dest = c.val(c.pos(0));
  c.fx.write(dest?.t === 'obj' ? dest.arg : pathOf(dest));
  return undefined;
};

// -- network ------------------------------------------------------------------------------------

const SEND_VERBS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SEND_METHODS = new Set([
  'post',
  'put',
  'patch',
  'delete',
  'send',
  'sendbeacon',
  'upload',
  'sendmail',
  'emit',
]);

/** a host from `"example.com"` */
const hostText = (s: string | undefined) =>
  s !== undefined && /^[\w.:-]+$/.test(s) && !isUrl(s) ? s : undefined;

/** fetch(url, { method, body }), axios.post(url, data), http.request(url | options) */
const request =
  (verb?: string): Handler =>
  (c) => {
    c.fx.url(undefined);
    const first = c.pos(0);
    const o = props(c, c.w.tokens[first?.start ?? -1]?.text === '{' ? first : (c.pos(1) ?? c.pos(2)));
    const url = c.str(first) ?? c.str(o.get('url'));
    if (isUrl(url)) c.fx.url(url);
    const host = c.str(o.get('hostname')) ?? c.str(o.get('host'));
    if (host !== undefined) c.fx.host(hostText(host));
    const method = (verb ?? c.str(o.get('method')) ?? '').toUpperCase();
    if (
      SEND_VERBS.has(method) ||
      o.has('body') ||
      o.has('data') ||
      (verb === undefined && SEND_METHODS.has(c.method))
    )
      c.fx.sends = true;
    return obj('http', undefined);
  };
/** net.connect(port, host), net.connect({ host, port }), tls.connect, Deno.connect({ hostname }) */
const connect: Handler = (c) => {
  c.fx.socket = true;
  c.fx.url(undefined);
  const first = c.pos(0);
  const o = props(c, first);
  if (o.size > 0) c.fx.host(hostText(c.str(o.get('hostname')) ?? c.str(o.get('host')) ?? 'localhost'));
  else {
    const v = c.val(first);
    if (v?.t === 'str' && !/^\d+$/.test(v.v))
      c.fx.write(v.v); // a Unix socket
    else c.fx.host(hostText(c.str(c.pos(1)) ?? 'localhost'));
  }
  return obj('net.Socket', undefined);
};
const socket: Handler = (c) => {
  c.fx.socket = true;
  c.fx.url(undefined);
  return obj('net.Socket', undefined);
};
const sends: Handler = (c) => {
  c.fx.sends = true;
  c.fx.url(undefined);
  return undefined;
};
const network: Handler = (c) => {
  c.fx.url(undefined);
  for (const a of c.args) {
    const s = c.str(a);
    if (isUrl(s)) c.fx.url(s);
  }
  if (SEND_METHODS.has(c.method.toLowerCase())) c.fx.sends = true;
  return obj('http', undefined);
};
const NETWORK_MODULES = [
  'axios',
  'node-fetch',
  'undici',
  'got',
  'superagent',
  'request',
  'needle',
  'ws',
  'socket.io-client',
  'http',
  'https',
  'http2',
  'dns',
  'ftp',
  'basic-ftp',
  'nodemailer',
  'ssh2',
  'mqtt',
  'ioredis',
  'redis',
  'pg',
  'mysql',
  'mysql2',
  'mongodb',
];

// -- code ---------------------------------------------------------------------------------------

/** eval, vm.runIn*Context, new Function: a literal is scanned as code */
const runCode =
  (name: string, last = false): Handler =>
  (c) => {
    const args = c.rest(0);
    const a = last ? args[args.length - 1] : args[0];
    if (!a) return undefined;
    const v = c.val(a);
    if (v?.t === 'str') c.nested(v.v);
    else if (v?.t === 'obj' && v.cls === 'text') {
      c.fx.load(v.arg);
      c.fx.unknown(`runs code read from a file (\`${name}\`)`);
    } else if (c.live) c.fx.unknown(`builds code at run time (\`${name}\`)`);
    return undefined;
  };
/** setTimeout("code", …) evaluates a string */
const timer: Handler = (c) => {
  const a = c.pos(0);
  const t = c.w.tokens[a?.start ?? -1];
  if (t?.kind !== 'string') return undefined;
  return runCode('setTimeout')(c);
};
const isLocal = (m: string) =>
  m.startsWith('./') || m.startsWith('../') || m.startsWith('/') || m.startsWith('file:');
/** require(x), import(x): a local file is a load, a package is a module */
const load: Handler = (c) => {
  const name = c.str(c.pos(0));
  if (name === undefined) {
    if (c.live)
      c.fx.unknown(`loads code named at run time (\`${c.name === 'import' ? 'import()' : 'require'}\`)`);
    return undefined;
  }
  if (isLocal(name)) {
    c.fx.load(name);
    return undefined;
  }
  if (isUrl(name)) {
    c.fx.url(name);
    c.fx.load(name);
    return undefined;
  }
  if (/^data:/i.test(name)) {
    c.fx.unknown('loads code from a `data:` URL');
    return undefined;
  }
  const m = canonModule(name);
  c.w.modules.add(m);
  return ref(m);
};
/** new Worker(file) or new Worker(code, { eval: true }) */
const worker: Handler = (c) => {
  if (truthy(c, props(c, c.pos(1)).get('eval'))) return runCode('Worker')(c);
  c.fx.load(c.path(c.pos(0)));
  return undefined;
};
const native = unknownCall('loads a native library');
const javaType = pure((c) => {
  const name = c.str(c.pos(0));
  if (name === undefined) {
    if (c.live) c.fx.unknown('reaches a Java class named at run time (`Java.type`)');
    return undefined;
  }
  return ref(canon(name));
});
/** util.promisify(cp.exec) is cp.exec */
const wrapper = pure((c) => {
  const a = c.pos(0);
  c.w.consume(a);
  return c.val(a);
});

// -- the table ----------------------------------------------------------------------------------

const H = harmless;
const FS: Record<string, Handler> = {
  readFileSync: readText,
  readFile: readText,
  createReadStream: files('read', 0),
  readdirSync: files('read', 0),
  readdir: files('read', 0),
  opendirSync: files('read', 0),
  opendir: files('read', 0),
  globSync: files('read', 0),
  glob: files('read', 0),
  writeFileSync: files('write', 0),
  writeFile: files('write', 0),
  appendFileSync: files('write', 0),
  appendFile: files('write', 0),
  createWriteStream: files('write', 0),
  mkdirSync: files('write', 0),
  mkdir: files('write', 0),
  truncateSync: files('write', 0),
  truncate: files('write', 0),
  chmodSync: files('write', 0),
  chmod: files('write', 0),
  lchmodSync: files('write', 0),
  chownSync: files('write', 0),
  chown: files('write', 0),
  lchownSync: files('write', 0),
  lchown: files('write', 0),
  utimesSync: files('write', 0),
  utimes: files('write', 0),
  lutimesSync: files('write', 0),
  copyFileSync: copies(0, 1),
  copyFile: copies(0, 1),
  cpSync: copies(0, 1),
  cp: copies(0, 1),
  renameSync: moves(0, 1),
  rename: moves(0, 1),
  rmSync: files('delete', 0),
  rm: files('delete', 0),
  rmdirSync: files('delete', 0),
  rmdir: files('delete', 0),
  unlinkSync: files('delete', 0),
  unlink: files('delete', 0),
  symlinkSync: links(0, 1),
  symlink: links(0, 1),
  linkSync: links(0, 1),
  link: links(0, 1),
  openSync: openFile,
  open: openFile,
  existsSync: H,
  exists: H,
  statSync: H,
  stat: H,
  lstatSync: H,
  lstat: H,
  accessSync: H,
  access: H,
  realpathSync: H,
  realpath: H,
  readlinkSync: H,
  readlink: H,
  watch: H,
  watchFile: H,
  unwatchFile: H,
  fstatSync: H,
  fstat: H,
  closeSync: H,
  close: H,
  readSync: H,
  read: H,
  writeSync: H,
  write: H,
  fsyncSync: H,
  mkdtempSync: H,
  mkdtemp: H,
};
const DENO_FS: Record<string, Handler> = {
  readTextFile: readText,
  readTextFileSync: readText,
  readFile: readText,
  readFileSync: readText,
  readDir: files('read', 0),
  readDirSync: files('read', 0),
  writeTextFile: files('write', 0),
  writeTextFileSync: files('write', 0),
  writeFile: files('write', 0),
  writeFileSync: files('write', 0),
  create: files('write', 0),
  createSync: files('write', 0),
  mkdir: files('write', 0),
  mkdirSync: files('write', 0),
  chmod: files('write', 0),
  chmodSync: files('write', 0),
  chown: files('write', 0),
  chownSync: files('write', 0),
  truncate: files('write', 0),
  truncateSync: files('write', 0),
  utime: files('write', 0),
  utimeSync: files('write', 0),
  remove: files('delete', 0),
  removeSync: files('delete', 0),
  rename: moves(0, 1),
  renameSync: moves(0, 1),
  copyFile: copies(0, 1),
  copyFileSync: copies(0, 1),
  symlink: links(0, 1),
  symlinkSync: links(0, 1),
  link: links(0, 1),
  linkSync: links(0, 1),
  open: openFile,
  openSync: openFile,
};
const prefixed = (prefix: string, table: Record<string, Handler>) =>
  Object.fromEntries(Object.entries(table).map(([k, v]) => [`${prefix}.${k}`, v]));

const CALLS: Record<string, Handler> = {
  ...prefixed('fs', FS),
  ...prefixed('Deno', DENO_FS),
  // child_process
  'child_process.exec': shellAt(0),
  'child_process.execSync': shellAt(0),
  'child_process.spawn': spawn,
  'child_process.spawnSync': spawn,
  'child_process.execFile': execFile,
  'child_process.execFileSync': execFile,
  'child_process.fork': (c) => (c.fx.load(c.path(c.pos(0))), undefined),
  // Deno and Bun
  'Deno.run': spawnList,
  'Deno.Command': denoCommand,
  'Deno.kill': (c) => (c.fx.signal(c.str(c.pos(0))), undefined),
  'Deno.connect': connect,
  'Deno.connectTls': connect,
  'Deno.listen': socket,
  'Deno.listenTls': socket,
  'Deno.serve': socket,
  'Deno.dlopen': native,
  'Deno.cwd': pure(() => str('.')),
  'Deno.exit': H,
  'Deno.stat': H,
  'Deno.statSync': H,
  'Deno.lstat': H,
  'Deno.lstatSync': H,
  'Deno.realPath': H,
  'Deno.realPathSync': H,
  'Deno.makeTempFile': H,
  'Deno.makeTempDir': H,
  'Deno.inspect': H,
  'Deno.memoryUsage': H,
  'Deno.osRelease': H,
  'Deno.hostname': H,
  'Deno.consoleSize': H,
  'Deno.isatty': H,
  'Deno.cwdSync': H,
  'Deno.execPath': H,
  'Deno.readLink': H,
  'Deno.build': H,
  'Deno.version': H,
  'Deno.args': H,
  'Deno.pid': H,
  'Bun.spawn': spawnList,
  'Bun.spawnSync': spawnList,
  'Bun.$': template,
  'zx.$': template,
  'execa.$': template,
  $: template,
  'Bun.file': pure((c) => obj('Bun.file', c.path(c.pos(0)))),
  'Bun.file#text': bunFileRead,
  'Bun.file#json': bunFileRead,
  'Bun.file#arrayBuffer': bunFileRead,
  'Bun.file#bytes': bunFileRead,
  'Bun.file#stream': bunFileRead,
  'Bun.file#writer': (c) => (c.fx.write(selfPath(c)), undefined),
  'Bun.file#delete': (c) => (c.fx.delete(selfPath(c)), undefined),
  'Bun.file#unlink': (c) => (c.fx.delete(selfPath(c)), undefined),
  'Bun.write': bunWrite,
  'Bun.connect': connect,
  'Bun.listen': socket,
  'Bun.serve': socket,
  'Bun.which': H,
  'Bun.sleep': H,
  'Bun.sleepSync': H,
  'Bun.env': H,
  'Bun.version': H,
  'Bun.hash': H,
  'Bun.inspect': H,
  'Bun.nanoseconds': H,
  'Bun.deepEquals': H,
  'Bun.escapeHTML': H,
  'Bun.stringWidth': H,
  execa: execFile,
  'execa.execa': execFile,
  'execa.execaSync': execFile,
  'execa.execaCommand': shellAt(0),
  'execa.execaCommandSync': shellAt(0),
  'shelljs.exec': shellAt(0),
  'shelljs.rm': files('delete', '0+'),
  'shelljs.echo': H,
  'shelljs.which': H,
  'shelljs.test': H,
  'shelljs.pwd': H,
  'shelljs.cat': files('read', '0+'),
  // Java: Nashorn, Rhino, jrunscript
  'Java.type': javaType,
  'java.lang.Runtime.getRuntime': pure(() => obj('java.lang.Runtime', undefined)),
  'java.lang.Runtime#exec': javaExec,
  'java.lang.ProcessBuilder': processBuilder,
  'java.lang.ProcessBuilder#command': processBuilder,
  'java.lang.ProcessBuilder#start': H,
  'java.lang.System.getProperty': H,
  'java.lang.System.getenv': H,
  'java.lang.System.exit': H,
  'java.lang.System.currentTimeMillis': H,
  'java.lang.Thread.sleep': H,
  exec: shellAt(0),
  $EXEC: shellAt(0),
  readFully: files('read', 0),
  cat: files('read', 0),
  mkdir: files('write', 0),
  rmdir: files('delete', 0),
  cp: copies(0, 1),
  mv: moves(0, 1),
  // processes
  'process.kill': (c) => (c.fx.signal(c.str(c.pos(0))), undefined),
  'process.binding': unknownCall('reaches Node internals (`process.binding`)'),
  'process._linkedBinding': unknownCall('reaches Node internals (`process._linkedBinding`)'),
  'process.dlopen': native,
  'process.cwd': pure(() => str('.')),
  'os.homedir': pure(() => str('~')),
  'path.join': pure((c) => joinPaths(c)),
  'path.resolve': pure((c) => joinPaths(c)),
  // network
  fetch: request(),
  'node-fetch': request(),
  'http.request': request(),
  'https.request': request(),
  'http.get': request('GET'),
  'https.get': request('GET'),
  'http#write': sends,
  'http#end': (c) => (c.args.length > 0 ? sends(c) : undefined),
  axios: request(),
  'axios.get': request('GET'),
  'axios.head': request('GET'),
  'axios.post': request('POST'),
  'axios.put': request('PUT'),
  'axios.patch': request('PATCH'),
  'axios.delete': request('DELETE'),
  'axios.request': request(),
  'net.connect': connect,
  'net.createConnection': connect,
  'net.Socket': socket,
  'net.Socket#connect': (c) => {
    const v = c.val(c.pos(0));
    if (v?.t === 'num') c.fx.host(hostText(c.str(c.pos(1)) ?? 'localhost'));
    else connect(c);
    return undefined;
  },
  'net.Socket#write': sends,
  'net.Socket#end': (c) => (c.args.length > 0 ? sends(c) : undefined),
  'net.createServer': socket,
  'tls.connect': connect,
  'dgram.createSocket': socket,
  'net.Socket#send': (c) => {
    c.fx.sends = true;
    c.fx.host(hostText(c.str(c.pos(2))));
    return undefined;
  },
  WebSocket: (c) => (c.fx.url(c.str(c.pos(0))), obj('WebSocket', undefined)),
  'WebSocket#send': sends,
  XMLHttpRequest: pure(() => obj('XMLHttpRequest', undefined)),
  'XMLHttpRequest#open': (c) => {
    c.fx.url(c.str(c.pos(1)));
    const verb = c.str(c.pos(0))?.toUpperCase();
    if (verb === undefined || SEND_VERBS.has(verb)) c.fx.sends = true;
    return undefined;
  },
  'XMLHttpRequest#send': (c) => (c.args.length > 0 ? sends(c) : undefined),
  'navigator.sendBeacon': (c) => (sends(c), c.fx.url(c.str(c.pos(0))), undefined),
  EventSource: (c) => (c.fx.url(c.str(c.pos(0))), undefined),
  'dns.lookup': (c) => (c.fx.host(hostText(c.str(c.pos(0)))), undefined),
  'dns.resolve': (c) => (c.fx.host(hostText(c.str(c.pos(0)))), undefined),
  'dns.resolve4': (c) => (c.fx.host(hostText(c.str(c.pos(0)))), undefined),
  'dns.resolveTxt': (c) => (c.fx.host(hostText(c.str(c.pos(0)))), undefined),
  // code
  require: load,
  import: load,
  // Node 22: the built-in modules without `require`
  'process.getBuiltinModule': load,
  'process.report.writeReport': (c) => (c.fx.write(c.args.length > 0 ? c.path(c.pos(0)) : '.'), undefined),
  'require.resolve': H,
  'module.createRequire': pure(() => ref('require')),
  eval: runCode('eval'),
  Function: runCode('Function', true),
  '#constructor': unknownCall('builds code at run time (`constructor`)'),
  'vm.runInNewContext': runCode('vm.runInNewContext'),
  'vm.runInThisContext': runCode('vm.runInThisContext'),
  'vm.runInContext': runCode('vm.runInContext'),
  'vm.Script': runCode('vm.Script'),
  'vm.compileFunction': runCode('vm.compileFunction'),
  'vm.SourceTextModule': runCode('vm.SourceTextModule'),
  'vm.createContext': H,
  setTimeout: timer,
  setInterval: timer,
  setImmediate: timer,
  'worker_threads.Worker': worker,
  load: (c) => {
    const s = c.str(c.pos(0));
    if (isUrl(s)) c.fx.url(s);
    c.fx.load(s);
    return undefined;
  },
  'util.promisify': wrapper,
  'util.callbackify': wrapper,
  'Reflect.ownKeys': H,
  'Reflect.has': H,
  'Reflect.getPrototypeOf': H,
  'v8.getHeapStatistics': H,
  'v8.serialize': H,
  'worker_threads.isMainThread': H,
  'cluster.isPrimary': H,
  'cluster.isMaster': H,
};

function joinPaths(c: Call): Value | undefined {
  const parts = c.rest(0).map((a) => c.str(a));
  if (parts.some((p) => p === undefined)) return undefined;
  return str((parts as string[]).reduce((a, b) => (b.startsWith('/') || a === '' ? b : `${a}/${b}`), ''));
}

/** modules whose calls can act: a call not in the table cannot be judged */
const ACTING = [
  'child_process',
  'fs',
  'net',
  'tls',
  'dgram',
  'worker_threads',
  'cluster',
  'vm',
  'process',
  'Deno',
  'Bun',
  'v8',
  'inspector',
  'module',
  'Module',
  'shelljs',
  'execa',
  'java',
  'javax',
  'Reflect',
  'repl',
  'wasi',
  'trace_events',
];
const HARMLESS_PREFIXES = [
  'process.env',
  'process.stdout.',
  'process.stderr.',
  'process.stdin.',
  'process.exit',
  'process.cwd',
  'process.uptime',
  'process.hrtime',
  'process.memoryUsage',
  'process.cpuUsage',
  'process.nextTick',
  'process.on',
  'process.once',
  'process.off',
  'process.emitWarning',
  'process.resourceUsage',
  'process.getuid',
  'process.geteuid',
  'process.getgid',
  'process.getegid',
  'process.getgroups',
  'process.getActiveResourcesInfo',
  'process.version',
  'process.platform',
  'process.arch',
  'process.argv',
  'process.exitCode',
  'process.report.getReport',
  'process.umask',
  'Deno.env.',
  'Deno.stdout.',
  'Deno.stderr.',
  'Deno.stdin.',
  'Deno.permissions.',
  'Deno.errors.',
  'Deno.build.',
  'Bun.env.',
  'Bun.stdout',
  'Bun.stderr',
  'Bun.stdin',
  'fs.constants',
  'worker_threads.parentPort.',
];

/** `node:fs`, `fs/promises` → `fs`; `bun` → `Bun` */
function canonModule(m: string): string {
  const bare = m.startsWith('node:')
    ? m.slice(5)
    : m.startsWith('npm:')
      ? m.slice(4).replace(/@[^/]*$/, '')
      : m;
  if (bare === 'fs/promises') return 'fs';
  if (bare === 'bun') return 'Bun';
  if (bare === 'child_process/promises') return 'child_process';
  if (bare === 'timers/promises') return 'timers';
  if (bare === 'dns/promises') return 'dns';
  return bare;
}

const CANON: Array<[string, string]> = [
  ['globalThis', ''],
  ['global', ''],
  ['window', ''],
  ['self', ''],
  ['Packages', ''],
  ['fs.promises', 'fs'],
  ['fs.default', 'fs'],
  ['child_process.default', 'child_process'],
  ['process.mainModule.require', 'require'],
  ['process.mainModule.constructor._load', 'require'],
  ['module.require', 'require'],
  ['Function.prototype.constructor', 'Function'],
  ['Bun.file#', 'Bun.file#'],
];

export function canon(name: string): string {
  if (name.startsWith('node:') || name.includes('/')) {
    const dot = name.indexOf('.', name.lastIndexOf('/') + 1);
    return dot < 0 ? canonModule(name) : canonModule(name.slice(0, dot)) + name.slice(dot);
  }
  for (const [from, to] of CANON) {
    if (name === from) return to === '' ? name : to;
    if (name.startsWith(from + '.'))
      return to === '' ? canon(name.slice(from.length + 1)) : to + name.slice(from.length);
  }
  return name;
}

const KEYWORDS = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'export',
  'extends',
  'finally',
  'for',
  'function',
  'if',
  'in',
  'instanceof',
  'let',
  'new',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'await',
  'async',
  'of',
  'null',
  'true',
  'false',
  'static',
  'get',
  'set',
]);
/** names that, reached by `[…]` with a literal, reach something dangerous */
const SPECIAL_MEMBERS = new Set([
  'require',
  'mainModule',
  'constructor',
  'binding',
  'eval',
  'Function',
  'process',
]);
/** globals whose members, looked up by a computed name, may be anything */
const GLOBAL_OBJECTS = new Set([
  'globalThis',
  'global',
  'window',
  'self',
  'process',
  'require',
  'module',
  'Deno',
  'Bun',
]);

const JS: Language = {
  dialect: 'js',
  member: new Set(['.', '?.']),
  concat: new Set(['+']),
  juxtapose: false,
  keyword: [],
  keywords: KEYWORDS,
  declares: new Set(['function', 'class']),
  parenless: false,
  calls: CALLS,
  canon,
  fallback(name) {
    if (/^(ffi-napi|ffi|node-ffi|koffi|bun:ffi|ref-napi)([.#]|$)/.test(name)) return native;
    for (const m of NETWORK_MODULES)
      if (name === m || name.startsWith(m + '.') || name.startsWith(m + '#')) return network;
    return undefined;
  },
  unmodelled(name) {
    if (HARMLESS_PREFIXES.some((p) => name.startsWith(p))) return undefined;
    const root = name.split('.')[0]!;
    if (!ACTING.includes(root) || !name.includes('.')) return undefined;
    return `calls \`${name}\`, which aarm does not model`;
  },
  root(w, i, live) {
    const t = w.tokens[i]!;
    if (t.text !== 'import' || w.tokens[i + 1]?.text !== '(') return undefined;
    // import("./x") is a call
    const open = i + 1;
    const close = w.close(open);
    const v = w.call(ref('import'), w.args(open + 1, close), open, live);
    return { v, next: close + 1 };
  },
  index(w, v, key, live) {
    if (v?.t !== 'ref' || v.self || v.name.startsWith('#')) return undefined;
    const k = key?.t === 'str' ? key.v : key?.t === 'num' ? String(key.v) : undefined;
    if (k === undefined) {
      const root = v.name.split('.')[0]!;
      if (live && (GLOBAL_OBJECTS.has(root) || ACTING.includes(root) || w.modules.has(root)))
        w.fx.unknown(`looks up a member of \`${v.name}\` by a computed name`);
      return undefined;
    }
    const found = w.member(v, k, live);
    if (live && found.t === 'ref' && (w.callable(found.name) || SPECIAL_MEMBERS.has(k)))
      w.fx.unknown(`reaches \`${found.name}\` through \`[…]\``);
    return found;
  },
  rescan: (code, depth) => scan(code, depth),
};

// -- bindings -----------------------------------------------------------------------------------

const DECLARE = new Set(['const', 'let', 'var']);

function bind(w: Walker): void {
  const toks = w.tokens;
  const depth = w.depthOf;
  const n = toks.length;
  const operandEnd = (i: number) => {
    const t = toks[i];
    if (!t) return false;
    if (t.kind === 'name') return !KEYWORDS.has(t.text) || t.text === 'this';
    return (
      t.kind !== 'punct' ||
      t.text === ')' ||
      t.text === ']' ||
      t.text === '}' ||
      t.text === '++' ||
      t.text === '--'
    );
  };
  // a declarator or statement ends at `;`, `,`, or a line break where a new statement must begin
  const ends = listEnds(
    toks,
    (i) =>
      toks[i]!.text === ';' ||
      toks[i]!.text === ',' ||
      (toks[i]!.nl &&
        operandEnd(i - 1) &&
        toks[i]!.kind !== 'punct' &&
        !['in', 'instanceof', 'of'].includes(toks[i]!.text)),
  );
  /** declaration targets: bound by their declaration, not assignments or uses */
  const declared = new Uint8Array(n);
  const storeNamesIn = (from: number, to: number) => {
    for (let j = from; j < Math.min(to, from + 256); j++)
      if (toks[j]!.kind === 'name' && toks[j - 1]?.text !== '.' && !KEYWORDS.has(toks[j]!.text))
        w.store(toks[j]!.text);
  };
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if (t.kind === 'name' && t.text === 'with' && next?.text === '(')
      w.fx.unknown('uses `with`, which hides where names come from');
    if (
      t.kind === 'name' &&
      (t.text === 'import' || t.text === 'export') &&
      next?.text !== '(' &&
      next?.text !== '.'
    ) {
      // import X, { a as b } from "m"; import * as X from "m"; import "m"; export … from "m"
      let j = i + 1;
      while (j < n && toks[j]!.kind !== 'string' && toks[j]!.text !== ';' && j - i < 256) j++;
      const spec = toks[j];
      if (spec?.kind !== 'string' || (t.text === 'export' && toks[j - 1]?.text !== 'from')) continue;
      for (let k = i; k <= j; k++) w.skip[k] = 1;
      const m = spec.value;
      if (isLocal(m)) w.fx.load(m);
      if (t.text === 'export') continue;
      const mod = canonModule(m);
      if (!isLocal(m)) w.modules.add(mod);
      const value = (name?: string): Value | undefined =>
        isLocal(m) ? undefined : name === undefined ? ref(mod) : ref(canon(`${mod}.${name}`));
      for (let k = i + 1; k < j; k++) {
        const a = toks[k]!;
        if (a.kind !== 'name' || a.text === 'from' || a.text === 'as' || a.text === 'type') continue;
        const inBraces = depth[k]! > depth[i]!;
        if (toks[k + 1]?.text === 'as' && toks[k + 2]) {
          w.store(toks[k + 2]!.text, a.text === 'default' ? value() : value(inBraces ? a.text : undefined));
          k += 2;
        } else if (toks[k - 1]?.text === 'as' || (toks[k - 1]?.text === '*' && !inBraces)) continue;
        else w.store(a.text, inBraces ? value(a.text) : value());
      }
      // `* as X`
      for (let k = i + 1; k < j; k++)
        if (toks[k]!.text === '*' && toks[k + 1]?.text === 'as' && toks[k + 2])
          w.store(toks[k + 2]!.text, value());
      i = j;
      continue;
    }
    if (t.kind === 'name' && DECLARE.has(t.text)) {
      // const a = …, { b, c: d } = …, [e] = …
      let j = i + 1;
      for (let guard = 0; j < n && guard < 256; guard++) {
        const target = toks[j]!;
        if (target.kind === 'name' && KEYWORDS.has(target.text)) break;
        const patternEnd = target.text === '{' || target.text === '[' ? w.close(j) : j;
        const eq = toks[patternEnd + 1]?.text === '=' ? patternEnd + 1 : -1;
        const rhs: [number, number] | undefined = eq > 0 ? [eq + 1, ends[eq + 1]!] : undefined;
        // a top-level `var` is also `globalThis.name`, changed without an assignment to the name:
        // only a module or object it holds is followed, not a string
        if (target.kind === 'name' && t.text === 'var' && rhs) w.store(target.text, objectsOnly(w, rhs));
        else if (target.kind === 'name') w.store(target.text, rhs);
        else if (target.text === '{') destructure(w, j, patternEnd, rhs);
        else if (target.text === '[') storeNamesIn(j + 1, patternEnd);
        else break;
        for (let k = j; k <= patternEnd; k++) {
          declared[k] = 1;
          w.skip[k] = 1;
        }
        if (rhs) w.consume({ start: rhs[0], end: rhs[1], key: '' });
        const after = rhs ? rhs[1] : patternEnd + 1;
        if (toks[after]?.text !== ',') break;
        j = after + 1;
      }
      continue;
    }
    if (t.kind !== 'name' || declared[i] || KEYWORDS.has(t.text) || prev?.text === '.' || prev?.text === '?.')
      continue;
    if (next?.text === '=') {
      const start = i === 0 || t.nl || ['{', '}', ';', '('].includes(prev?.text ?? '');
      w.store(t.text, start && toks[i + 2]?.text !== '=' ? [i + 2, ends[i + 2]!] : undefined);
    } else if (
      next &&
      [
        '+=',
        '-=',
        '||=',
        '&&=',
        '??=',
        '++',
        '--',
        '*=',
        '/=',
        '%=',
        '|=',
        '&=',
        '^=',
        '**=',
        '<<=',
        '>>=',
      ].includes(next.text)
    )
      w.store(t.text);
    else if (prev?.text === '++' || prev?.text === '--') w.store(t.text);
    else if (prev?.text === 'function' || prev?.text === 'class') w.store(t.text);
    else if (next?.text === '=>') w.store(t.text);
    else if (next?.text === '(' && !['if', 'while', 'for', 'switch', 'with'].includes(t.text)) {
      // method definition or function expression parameters: `f(a, b) {`
      const close = w.close(i + 1);
      if (toks[close + 1]?.text === '{' && isDefinition(w, i)) storeNamesIn(i + 2, close);
    }
  }
  // parameters of `function (…)`, `(…) =>`, `catch (e)`, `for (x of …)`
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (t.text !== '(') continue;
    const close = w.close(i);
    const before = toks[i - 1]?.text;
    if (toks[close + 1]?.text === '=>' || before === 'function' || before === 'catch')
      storeNamesIn(i + 1, close);
    else if (before === 'for') {
      const first = toks[i + 1];
      if (first?.kind === 'name' && ['of', 'in'].includes(toks[i + 2]?.text ?? '')) w.store(first.text);
    } else if (before !== undefined && toks[i - 2]?.text === 'function') storeNamesIn(i + 1, close);
  }
}

function objectsOnly(w: Walker, [start, end]: [number, number]): () => Value | undefined {
  return () => {
    const v = w.val(start, end);
    return v?.t === 'ref' || v?.t === 'obj' ? v : undefined;
  };
}

/** `f(a) {` is a definition where `f(a)` is not an expression: at the start of a class or object member */
function isDefinition(w: Walker, i: number): boolean {
  const prev = w.tokens[i - 1];
  return (
    prev === undefined ||
    prev.text === '{' ||
    prev.text === '}' ||
    prev.text === ';' ||
    prev.text === ',' ||
    prev.text === 'async' ||
    prev.text === 'static' ||
    prev.text === 'get' ||
    prev.text === 'set' ||
    prev.text === '*'
  );
}

/** `{ a, b: c, d = 1, ...e } = rhs`: each local name is the member of the right-hand side */
function destructure(w: Walker, open: number, close: number, rhs: [number, number] | undefined): void {
  const toks = w.tokens;
  for (const p of splitArgs(toks, w.match, open + 1, close, [':'])) {
    const first = toks[p.start]!;
    if (first.text === '...') {
      if (toks[p.start + 1]) w.store(toks[p.start + 1]!.text);
      continue;
    }
    const key = p.key !== '' ? p.key : first.text;
    const local = first;
    if (local.kind !== 'name') {
      for (let j = p.start; j < p.end; j++) if (toks[j]!.kind === 'name') w.store(toks[j]!.text);
      continue;
    }
    w.store(local.text, rhs ? () => w.member(w.val(rhs[0], rhs[1]), key, false) : undefined);
  }
}

function scan(code: string, depth: number): Effects {
  const w = new Walker(lex(code, 'js'), JS, depth);
  bind(w);
  return w.run();
}

export const scanJavaScript: CodeScanner = (code) => {
  try {
    return scan(code, 0).result();
  } catch {
    const fx = new Effects();
    fx.unknown('could not be read');
    return fx.result();
  }
};
