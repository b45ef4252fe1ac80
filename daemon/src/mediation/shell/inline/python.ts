/**
 * Python inline code (`python3 -c '…'`, a here-document fed to `python`): which commands, files,
 * hosts and processes it touches. Imports and simple assignments are followed, so an alias
 * (`from os import system as s`) still names `os.system`; anything that could act but is not
 * literal, and anything that builds code at run time, is reported as unknown.
 */
import {
  Effects,
  Walker,
  all,
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
  shellAt,
  str,
  stringsOf,
  unknownCall,
  type Call,
  type Handler,
  type Language,
  type Token,
  type Value,
  links,
} from './lexer.js';
import type { CodeScanner } from './types.js';

// -- process spawning ---------------------------------------------------------------------------

const isFalse = (toks: Token[]) => toks.length === 1 && ['False', 'None', '0'].includes(toks[0]!.text);

/** subprocess.run / call / check_call / check_output / Popen */
const spawn: Handler = (c) => {
  const v = c.val(c.arg(0, 'args'));
  const shellKw = c.kw('shell');
  const viaShell = shellKw !== undefined && !isFalse(c.tokens(shellKw));
  const exe = c.kw('executable');
  if (v?.t === 'str') c.fx.shell(v.v);
  else if (v?.t === 'list') {
    const argv = stringsOf(v);
    if (viaShell) c.fx.shell(argv?.[0]);
    else if (exe) {
      const program = c.str(exe);
      c.fx.argv(program === undefined || argv === undefined ? undefined : [program, ...argv.slice(1)]);
    } else c.fx.argv(argv);
  } else c.fx.argv(undefined);
  if (viaShell && exe) c.fx.unknown('runs a shell chosen by `executable=`');
  return obj('subprocess.Popen', undefined);
};

/** os.execv(path, args), os.spawnv(mode, path, args), os.posix_spawn(path, argv, env) */
const execv =
  (offset: number): Handler =>
  (c) => {
    const program = c.str(c.pos(offset));
    const argv = stringsOf(c.val(c.pos(offset + 1)));
    c.fx.argv(program === undefined || argv === undefined ? undefined : [program, ...argv.slice(1)]);
    return undefined;
  };
/** os.execl(path, arg0, arg1, …), os.spawnl(mode, path, arg0, …); `…e` forms end with an environment */
const execl =
  (offset: number, env: boolean): Handler =>
  (c) => {
    const program = c.str(c.pos(offset));
    const rest = c.rest(offset + 2);
    const args = (env ? rest.slice(0, -1) : rest).map((a) => c.str(a));
    c.fx.argv(
      program === undefined || args.some((a) => a === undefined)
        ? undefined
        : [program, ...(args as string[])],
    );
    return undefined;
  };
/** pty.spawn("/bin/sh") or pty.spawn(["bash", "-i"]) */
const argvOrList: Handler = (c) => {
  const v = c.val(c.pos(0));
  c.fx.argv(v?.t === 'str' ? [v.v] : stringsOf(v));
  return undefined;
};
/** asyncio.create_subprocess_exec("rm", "-rf", "x") */
const argvVarargs: Handler = (c) => {
  const args = c.rest(0).map((a) => c.str(a));
  c.fx.argv(args.some((a) => a === undefined) ? undefined : (args as string[]));
  return undefined;
};

// -- files --------------------------------------------------------------------------------------

/** open(path, mode); io.open, codecs.open */
function openFile(c: Call, path: string | undefined, mode: string | undefined): Value {
  if (mode === undefined || /[wax+]/.test(mode)) c.fx.write(path);
  else c.fx.read(path);
  return obj('file', path);
}
const open: Handler = (c) => {
  const p = c.val(c.arg(0, 'file'));
  if (p?.t === 'num') return undefined; // a file descriptor
  const modeArg = c.arg(1, 'mode');
  return openFile(c, pathOf(p), modeArg ? c.str(modeArg) : 'r');
};
/** os.open(path, flags): written when the flags ask for it */
const osOpen: Handler = (c) => {
  const flags = c.tokens(c.arg(1, 'flags')).map((t) => t.text);
  const writes = flags.some((f) => /^O_(WRONLY|RDWR|CREAT|TRUNC|APPEND)$/.test(f)) || flags.length === 0;
  const path = c.path(c.arg(0, 'path'));
  if (writes && !flags.every((f) => f === 'O_RDONLY' || f === 'os' || f === '.' || f === '|'))
    c.fx.write(path);
  else c.fx.read(path);
  return undefined;
};
const self = (c: Call) => (c.self?.t === 'obj' ? c.self.arg : undefined);
/** the text of a file, for `exec(open("x").read())` */
const text: Handler = pure((c) => obj('text', self(c)));
const selfFile =
  (kind: 'read' | 'write' | 'delete'): Handler =>
  (c) => {
    c.fx[kind](self(c));
    return kind === 'read' ? obj('text', self(c)) : undefined;
  };
/** a path from literal parts: Path("a", "b"), os.path.join("a", "b") */
const joined = pure((c) => {
  const parts = c.rest(0).map((a) => c.path(a));
  if (parts.length === 0) return obj('path', '.');
  if (parts.some((p) => p === undefined)) return obj('path', undefined);
  return obj('path', (parts as string[]).reduce(joinPath));
});
const samePath = pure((c) => {
  const v = c.self ?? c.val(c.pos(0));
  return v?.t === 'obj' && v.cls === 'path' ? v : pathOf(v) === undefined ? undefined : str(pathOf(v)!);
});
const constant = (v: Value) => pure(() => v);
/** os.getenv("HOME") is `~`; other variables are not known */
const getenv = pure((c) => (c.str(c.pos(0)) === 'HOME' ? str('~') : undefined));

// -- network ------------------------------------------------------------------------------------

const HOST_CALLS = new Set([
  'connect',
  'connect_ex',
  'create_connection',
  'open_connection',
  'ftp',
  'ftp_tls',
  'smtp',
  'smtp_ssl',
  'lmtp',
  'telnet',
  'httpconnection',
  'httpsconnection',
  'pop3',
  'pop3_ssl',
  'imap4',
  'imap4_ssl',
  'nntp',
  'transport',
  'gethostbyname',
  'gethostbyname_ex',
  'gethostbyaddr',
  'getaddrinfo',
  'sshclient',
  'redis',
  'strictredis',
]);
const SEND_METHODS = new Set([
  'post',
  'put',
  'patch',
  'delete',
  'upload',
  'upload_file',
  'upload_fileobj',
  'put_object',
  'send',
  'sendall',
  'sendto',
  'sendmsg',
  'sendfile',
  'sendmail',
  'send_message',
  'storbinary',
  'storlines',
  'exec_command',
  'invoke_shell',
  'emit',
  'publish',
  'basic_publish',
]);
const SEND_VERBS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** a host from `"example.com"` or the address tuple `("10.0.0.1", 4444)` */
function hostOf(v: Value | undefined): string | undefined {
  const h = v?.t === 'list' ? v.v[0] : v;
  if (h?.t !== 'str' || isUrl(h.v)) return undefined;
  return /^[\w.:-]+$/.test(h.v) ? h.v : undefined;
}

/** any call into a network client module: URLs, hosts, whether data is sent */
const network =
  (module: string): Handler =>
  (c) => {
    c.fx.url(undefined);
    const m = c.method.toLowerCase();
    for (const a of c.args) {
      const s = c.str(a);
      if (isUrl(s)) c.fx.url(s);
    }
    if (HOST_CALLS.has(m)) c.fx.host(hostOf(c.val(c.arg(0, 'host', 'hostname', 'address'))));
    if (SEND_METHODS.has(m) || c.kw('data', 'json', 'files', 'body', 'content') || module === 'smtplib')
      c.fx.sends = true;
    const verb = c.str(c.arg(0, 'method'))?.toUpperCase();
    if ((m === 'request' || m === 'urlopen' || m === 'fetch') && verb !== undefined && SEND_VERBS.has(verb))
      c.fx.sends = true;
    return obj(module, undefined);
  };
const NETWORK_MODULES = [
  'requests',
  'httpx',
  'aiohttp',
  'urllib3',
  'urllib.request',
  'urllib2',
  'http.client',
  'httplib',
  'httplib2',
  'ftplib',
  'smtplib',
  'telnetlib',
  'paramiko',
  'poplib',
  'imaplib',
  'nntplib',
  'xmlrpc.client',
  'xmlrpclib',
  'websocket',
  'websockets',
  'pycurl',
  'wget',
  'socketserver',
  'http.server',
  'ssl',
  'asyncssh',
  'fabric',
  'boto3',
  'botocore',
  'mechanize',
  'grpc',
  'zmq',
  'pika',
  'redis',
  'pymongo',
  'psycopg2',
  'pymysql',
  'mysql.connector',
];

/** the desktop keyring (`keyring.get_password`): stored passwords and tokens */
const secretStore: Handler = (c) => {
  c.fx.read('~/.local/share/keyrings/*');
  c.fx.unknown(`reads the keyring's stored secrets (\`${c.name}\`)`);
  return undefined;
};

const urlopen: Handler = (c) => {
  const target = c.val(c.arg(0, 'url'));
  c.fx.url(target?.t === 'str' ? target.v : target?.t === 'obj' ? target.arg : undefined);
  if (c.arg(1, 'data')) c.fx.sends = true;
  return obj('urllib.request', undefined);
};
/** urllib.request.Request(url, data=…, method=…) */
const request: Handler = (c) => {
  const url = c.str(c.arg(0, 'url'));
  c.fx.url(url);
  const verb = c.str(c.kw('method'))?.toUpperCase();
  if (c.arg(1, 'data') || (verb !== undefined && SEND_VERBS.has(verb))) c.fx.sends = true;
  return obj('request', url);
};
const urlretrieve: Handler = (c) => {
  c.fx.url(c.str(c.arg(0, 'url')));
  const dest = c.arg(1, 'filename');
  if (dest) c.fx.write(c.path(dest));
  return undefined;
};
/** socket.socket(): a raw socket */
const socket: Handler = (c) => {
  c.fx.socket = true;
  c.fx.url(undefined);
  return obj('socket', undefined);
};
const connect: Handler = (c) => {
  const v = c.val(c.arg(0, 'address'));
  // a Unix socket is a file (`/var/run/docker.sock`)
  if (v?.t === 'str' && !isUrl(v.v) && (v.v.startsWith('/') || v.v.startsWith('.'))) c.fx.write(v.v);
  else c.fx.host(hostOf(v));
  c.fx.socket = true;
  return undefined;
};
const sendTo: Handler = (c) => {
  c.fx.sends = true;
  if (c.method === 'sendto') c.fx.host(hostOf(c.val(c.pos(c.rest(0).length - 1))));
  return undefined;
};

// -- code ---------------------------------------------------------------------------------------

/** exec / eval / compile: a literal is scanned as code; code read from a file is a load */
const runCode =
  (name: string): Handler =>
  (c) => {
    const v = c.val(c.arg(0, 'source', 'object', 'expression'));
    if (v?.t === 'str') c.nested(v.v);
    else if (v?.t === 'obj' && v.cls === 'text') {
      c.fx.load(v.arg);
      c.fx.unknown(`runs code read from a file (\`${name}\`)`);
    } else if (c.live) c.fx.unknown(`builds code at run time (\`${name}\`)`);
    return undefined;
  };
const runFile =
  (name: string, at = 0): Handler =>
  (c) => {
    c.fx.load(c.path(c.arg(at, 'path_name', 'path', 'filename', 'location')));
    c.fx.unknown(`runs code from a file (\`${name}\`)`);
    return undefined;
  };
/** __import__("os"), importlib.import_module("os") */
const importModule: Handler = (c) => {
  const name = c.str(c.arg(0, 'name'));
  if (name === undefined) {
    if (c.live) c.fx.unknown(`imports a module named at run time (\`${c.name}\`)`);
    return undefined;
  }
  const m = canon(name);
  if (c.live && (ACTING.includes(m) || PYTHON.fallback(`${m}.x`)))
    c.fx.unknown(`imports \`${m}\` by name (\`${c.name}\`)`);
  return ref(m);
};
const getattr: Handler = (c) => {
  const target = c.val(c.pos(0));
  const name = c.str(c.pos(1));
  if (name === undefined) {
    if (c.live) c.fx.unknown('looks up an attribute by a computed name (`getattr`)');
    return undefined;
  }
  if (target?.t !== 'ref' || target.self || target.name.startsWith('#')) return undefined;
  const found = c.w.member(target, name, false);
  if (c.live && found.t === 'ref' && c.w.callable(found.name))
    c.fx.unknown(`looks up \`${found.name}\` by name (\`getattr\`)`);
  return found;
};
const setattr: Handler = (c) => {
  const target = c.val(c.pos(0));
  if (c.live && (c.str(c.pos(1)) === undefined || (target?.t === 'ref' && !target.name.startsWith('#'))))
    c.fx.unknown(`changes attributes by name (\`${c.name}\`)`);
  return undefined;
};
const deserialise = (name: string) => unknownCall(`deserialises data that can run code (\`${name}\`)`);
const native = unknownCall('loads a native library (`ctypes`)');
const yamlLoad: Handler = (c) => {
  const loader = c.tokens(c.arg(1, 'Loader')).map((t) => t.text);
  if (!loader.some((t) => /^(C?Safe|Base)Loader$/.test(t))) return deserialise('yaml.load')(c);
  return undefined;
};

const signal =
  (group: boolean): Handler =>
  (c) => {
    const pid = c.str(c.arg(0, 'pid', 'pgid'));
    c.fx.signal(pid !== undefined && group && /^\d+$/.test(pid) ? `-${pid}` : pid);
    return undefined;
  };
const dup2: Handler = (c) => {
  const to = c.str(c.pos(1));
  if (to === undefined || ['0', '1', '2'].includes(to)) c.fx.dup = true;
  return undefined;
};

// -- strings ------------------------------------------------------------------------------------

/** split as a POSIX shell would (quotes, no expansions), for shlex.split on a literal */
function shellWords(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let q = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (q) {
      if (ch === q) q = '';
      else if (ch === '\\' && q === '"' && i + 1 < s.length) cur += s[++i];
      else cur += ch;
    } else if (ch === "'" || ch === '"') {
      q = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < s.length) {
      cur += s[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}
const listOf = (xs: string[]): Value => ({ t: 'list', v: xs.map(str) });
const split = pure((c) => {
  const s = c.self?.t === 'str' ? c.self.v : undefined;
  if (s === undefined) return undefined;
  const sep = c.arg(0, 'sep');
  if (!sep) return listOf(s.split(/\s+/).filter((w) => w !== ''));
  const by = c.str(sep);
  return by === undefined || by === '' ? undefined : listOf(s.split(by));
});
const join = pure((c) => {
  const parts = stringsOf(c.val(c.pos(0)));
  return c.self?.t === 'str' && parts ? str(parts.join(c.self.v)) : undefined;
});

// -- the table ----------------------------------------------------------------------------------

const H = harmless;
const CALLS: Record<string, Handler> = {
  // processes
  'os.system': shellAt(0, 'command'),
  'os.popen': shellAt(0, 'cmd'),
  'os.popen2': shellAt(0),
  'os.popen3': shellAt(0),
  'os.popen4': shellAt(0),
  'platform.popen': shellAt(0),
  'commands.getoutput': shellAt(0),
  'commands.getstatusoutput': shellAt(0),
  'subprocess.getoutput': shellAt(0, 'cmd'),
  'subprocess.getstatusoutput': shellAt(0, 'cmd'),
  'popen2.popen2': shellAt(0),
  'popen2.popen3': shellAt(0),
  'popen2.popen4': shellAt(0),
  'subprocess.run': spawn,
  'subprocess.call': spawn,
  'subprocess.check_call': spawn,
  'subprocess.check_output': spawn,
  'subprocess.Popen': spawn,
  'asyncio.create_subprocess_shell': shellAt(0, 'cmd'),
  'asyncio.create_subprocess_exec': argvVarargs,
  'os.execv': execv(0),
  'os.execve': execv(0),
  'os.execvp': execv(0),
  'os.execvpe': execv(0),
  'os.execl': execl(0, false),
  'os.execlp': execl(0, false),
  'os.execle': execl(0, true),
  'os.execlpe': execl(0, true),
  'os.spawnv': execv(1),
  'os.spawnve': execv(1),
  'os.spawnvp': execv(1),
  'os.spawnvpe': execv(1),
  'os.spawnl': execl(1, false),
  'os.spawnlp': execl(1, false),
  'os.spawnle': execl(1, true),
  'os.spawnlpe': execl(1, true),
  'os.posix_spawn': execv(0),
  'os.posix_spawnp': execv(0),
  'pty.spawn': argvOrList,
  'os.kill': signal(false),
  'os.killpg': signal(true),
  'signal.pthread_kill': (c) => (c.fx.signal(undefined), undefined),
  'os.dup2': dup2,
  'psutil.Process': pure((c) => obj('psutil', c.str(c.arg(0, 'pid')))),
  'psutil#kill': (c) => (c.fx.signal(self(c)), undefined),
  'psutil#terminate': (c) => (c.fx.signal(self(c)), undefined),
  'psutil#send_signal': (c) => (c.fx.signal(self(c)), undefined),
  'psutil#suspend': (c) => (c.fx.signal(self(c)), undefined),
  // files
  open,
  file: open,
  'file#read': text,
  'file#readlines': text,
  'file#readline': text,
  'os.open': osOpen,
  'os.remove': files('delete', 0, ['path']),
  'os.unlink': files('delete', 0, ['path']),
  'os.rmdir': files('delete', 0, ['path']),
  'os.removedirs': files('delete', 0, ['name']),
  'os.rename': moves(0, 1, ['src'], ['dst']),
  'os.renames': moves(0, 1, ['old'], ['new']),
  'os.replace': moves(0, 1, ['src'], ['dst']),
  'os.mkdir': files('write', 0, ['path']),
  'os.makedirs': files('write', 0, ['name']),
  'os.mkfifo': files('write', 0, ['path']),
  'os.mknod': files('write', 0, ['path']),
  'os.chmod': files('write', 0, ['path']),
  'os.lchmod': files('write', 0, ['path']),
  'os.chown': files('write', 0, ['path']),
  'os.lchown': files('write', 0, ['path']),
  'os.chflags': files('write', 0, ['path']),
  'os.utime': files('write', 0, ['path']),
  'os.truncate': files('write', 0, ['path']),
  'os.setxattr': files('write', 0, ['path']),
  'os.removexattr': files('write', 0, ['path']),
  'os.symlink': links(0, 1),
  'os.link': links(0, 1),
  'os.listdir': files('read', 0, ['path'], '.'),
  'os.scandir': files('read', 0, ['path'], '.'),
  'os.walk': files('read', 0, ['top'], '.'),
  'os.fwalk': files('read', 0, ['top'], '.'),
  'glob.glob': files('read', 0, ['pathname']),
  'glob.iglob': files('read', 0, ['pathname']),
  'shutil.copy': copies(0, 1, ['src'], ['dst']),
  'shutil.copy2': copies(0, 1, ['src'], ['dst']),
  'shutil.copyfile': copies(0, 1, ['src'], ['dst']),
  'shutil.copytree': copies(0, 1, ['src'], ['dst']),
  'shutil.copymode': copies(0, 1, ['src'], ['dst']),
  'shutil.copystat': copies(0, 1, ['src'], ['dst']),
  'shutil.move': moves(0, 1, ['src'], ['dst']),
  'shutil.rmtree': files('delete', 0, ['path']),
  'shutil.chown': files('write', 0, ['path']),
  'shutil.make_archive': (c) => {
    c.fx.write(c.path(c.arg(0, 'base_name')));
    const root = c.arg(2, 'root_dir');
    c.fx.read(root ? c.path(root) : '.');
    return undefined;
  },
  'shutil.unpack_archive': (c) => {
    c.fx.read(c.path(c.arg(0, 'filename')));
    const dir = c.arg(1, 'extract_dir');
    c.fx.write(dir ? c.path(dir) : '.');
    return undefined;
  },
  'pathlib.Path': joined,
  'pathlib.Path.home': constant(obj('path', '~')),
  'pathlib.Path.cwd': constant(obj('path', '.')),
  'path#read_text': selfFile('read'),
  'path#read_bytes': selfFile('read'),
  'path#open': (c) => {
    const modeArg = c.arg(0, 'mode');
    return openFile(c, self(c), modeArg ? c.str(modeArg) : 'r');
  },
  'path#write_text': selfFile('write'),
  'path#write_bytes': selfFile('write'),
  'path#unlink': selfFile('delete'),
  'path#rmdir': selfFile('delete'),
  'path#mkdir': selfFile('write'),
  'path#touch': selfFile('write'),
  'path#chmod': selfFile('write'),
  'path#lchmod': selfFile('write'),
  // the link (this path) and its target: later writes through one reach the other
  'path#symlink_to': all(selfFile('write'), files('write', 0, ['target'])),
  'path#hardlink_to': all(selfFile('write'), files('write', 0, ['target'])),
  'path#link_to': (c) => (c.fx.write(c.path(c.pos(0))), undefined),
  'path#rename': (c) => {
    const from = self(c);
    c.fx.read(from);
    c.fx.delete(from);
    const to = c.path(c.arg(0, 'target'));
    c.fx.write(to);
    return obj('path', to);
  },
  'path#iterdir': (c) => (c.fx.read(self(c)), undefined),
  'path#glob': (c) => (c.fx.read(self(c)), undefined),
  'path#rglob': (c) => (c.fx.read(self(c)), undefined),
  'path#walk': (c) => (c.fx.read(self(c)), undefined),
  'path#joinpath': pure((c) => {
    const parts = [self(c), ...c.rest(0).map((a) => c.path(a))];
    return obj('path', parts.some((p) => p === undefined) ? undefined : (parts as string[]).reduce(joinPath));
  }),
  'path#expanduser': samePath,
  'path#resolve': samePath,
  'path#absolute': samePath,
  // a method on something unknown: a path named at run time
  '#read_text': (c) => (c.fx.read(undefined), undefined),
  '#read_bytes': (c) => (c.fx.read(undefined), undefined),
  '#write_text': (c) => (c.fx.write(undefined), undefined),
  '#write_bytes': (c) => (c.fx.write(undefined), undefined),
  '#unlink': (c) => (c.fx.delete(undefined), undefined),
  '#rmdir': (c) => (c.fx.delete(undefined), undefined),
  '#rmtree': (c) => (c.fx.delete(undefined), undefined),
  '#mkdir': (c) => (c.fx.write(undefined), undefined),
  '#touch': (c) => (c.fx.write(undefined), undefined),
  '#symlink_to': (c) => (c.fx.write(undefined), undefined),
  '#system': unknownCall('calls a `system` method of something named at run time'),
  '#popen': unknownCall('calls a `popen` method of something named at run time'),
  '#check_output': unknownCall('calls a `check_output` method of something named at run time'),
  '#Popen': unknownCall('calls a `Popen` method of something named at run time'),
  '#sendall': sendTo,
  '#sendto': sendTo,
  '#sendmsg': sendTo,
  '#send': (c) => {
    if (c.fx.network || c.w.fx.network) c.fx.sends = true;
    return undefined;
  },
  '#connect': (c) => {
    // only the address tuple of a socket: `s.connect(("host", 80))`
    const v = c.val(c.pos(0));
    if (v?.t === 'list' && v.v.length === 2 && v.v[0]?.t === 'str') connect(c);
    return undefined;
  },
  '#kill': (c) => (c.w.modules.has('psutil') ? c.fx.signal(undefined) : undefined, undefined),
  '#terminate': (c) => (c.w.modules.has('psutil') ? c.fx.signal(undefined) : undefined, undefined),
  '#send_signal': (c) => (c.w.modules.has('psutil') ? c.fx.signal(undefined) : undefined, undefined),
  // logging writes to a file only when given one
  'logging.basicConfig': (c) => {
    const file = c.kw('filename');
    if (file) c.fx.write(c.path(file));
    return undefined;
  },
  'logging.FileHandler': (c) => (c.fx.write(c.path(c.arg(0, 'filename'))), undefined),
  'os.path.join': joined,
  'os.path.expanduser': samePath,
  'os.path.abspath': samePath,
  'os.path.realpath': samePath,
  'os.path.normpath': samePath,
  'os.fspath': samePath,
  str: samePath,
  'os.getcwd': constant(str('.')),
  'os.getenv': getenv,
  'os.environ.get': getenv,
  'str#split': split,
  'shlex.split': pure((c) => {
    const s = c.str(c.pos(0));
    return s === undefined ? undefined : listOf(shellWords(s));
  }),
  'str#join': join,
  // network
  'socket.socket': socket,
  'socket.fromfd': socket,
  'socket.create_connection': all(socket, connect),
  'socket#connect': connect,
  'socket#connect_ex': connect,
  'socket#send': sendTo,
  'socket#sendall': sendTo,
  'socket#sendto': sendTo,
  'socket#sendfile': sendTo,
  'socket#sendmsg': sendTo,
  'socket.gethostbyname': (c) => (c.fx.host(hostOf(c.val(c.pos(0)))), undefined),
  'socket.gethostbyname_ex': (c) => (c.fx.host(hostOf(c.val(c.pos(0)))), undefined),
  'socket.getaddrinfo': (c) => (c.fx.host(hostOf(c.val(c.pos(0)))), undefined),
  'socket.gethostbyaddr': (c) => (c.fx.host(hostOf(c.val(c.pos(0)))), undefined),
  'asyncio.open_connection': all(socket, (c) => (c.fx.host(hostOf(c.val(c.arg(0, 'host')))), undefined)),
  'asyncio.start_server': (c) => (c.fx.url(undefined), undefined),
  'urllib.request.urlopen': urlopen,
  'urllib2.urlopen': urlopen,
  'urllib.urlopen': urlopen,
  'urllib.request.Request': request,
  'urllib2.Request': request,
  'urllib.request.urlretrieve': urlretrieve,
  'urllib.urlretrieve': urlretrieve,
  // code
  exec: runCode('exec'),
  eval: runCode('eval'),
  compile: runCode('compile'),
  execfile: runFile('execfile'),
  'runpy.run_path': runFile('runpy.run_path'),
  'runpy.run_module': unknownCall('runs a Python module (`runpy.run_module`)'),
  'importlib.util.spec_from_file_location': runFile('importlib', 1),
  'importlib.machinery.SourceFileLoader': runFile('importlib', 1),
  __import__: importModule,
  'importlib.import_module': importModule,
  'importlib.reload': H,
  getattr,
  setattr,
  delattr: setattr,
  globals: unknownCall('reaches variables by name (`globals`)'),
  vars: unknownCall('reaches variables by name (`vars`)'),
  'operator.methodcaller': unknownCall('calls a method named by a string (`operator.methodcaller`)'),
  'operator.attrgetter': unknownCall('looks up attributes by name (`operator.attrgetter`)'),
  'pickle.loads': deserialise('pickle.loads'),
  'pickle.load': deserialise('pickle.load'),
  'pickle.Unpickler': deserialise('pickle.Unpickler'),
  'marshal.loads': deserialise('marshal.loads'),
  'marshal.load': deserialise('marshal.load'),
  'dill.loads': deserialise('dill.loads'),
  'dill.load': deserialise('dill.load'),
  'shelve.open': deserialise('shelve.open'),
  'jsonpickle.decode': deserialise('jsonpickle.decode'),
  'joblib.load': deserialise('joblib.load'),
  'torch.load': deserialise('torch.load'),
  'yaml.load': yamlLoad,
  'yaml.load_all': yamlLoad,
  'yaml.unsafe_load': deserialise('yaml.unsafe_load'),
  'yaml.full_load': deserialise('yaml.full_load'),
  // harmless calls of modules that otherwise act
  'os.getpid': H,
  'os.getppid': H,
  'os.getuid': H,
  'os.geteuid': H,
  'os.getgid': H,
  'os.getegid': H,
  'os.getgroups': H,
  'os.getlogin': H,
  'os.getcwdb': H,
  'os.getenvb': H,
  'os.cpu_count': H,
  'os.uname': H,
  'os.urandom': H,
  'os.getrandom': H,
  'os.get_terminal_size': H,
  'os.fsencode': H,
  'os.fsdecode': H,
  'os.isatty': H,
  'os.stat': H,
  'os.lstat': H,
  'os.fstat': H,
  'os.access': H,
  'os.strerror': H,
  'os.get_exec_path': H,
  'os.times': H,
  'os.getloadavg': H,
  'os.sched_getaffinity': H,
  'os.umask': H,
  'os.close': H,
  'os.read': H,
  'os.write': H,
  'os.fdopen': H,
  'os.pipe': H,
  'os.dup': H,
  'os.wait': H,
  'os.waitpid': H,
  'os.waitstatus_to_exitcode': H,
  'os.WEXITSTATUS': H,
  'os.putenv': H,
  'os.unsetenv': H,
  'os.get_blocking': H,
  'os.device_encoding': H,
  'os.fsync': H,
  'os.sep': H,
  'subprocess.list2cmdline': H,
  'subprocess.CalledProcessError': H,
  'subprocess.TimeoutExpired': H,
  'subprocess.CompletedProcess': H,
  'shutil.which': H,
  'shutil.disk_usage': H,
  'shutil.get_terminal_size': H,
  'shutil.get_archive_formats': H,
  'shutil.get_unpack_formats': H,
  'shutil.ignore_patterns': H,
  'shutil.copyfileobj': H,
  'socket.gethostname': H,
  'socket.getfqdn': H,
  'socket.inet_aton': H,
  'socket.inet_ntoa': H,
  'socket.inet_pton': H,
  'socket.inet_ntop': H,
  'socket.htons': H,
  'socket.ntohs': H,
  'socket.htonl': H,
  'socket.ntohl': H,
  'socket.setdefaulttimeout': H,
  'socket.getdefaulttimeout': H,
  'socket.socketpair': H,
  'socket.if_nameindex': H,
  'signal.signal': H,
  'signal.alarm': H,
  'signal.setitimer': H,
  'signal.getsignal': H,
  'signal.raise_signal': H,
  'signal.Signals': H,
  'signal.strsignal': H,
  'signal.pause': H,
  'multiprocessing.cpu_count': H,
  'multiprocessing.current_process': H,
  'pathlib.Path.exists': H,
  'pty.openpty': H,
  'importlib.invalidate_caches': H,
  'http.client.responses': H,
};

/** modules whose calls can act: a call not in the table cannot be judged */
const ACTING = [
  'os',
  'subprocess',
  'shutil',
  'socket',
  'pty',
  'signal',
  'multiprocessing',
  'pathlib',
  'importlib',
  'commands',
  'popen2',
  'asyncio.subprocess',
  '_posixsubprocess',
  'resource',
  'fcntl',
  // files through other doors: line caches, archives, databases, compiled output, log files
  'linecache',
  'fileinput',
  'tarfile',
  'zipfile',
  'sqlite3',
  'py_compile',
  'compileall',
  'dbm',
  'shelve',
  'mmap',
  'gzip',
  'bz2',
  'lzma',
  'codecs.open',
  'webbrowser',
  'logging.basicConfig',
  'logging.FileHandler',
  'logging.handlers',
];
/** parts of acting modules that only compute or read the environment */
const HARMLESS_PREFIXES = [
  'os.path.',
  'os.environ',
  'importlib.metadata.',
  'importlib.resources.',
  'signal.SIG',
  'os.O_',
];

const CANON: Array<[string, string]> = [
  ['builtins', ''],
  ['__builtin__', ''],
  ['__builtins__', ''],
  ['io.open', 'open'],
  ['codecs.open', 'open'],
  ['posixpath', 'os.path'],
  ['ntpath', 'os.path'],
  ['posix', 'os'],
  ['nt', 'os'],
  ['pathlib.PurePath', 'pathlib.Path'],
  ['pathlib.PosixPath', 'pathlib.Path'],
  ['pathlib.PurePosixPath', 'pathlib.Path'],
  ['pathlib.WindowsPath', 'pathlib.Path'],
  ['cPickle', 'pickle'],
  ['_pickle', 'pickle'],
  ['pathlib.Path#', 'path#'],
];

export function canon(name: string): string {
  for (const [from, to] of CANON) {
    if (name === from) return to === '' ? name : to;
    if (from.endsWith('#') ? name.startsWith(from) : name.startsWith(from + '.'))
      return to === ''
        ? name.slice(from.length + 1)
        : to + name.slice(from.endsWith('#') ? from.length - 1 : from.length);
  }
  return name;
}

const KEYWORDS = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);
const INTERNALS = new Set([
  '__dict__',
  '__globals__',
  '__subclasses__',
  '__bases__',
  '__base__',
  '__mro__',
  '__code__',
  '__closure__',
  '__builtins__',
  '__getattribute__',
  '__import__',
  '__loader__',
  '__reduce__',
  '__reduce_ex__',
  'f_globals',
  'f_locals',
  'f_builtins',
  'gi_frame',
  'tb_frame',
]);

const PYTHON: Language = {
  dialect: 'python',
  member: new Set(['.']),
  concat: new Set(['+']),
  juxtapose: true,
  keyword: ['='],
  keywords: KEYWORDS,
  declares: new Set(['def', 'class']),
  parenless: false,
  calls: CALLS,
  canon,
  fallback(name) {
    if (/^(ctypes|_ctypes|cffi)[.#]/.test(name) || name === 'ctypes' || name === 'cffi') return native;
    for (const m of NETWORK_MODULES)
      if (name.startsWith(m + '.') || name.startsWith(m + '#') || name === m) return network(m);
    if (/^(keyring|keyrings|secretstorage|keychain)[.#]/.test(name)) return secretStore;
    return undefined;
  },
  unmodelled(name) {
    if (HARMLESS_PREFIXES.some((p) => name.startsWith(p))) return undefined;
    const acting = ACTING.some((m) => name === m || name.startsWith(m + '.') || name.startsWith(m + '#'));
    return acting ? `calls \`${name}\`, which aarm does not model` : undefined;
  },
  root(w, i, live) {
    const t = w.tokens[i]!;
    if (t.kind === 'name' && t.text === '__builtins__') {
      if (live) w.fx.unknown('reaches built-in functions by name (`__builtins__`)');
      return { v: ref('builtins'), next: i + 1 };
    }
    return undefined;
  },
  index(w, v, key, live) {
    if (v?.t !== 'ref' || v.self || v.name.startsWith('#')) return undefined;
    const k = key?.t === 'str' ? key.v : undefined;
    if (v.name === 'os.environ') return k === 'HOME' ? str('~') : undefined;
    if (v.name === 'sys.modules' || v.name === 'builtins') {
      if (k !== undefined) {
        const m = v.name === 'sys.modules' ? canon(k) : k;
        if (live && w.callable(`${m}.x`)) w.fx.unknown(`reaches \`${m}\` through \`${v.name}\``);
        return ref(m);
      }
      if (live) w.fx.unknown(`reaches a name computed at run time (\`${v.name}[…]\`)`);
    }
    return undefined;
  },
  onMember(w, _v, name, live) {
    if (live && INTERNALS.has(name)) w.fx.unknown(`reaches interpreter internals (\`${name}\`)`);
  },
  rescan: (code, depth) => scan(code, depth),
};

// -- imports and assignments --------------------------------------------------------------------

const ASSIGN = new Set([
  '=',
  '+=',
  '-=',
  '*=',
  '/=',
  '//=',
  '%=',
  '**=',
  '|=',
  '&=',
  '^=',
  '<<=',
  '>>=',
  '@=',
]);

/** Record what names are bound to: imports, single assignments, and every other binding form. */
function bind(w: Walker): void {
  const toks = w.tokens;
  const depth = w.depthOf;
  const n = toks.length;
  const stmtEnds = listEnds(toks, (i) => (toks[i]!.nl && depth[i] === 0) || toks[i]!.text === ';');
  const atStart = (i: number) =>
    i === 0 || (depth[i] === 0 && (toks[i]!.nl || toks[i - 1]!.text === ';' || toks[i - 1]!.text === ':'));
  /** `a.b.c` or a relative `..a` from j */
  const dotted = (j: number, end: number): [string, number] => {
    let name = '';
    while (j < end && (toks[j]!.text === '.' || toks[j]!.text === '...')) name += toks[j++]!.text;
    if (j < end && toks[j]!.kind === 'name' && !KEYWORDS.has(toks[j]!.text)) {
      name += toks[j++]!.text;
      while (j + 1 < end && toks[j]!.text === '.' && toks[j + 1]!.kind === 'name') {
        name += '.' + toks[j + 1]!.text;
        j += 2;
      }
    }
    return [name, j];
  };
  for (let i = 0; i < n; i++) {
    const t = toks[i]!;
    if (t.kind !== 'name') continue;
    const prev = toks[i - 1];
    const next = toks[i + 1];
    if ((t.text === 'import' || t.text === 'from') && atStart(i)) {
      const end = stmtEnds[i]!;
      for (let k = i; k < end; k++) w.skip[k] = 1;
      if (t.text === 'import') {
        let j = i + 1;
        while (j < end) {
          const [module, after] = dotted(j, end);
          j = after;
          const m = canon(module);
          w.modules.add(m);
          if (m === '__main__') w.fx.unknown('reaches its own variables by name (`__main__`)');
          if (toks[j]?.text === 'as' && toks[j + 1]) {
            w.store(toks[j + 1]!.text, ref(m));
            j += 2;
          } else if (module !== '') w.store(module.split('.')[0]!, ref(module.split('.')[0]!));
          if (toks[j]?.text !== ',') break;
          j++;
        }
      } else {
        const [module, after] = dotted(i + 1, end);
        const local = module.startsWith('.');
        w.modules.add(canon(module));
        for (let j = after + 1; j < end; j++) {
          const name = toks[j]!;
          if (name.text === '*') w.stars.push(canon(module));
          if (name.kind !== 'name' || name.text === 'as') continue;
          const alias = toks[j + 1]?.text === 'as' ? toks[j + 2] : undefined;
          w.store((alias ?? name).text, local ? undefined : ref(canon(`${module}.${name.text}`)));
          if (alias) j += 2;
        }
      }
      i = end - 1;
      continue;
    }
    if (prev?.text === '.') continue;
    if (next?.text === ':=' || (next && ASSIGN.has(next.text) && depth[i] === 0)) {
      // NAME = value at the start of a statement is an alias or a constant; anything else just binds
      const end = stmtEnds[i]!;
      const chained = toks[i + 3]?.text === '=' && toks[i + 2]?.kind === 'name';
      if (next.text === '=' && atStart(i) && !chained && i + 2 < end) w.store(t.text, [i + 2, end]);
      else w.store(t.text);
      continue;
    }
    if (next?.text === ':' && atStart(i) && depth[i] === 0) {
      w.store(t.text); // annotated: `x: str = …`
      continue;
    }
    const p = prev?.text;
    if (p === 'as' || p === 'def' || p === 'class' || p === 'global' || p === 'nonlocal' || p === 'del') {
      w.store(t.text);
      continue;
    }
    if (t.text === 'for' || t.text === 'lambda' || (t.text === 'case' && atStart(i))) {
      // targets up to `in` / `:` at the same depth
      const stop = t.text === 'for' ? 'in' : ':';
      for (let j = i + 1; j < n && j < i + 256 && depth[j]! >= depth[i]!; j++) {
        if (depth[j] === depth[i] && toks[j]!.text === stop) break;
        if (toks[j]!.kind === 'name' && toks[j - 1]?.text !== '.' && !KEYWORDS.has(toks[j]!.text))
          w.store(toks[j]!.text);
      }
      continue;
    }
    if (t.text === 'def' && toks[i + 2]?.text === '(') {
      // parameters
      const close = Math.min(w.close(i + 2), i + 259);
      for (let j = i + 3; j < close; j++) {
        const q = toks[j - 1]!.text;
        if (toks[j]!.kind === 'name' && depth[j] === depth[i + 3] && ['(', ',', '*', '**'].includes(q))
          w.store(toks[j]!.text);
      }
      continue;
    }
    if (next?.text === ',' && atStart(i)) {
      // `a, b = …`: every name before the statement's `=`
      const end = stmtEnds[i]!;
      let eq = -1;
      for (let j = i; j < end; j++)
        if (depth[j] === 0 && toks[j]!.kind === 'punct' && ASSIGN.has(toks[j]!.text)) {
          eq = j;
          break;
        }
      for (let j = i; j < eq; j++)
        if (toks[j]!.kind === 'name' && depth[j] === 0 && toks[j - 1]?.text !== '.') w.store(toks[j]!.text);
      if (eq > 0) i = eq;
    }
  }
}

function scan(code: string, depth: number): Effects {
  const w = new Walker(lex(code, 'python'), PYTHON, depth);
  bind(w);
  return w.run();
}

export const scanPython: CodeScanner = (code) => {
  try {
    return scan(code, 0).result();
  } catch {
    const fx = new Effects();
    fx.unknown('could not be read');
    return fx.result();
  }
};
