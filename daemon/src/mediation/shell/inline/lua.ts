/**
 * Lua (`lua -e`, `luajit -e`, `nvim -l`, Neovim's `:lua`): the standard library's process, file
 * and code-loading calls, LuaSocket/LuaSec, LuaFileSystem, luaposix and Neovim's `vim.*` API.
 */
import type { CodeEffects, CodeScanner } from './types.js';
import {
  Code,
  Effects,
  Evaluator,
  applySpec,
  formatLiteral,
  joinQualified,
  lex,
  type Arg,
  type LexOptions,
  type Spec,
} from './text.js';

const LEX: LexOptions = {
  line: ['--'],
  block: [],
  quotes: `'"`,
  luaLong: true,
  decimalEscapes: true,
  ops: ['...', '..', '::', '==', '~=', '<=', '>=', '//', '<<', '>>'],
};

const CALLS: Record<string, Spec> = {
  // processes
  'os.execute': { args: 'cmd', shell: 'cmd' },
  'io.popen': { args: 'cmd mode', shell: 'cmd' },
  'posix.exec': { args: 'path ...', argv: 'path ...' },
  'posix.execp': { args: 'path ...', argv: 'path ...' },
  'posix.spawn': { args: 'cmd', argv: 'cmd' },
  'posix.fork': { unknown: 'forks the process' },
  'posix.kill': { args: 'pid sig', signal: 'pid' },
  'posix.signal.kill': { args: 'pid sig', signal: 'pid' },
  'vim.fn.system': { args: 'cmd', shell: 'cmd' },
  'vim.fn.systemlist': { args: 'cmd', shell: 'cmd' },
  'vim.fn.jobstart': { args: 'cmd', shell: 'cmd' },
  'vim.fn.termopen': { args: 'cmd', shell: 'cmd' },
  'vim.system': { args: 'cmd', argv: 'cmd' },
  'vim.loop.spawn': { unknown: 'starts a process' },
  'vim.uv.spawn': { unknown: 'starts a process' },
  'vim.loop.kill': { args: 'pid sig', signal: 'pid' },
  'vim.uv.kill': { args: 'pid sig', signal: 'pid' },
  // files
  'io.open': { args: 'path mode', open: 'path mode' },
  'io.lines': { args: 'path', read: 'path' },
  'io.input': { args: 'path', read: 'path' },
  'io.output': { args: 'path', write: 'path' },
  'os.remove': { args: 'path', delete: 'path' },
  'os.rename': { args: 'from to', delete: 'from', write: 'to' },
  'lfs.mkdir': { args: 'path', write: 'path' },
  'lfs.rmdir': { args: 'path', delete: 'path' },
  'lfs.touch': { args: 'path', write: 'path' },
  'lfs.link': { args: 'target link', write: 'link' },
  'lfs.dir': { args: 'path', read: 'path' },
  'posix.unlink': { args: 'path', delete: 'path' },
  'posix.mkdir': { args: 'path', write: 'path' },
  'posix.rmdir': { args: 'path', delete: 'path' },
  'vim.fn.writefile': { args: 'lines path', write: 'path' },
  'vim.fn.readfile': { args: 'path', read: 'path' },
  'vim.fn.delete': { args: 'path', delete: 'path' },
  'vim.fn.mkdir': { args: 'path', write: 'path' },
  'vim.fn.rename': { args: 'from to', delete: 'from', write: 'to' },
  // code
  dofile: { args: 'path', load: 'path' },
  loadfile: { args: 'path', load: 'path' },
  require: { args: 'module', load: 'module' },
  load: { args: 'chunk', code: 'chunk' },
  loadstring: { args: 'chunk', code: 'chunk' },
  'package.loadlib': { unknown: 'loads a native library' },
  'ffi.load': { unknown: 'loads a native library' },
  'ffi.cdef': { unknown: 'calls native code through the FFI' },
  'vim.cmd': { args: 'cmd', code: 'cmd', language: 'vim' },
  'vim.api.nvim_command': { args: 'cmd', code: 'cmd', language: 'vim' },
  'vim.api.nvim_exec': { args: 'cmd', code: 'cmd', language: 'vim' },
  'vim.api.nvim_exec2': { args: 'cmd', code: 'cmd', language: 'vim' },
  // network (LuaSocket, LuaSec, lua-http)
  'socket.connect': { args: 'host port', host: 'host', port: 'port' },
  'socket.bind': { args: 'host port', host: 'host', port: 'port' },
  'socket.tcp': { net: true },
  'socket.udp': { net: true },
  'socket.dns.toip': { args: 'host', host: 'host' },
  'http.request': { args: 'url body', url: 'url', body: 'body source' },
  'https.request': { args: 'url body', url: 'url', body: 'body source' },
  'socket.http.request': { args: 'url body', url: 'url', body: 'body source' },
  'ssl.https.request': { args: 'url body', url: 'url', body: 'body source' },
  'http.request.new_from_uri': { args: 'url', url: 'url' },
  'ftp.get': { args: 'url', url: 'url' },
  'ftp.put': { args: 'url body', url: 'url', sends: true },
  'smtp.send': { sends: true },
};

/** modules `require` finds among installed libraries, not in the working directory */
const LIBRARIES = new Set(
  'socket ssl lfs posix cjson ffi bit bit32 jit string table math io os coroutine utf8 debug package vim lpeg http ltn12 mime luv'.split(
    ' ',
  ),
);

/** library tables whose functions must not be reached by a computed name (`os[x]`) */
const GUARDED = new Set(['os', 'io', '_G', '_ENV', 'package', 'ffi', 'debug', 'posix', 'lfs', 'socket']);

const RULES = {
  concat: ['..'],
  listOpen: '{',
  fns: {
    'string.format': (a: string[]) => (a[0] === undefined ? null : formatLiteral(a[0], a.slice(1))),
    'string.char': (a: string[]) =>
      a.every((n) => /^\d+$/.test(n)) ? String.fromCharCode(...a.map((n) => Number(n) & 0xffff)) : null,
    'string.lower': (a: string[]) => a[0]?.toLowerCase() ?? null,
    'string.upper': (a: string[]) => a[0]?.toUpperCase() ?? null,
    'string.reverse': (a: string[]) => (a[0] === undefined ? null : [...a[0]].reverse().join('')),
    tostring: (a: string[]) => a[0] ?? null,
  },
};

export const scanLua: CodeScanner = (code) => scan(code, 0);

function scan(source: string, depth: number): CodeEffects {
  const fx = new Effects(depth);
  const code = new Code(joinQualified(joinIndexes(lex(source, LEX)), ['.', ':']), ['=']);
  const ev = new Evaluator(code, RULES);
  const toks = code.toks;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== 'id') continue;
    const root = t.t.split(/[.:]/)[0]!;
    // os[name], _G[name]: a library function chosen at run time
    if (GUARDED.has(root) && code.op(i + 1, '[')) {
      fx.unknown(`looks up a function of \`${root}\` by a name only known at run time`);
      continue;
    }
    // `local o = os; o.execute(…)`: a library passed around as a value
    if (GUARDED.has(t.t)) {
      fx.unknown(`uses the \`${t.t}\` library through another name`);
      continue;
    }
    const name = t.t.replace(/^(?:_G|_ENV)\./, '');
    const spec = Object.hasOwn(CALLS, name) ? CALLS[name] : undefined;
    if (!spec) continue;
    const args = callArgs(code, i);
    if (args === undefined) {
      // a reference (`local run = os.execute`), which can be called with anything later
      if (name.includes('.')) fx.unknown(`uses ${name} indirectly`);
      continue;
    }
    // Vim runs a list without a shell
    const first = args[0];
    if (spec.shell && name.startsWith('vim.fn.') && first && code.op(first.s, '{')) {
      applySpec(fx, name, { args: 'cmd', argv: 'cmd' }, args, ev, scan);
      continue;
    }
    if (name === 'require') {
      const module = first ? ev.str(first) : null;
      if (module !== null && LIBRARIES.has(module.split('.')[0]!)) continue;
      if (module !== null) {
        fx.load(`${module.replaceAll('.', '/')}.lua`);
        continue;
      }
    }
    applySpec(fx, name, spec, args, ev, scan);
    if (/^(?:socket\.|ssl\.)?https?\.request$/.test(name)) httpTable(fx, ev, args);
  }
  return fx.out;
}

/** `f(…)`, `f "…"`, `f [[…]]`, `f {…}`: the arguments, or undefined when `f` is not called */
function callArgs(code: Code, i: number): Arg[] | undefined {
  const next = code.toks[i + 1];
  if (!next) return undefined;
  if (code.op(i + 1, '(')) return code.args(i + 1);
  if (next.k === 'str') return [{ s: i + 1, e: i + 2 }];
  if (code.op(i + 1, '{')) {
    // a table argument: its named fields are the call's named arguments
    const fields = code.args(i + 1);
    return fields.some((f) => f.name !== undefined) ? fields : [{ s: i + 1, e: code.close(i + 1) + 1 }];
  }
  return undefined;
}

/** `http.request{ url = …, method = "POST" }`: the method decides whether data is sent */
function httpTable(fx: Effects, ev: Evaluator, args: Arg[]): void {
  const method = args.find((a) => a.name === 'method');
  if (!method) return;
  const m = ev.str(method);
  if (m === null || !/^(?:GET|HEAD)$/i.test(m)) fx.sends();
}

/** `os["execute"]` and `os["exe".."cute"]` are `os.execute` */
function joinIndexes(toks: ReturnType<typeof lex>): ReturnType<typeof lex> {
  const out: ReturnType<typeof lex> = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const last = out.at(-1);
    if (last?.k === 'id' && t.k === 'op' && t.t === '[') {
      let name = '';
      let j = i + 1;
      let ok = true;
      for (; j < toks.length && !(toks[j]!.k === 'op' && toks[j]!.t === ']'); j++) {
        const p = toks[j]!;
        const even = (j - i - 1) % 2 === 0;
        if (even && p.k === 'str' && p.v !== undefined) name += p.v;
        else if (!even && p.k === 'op' && p.t === '..') continue;
        else {
          ok = false;
          break;
        }
      }
      if (ok && j < toks.length && name !== '' && /^[A-Za-z_]\w*$/.test(name)) {
        out[out.length - 1] = { ...last, t: `${last.t}.${name}` };
        i = j;
        continue;
      }
    }
    out.push(t);
  }
  return out;
}
