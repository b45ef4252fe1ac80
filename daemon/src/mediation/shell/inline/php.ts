/**
 * PHP inline code (`php -r`, a here-document or file text fed to `php`, with or without
 * `<?php` tags): the program-execution functions and the backtick operator, file functions
 * (with `http://` paths as network reads), sockets, cURL and `mail()`, `posix_kill`,
 * `include`/`require`, and the ways PHP hides a call: `eval`, `assert` of a string,
 * `create_function`, `preg_replace` with `/e`, variable functions and callbacks named by strings.
 * Function names are case-insensitive, so the table is in lower case.
 */
import {
  Effects,
  Walker,
  files,
  isUrl,
  lex,
  moves,
  obj,
  ref,
  stringsOf,
  unknownCall,
  type Call,
  type Handler,
  type Language,
  links,
} from './lexer.js';
import type { CodeScanner } from './types.js';

/** `php://stdin` and friends are streams, not files */
const isStream = (p: string | undefined) =>
  p !== undefined && /^php:\/\/(std(in|out|err)|memory|temp|input|output|fd)/i.test(p);
const hostText = (s: string | undefined) => {
  if (s === undefined) return undefined;
  const bare = s.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, '');
  return /^[\w.-]+$/.test(bare) ? bare : undefined;
};

/** file_get_contents / file / readfile: a URL is fetched, a path read */
const readAt =
  (slot: number): Handler =>
  (c) => {
    const p = c.path(c.pos(slot));
    if (isUrl(p) && !/^(file|php|phar|glob|data):/i.test(p!)) c.fx.url(p);
    else if (!isStream(p)) c.fx.read(p);
    return obj('text', p);
  };
/** file_put_contents: a URL is a network write */
const writeAt =
  (slot: number): Handler =>
  (c) => {
    const p = c.path(c.pos(slot));
    if (isUrl(p) && !/^(file|php|phar):/i.test(p!)) {
      c.fx.url(p);
      c.fx.sends = true;
    } else if (!isStream(p)) c.fx.write(p);
    return undefined;
  };
/** fopen(path, mode), new SplFileObject(path, mode) */
const fopen: Handler = (c) => {
  const p = c.path(c.pos(0));
  const modeArg = c.pos(1);
  const mode = modeArg ? c.str(modeArg) : 'r';
  const writes = mode === undefined || /[waxc+]/.test(mode);
  if (isUrl(p) && !/^(file|php|phar):/i.test(p!)) {
    c.fx.url(p);
    if (writes) c.fx.sends = true;
  } else if (!isStream(p)) {
    if (writes) c.fx.write(p);
    else c.fx.read(p);
  }
  return obj('file', p);
};
/** proc_open("cmd", …) runs a shell; proc_open(["ls", "-l"], …) does not */
const procOpen: Handler = (c) => {
  const v = c.val(c.pos(0));
  if (v?.t === 'str') c.fx.shell(v.v);
  else c.fx.argv(stringsOf(v));
  return undefined;
};
/** pcntl_exec(path, [args]) */
const pcntlExec: Handler = (c) => {
  const program = c.str(c.pos(0));
  const args = c.pos(1) ? stringsOf(c.val(c.pos(1))) : [];
  c.fx.argv(program === undefined || args === undefined ? undefined : [program, ...args]);
  return undefined;
};

// -- network ------------------------------------------------------------------------------------

const socketTo: Handler = (c) => {
  c.fx.socket = true;
  c.fx.url(undefined);
  c.fx.host(hostText(c.str(c.pos(0))));
  return obj('socket', undefined);
};
const sends: Handler = (c) => {
  c.fx.url(undefined);
  c.fx.sends = true;
  return undefined;
};
/** fwrite / fputs to a socket sends */
const writeHandle: Handler = (c) => {
  if (c.w.fx.socket || c.fx.socket) c.fx.sends = true;
  return undefined;
};
const SEND_OPTIONS = /^(CURLOPT_POST|CURLOPT_POSTFIELDS|CURLOPT_UPLOAD|CURLOPT_PUT|CURLOPT_INFILE)$/;
/** curl_init(url), curl_setopt($ch, CURLOPT_URL, url), curl_setopt_array($ch, [...]) */
const curl: Handler = (c) => {
  c.fx.url(undefined);
  const toks = c.args.flatMap((a) => c.tokens(a));
  for (const t of toks) {
    if (t.kind === 'string' && t.literal && isUrl(t.value)) c.fx.url(t.value);
    if (t.kind === 'name' && SEND_OPTIONS.test(t.text)) c.fx.sends = true;
    if (t.kind === 'string' && /^(POST|PUT|PATCH|DELETE)$/i.test(t.value)) c.fx.sends = true;
  }
  return obj('curl', undefined);
};
const streamContext: Handler = (c) => {
  for (const a of c.args)
    for (const t of c.tokens(a))
      if (t.kind === 'string' && /^(POST|PUT|PATCH|DELETE)$/i.test(t.value)) c.fx.sends = true;
  return undefined;
};

// -- code ---------------------------------------------------------------------------------------

const evalCode =
  (name: string): Handler =>
  (c) => {
    const v = c.val(c.pos(0));
    if (v?.t === 'str') c.nested(v.v);
    else if (v?.t === 'obj' && v.cls === 'text') {
      c.fx.load(v.arg);
      c.fx.unknown(`runs code read from a file (\`${name}\`)`);
    } else if (c.live) c.fx.unknown(`builds code at run time (\`${name}\`)`);
    return undefined;
  };
/** assert("code") evaluates a string (before PHP 8); assert($x > 0) is an expression */
const assertCode: Handler = (c) => {
  const a = c.pos(0);
  const toks = c.tokens(a);
  if (toks[0]?.kind === 'string') return evalCode('assert')(c);
  if (toks.length === 1 && toks[0]!.kind === 'name' && toks[0]!.text.startsWith('$') && c.live)
    c.fx.unknown('may evaluate a string as code (`assert`)');
  return undefined;
};
const createFunction: Handler = (c) => {
  const v = c.val(c.pos(1));
  if (v?.t === 'str') c.nested(v.v);
  else if (c.live) c.fx.unknown('builds code at run time (`create_function`)');
  return undefined;
};
/** preg_replace("/x/e", "code", …) evaluates the replacement */
const pregReplace: Handler = (c) => {
  const pattern = c.val(c.pos(0));
  const patterns = pattern?.t === 'list' ? pattern.v : [pattern];
  for (const p of patterns) {
    if (p?.t !== 'str') {
      if (c.live && pattern?.t !== 'list') c.fx.unknown('uses a pattern built at run time (`preg_replace`)');
      continue;
    }
    const delim = p.v.trimStart()[0];
    const end = delim === undefined ? -1 : p.v.lastIndexOf(delim === '(' ? ')' : delim === '{' ? '}' : delim);
    if (end > 0 && p.v.slice(end + 1).includes('e') && c.live)
      c.fx.unknown('runs code from a replacement (`preg_replace` with /e)');
  }
  return undefined;
};
/** call_user_func("system", "id") calls the function named */
const callByName =
  (spread: boolean): Handler =>
  (c) => {
    const first = c.pos(0);
    const name = c.str(first);
    if (name === undefined) {
      if (c.live && !isClosure(c, first))
        c.fx.unknown(`calls a function named at run time (\`${c.method}\`)`);
      return undefined;
    }
    const target = ref(canon(name));
    if (c.live && c.w.callable(target.t === 'ref' ? target.name : ''))
      c.fx.unknown(`calls \`${name}\` by name (\`${c.method}\`)`);
    if (!spread)
      return c.w.call(
        target,
        c.args.filter((a) => a !== first),
        c.at,
        c.live,
      );
    const list = c.pos(1);
    const toks = c.w.tokens;
    if (list && toks[list.start]?.text === '[')
      return c.w.call(target, c.w.args(list.start + 1, list.end - 1), c.at, c.live);
    if (c.live) c.fx.unknown(`calls \`${name}\` with arguments built at run time`);
    return undefined;
  };
const isClosure = (c: Call, a: { start: number } | undefined) => {
  const t = c.w.tokens[a?.start ?? -1];
  return t?.kind === 'name' && (t.text === 'function' || t.text === 'fn' || t.text === 'static');
};
/** array_map("system", …): a callback named by a string */
const withCallback =
  (slot: number): Handler =>
  (c) => {
    const a = c.pos(slot);
    if (!a || !c.live) return undefined;
    const name = c.str(a);
    if (name !== undefined) {
      const h = c.w.handler(canon(name));
      if (h && !h.pure) c.fx.unknown(`passes \`${name}\` as a callback`);
    } else if (!isClosure(c, a)) {
      const toks = c.tokens(a);
      if (toks.length === 1 && toks[0]!.text.startsWith('$'))
        c.fx.unknown('passes a function named at run time as a callback');
    }
    return undefined;
  };
const reflection: Handler = (c) => {
  const name = c.str(c.pos(0));
  if (c.live)
    c.fx.unknown(
      name === undefined ? 'reaches a function by reflection' : `reaches \`${name}\` by reflection`,
    );
  return undefined;
};
const native = unknownCall('loads a native library');
const putenv: Handler = (c) => {
  const s = c.str(c.pos(0));
  if (s === undefined) c.fx.unknown('sets an environment variable named at run time (`putenv`)');
  else if (/^(LD_|DYLD_)/.test(s)) c.fx.unknown(`sets \`${s.split('=')[0]!}\` for the commands it starts`);
  return undefined;
};

// -- the table ----------------------------------------------------------------------------------

const shell: Handler = (c) => {
  c.fx.shell(c.str(c.pos(0)));
  return undefined;
};
const CALLS: Record<string, Handler> = {
  system: shell,
  exec: shell,
  shell_exec: shell,
  passthru: shell,
  popen: shell,
  expect_popen: shell,
  proc_open: procOpen,
  pcntl_exec: pcntlExec,
  mail: (c) => (sends(c), c.fx.host(undefined), undefined),
  mb_send_mail: (c) => (sends(c), undefined),
  posix_kill: (c) => (c.fx.signal(c.str(c.pos(0))), undefined),
  file_get_contents: readAt(0),
  file: readAt(0),
  readfile: readAt(0),
  parse_ini_file: readAt(0),
  highlight_file: readAt(0),
  show_source: readAt(0),
  php_strip_whitespace: readAt(0),
  simplexml_load_file: readAt(0),
  md5_file: readAt(0),
  sha1_file: readAt(0),
  hash_file: readAt(1),
  get_headers: (c) => (c.fx.url(c.str(c.pos(0))), undefined),
  file_put_contents: writeAt(0),
  fopen,
  splfileobject: fopen,
  unlink: files('delete', 0),
  rmdir: files('delete', 0),
  mkdir: files('write', 0),
  rename: moves(0, 1),
  copy: (c) => {
    const from = c.path(c.pos(0));
    if (isUrl(from) && !/^(file|php|phar):/i.test(from!)) c.fx.url(from);
    else c.fx.read(from);
    c.fx.write(c.path(c.pos(1)));
    return undefined;
  },
  move_uploaded_file: moves(0, 1),
  touch: files('write', 0),
  chmod: files('write', 0),
  chown: files('write', 0),
  chgrp: files('write', 0),
  lchown: files('write', 0),
  lchgrp: files('write', 0),
  symlink: links(0, 1),
  link: links(0, 1),
  scandir: files('read', 0),
  opendir: files('read', 0),
  dir: files('read', 0),
  glob: files('read', 0),
  fsockopen: socketTo,
  pfsockopen: socketTo,
  stream_socket_client: socketTo,
  socket_create: (c) => ((c.fx.socket = true), c.fx.url(undefined), undefined),
  socket_connect: (c) => ((c.fx.socket = true), c.fx.host(hostText(c.str(c.pos(1)))), undefined),
  socket_write: sends,
  socket_send: sends,
  socket_sendto: sends,
  stream_socket_sendto: sends,
  fwrite: writeHandle,
  fputs: writeHandle,
  curl_init: curl,
  curl_setopt: curl,
  curl_setopt_array: curl,
  curl_exec: curl,
  curl_multi_exec: curl,
  stream_context_create: streamContext,
  ftp_connect: (c) => (c.fx.host(hostText(c.str(c.pos(0)))), undefined),
  ftp_ssl_connect: (c) => (c.fx.host(hostText(c.str(c.pos(0)))), undefined),
  ftp_put: sends,
  ftp_fput: sends,
  gethostbyname: (c) => (c.fx.host(hostText(c.str(c.pos(0)))), undefined),
  dns_get_record: (c) => (c.fx.host(hostText(c.str(c.pos(0)))), undefined),
  soapclient: (c) => (c.fx.url(c.str(c.pos(0))), undefined),
  eval: evalCode('eval'),
  assert: assertCode,
  create_function: createFunction,
  preg_replace: pregReplace,
  call_user_func: callByName(false),
  call_user_func_array: callByName(true),
  forward_static_call: callByName(false),
  forward_static_call_array: callByName(true),
  array_map: withCallback(0),
  array_filter: withCallback(1),
  array_walk: withCallback(1),
  array_walk_recursive: withCallback(1),
  array_reduce: withCallback(1),
  usort: withCallback(1),
  uasort: withCallback(1),
  uksort: withCallback(1),
  register_shutdown_function: withCallback(0),
  register_tick_function: withCallback(0),
  set_error_handler: withCallback(0),
  set_exception_handler: withCallback(0),
  spl_autoload_register: withCallback(0),
  iterator_apply: withCallback(1),
  ob_start: withCallback(0),
  header_register_callback: withCallback(0),
  reflectionfunction: reflection,
  reflectionmethod: reflection,
  'closure::fromcallable': reflection,
  extract: unknownCall('sets variables from data (`extract`)'),
  putenv,
  dl: native,
  'ffi::cdef': native,
  'ffi::load': native,
  'ffi::scope': native,
};

const HARMLESS_POSIX = new Set([
  'posix_getpid',
  'posix_getppid',
  'posix_getuid',
  'posix_geteuid',
  'posix_getgid',
  'posix_getegid',
  'posix_getpwuid',
  'posix_getpwnam',
  'posix_getgrgid',
  'posix_uname',
  'posix_isatty',
  'posix_getcwd',
  'posix_ttyname',
  'posix_times',
  'posix_getlogin',
  'posix_strerror',
  'posix_get_last_error',
  'posix_errno',
  'posix_getrlimit',
  'posix_getgroups',
  'posix_getpgid',
  'posix_getsid',
  'posix_access',
  'pcntl_signal',
  'pcntl_wait',
  'pcntl_waitpid',
  'pcntl_signal_dispatch',
  'pcntl_async_signals',
  'pcntl_wexitstatus',
  'pcntl_wifexited',
  'pcntl_alarm',
]);

/** lower case, no namespace: `\App\SYSTEM` is `system` */
export function canon(name: string): string {
  const bare = name.slice(name.lastIndexOf('\\') + 1);
  return bare.startsWith('$') ? bare : bare.toLowerCase();
}

const KEYWORDS = new Set([
  'abstract',
  'and',
  'as',
  'break',
  'callable',
  'case',
  'catch',
  'class',
  'clone',
  'const',
  'continue',
  'declare',
  'default',
  'do',
  'echo',
  'else',
  'elseif',
  'empty',
  'enddeclare',
  'endfor',
  'endforeach',
  'endif',
  'endswitch',
  'endwhile',
  'extends',
  'final',
  'finally',
  'fn',
  'for',
  'foreach',
  'function',
  'global',
  'goto',
  'if',
  'implements',
  'instanceof',
  'insteadof',
  'interface',
  'isset',
  'list',
  'match',
  'namespace',
  'new',
  'or',
  'print',
  'private',
  'protected',
  'public',
  'readonly',
  'return',
  'static',
  'switch',
  'throw',
  'trait',
  'try',
  'unset',
  'use',
  'var',
  'while',
  'xor',
  'yield',
  'null',
  'true',
  'false',
  'self',
  'parent',
]);
const INCLUDES = new Set(['include', 'include_once', 'require', 'require_once']);

const PHP: Language = {
  dialect: 'php',
  member: new Set(['->', '?->', '::']),
  concat: new Set(['.']),
  juxtapose: false,
  keyword: ['=>', ':'],
  keywords: KEYWORDS,
  declares: new Set(['function', 'class', 'interface', 'trait', 'namespace', 'const', 'enum']),
  parenless: false,
  calls: CALLS,
  canon,
  fallback: () => undefined,
  unmodelled(name) {
    if (HARMLESS_POSIX.has(name) || !/^(pcntl_|posix_)/.test(name)) return undefined;
    return `calls \`${name}\`, which aarm does not model`;
  },
  root(w, i, live) {
    const t = w.tokens[i]!;
    const next = w.tokens[i + 1];
    if (t.text.startsWith('$')) {
      if (next?.text === '(' && live) w.fx.unknown(`calls a function named at run time (\`${t.text}(…)\`)`);
      return { v: undefined, next: i + 1 };
    }
    const lower = t.text.toLowerCase();
    if (INCLUDES.has(lower)) {
      // include "x.php"; is a statement, with or without parentheses
      const end = Math.max(i + 1, w.ends![i + 1] ?? i + 1);
      const v = w.val(i + 1, end);
      const p = v?.t === 'str' ? v.v : undefined;
      if (live) {
        if (isUrl(p)) w.fx.url(p);
        w.fx.load(p);
      }
      return { v: undefined, next: end };
    }
    if (lower === 'array' && next?.text === '(') {
      const close = w.close(i + 1);
      return { v: w.list(i + 2, close), next: close + 1 };
    }
    return undefined;
  },
  stops: (toks, i) => toks[i]!.text === ';',
  rescan: (code, depth) => scan(code, depth),
};

/** variable variables and `${"name"}` */
function prepare(w: Walker): void {
  const toks = w.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.kind === 'name' && t.text.startsWith('$$'))
      w.fx.unknown('reaches a variable by a computed name (`$$name`)');
    if (t.kind === 'punct' && t.text === '$' && toks[i + 1]?.text === '{')
      w.fx.unknown('reaches a variable by a computed name (`${…}`)');
  }
}

function scan(code: string, depth: number): Effects {
  const w = new Walker(lex(code, 'php'), PHP, depth);
  prepare(w);
  return w.run();
}

export const scanPhp: CodeScanner = (code) => {
  try {
    return scan(code, 0).result();
  } catch {
    const fx = new Effects();
    fx.unknown('could not be read');
    return fx.result();
  }
};
