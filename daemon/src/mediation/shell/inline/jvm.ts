/**
 * Groovy, and the Java (jshell) and Kotlin script snippets that read alike: processes
 * (`"cmd".execute()`, `Runtime.getRuntime().exec`, `ProcessBuilder`), files (`new File(…)` and its
 * methods, `java.nio.file.Files`, file streams), the network (URL, URI, HttpClient, sockets) and
 * code loading (Eval, GroovyShell, reflection, native libraries, `@Grab`).
 *
 * Receivers matter here (`new File("x").delete()`), so besides calls by name the scanner reads the
 * expression before a `.method`: a literal, a constructor, or a variable assigned once to one.
 */
import type { CodeEffects, CodeScanner } from './types.js';
import {
  Code,
  Effects,
  Evaluator,
  applySpec,
  joinQualified,
  lex,
  splitWords,
  type Arg,
  type EvalRules,
  type LexOptions,
  type Spec,
} from './text.js';

const LEX: LexOptions = {
  line: ['//'],
  block: [['/*', '*/']],
  quotes: `'"`,
  triple: true,
  interp: 'groovy',
  identChars: '$',
  ops: [
    '==~',
    '?.',
    '*.',
    '.&',
    '.@',
    '::',
    '==',
    '!=',
    '<=',
    '>=',
    '&&',
    '||',
    '<<',
    '>>',
    '->',
    '++',
    '--',
    '+=',
    '-=',
    '?:',
    '=~',
  ],
};

/** static methods and free functions, by `Class.method` */
const STATIC: Record<string, Spec> = {
  'Files.delete': { args: 'path', delete: 'path' },
  'Files.deleteIfExists': { args: 'path', delete: 'path' },
  'Files.write': { args: 'path', write: 'path' },
  'Files.writeString': { args: 'path', write: 'path' },
  'Files.newBufferedWriter': { args: 'path', write: 'path' },
  'Files.newOutputStream': { args: 'path', write: 'path' },
  'Files.createFile': { args: 'path', write: 'path' },
  'Files.createDirectory': { args: 'path', write: 'path' },
  'Files.createDirectories': { args: 'path', write: 'path' },
  'Files.createSymbolicLink': { args: 'link target', write: 'link' },
  'Files.createLink': { args: 'link target', write: 'link' },
  'Files.setPosixFilePermissions': { args: 'path', write: 'path' },
  'Files.setLastModifiedTime': { args: 'path', write: 'path' },
  'Files.setOwner': { args: 'path', write: 'path' },
  'Files.setAttribute': { args: 'path', write: 'path' },
  'Files.readAllLines': { args: 'path', read: 'path' },
  'Files.readString': { args: 'path', read: 'path' },
  'Files.readAllBytes': { args: 'path', read: 'path' },
  'Files.lines': { args: 'path', read: 'path' },
  'Files.newBufferedReader': { args: 'path', read: 'path' },
  'Files.newInputStream': { args: 'path', read: 'path' },
  'Files.list': { args: 'path', read: 'path' },
  'Files.walk': { args: 'path', read: 'path' },
  'Files.copy': { args: 'from to', read: 'from', write: 'to' },
  'Files.move': { args: 'from to', delete: 'from', write: 'to' },
  'Eval.me': { args: 'code', code: 'code' },
  'Eval.x': { args: 'x code', code: 'code' },
  'Eval.xy': { args: 'x y code', code: 'code' },
  'Eval.xyz': { args: 'x y z code', code: 'code' },
  'Class.forName': { unknown: 'loads a class by name' },
  'System.loadLibrary': { unknown: 'loads a native library' },
  'System.load': { unknown: 'loads a native library' },
  'MethodHandles.lookup': { unknown: 'calls methods by reflection' },
  'ToolProvider.getSystemJavaCompiler': { unknown: 'compiles and runs Java code' },
  'ProcessHandle.of': { args: 'pid', signal: 'pid' },
  'URI.create': { args: 'url', url: 'url' },
  'HttpClient.newHttpClient': { net: true },
  'HttpClient.newBuilder': { net: true },
  'HttpRequest.newBuilder': { args: 'url', url: 'url' },
  'InetAddress.getByName': { args: 'host', host: 'host' },
  'Transport.send': { sends: true },
};

/** constructors (`new X(…)`, or Kotlin's `X(…)`) */
const CTORS: Record<string, Spec> = {
  ProcessBuilder: { args: '...', argv: '...' },
  FileWriter: { args: 'path', write: 'path' },
  FileOutputStream: { args: 'path', write: 'path' },
  FileReader: { args: 'path', read: 'path' },
  FileInputStream: { args: 'path', read: 'path' },
  RandomAccessFile: { args: 'path mode', open: 'path mode' },
  URL: { args: 'url', url: 'url' },
  URI: { args: 'url', url: 'url' },
  Socket: { args: 'host port', host: 'host', port: 'port', sends: true },
  SSLSocket: { args: 'host port', host: 'host', port: 'port', sends: true },
  InetSocketAddress: { args: 'host port', host: 'host', port: 'port' },
  ServerSocket: { net: true },
  DatagramSocket: { sends: true },
  GroovyClassLoader: { unknown: 'loads classes at run time' },
  URLClassLoader: { unknown: 'loads classes at run time' },
  ScriptEngineManager: { unknown: 'runs code through a script engine' },
};

type Use = 'read' | 'write' | 'delete' | 'rename' | 'copy';

/** what a method (or property) of a File does to it */
const FILE_METHODS: Record<string, Use> = {};
for (const m of 'text getText readLines eachLine bytes getBytes newReader withReader newInputStream withInputStream eachByte splitEachLine list listFiles eachFile eachFileRecurse eachDir traverse readText readBytes forEachLine bufferedReader reader inputStream useLines'.split(
  ' ',
))
  FILE_METHODS[m] = 'read';
for (const m of 'setText write append leftShift withWriter withWriterAppend newWriter withPrintWriter newPrintWriter newOutputStream withOutputStream setBytes createNewFile mkdir mkdirs setExecutable setReadable setWritable setLastModified writeText writeBytes appendText appendBytes printWriter bufferedWriter writer outputStream'.split(
  ' ',
))
  FILE_METHODS[m] = 'write';
for (const m of ['delete', 'deleteDir', 'deleteOnExit', 'deleteRecursively']) FILE_METHODS[m] = 'delete';
FILE_METHODS.renameTo = 'rename';
FILE_METHODS.copyTo = 'copy';
FILE_METHODS.copyRecursively = 'copy';

/** methods only files have: on a receiver we cannot name, the file is unknown */
const ONLY_FILES = new Set(
  'deleteDir deleteRecursively renameTo setText writeText appendText writeBytes withWriter withWriterAppend newWriter withPrintWriter newPrintWriter newOutputStream withOutputStream setBytes createNewFile'.split(
    ' ',
  ),
);

const REFLECTION = new Set([
  'getMethod',
  'getDeclaredMethod',
  'invoke',
  'invokeMethod',
  'getDeclaredConstructor',
  'newInstance',
  'setAccessible',
]);

const RULES: EvalRules = {
  concat: ['+'],
  listOpen: '[',
  lists: ['Arrays.asList', 'List.of', 'listOf', 'arrayOf', 'mutableListOf', 'asList'],
  fns: {
    'String.join': (a) => (a.length > 0 ? a.slice(1).join(a[0]) : null),
    'String.valueOf': (a) => a[0] ?? null,
  },
};

/** Java's `new String[]{"a", "b"}` is a list too */
class JvmEvaluator extends Evaluator {
  override evalList(s: number, e: number, depth: number): string[] | null {
    const c = this.code;
    if (
      c.is(s, 'id', 'new') &&
      c.is(s + 1, 'id') &&
      c.op(s + 2, '[') &&
      c.op(s + 3, ']') &&
      c.group(s + 4, e, '{')
    ) {
      const out: string[] = [];
      for (const item of c.args(s + 4)) {
        const v = this.evalStr(item.s, item.e, depth + 1);
        if (v === null) return null;
        out.push(v);
      }
      return out;
    }
    return super.evalList(s, e, depth);
  }
}

/** how deep `new File(new File(…))` and `.toPath().toFile()…` are followed */
const MAX_PATH_DEPTH = 16;

type Receiver =
  | { kind: 'string'; value: string | null }
  | { kind: 'list'; value: string[] | null }
  | { kind: 'file'; path: string | null }
  | { kind: 'other'; name: string };

export const scanGroovy: CodeScanner = (code) => scan(code, 0);

function scan(source: string, depth: number): CodeEffects {
  return new Scan(source, depth).run();
}

class Scan {
  readonly fx: Effects;
  readonly code: Code;
  readonly ev: JvmEvaluator;
  /** variables assigned exactly once: to a string, a list or a file */
  readonly vars = new Map<string, Receiver>();
  private sawOutput = false;
  private readonly processBuilder: boolean;

  constructor(source: string, depth: number) {
    this.fx = new Effects(depth);
    const toks = joinQualified(lex(source, LEX), ['.', '?.']).map((t) =>
      t.k === 'id' && t.t.includes('?.') ? { ...t, t: t.t.replaceAll('?.', '.') } : t,
    );
    this.code = new Code(toks, [':']);
    this.ev = new JvmEvaluator(this.code, RULES);
    this.processBuilder = toks.some((t) => t.k === 'id' && t.t.endsWith('ProcessBuilder'));
  }

  run(): CodeEffects {
    const { code, fx } = this;
    this.assignments();
    const toks = code.toks;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.k === 'op' && t.t === '@' && toks[i + 1]?.t === 'Grab') {
        fx.net();
        fx.unknown('downloads and loads libraries (@Grab)');
      }
      // `"$name"()`: a method chosen at run time
      if (t.k === 'str' && t.v === undefined && code.op(i + 1, '(') && !toks[i + 1]!.interp) {
        fx.unknown('calls a method chosen at run time');
      }
      if (
        t.k === 'op' &&
        (t.t === '.&' || t.t === '::') &&
        /^(?:exec|execute|evaluate|delete)$/.test(toks[i + 1]?.t ?? '')
      )
        fx.unknown(`takes a reference to ${toks[i + 1]!.t}`);
      if (t.k !== 'id') continue;
      const prev = toks[i - 1];
      if (prev?.k === 'op' && (prev.t === '.' || prev.t === '?.')) {
        const member = t.t.split('.')[0]!;
        this.member(i, member, this.receiver(i - 2));
        continue;
      }
      this.named(i, t.t);
    }
    if (this.sawOutput && fx.out.network) fx.sends();
    return fx.out;
  }

  /** the arguments of a call at `i`: `f(…)`, or Groovy's `f x, y` to the end of the line */
  private args(i: number): Arg[] | undefined {
    const { code } = this;
    if (code.op(i + 1, '(')) return code.args(i + 1);
    const next = code.toks[i + 1];
    if (!next || next.nl || !next.sp || (next.k !== 'str' && !(next.k === 'id' && next.t === 'new')))
      return undefined;
    // arguments without parentheses end with the line (bounded: they are short)
    let e = i + 1;
    while (e < code.toks.length && e < i + 256 && !code.toks[e]!.nl && !code.op(e, ';')) {
      const t = code.toks[e]!;
      e = t.k === 'op' && (t.t === '(' || t.t === '[' || t.t === '{') ? code.close(e) + 1 : e + 1;
    }
    return code.split(i + 1, Math.min(e, code.toks.length));
  }

  /** an identifier not after a dot: a static call, a constructor, a variable's method, a script method */
  private named(i: number, name: string): void {
    const { code } = this;
    const segs = name.split('.');
    const isNew = code.is(i - 1, 'id', 'new');
    const last = segs.at(-1)!;
    // constructors: new File(…), File(…) in Kotlin, new java.io.File(…)
    if ((isNew || /^[A-Z]/.test(last)) && code.op(i + 1, '(') && (CTORS[last] || last === 'File')) {
      this.construct(i, last);
      return;
    }
    // Class.method(…), with or without its package
    for (let k = 0; k + 1 < segs.length; k++) {
      const key = `${segs[k]}.${segs[k + 1]}`;
      const spec = STATIC[key];
      if (!spec) continue;
      const args = this.args(i);
      if (args) this.staticCall(key, spec, args);
      return;
    }
    // a variable's method: f.delete(), cmd.execute()
    if (segs.length >= 2) {
      const v = this.vars.get(segs[0]!);
      const recv: Receiver = v ?? { kind: 'other', name: segs.slice(0, -1).join('.') };
      this.member(i, v ? segs[1]! : last, recv, true);
      return;
    }
    // Groovy script methods
    if (name === 'evaluate') {
      const args = this.args(i);
      if (args) this.evaluate(args);
    }
  }

  private staticCall(key: string, spec: Spec, args: Arg[]): void {
    const { fx, ev } = this;
    if (key.startsWith('Files.')) {
      // paths: Paths.get("a"), Path.of("a", "b"), new File("a").toPath(), a variable
      const bound = spec.args?.split(' ') ?? [];
      const use = (param: string, each: (p: string | null) => void) => {
        const at = bound.indexOf(param);
        const a = at >= 0 ? args[at] : undefined;
        if (a) each(this.path(a.s, a.e));
      };
      use('path', (p) => this.use(spec.delete ? 'delete' : spec.write ? 'write' : 'read', p, key));
      use('link', (p) => this.use('write', p, key));
      if (key === 'Files.copy' || key === 'Files.move') {
        use('from', (p) => this.use(key === 'Files.copy' ? 'read' : 'delete', p, key));
        use('to', (p) => this.use('write', p, key));
      }
      return;
    }
    applySpec(fx, key, spec, args, ev, scan);
  }

  private construct(i: number, cls: string): void {
    const { code, fx, ev } = this;
    const open = i + 1;
    const end = code.close(open);
    const args = code.args(open);
    if (cls === 'File') {
      // new File("x").delete() is judged at the method, `def f = new File("x")` where f is used;
      // a File that goes elsewhere is read
      const at = code.is(i - 1, 'id', 'new') ? i - 2 : i - 1;
      if (code.op(at, '=') && code.is(at - 1, 'id') && this.vars.has(code.toks[at - 1]!.t)) return;
      const path = this.path(i, end + 1);
      const next = code.toks[end + 1];
      const after = code.toks[end + 2];
      if (next?.k === 'op' && (next.t === '.' || next.t === '?.') && after?.k === 'id') return;
      if (next?.k === 'op' && next.t === '<<') {
        this.use('write', path, 'File');
        return;
      }
      if (path !== null) fx.read(path);
      return;
    }
    const spec = CTORS[cls]!;
    if (cls === 'ProcessBuilder' && args.length === 0) return; // the command comes from .command(…)
    if (spec.write || spec.read) {
      // the path may be a File or a Path, not only a string
      const first = args[0];
      if (!first) return;
      const path = this.path(first.s, first.e);
      const isStream =
        path === null &&
        code.is(first.s, 'id') &&
        first.e - first.s === 1 &&
        !this.vars.has(code.toks[first.s]!.t);
      if (cls === 'FileWriter' || cls === 'FileOutputStream' || !isStream)
        this.use(spec.write ? 'write' : 'read', path, cls);
      return;
    }
    if (cls === 'RandomAccessFile') {
      const [p, m] = args;
      if (p) {
        const mode = m ? ev.str(m) : 'r';
        this.use(mode === 'r' ? 'read' : 'write', this.path(p.s, p.e), cls);
      }
      return;
    }
    applySpec(fx, cls, spec, args, ev, scan);
  }

  /** `recv.member(…)`, or `recv.member` as a property */
  private member(i: number, member: string, recv: Receiver, joined = false): void {
    const { code, fx, ev } = this;
    const args = this.args(i);
    const call = args !== undefined;
    const assigned = code.op(i + 1, '=');
    if (member === 'execute' && (recv.kind === 'string' || recv.kind === 'list')) {
      if (recv.value === null) fx.unknown('runs a command only known at run time (execute)');
      else fx.argv(recv.kind === 'string' ? splitWords(recv.value) : recv.value);
      return;
    }
    if (member === 'execute' && call && args.length !== 1) {
      // String.execute() and List.execute() take no arguments or (env, dir); Sql.execute(sql) takes one
      fx.unknown('runs a command only known at run time (execute)');
      return;
    }
    if (member === 'exec' && call) {
      const first = args[0];
      if (!first) return;
      const argv = ev.list(first);
      if (argv === null) fx.unknown('runs a command only known at run time (exec)');
      else fx.argv(argv.length === 1 ? splitWords(argv[0]!) : argv);
      return;
    }
    if (member === 'command' && call && this.processBuilder && args.length > 0) {
      applySpec(fx, 'ProcessBuilder.command', { args: '...', argv: '...' }, args, ev);
      return;
    }
    if (member === 'evaluate' && call) {
      this.evaluate(args);
      return;
    }
    if (REFLECTION.has(member) && call) {
      fx.unknown(`calls methods by reflection (${member})`);
      return;
    }
    if (
      (member === 'loadLibrary' || member === 'load') &&
      call &&
      /^(?:System|Runtime\b)/.test(recvName(recv))
    ) {
      fx.unknown(`loads a native library (${member})`);
      return;
    }
    if (member === 'toURL' && recv.kind === 'string') {
      if (recv.value === null) fx.net();
      else fx.url(recv.value);
      return;
    }
    this.network(member, args, assigned);
    if (recv.kind === 'file') {
      const use = FILE_METHODS[member];
      if (!use) return;
      const write = use === 'read' && assigned ? 'write' : use; // f.text = "…"
      const first = args?.[0];
      const other = first ? this.path(first.s, first.e) : null;
      if (write === 'rename') {
        this.use('delete', recv.path, member);
        if (first) this.use('write', other, member);
      } else if (write === 'copy') {
        this.use('read', recv.path, member);
        if (first) this.use('write', other, member);
      } else this.use(write, recv.path, member);
      return;
    }
    if (
      ONLY_FILES.has(member) ||
      (member === 'delete' && call && args.length === 0) ||
      (member === 'text' && assigned && !joined)
    ) {
      fx.unknown(`changes a file only known at run time (${member})`);
    }
  }

  /** HTTP methods and output streams on connections: data goes out */
  private network(member: string, args: Arg[] | undefined, assigned: boolean): void {
    const { fx, ev } = this;
    if (/^(?:POST|PUT|PATCH)$/.test(member) && args) fx.sends();
    if ((member === 'setRequestMethod' || member === 'method') && args?.[0]) {
      const m = ev.str(args[0]);
      if (m === null || !/^(?:GET|HEAD|OPTIONS)$/i.test(m)) this.sawOutput = true;
    }
    if (member === 'setDoOutput' || (member === 'doOutput' && assigned)) this.sawOutput = true;
    if (member === 'getOutputStream' || member === 'outputStream' || member === 'withStreams')
      this.sawOutput = true;
  }

  /** GroovyShell.evaluate / evaluate(…): a File is a load, a literal is scanned, anything else unknown */
  private evaluate(args: Arg[]): void {
    const { code, fx, ev } = this;
    const first = args[0];
    if (!first) return;
    const s = code.is(first.s, 'id', 'new') ? first.s + 1 : first.s;
    if (code.is(s, 'id') && code.toks[s]!.t.endsWith('File')) {
      const path = this.path(first.s, first.e);
      if (path === null) fx.unknown('loads code only known at run time (evaluate)');
      else fx.load(path);
      return;
    }
    const text = ev.str(first);
    if (text === null) fx.unknown('evaluates code built at run time (evaluate)');
    else fx.nested(scan, text);
  }

  private use(use: 'read' | 'write' | 'delete', path: string | null, name: string): void {
    const { fx } = this;
    if (use === 'read') fx.read(path ?? '?');
    else if (path === null)
      fx.unknown(`${use === 'write' ? 'writes' : 'deletes'} a file only known at run time (${name})`);
    else if (use === 'write') fx.write(path);
    else fx.delete(path);
  }

  /** a path expression: "x", new File("a", "b"), Paths.get("a"), Path.of(…), x.toPath(), a file variable */
  path(s: number, e: number, depth = 0): string | null {
    const { code, ev } = this;
    if (s >= e || depth > MAX_PATH_DEPTH) return null;
    // x.toPath(), x.toFile(), x.absoluteFile: the same file
    if (
      code.op(e - 1, ')') &&
      code.op(e - 2, '(') &&
      code.op(e - 4, '.') &&
      /^(?:toPath|toFile|getAbsoluteFile|normalize)$/.test(code.toks[e - 3]?.t ?? '')
    )
      return this.path(s, e - 4, depth + 1);
    if (code.is(s, 'id', 'new')) s++;
    if (e - s === 1 && code.is(s, 'id')) {
      const v = this.vars.get(code.toks[s]!.t);
      return v?.kind === 'file' ? v.path : v?.kind === 'string' ? v.value : null;
    }
    const fn = code.call(s, e);
    if (fn !== undefined && /(?:^|\.)(?:File|Paths\.get|Path\.of|Path)$/.test(fn)) {
      const parts = code.args(s + 1).map((a) => this.path(a.s, a.e, depth + 1));
      return parts.some((p) => p === null) ? null : parts.join('/');
    }
    return ev.evalStr(s, e, 0);
  }

  /** the expression that ends just before `end` (a `.`), as far as a method's receiver matters */
  private receiver(end: number): Receiver {
    const { code, ev } = this;
    const t = code.toks[end];
    if (!t) return { kind: 'other', name: '' };
    if (t.k === 'str') return { kind: 'string', value: t.v ?? null };
    if (t.k === 'id') {
      const v = this.vars.get(t.t);
      return v ?? { kind: 'other', name: t.t };
    }
    if (t.k === 'op' && t.t === ')') {
      const open = code.match[end]!;
      if (open < 0) return { kind: 'other', name: '' };
      const callee = code.toks[open - 1];
      if (callee?.k === 'id') {
        const cls = callee.t.split('.').at(-1)!;
        if (cls === 'File' || /(?:Paths\.get|Path\.of)$/.test(callee.t)) {
          const s = code.is(open - 2, 'id', 'new') ? open - 2 : open - 1;
          return { kind: 'file', path: this.path(s, end + 1) };
        }
        return { kind: 'other', name: callee.t };
      }
      if (callee?.k === 'op' && (callee.t === ')' || callee.t === ']')) return { kind: 'other', name: '' };
      return { kind: 'string', value: ev.evalStr(open + 1, end, 0) };
    }
    if (t.k === 'op' && t.t === ']') {
      const open = code.match[end]!;
      const before = code.toks[open - 1];
      if (open < 0 || before?.k === 'id' || (before?.k === 'op' && (before.t === ')' || before.t === ']')))
        return { kind: 'other', name: '' };
      return { kind: 'list', value: ev.evalList(open, end + 1, 0) };
    }
    return { kind: 'other', name: '' };
  }

  /** `def x = …`, `val x = …`, `String x = …`: variables assigned once to a literal or a file */
  private assignments(): void {
    const { code } = this;
    const toks = code.toks;
    const count = new Map<string, number>();
    const values = new Map<string, [number, number]>();
    for (let i = 1; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.k !== 'op' || !/^(?:=|\+=|-=|<<)$/.test(t.t)) continue;
      const name = toks[i - 1]!;
      if (name.k !== 'id' || name.t.includes('.')) continue;
      count.set(name.t, (count.get(name.t) ?? 0) + 1);
      if (t.t !== '=') continue;
      let e = i + 1;
      while (e < toks.length && !(e > i + 1 && toks[e]!.nl) && !code.op(e, ';')) {
        const x = toks[e]!;
        e = x.k === 'op' && (x.t === '(' || x.t === '[' || x.t === '{') ? code.close(e) + 1 : e + 1;
      }
      values.set(name.t, [i + 1, Math.min(e, toks.length)]);
    }
    for (const [name, [s, e]] of values) {
      if (count.get(name) !== 1) continue;
      const first = code.toks[code.is(s, 'id', 'new') ? s + 1 : s];
      if (first?.k === 'id' && /(?:^|\.)(?:File|Paths\.get|Path\.of)$/.test(first.t)) {
        this.vars.set(name, { kind: 'file', path: this.path(s, e) });
      } else if (code.op(s, '[')) {
        this.vars.set(name, { kind: 'list', value: this.ev.evalList(s, e, 0) });
      } else {
        const value = this.ev.evalStr(s, e, 0);
        if (value !== null) this.vars.set(name, { kind: 'string', value });
      }
    }
  }
}

function recvName(r: Receiver): string {
  return r.kind === 'other' ? r.name : '';
}
