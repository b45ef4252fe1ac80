/**
 * R (`Rscript -e`, `R -e`): base R's process, file, connection and evaluation functions, and the
 * common packages for processes (processx, sys), files (readr, data.table) and the web (curl,
 * httr, httr2, RCurl). Arguments are matched the way R matches them: by name, then by position.
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
  type EvalRules,
  type LexOptions,
  type Spec,
} from './text.js';

const LEX: LexOptions = {
  line: ['#'],
  block: [],
  quotes: `'"`,
  identChars: '.',
  backtick: 'ident',
  rString: true,
  ops: [':::', '::', '<<-', '->>', '<-', '->', '|>', '%>%', '%in%', '%%', '==', '!=', '<=', '>=', '&&', '||'],
};

const CALLS: Record<string, Spec> = {
  // processes
  system: { args: 'command', shell: 'command' },
  system2: { args: 'command args', shell: 'command args' },
  shell: { args: 'cmd', shell: 'cmd' },
  pipe: { args: 'description', shell: 'description' },
  'shell.exec': { unknown: 'opens a file with the program the system associates with it' },
  'processx::run': { args: 'command args', argv: 'command args' },
  'processx::process$new': { args: 'command args', argv: 'command args' },
  'sys::exec_wait': { args: 'cmd args', argv: 'cmd args' },
  'sys::exec_background': { args: 'cmd args', argv: 'cmd args' },
  'sys::exec_internal': { args: 'cmd args', argv: 'cmd args' },
  'callr::r': { unknown: 'runs R code in another process' },
  'callr::r_bg': { unknown: 'runs R code in another process' },
  'tools::pskill': { args: 'pid signal', signal: 'pid' },
  pskill: { args: 'pid signal', signal: 'pid' },
  'ps::ps_kill': { unknown: 'signals a process' },
  'parallel::mcparallel': { unknown: 'forks the R process' },
  // reading files (a URL reads from the network)
  readLines: { args: 'con', read: 'con' },
  readRDS: { args: 'file', read: 'file' },
  load: { args: 'file', read: 'file' },
  'read.csv': { args: 'file', read: 'file' },
  'read.csv2': { args: 'file', read: 'file' },
  'read.table': { args: 'file', read: 'file' },
  'read.delim': { args: 'file', read: 'file' },
  'read.dcf': { args: 'file', read: 'file' },
  readChar: { args: 'con', read: 'con' },
  readBin: { args: 'con', read: 'con' },
  scan: { args: 'file', read: 'file' },
  'list.files': { args: 'path', read: 'path' },
  dir: { args: 'path', read: 'path' },
  'readr::read_csv': { args: 'file', read: 'file' },
  'readr::read_lines': { args: 'file', read: 'file' },
  'readr::read_file': { args: 'file', read: 'file' },
  'data.table::fread': { args: 'input file', read: 'file' },
  'jsonlite::fromJSON': { args: 'txt', read: 'txt' },
  'jsonlite::read_json': { args: 'path', read: 'path' },
  file: { args: 'description open', open: 'description open' },
  gzfile: { args: 'description open', open: 'description open' },
  bzfile: { args: 'description open', open: 'description open' },
  // writing files
  writeLines: { args: 'text con', write: 'con' },
  write: { args: 'x file', write: 'file' },
  'write.csv': { args: 'x file', write: 'file' },
  'write.csv2': { args: 'x file', write: 'file' },
  'write.table': { args: 'x file', write: 'file' },
  saveRDS: { args: 'object file', write: 'file' },
  save: { args: '... list file', write: 'file' },
  'save.image': { args: 'file', write: 'file' },
  cat: { args: '... file', write: 'file' },
  sink: { args: 'file', write: 'file' },
  dput: { args: 'x file', write: 'file' },
  dump: { args: 'list file', write: 'file' },
  writeBin: { args: 'object con', write: 'con' },
  writeChar: { args: 'object con', write: 'con' },
  'capture.output': { args: '... file', write: 'file' },
  png: { args: 'filename', write: 'filename' },
  jpeg: { args: 'filename', write: 'filename' },
  pdf: { args: 'file', write: 'file' },
  svg: { args: 'filename', write: 'filename' },
  'readr::write_csv': { args: 'x file', write: 'file' },
  'readr::write_lines': { args: 'x file', write: 'file' },
  'readr::write_file': { args: 'x file', write: 'file' },
  'data.table::fwrite': { args: 'x file', write: 'file' },
  'jsonlite::write_json': { args: 'x path', write: 'path' },
  'file.create': { args: '...', write: '...' },
  'dir.create': { args: 'path', write: 'path' },
  'file.append': { args: 'file1 file2', write: 'file1', read: 'file2' },
  'file.copy': { args: 'from to', read: 'from', write: 'to' },
  'file.rename': { args: 'from to', delete: 'from', write: 'to' },
  'file.symlink': { args: 'from to', write: 'to' },
  'file.link': { args: 'from to', write: 'to' },
  'Sys.chmod': { args: 'paths', write: 'paths' },
  'Sys.setFileTime': { args: 'path', write: 'path' },
  'file.edit': { unknown: 'opens an editor' },
  edit: { unknown: 'opens an editor' },
  // deleting files
  unlink: { args: 'x', delete: 'x' },
  'file.remove': { args: '...', delete: '...' },
  'fs::file_delete': { args: 'path', delete: 'path' },
  'fs::dir_delete': { args: 'path', delete: 'path' },
  // network
  'download.file': { args: 'url destfile', url: 'url', write: 'destfile' },
  url: { args: 'description', url: 'description' },
  'curl::curl': { args: 'url', url: 'url' },
  'curl::curl_download': { args: 'url destfile', url: 'url', write: 'destfile' },
  'curl::curl_fetch_memory': { args: 'url', url: 'url' },
  'curl::curl_fetch_disk': { args: 'url path', url: 'url', write: 'path' },
  'httr::GET': { args: 'url', url: 'url' },
  'httr::HEAD': { args: 'url', url: 'url' },
  'httr::POST': { args: 'url', url: 'url', sends: true },
  'httr::PUT': { args: 'url', url: 'url', sends: true },
  'httr::PATCH': { args: 'url', url: 'url', sends: true },
  'httr::DELETE': { args: 'url', url: 'url', sends: true },
  'httr2::request': { args: 'base_url', url: 'base_url' },
  'httr2::req_body_json': { sends: true },
  'httr2::req_body_raw': { sends: true },
  'httr2::req_body_form': { sends: true },
  'httr2::req_body_multipart': { sends: true },
  'httr2::req_body_file': { args: 'req path', read: 'path', sends: true },
  'RCurl::getURL': { args: 'url', url: 'url' },
  'RCurl::getURLContent': { args: 'url', url: 'url' },
  'RCurl::postForm': { args: 'uri', url: 'uri', sends: true },
  'RCurl::ftpUpload': { args: 'what to', read: 'what', url: 'to', sends: true },
  socketConnection: { args: 'host port', host: 'host', port: 'port', sends: true },
  'make.socket': { args: 'host port', host: 'host', port: 'port', sends: true },
  browseURL: { args: 'url', url: 'url' },
  'install.packages': { net: true, unknown: 'installs packages, which run their own build code' },
  'remotes::install_github': { net: true, unknown: 'installs packages, which run their own build code' },
  'devtools::install_github': { net: true, unknown: 'installs packages, which run their own build code' },
  // code
  source: { args: 'file', load: 'file' },
  'sys.source': { args: 'file', load: 'file' },
  'knitr::knit': { args: 'input', load: 'input' },
  'rmarkdown::render': { args: 'input', load: 'input' },
  parse: { args: 'file n text', load: 'file', code: 'text' },
  str2lang: { args: 's', code: 's' },
  str2expression: { args: 'text', code: 'text' },
  'reticulate::py_run_string': { args: 'code', code: 'code', language: 'python' },
  'reticulate::py_run_file': { args: 'file', load: 'file' },
  'reticulate::source_python': { args: 'file', load: 'file' },
  'Rcpp::sourceCpp': { unknown: 'compiles and runs C++ code' },
  'Rcpp::cppFunction': { unknown: 'compiles and runs C++ code' },
  'inline::cfunction': { unknown: 'compiles and runs C code' },
  'dyn.load': { unknown: 'loads a native library' },
  'library.dynam': { unknown: 'loads a native library' },
  '.C': { unknown: 'calls native code' },
  '.Call': { unknown: 'calls native code' },
  '.External': { unknown: 'calls native code' },
  '.Fortran': { unknown: 'calls native code' },
};

/** packages usually attached with `library()`, whose functions are called without `pkg::` */
const ATTACHED = new Set([
  'httr',
  'httr2',
  'curl',
  'RCurl',
  'readr',
  'data.table',
  'jsonlite',
  'fs',
  'reticulate',
  'Rcpp',
  'sys',
]);
const BARE = new Map<string, Spec>();
for (const [key, spec] of Object.entries(CALLS)) {
  const [pkg, fn] = key.split('::');
  if (fn && pkg && ATTACHED.has(pkg) && !(Object.hasOwn(CALLS, fn) ? CALLS[fn] : undefined))
    BARE.set(fn, spec);
}

/** effectful functions that are also passed around as values (`lapply(files, unlink)`) */
const INDIRECT = new Set([
  'system',
  'system2',
  'unlink',
  'file.remove',
  'file.rename',
  'file.copy',
  'download.file',
  'writeLines',
  'saveRDS',
  'dyn.load',
  'file.create',
  'dir.create',
]);

/** functions that take another function by name: the name is what runs */
const BY_NAME = new Set(['do.call', 'get', 'get0', 'match.fun', 'getFunction', 'Reduce', 'Map', 'Filter']);

const paste = (sep: string) => (a: string[], named: ReadonlyMap<string, string>) =>
  a.join(named.get('sep') ?? sep);

const RULES: EvalRules = {
  concat: [],
  lists: ['c', 'list', 'character'],
  fns: {
    paste: paste(' '),
    paste0: paste(''),
    'file.path': (a, named) => a.join(named.get('fsep') ?? '/'),
    sprintf: (a) => (a[0] === undefined ? null : formatLiteral(a[0], a.slice(1))),
    'base::paste': paste(' '),
    'base::paste0': paste(''),
    intToUtf8: (a) =>
      a.every((n) => /^\d+$/.test(n)) ? String.fromCharCode(...a.map((n) => Number(n) & 0xffff)) : null,
    tolower: (a) => a[0]?.toLowerCase() ?? null,
    toupper: (a) => a[0]?.toUpperCase() ?? null,
    shQuote: (a) => (a[0] === undefined ? null : `'${a[0].replaceAll("'", `'"'"'`)}'`),
    normalizePath: (a) => a[0] ?? null,
    'path.expand': (a) => a[0] ?? null,
  },
};

export const scanR: CodeScanner = (code) => scan(code, 0);

function scan(source: string, depth: number): CodeEffects {
  const fx = new Effects(depth);
  const code = new Code(joinQualified(lex(source, LEX), [':::', '::', '$', '@']), ['=']);
  const ev = new Evaluator(code, RULES);
  const toks = code.toks;
  // functions the code defines itself (`f <- function(x) …`): their bodies are scanned where they are
  const defined = new Set<string>();
  for (let i = 0; i + 2 < toks.length; i++) {
    const [name, arrow, fn] = [toks[i]!, toks[i + 1]!, toks[i + 2]!];
    if (name.k === 'id' && (arrow.t === '<-' || arrow.t === '=' || arrow.t === '<<-') && fn.t === 'function')
      defined.add(name.t);
  }
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (t.k !== 'id') continue;
    if (!code.op(i + 1, '(')) {
      const prev = toks[i - 1];
      if (
        INDIRECT.has(t.t) &&
        prev?.k === 'op' &&
        (prev.t === ',' || prev.t === '(' || prev.t === '<-' || prev.t === '=')
      )
        fx.unknown(`uses ${t.t} indirectly`);
      continue;
    }
    const name = t.t;
    const args = piped(code, i, code.args(i + 1));
    // mget(c("system")): objects by name, which may be functions
    if (name === 'mget') {
      const names = args[0] ? ev.list(args[0]) : null;
      if (names === null) fx.unknown('looks up objects by names only known at run time (mget)');
      else for (const n of names) if (lookup(n)) fx.unknown(`looks up ${n} by name (mget)`);
      continue;
    }
    if (BY_NAME.has(name)) {
      byName(fx, code, ev, name, args, defined);
      continue;
    }
    if (name === 'eval' || name === 'evalq' || name === 'eval.parent') {
      evalCall(fx, code, name, args);
      continue;
    }
    const found = lookup(name);
    if (found) applySpec(fx, name, found, args, ev, scan);
  }
  return fx.out;
}

/** `base::system`, `utils::download.file`: the namespace is optional; `pkg::f` also matches `f` */
function lookup(name: string): Spec | undefined {
  const bare = name.replace(/^[\w.]+:::?/, '');
  return (
    (Object.hasOwn(CALLS, name) ? CALLS[name] : undefined) ??
    (Object.hasOwn(CALLS, bare) ? CALLS[bare] : undefined) ??
    BARE.get(bare)
  );
}

/** `"ls" |> system()`: the piped value is the first argument */
function piped(code: Code, i: number, args: Arg[]): Arg[] {
  const pipe = code.toks[i - 1];
  if (pipe?.k !== 'op' || (pipe.t !== '|>' && pipe.t !== '%>%')) return args;
  const prev = code.toks[i - 2];
  const value: Arg = prev?.k === 'str' ? { s: i - 2, e: i - 1 } : { s: i, e: i }; // empty: not a literal
  return [value, ...args];
}

/** base functions commonly passed by name to `do.call`, `Reduce` and `Map` */
const PURE = new Set(
  'rbind cbind c list paste paste0 sum prod max min mean median range merge data.frame rbind.data.frame sprintf order pmax pmin intersect union setdiff identity length nchar toupper tolower as.numeric as.character as.integer format round + - * / & |'.split(
    ' ',
  ),
);

/** `do.call("system", list("ls"))`, `get("system")("ls")`, `match.fun(f)` */
function byName(
  fx: Effects,
  code: Code,
  ev: Evaluator,
  name: string,
  args: Arg[],
  defined: Set<string>,
): void {
  const what = args.find((a) => a.name === 'what' || a.name === 'f' || a.name === 'FUN') ?? args[0];
  if (!what) return;
  const tok = code.toks[what.s];
  if (tok?.k === 'id' && tok.t === 'function') return; // an anonymous function, scanned where it is
  if (tok?.k === 'op' && tok.t === '\\') return;
  const single = what.e - what.s === 1;
  const target = single && tok?.k === 'id' ? tok.t : single && tok?.k === 'str' ? (tok.v ?? null) : null;
  if (target === null || (tok?.k === 'id' && !lookup(target) && !PURE.has(target) && !defined.has(target))) {
    fx.unknown(`calls a function chosen at run time (${name})`);
    return;
  }
  const spec = lookup(target);
  if (!spec) return;
  // do.call(f, list(…)): the list's elements are the arguments
  const list = args.find((a) => a !== what && (a.name === undefined || a.name === 'args'));
  if (name === 'do.call' && list && code.call(list.s, list.e) === 'list') {
    applySpec(fx, target, spec, code.args(list.s + 1), ev, scan);
  } else fx.unknown(`calls ${target} indirectly (${name})`);
}

/** `eval(parse(text = …))` is judged at `parse`; eval of anything else is code built at run time */
function evalCall(fx: Effects, code: Code, name: string, args: Arg[]): void {
  const expr = args.find((a) => a.name === undefined || a.name === 'expr');
  if (!expr) return;
  const inner = code.call(expr.s, expr.e);
  if (inner && /^(?:parse|quote|bquote|expression|str2lang|str2expression|substitute)$/.test(inner)) return;
  fx.unknown(`evaluates code built at run time (${name})`);
}
