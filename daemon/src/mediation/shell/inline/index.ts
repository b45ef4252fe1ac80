/**
 * Inline code in other languages (`python -c`, `node -e`, `vim -c`, `sqlite3 '.shell …'`, a
 * here-doc fed to an interpreter): the scanner of its language says what it does, and the result
 * becomes effects like any command's — commands it runs are analysed as commands. Code no scanner
 * knows is not understood. Pure.
 */
import type { Analyser } from '../analyse.js';
import { HIJACKING_VARIABLES } from '../variables.js';
import type { Field } from '../expand.js';
import type { ModelContext } from '../model.js';
import { signalRisk } from '../signals.js';
import type { State } from '../state.js';
import type { CodeScanner } from './types.js';
import { SCANNERS } from './scanners.js';

/** Longer inline code is not scanned: not understood. */
const MAX_CODE_BYTES = 256 * 1024;

const field = (text: string): Field => ({
  text,
  known: true,
  glob: false,
  many: false,
  network: false,
  decoded: false,
});

export function scannerFor(language: string): CodeScanner | undefined {
  return Object.hasOwn(SCANNERS, language) ? SCANNERS[language] : undefined;
}

export function applyCodeEffects(
  language: string,
  code: string,
  ctx: ModelContext,
  analyser: Analyser,
  state: State,
  via: string[],
): void {
  const scope = analyser.scope;
  scope.executes.add(`inline:${language}`);
  const scanner = scannerFor(language);
  if (scanner === undefined) {
    scope.notUnderstood(`inline ${language} code, which aarm cannot read`);
    return;
  }
  if (Buffer.byteLength(code) > MAX_CODE_BYTES) {
    scope.notUnderstood(`inline ${language} code too large to analyse`);
    return;
  }
  if (state.depth > analyser.maxDepth) {
    scope.notUnderstood(`commands nested more than ${analyser.maxDepth} levels deep`);
    return;
  }
  analyser.step();
  const effects = scanner(code);
  const via2 = (what: string) => `${language} ${what}`;
  for (const command of effects.shell) ctx.runScript(command, via2('code'));
  for (const argv of effects.argv) if (argv.length > 0) ctx.run(argv.map(field), via2('code'));
  for (const p of effects.reads) {
    // A name the code computes: walking the project's folders is ordinary (kept as an unnamed
    // read, as for `cat $FILES`); building a name from characters, the environment or the home
    // folder (`chr(47)+"home/…"`, `getenv("HOME")+"/.ssh/…"`) can reach anything.
    if (p === '?') {
      if (REACHES_OUT.test(code))
        scope.notUnderstood(`inline ${language} code reads a file whose name it computes`);
      else scope.unnamedReads.add(`(a file named by the ${language} code)`);
    } else ctx.read(ctx.path(p));
  }
  for (const name of environmentReads(code)) ctx.read(`env:${name}`);
  // `process.env.NODE_OPTIONS = …`, `os.environ["PATH"] = …`: what the code's own children run changes.
  for (const m of code.matchAll(ENV_ASSIGNMENT)) {
    const name = m.slice(1).find((g) => g !== undefined)!;
    if (name === 'PATH' || HIJACKING_VARIABLES.test(name))
      scope.notUnderstood(
        `inline ${language} code sets \`${name}\`, which changes what the programs it starts run`,
      );
  }
  for (const p of effects.writes) {
    ctx.write(ctx.path(p));
    // what the code puts there is computed: a file it writes and something later runs is unseen code
    ctx.written(ctx.path(p), undefined);
  }
  for (const p of effects.deletes) ctx.remove(ctx.path(p));
  for (const url of effects.urls) ctx.contact(field(url));
  for (const host of effects.hosts) ctx.host(host);
  if (effects.network) ctx.network();
  // Code that reads files and uses the network can put what it read in a URL, a header or a
  // body: judged as sending it.
  if (
    effects.sends ||
    (effects.network && (effects.reads.length > 0 || effects.shell.length > 0 || effects.argv.length > 0))
  )
    ctx.sends();
  // Python's `import x` and `from x import …` of a module this command wrote or downloaded.
  if (language === 'python')
    for (const m of code.matchAll(
      /(?:^|;)\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+(?:\s*,\s*[\w.]+)*))/gm,
    ))
      for (const name of (m[1] ?? m[2] ?? '').split(/\s*,\s*/)) {
        const path = ctx.path(`${name.replace(/\./g, '/')}.py`);
        if (name !== '' && ctx.wasWritten(path)) ctx.runsFile(field(path), 'code:python');
      }
  // A working folder the code moves to (`chdir`, `cwd=` of a child): its relative names and the
  // commands it runs are elsewhere.
  if (
    CHANGES_FOLDER.test(code) &&
    (effects.shell.length + effects.argv.length > 0 ||
      [...effects.reads, ...effects.writes, ...effects.deletes].some(
        (p) => !p.startsWith('/') && !p.startsWith('~') && !p.startsWith('env:'),
      ))
  )
    scope.notUnderstood(
      `inline ${language} code changes its working folder, so where its names point is only known when it runs`,
    );
  // Folders added to where code is loaded from (`use lib "/tmp"`, `sys.path.insert`).
  if (LOAD_PATH.test(code)) scope.notUnderstood(`inline ${language} code changes where it loads code from`);
  // Names bound to a module some other way than the scanner follows
  if (
    language === 'javascript' &&
    /\brequire\s*\.\s*(call|apply|bind)\b|\[\s*['"]require['"]\s*\]/.test(code)
  )
    scope.notUnderstood('inline javascript code calls `require` indirectly');
  if (
    language === 'lua' &&
    /(=|,|\()\s*(_G|_ENV)\s*\.\s*(os|io|debug|package|ffi)\b|require\s*\(?\s*["'](os|io|debug|ffi|posix)["']/.test(
      code,
    )
  )
    scope.notUnderstood('inline lua code uses a library through another name');
  if (
    language === 'gdb' &&
    /^\s*(file|exec-file|cd|set\s+(cwd|environment|exec-wrapper|startup-with-shell|auto-load)|add-auto-load-safe-path|unset\s+environment)\b/m.test(
      code,
    )
  )
    scope.notUnderstood('gdb commands change the program it runs, its folder or environment');
  if (
    language === 'php' &&
    /error_log\s*\(|ini_set\s*\(|\bgz(open|file|write|puts)\s*\(|readgzfile|bzopen|SplFileObject|php:\/\/filter|\bcopy\s*\(/.test(
      code,
    )
  )
    scope.notUnderstood('inline php code uses file functions aarm does not follow');
  // `ARGV[1] = "…"` in awk reads the file it names.
  if (language === 'awk' && /\bARGV\s*\[/.test(code))
    scope.notUnderstood('inline awk code names the files it reads in ARGV');
  // Perl's `<>` reads the files named in @ARGV, which the code may set.
  if (language === 'perl' && /@ARGV\s*=/.test(code) && /<<?>>?|<ARGV>|\beof\(\)/.test(code))
    scope.notUnderstood('inline perl code reads the files it names in @ARGV');
  for (const target of effects.signals) {
    ctx.signal(target);
    if (signalRisk(target) !== undefined) ctx.risk('process-control');
  }
  // Code that fetches from the network and loads code (`include "https://…"`, urlopen then
  // `import x`) may run what it fetched.
  if (effects.network && effects.loads.length > 0) {
    scope.risk('download-and-execute');
    scope.notUnderstood(`inline ${language} code downloads from the network and loads code`);
  }
  for (const load of effects.loads) {
    if (/^[a-z][\w+.-]*:\/\//i.test(load)) {
      scope.risk('download-and-execute');
      scope.notUnderstood(`inline ${language} code loads code from \`${load}\``);
      continue;
    }
    const p = ctx.path(load);
    // a module this command wrote or downloaded (`require("./x")` after writing x.js)
    for (const suffix of MODULE_SUFFIXES)
      if (ctx.wasWritten(p + suffix)) {
        ctx.runsFile(field(load + suffix), `code:${language}`);
        break;
      }
    scope.executes.add(p);
    scope.reads.add(p);
    if (/\.(node|so(\.\d+)*|dylib|dll|bundle)$/.test(load))
      scope.notUnderstood(`inline ${language} code loads the native library \`${load}\``);
  }
  for (const embedded of effects.code)
    applyCodeEffects(embedded.language, embedded.text, ctx, analyser, state, via);
  for (const reason of effects.unknown) scope.notUnderstood(`inline ${language} code ${reason}`);
}

const ENV_ASSIGNMENT =
  /(?:process\.env\.([A-Za-z_]\w*)|process\.env\[\s*['"]([A-Za-z_]\w*)['"]\s*\]|environ\[\s*['"]([A-Za-z_]\w*)['"]\s*\]|\$ENV\{['"]?([A-Za-z_]\w*)['"]?\}|ENV\[\s*['"]([A-Za-z_]\w*)['"]\s*\]|Deno\.env\.set\(\s*['"]([A-Za-z_]\w*))\s*(?:=(?!=)|,)|(?:putenv|setenv|Sys\.setenv)\(\s*['"]?([A-Za-z_]\w*)|set\s+(?:::)?env\(([A-Za-z_]\w*)\)/g;

/** Code that builds names from characters, decoders, the environment or places outside the project. */
const REACHES_OUT =
  /chr\s*\(|fromCharCode|\bpack\s*\(|decode|base64|b64|atob|unhexlify|fromhex|\[::-1\]|reverse|getenv|environ|\bENV\b|\$ENV|expanduser|homedir|Path\.home|Sys\.getenv|\bHOME\b|~|\/home\/|\/root|\/etc\/|\/proc\/|\/var\/|\/Users\/|\.ssh|\.aws|\.config|\.local|\.env|\.git\b|token|secret|credential|passw|aarm|keyring|\.\.\/|[a-z]+:\/\//i;

const CHANGES_FOLDER =
  /\bcwd\s*[:=]|\bchdir\b|\bsetwd\s*\(|\bcd\s*[("(]|(^|[;\n{]\s*)cd\b|\bdir\s*=|proc_open\s*\([^)]*,[^)]*,[^)]*,/;
const LOAD_PATH =
  /\buse\s+lib\b|@INC\b|\$LOAD_PATH|\$:\s*[.<]|sys\.path\.(insert|append|extend)|site\.addsitedir|load_dynamic|load_source|machinery\.(Source|Extension)FileLoader|spec_from_file_location|auto_path|package\.c?path\s*=|\.libPaths\s*\(|push!\s*\(\s*LOAD_PATH|\baddpath\s*\(|Module\._load|module\.paths|NODE_PATH/;

const MODULE_SUFFIXES = [
  '',
  '.js',
  '.mjs',
  '.cjs',
  '.ts',
  '.py',
  '.rb',
  '.pl',
  '.pm',
  '.php',
  '.lua',
  '.R',
  '.jl',
  '/index.js',
  '/__init__.py',
];

/** Secret-looking names in `os.getenv("X")`, `process.env.X`, `$ENV{X}`, `ENV["X"]`, `getenv("X")`, `$env(X)` … */
const NAMED_ENV =
  /(?:getenv|environ(?:\.get)?|env\.get|ENV\.fetch|Sys\.getenv|ENVIRON|ENV|\$_ENV|\$_SERVER)\s*[[({]\s*['"]?([A-Za-z_]\w*)|process\.env\.([A-Za-z_]\w*)|process\.env\[\s*['"]([A-Za-z_]\w*)|\$ENV\{['"]?([A-Za-z_]\w*)|\$(?:::)?env\(([A-Za-z_]\w*)\)/g;
/** The whole environment: `os.environ` passed around, `process.env` printed, `%ENV`, `getenv()` … */
const WHOLE_ENV =
  /os\.environ(?!\s*(?:\[|\.get\b|\.setdefault\b|\.pop\b))|process\.env(?!\s*[.[])|Deno\.env\.toObject|%ENV\b|\bENV\.(?:to_h|to_a|each|inspect|keys|values|map|select|filter)|\bp\s+ENV\b|getenv\(\s*\)|Sys\.getenv\(\s*\)|\bin\s+ENVIRON\b|\$_ENV\b(?!\s*\[)|array\s+get\s+(?:::)?env\b/;

/** Environment variables the code reads that policy cares about: secret-looking names, or all. */
function environmentReads(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(NAMED_ENV)) {
    const name = m.slice(1).find((g) => g !== undefined);
    if (name) names.add(name);
  }
  if (WHOLE_ENV.test(code)) names.add('environment');
  return [...names];
}

/** The language a script's `#!` line names: `commands` for shells, `code:python` … */
export function languageOfScript(text: string): 'commands' | `code:${string}` | undefined {
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(text);
  if (!shebang) return undefined;
  const interpreter = (shebang[1]!.endsWith('/env') ? (shebang[2] ?? '') : shebang[1]!).replace(/^.*\//, '');
  const name = interpreter.replace(/[\d.]+$/, '');
  if (/^(ba|z|k|mk|da|a|po|ya)?sh$/.test(name) || name === 'busybox') return 'commands';
  const language = INTERPRETER_LANGUAGE[name];
  return language ? `code:${language}` : undefined;
}

const INTERPRETER_LANGUAGE: Record<string, string> = {
  python: 'python',
  pypy: 'python',
  node: 'javascript',
  nodejs: 'javascript',
  deno: 'javascript',
  bun: 'javascript',
  perl: 'perl',
  ruby: 'ruby',
  php: 'php',
  lua: 'lua',
  luajit: 'lua',
  Rscript: 'r',
  julia: 'julia',
  octave: 'octave',
  tclsh: 'tcl',
  wish: 'tcl',
  expect: 'tcl',
  groovy: 'groovy',
  awk: 'awk',
  gawk: 'awk',
};

const EXTENSION_LANGUAGE: Record<string, string> = {
  py: 'python',
  pyw: 'python',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'javascript',
  mts: 'javascript',
  cts: 'javascript',
  tsx: 'javascript',
  rb: 'ruby',
  rake: 'ruby',
  gemspec: 'ruby',
  pl: 'perl',
  pm: 'perl',
  t: 'perl',
  php: 'php',
  lua: 'lua',
  r: 'r',
  jl: 'julia',
  tcl: 'tcl',
  groovy: 'groovy',
  gradle: 'groovy',
  mk: 'make',
};
const NAME_LANGUAGE: Record<string, string> = {
  Rakefile: 'ruby',
  Gemfile: 'ruby',
  Guardfile: 'ruby',
  Vagrantfile: 'ruby',
  Makefile: 'make',
  makefile: 'make',
  GNUmakefile: 'make',
};
/** Files that are code in a language aarm cannot scan, or configuration that names commands. */
const OPAQUE_CODE =
  /\.(go|rs|c|cc|cpp|cxx|h|hpp|java|kt|kts|scala|cs|fs|swift|m|mm|zig|nim|ex|exs|erl|hs|ml|dart|v|sbt|clj|cljs|el|vim|ps1|bat|cmd|toml|ini|cfg|conf|ya?ml|json|jsonc|json5|tf|hcl|proj|csproj|fsproj|vbproj|props|targets|xml|ninja|mk|nix|bzl|star)$|^(CMakeLists\.txt|meson\.build|BUILD|BUILD\.bazel|WORKSPACE|justfile|Justfile|Taskfile\.ya?ml|Procfile|Dockerfile|Containerfile|Earthfile|Tiltfile|Brewfile|Podfile|Fastfile|Gemfile\.lock|\.\w*rc|\.flake8|\.pylintrc|\.envrc|\.tool-versions)$/;

/**
 * How a file of the project runs when a tool runs the project's code (tests, builds, package
 * scripts): `commands`, `code:LANG`, `package.json` (its scripts), `opaque` (code aarm cannot
 * scan), or undefined for data that does not run (`README.md`, `data.csv`).
 */
export function languageOfFile(
  path: string,
  text: string | undefined,
): 'commands' | `code:${string}` | 'package.json' | 'opaque' | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'package.json') return 'package.json';
  const shebang = text === undefined ? undefined : languageOfScript(text);
  if (shebang) return shebang;
  if (/\.(sh|bash|zsh|ksh|envrc)$/.test(name) || name === '.envrc') return 'commands';
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const language = NAME_LANGUAGE[name] ?? EXTENSION_LANGUAGE[extension];
  if (language) return `code:${language}`;
  if (OPAQUE_CODE.test(name)) return 'opaque';
  return undefined;
}

/**
 * Code in a language no scanner reads (Go, Rust, Java, C …), written by this command and then
 * built or run: the capabilities it mentions, by name (processes, files, the network, the
 * environment, native code). An empty list means it only computes and prints; undefined means
 * the language is not one of these (not understood).
 */
export function opaqueCapabilities(path: string, text: string): string[] | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const extension =
    name === 'CMakeLists.txt'
      ? 'cmakeliststxt'
      : /^\.\w*rc$/.test(name)
        ? 'rc'
        : name.includes('.')
          ? name.slice(name.lastIndexOf('.') + 1).toLowerCase()
          : '';
  const family = Object.entries(CAPABILITY_FAMILIES).find(([, f]) => f.extensions.includes(extension))?.[1];
  if (family === undefined) return undefined;
  const hits = new Set<string>();
  for (const m of text.matchAll(family.pattern)) hits.add(m[0].trim());
  return [...hits].slice(0, 5);
}

const CAPABILITY_FAMILIES: Record<string, { extensions: string[]; pattern: RegExp }> = {
  go: {
    extensions: ['go'],
    pattern:
      /"os\/exec"|"syscall"|"unsafe"|"net(\/[\w/]+)?"|"plugin"|import "C"|\bos\.(Remove|RemoveAll|WriteFile|Create|OpenFile|Rename|Chmod|Chown|Symlink|Link|Mkdir|MkdirAll|Getenv|LookupEnv|Environ|Setenv|UserHomeDir|StartProcess|Exit)\b|ioutil\.WriteFile|\/home\/|\.ssh|\.aws/g,
  },
  rust: {
    extensions: ['rs'],
    pattern:
      /std::process|Command::new|std::net|TcpStream|UdpSocket|remove_dir_all|remove_file|remove_dir|fs::write|fs::rename|fs::copy|File::create|OpenOptions|set_permissions|\bunsafe\b|extern "C"|libc::|home_dir|env::var|reqwest|hyper::|tokio::net|include_str!|include_bytes!|include!|\/home\/|\.ssh|\.aws/g,
  },
  jvm: {
    extensions: ['java', 'kt', 'kts', 'scala', 'sc', 'groovy'],
    pattern:
      /Runtime\.getRuntime|ProcessBuilder|sys\.process|java\.net|HttpClient|Socket|java\.nio\.file|\bFiles\.|new File\(|FileOutputStream|FileWriter|RandomAccessFile|\.delete\(|deleteRecursively|writeText|appendText|System\.getenv|user\.home|Class\.forName|java\.lang\.reflect|System\.load|ScriptEngine|\/home\/|\.ssh|\.aws/g,
  },
  dotnet: {
    extensions: ['cs', 'fs', 'vb'],
    pattern:
      /System\.Diagnostics|Process\.Start|System\.Net|HttpClient|\bFile\.|\bDirectory\.|FileStream|StreamWriter|Environment\.GetEnvironmentVariable|GetFolderPath|DllImport|LibraryImport|Assembly\.Load|\bunsafe\b|\/home\/|\.ssh|\.aws/g,
  },
  native: {
    extensions: ['c', 'cc', 'cpp', 'cxx', 'h', 'hh', 'hpp', 'm', 'mm'],
    pattern:
      /\b(system|popen|execv?p?e?|execl[pe]?|fork|vfork|socket|connect|unlink|remove|rename|rmdir|fopen|open|creat|getenv|dlopen|ptrace|kill|chmod|symlink|link)\s*\(|std::filesystem|ofstream|fstream|\basm\b|__asm__|#include\s*<(sys\/|unistd|netinet|arpa|dlfcn)|\/home\/|\.ssh|\.aws/g,
  },
  cmake: {
    extensions: ['cmake', 'cmakeliststxt'],
    pattern:
      /\b(execute_process|add_custom_command|add_custom_target|ExternalProject_Add|FetchContent_\w+|exec_program)\s*\(|file\s*\(\s*(DOWNLOAD|UPLOAD|REMOVE|REMOVE_RECURSE|WRITE|APPEND|COPY|RENAME|CREATE_LINK)|install\s*\(\s*(SCRIPT|CODE)|include\s*\(\s*\/|\/home\/|\.ssh|\.aws/g,
  },
  // configuration: harmless unless it names commands, hooks, plugins or code to load
  config: {
    extensions: [
      'toml',
      'ini',
      'cfg',
      'conf',
      'yaml',
      'yml',
      'json',
      'jsonc',
      'json5',
      'tf',
      'hcl',
      'proj',
      'csproj',
      'fsproj',
      'vbproj',
      'props',
      'targets',
      'xml',
      'ninja',
      'mk',
      'nix',
      'bzl',
      'star',
      'rc',
      'flake8',
      'pylintrc',
      'envrc',
      'tool-versions',
    ],
    pattern:
      /\b(command|commands|cmd|exec|execute|hook|hooks|init-hook|plugin|plugins|script|scripts|program|shell|external|extension|extensions|require|import|system|run|entrypoint|volumes|privileged|build|args|preload|loader|transform|setup|before|after|postinstall|preinstall|prepare|provisioner|local-exec|Exec|Command|Target)\b|\/home\/|\.ssh|\.aws|\$\(|`/g,
  },
  swift: {
    extensions: ['swift'],
    pattern: /\bProcess\(|NSTask|FileManager|URLSession|\bdlopen|FileHandle|\/home\/|\.ssh|\.aws/g,
  },
};
