/**
 * One simple command, run in the analysis: shell builtins, shells, modelled programs, and the
 * generic account for the rest; the engine side of the models (model.ts → ModelContext). Pure.
 */
import { posix } from 'node:path';
import { HIJACKING_VARIABLES } from './variables.js';
import { globMatch, hostClass } from '../../protocol/paths.js';
import type { Analyser, Stdin } from './analyse.js';
import type { Field, Output } from './expand.js';
import { genericArgument } from './generic.js';
import {
  DEFAULT_HOSTS,
  GIT_REMOTE_HOST_PREFIX,
  UNKNOWN_HOST,
  normaliseHost,
  parseRemote,
  parseUrlArgument,
} from './hosts.js';
import {
  applyCodeEffects,
  languageOfFile,
  languageOfScript,
  opaqueCapabilities,
  scannerFor,
} from './inline/index.js';
import { interpret } from './interpret.js';
import type { ModelContext, Role } from './model.js';
import { staticOutput } from './output.js';
import { familyOf, isKnownProgram, lookupProgram } from './programs/index.js';
import { BUILTINS } from './builtins.js';
import { SHELLS } from './scope.js';
import { authored, resolvePath, subshell, type Provenance, type State, type WrittenFile } from './state.js';

const UNKNOWN: Output = { kind: 'unknown', decoded: false };

/**
 * Arguments that change what any program runs, whichever program gets them: `NAME=value` for a
 * variable that picks programs or code (`cmake -E env LD_PRELOAD=…`, `make SHELL=…`,
 * `systemctl set-environment`), and JVM or compiler options that load an agent or a plugin
 * (`-DargLine=-agentpath:…`, `-J-javaagent:…`, `-fplugin=…`).
 */
function dangerousArguments(analyser: Analyser, program: string, args: Field[]): void {
  args.forEach((a, i) => {
    if (!a.known) return;
    // A package index other than the public ones: every package installed comes from it.
    const index =
      /^(--registry|--index-url|--extra-index-url|--find-links|--config\.registry|--registry-url|--source|-i|-r|--requirement)(?:=(.*))?$/.exec(
        a.text,
      );
    const url = index ? (index[2] ?? args[i + 1]?.text ?? '') : '';
    if (
      index &&
      (index[1] !== '-i' || /^pip/.test(program)) &&
      /^https?:\/\//.test(url) &&
      !/^https:\/\/(registry\.npmjs\.org|registry\.yarnpkg\.com|pypi\.org|files\.pythonhosted\.org|index\.crates\.io|crates\.io|rubygems\.org|repo1\.maven\.org|repo\.maven\.apache\.org|proxy\.golang\.org)\b/.test(
        url,
      )
    ) {
      analyser.scope.packages.add(`registry:${url}`);
      analyser.scope.risk('remote-code');
    }
    const assignment = /^(?:-[A-Za-z]\s*)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(a.text);
    if (assignment) {
      const [, name, value] = assignment as unknown as [string, string, string];
      const flags =
        /^(CC|CXX|CPP|LD|AR|AS|FC|CFLAGS|CXXFLAGS|CPPFLAGS|LDFLAGS|MAKEFLAGS|RUSTFLAGS|GOFLAGS|CGO_\w+)$/.test(
          name,
        );
      // a system program as the shell or editor (`make SHELL=/bin/bash`) changes nothing aarm judges
      const systemProgram =
        /^(SHELL|EDITOR|VISUAL|PAGER|GIT_EDITOR|MANPAGER)$/.test(name) &&
        /^\/(usr\/)?(local\/)?s?bin\/[\w.+-]+$/.test(value);
      const risky = flags
        ? /[/$`;]|-fplugin|-fpass-plugin|-B|-specs|-wrapper|-Xclang|-load|-javaagent|-agentpath/.test(value)
        : !systemProgram && (name === 'PATH' || HIJACKING_VARIABLES.test(name));
      if (risky)
        analyser.scope.notUnderstood(
          `\`${program}\` gets \`${name}=…\`, which changes which programs or code run`,
        );
    }
    if (
      /-javaagent:|-agentpath:|-agentlib:|-Xbootclasspath|-XX:OnError|-XX:OnOutOfMemoryError|-fplugin=|-fpass-plugin=|-Xplugin/.test(
        a.text,
      )
    )
      analyser.scope.notUnderstood(
        `\`${program}\` gets \`${a.text.slice(0, 60)}\`, which loads an agent or plugin into a program`,
      );
    // a cluster configuration names credential plugins that run (`exec:`)
    if (/^--kubeconfig(=|$)/.test(a.text))
      analyser.scope.notUnderstood(
        `\`${program} --kubeconfig\` uses a cluster configuration that can run credential plugins`,
      );
  });
}

const PROJECT_TOOL_FAMILIES = new Set(['build', 'packages', 'containers']);

/** zsh's special arrays and modules, fish and csh syntax: what a Bash reading would miss. */
const OTHER_SHELL_FEATURES =
  /\b(functions|aliases|galiases|saliases|dis_\w+|cdpath|commands|builtins|reswords|modules|parameters|zmodload|ztcp|zsocket|zpty|autoload|precmd|preexec|chpwd|periodic|zle|bindkey|setenv|set\s+-[gxU])\b|\$\{\(|(^|\s)=\(/;

/** zsh's module loader and the commands of its modules that reach the network, files or terminals. */
const ZSH_MODULE_COMMANDS = new Set([
  'zmodload',
  'ztcp',
  'zsocket',
  'zftp',
  'zpty',
  'sysopen',
  'sysread',
  'syswrite',
  'sysseek',
  'zselect',
  'zsystem',
  'zcurses',
]);

/** `/usr/bin/rm`, `./rm` → `rm`; `python3.12` → found through `python3` (see lookup). */
export function programName(spelled: string): string {
  return spelled.includes('/') ? posix.basename(spelled) : spelled;
}

export function runCommand(
  analyser: Analyser,
  ctx: EngineContext,
  fields: Field[],
  state: State,
  via: string[],
  stdin: Stdin | undefined,
  env: State = state,
): Output {
  const scope = analyser.scope;
  const spelled = fields[0]!.text;
  let program = programName(spelled);
  const args = fields.slice(1);
  scope.commands.push({ program, argv: [program, ...args.map((a) => a.text)], via });
  if (spelled.includes('/')) {
    const path = resolvePath(spelled, state, analyser.home);
    scope.executes.add(path);
    // A link made here to a system program (`ln -s /bin/sh ./ls`) runs that program.
    const linked =
      /\/(s?bin|libexec)\//.test(path) && programName(path) !== program ? programName(path) : undefined;
    const copy = state.disk.programs.get(path) ?? linked;
    // Run it as a file: downloads and files written earlier in the command are judged there.
    const written = copy === undefined ? writtenOrDownloaded(analyser, state, path) : undefined;
    if (copy !== undefined) {
      // `cp /bin/rm ./x && ./x -rf ~`: the copy runs as the program it is.
      program = copy;
      scope.commands.push({ program, argv: [program, ...args.map((a) => a.text)], via: [...via, spelled] });
    } else if (written !== undefined) {
      runWrittenFile(analyser, ctx, path, written, 'commands', state, via);
      // A script whose text was judged is done; a binary still has its arguments judged below.
      if (written.text !== undefined) return UNKNOWN;
    }
  }
  ctx.program = program;

  const fn = state.functions.get(program);
  if (fn !== undefined) {
    fn.called = true;
    callFunction(analyser, fn.body, args, state, via, program);
    // INVARIANT: a function named like a program is judged as that program too; the function may
    // be gone (`unset -f`, a subshell) by the time the name runs.
    if (!isKnownProgram(program) && !BUILTINS[program] && !SHELLS.has(program)) return UNKNOWN;
  }

  const builtin = Object.hasOwn(BUILTINS, program) ? BUILTINS[program] : undefined;
  if (!builtin) dangerousArguments(analyser, program, args);
  if (builtin) {
    const out = builtin(analyser, ctx, args, state, via, stdin, env);
    return (
      out ?? staticOutput({ program, args, stdin: stdin?.output, cwd: state.cwd, path: (t) => ctx.path(t) })
    );
  }
  if (SHELLS.has(program)) {
    runShell(analyser, ctx, args, state, via);
    return UNKNOWN;
  }
  // In zsh (the user's shell, which agents' terminals run), these load and use modules that open
  // sockets, write files, run commands in terminals: nothing a program of that name would do.
  if (
    ZSH_MODULE_COMMANDS.has(program) &&
    (program !== 'zmodload' || args.some((a) => !a.text.startsWith('-')))
  )
    scope.notUnderstood(
      `\`${program}\` is zsh's (its modules open sockets, write files, run commands), which aarm does not follow`,
    );
  const model = lookupProgram(program);
  const networkBefore = scope.networkUses;
  const hostsBefore = scope.hosts.size;
  if (model) interpret(model, args, ctx);
  else for (let i = 0; i < args.length;) i += ctx.genericAt(args, i, false);
  ctx.finish();
  // A program that uses the network always names where: its default servers and, since its
  // configuration may say otherwise, a host aarm cannot name (never an empty list of hosts).
  if (scope.networkUses > networkBefore && scope.hosts.size === hostsBefore) {
    for (const host of DEFAULT_HOSTS[program] ?? []) scope.hosts.add(host);
    scope.hosts.add(UNKNOWN_HOST);
  }
  return staticOutput({ program, args, stdin: stdin?.output, cwd: state.cwd, path: (t) => ctx.path(t) });
}

/** Programs that change a file's mode, owner or times, never what it holds. */
const METADATA_ONLY = new Set([
  'chmod',
  'chown',
  'chgrp',
  'touch',
  'chattr',
  'setfacl',
  'xattr',
  'chflags',
  'setfattr',
  'utime',
]);

/** A file this command wrote or downloaded before running it, as runWrittenFile judges it. */
function writtenOrDownloaded(analyser: Analyser, state: State, path: string): WrittenFile | undefined {
  const exact = state.disk.files.get(path);
  if (exact) return exact;
  for (const [key, file] of state.disk.files)
    if (key.endsWith('/**') && path.startsWith(key.slice(0, -2))) return file;
  if (analyser.scope.downloaded.has(path)) return { text: undefined, fromNetwork: true };
  if (analyser.scope.downloaded.has('?downloaded') && posix.dirname(path) === state.cwd)
    return { text: undefined, fromNetwork: true };
  return undefined;
}

function callFunction(
  analyser: Analyser,
  body: Parameters<Analyser['stmts']>[0][number],
  args: Field[],
  state: State,
  via: string[],
  name: string,
): void {
  if (state.depth >= analyser.maxDepth) {
    analyser.scope.notUnderstood(`the function \`${name}\` calls itself too deeply`);
    return;
  }
  const inner: State = { ...state, depth: state.depth + 1 };
  // Positional parameters for the body: $1 …, $@, $#.
  const saved = ['@', '#', ...args.map((_, i) => String(i + 1))].map((k) => [k, state.vars.get(k)] as const);
  setPositional(state, args);
  analyser.stmts([body], inner, [...via, name]);
  // A function runs in this shell: where it `cd`s to holds after it returns.
  state.cwd = inner.cwd;
  for (const [k, v] of saved)
    if (v === undefined) state.vars.delete(k);
    else state.vars.set(k, v);
}

export function setPositional(state: State, args: Field[]): void {
  args.forEach((a, i) => state.vars.set(String(i + 1), { text: a.known && !a.many ? a.text : undefined }));
  const exact = args.every((a) => a.known && !a.many);
  state.vars.set(
    '@',
    exact ? { text: args.map((a) => a.text).join(' '), array: args.map((a) => a.text) } : { text: undefined },
  );
  state.vars.set('#', exact ? { text: String(args.length) } : { text: undefined });
}

/** `bash -c CMD`, `sh script.sh`, `bash` reading standard input, `bash --rcfile F -i`. */
export function runShell(
  analyser: Analyser,
  ctx: EngineContext,
  args: Field[],
  state: State,
  via: string[],
): void {
  let i = 0;
  let command: Field | undefined;
  let commandFlag = false;
  let readsStdin = false;
  while (i < args.length) {
    const arg = args[i]!;
    if (!arg.known) {
      // After `-c`, the first operand is the command string (judged below).
      if (commandFlag) break;
      analyser.scope.notUnderstood(
        `\`${ctx.program}\` gets \`${arg.text}\`, only known when the command runs`,
      );
      return;
    }
    const t = arg.text;
    if (t === '--' || t === '-') {
      i++;
      break;
    }
    if (t === '--rcfile' || t === '--init-file') {
      const file = args[i + 1];
      if (file) ctx.runsFile(file);
      i += 2;
      continue;
    }
    if (/^[-+][a-zA-Z]+$/.test(t)) {
      if (t.startsWith('-') && t.includes('c')) commandFlag = true;
      if (t.startsWith('-') && t.includes('s')) readsStdin = true;
      // `-o option` and `-O shopt` take a value.
      if (/[oO]$/.test(t)) i++;
      i++;
      continue;
    }
    if (t.startsWith('--')) {
      i++;
      continue;
    }
    break;
  }
  const nestedVia = [...via, ctx.program];
  if (commandFlag) {
    command = args[i];
    if (command === undefined) return;
    if (!command.known) {
      analyser.scope.notUnderstood(
        `\`${ctx.program} -c\` runs a string that is only known when the command runs`,
      );
      if (command.network) analyser.scope.risk('download-and-execute');
      return;
    }
    // zsh, fish and csh read some scripts differently from Bash: their own features are not followed.
    if (
      ctx.program !== 'bash' &&
      ctx.program !== 'sh' &&
      ctx.program !== 'dash' &&
      OTHER_SHELL_FEATURES.test(command.text)
    )
      analyser.scope.notUnderstood(
        `\`${ctx.program} -c\` uses features of ${ctx.program} that aarm reads as Bash`,
      );
    const inner: State = { ...subshell(state), depth: state.depth + 1 };
    // `bash -c 'script' name a b`: $0 is name, $1 … the rest.
    setPositional(inner, args.slice(i + 2));
    analyser.script(command.text, inner, nestedVia);
    return;
  }
  const script = args[i];
  if (script !== undefined && !readsStdin) {
    ctx.runsFile(script, 'commands');
    return;
  }
  ctx.runsStdin('commands');
}

/** A file written earlier in this command runs: judge what was written into it. */
function runWrittenFile(
  analyser: Analyser,
  ctx: EngineContext,
  path: string,
  written: WrittenFile,
  language: 'commands' | `code:${string}`,
  state: State,
  via: string[],
): void {
  if (written.fromNetwork || written.derived?.readDownloaded || analyser.scope.downloaded.has(path))
    analyser.scope.risk('download-and-execute');
  const fetched = written.fetched ?? written.derived?.fetched;
  if (fetched !== undefined) {
    // someone else's code (a clone, or built from one): a human looks at what is being run
    analyser.scope.packages.add(fetched);
    analyser.scope.risk('remote-code');
  }
  if (written.text === undefined) {
    // A program built from the project's own files is the project's code; one built from what this
    // command wrote (`printf … > a.c && gcc a.c -o a && ./a`) is code aarm has not seen.
    if (!authored(written) && !written.fromNetwork && !written.derived?.readDownloaded) return;
    analyser.scope.notUnderstood(
      `runs \`${path}\`, which this command wrote with content only known when it runs`,
    );
    return;
  }
  const shebang = languageOfScript(written.text);
  const lang = language === 'commands' && shebang !== undefined ? shebang : language;
  if (lang === 'commands')
    analyser.script(written.text, { ...subshell(state), depth: state.depth + 1 }, [...via, path]);
  else if (scannerFor(lang.slice('code:'.length)) === undefined) opaqueCode(analyser, path, written.text);
  else ctx.code(lang.slice('code:'.length), written.text);
}

/**
 * Code no scanner reads (Go, Rust, Java, C …) that this command wrote and then runs: harmless when
 * it mentions none of the capabilities that act on the machine; otherwise not understood.
 */
function opaqueCode(analyser: Analyser, path: string, text: string): void {
  const capabilities = opaqueCapabilities(path, text);
  if (capabilities === undefined)
    analyser.scope.notUnderstood(`runs \`${path}\`, code this command wrote in a language aarm cannot read`);
  else if (capabilities.length > 0)
    analyser.scope.notUnderstood(
      `runs \`${path}\`, which this command wrote, and which uses ${capabilities.map((c) => `\`${c}\``).join(', ')}`,
    );
}

/** The engine side of a model call: how roles become effects. */
export interface EngineContext extends ModelContext {
  program: string;
  runsFile(file: Field, language?: 'commands' | `code:${string}`): void;
  /** the call is over: judge the project code it runs, now that every argument was read */
  finish(): void;
}

export function createModelContext(
  analyser: Analyser,
  fields: Field[],
  state: State,
  env: State,
  via: string[],
  stdin: Stdin | undefined,
  stdoutTo: string | undefined,
): EngineContext {
  const scope = analyser.scope;
  const home = analyser.home;
  const path = (text: string) => resolvePath(text, state, home);
  const below = (p: string) => (p === '/' ? '/**' : `${p}/**`);
  let localCwd: string | undefined | null = null;
  // What this call read that earlier parts of the command wrote or downloaded: what it writes
  // then carries that along (`gcc a.c -o a` after `printf … > a.c`; `tar xf` of a download).
  const provenance: Provenance = { readWritten: false, readDownloaded: stdin?.fromNetwork === true };
  /** files and trees this command wrote that this call read: their code may be what it runs */
  const sources = new Set<string>();
  let runsProject = false;
  const consider = (key: string, file: WrittenFile) => {
    sources.add(key.replace(/\/\*\*$/, ''));
    // Source this command wrote is made-up content, unless it is code that only computes
    // (`printf 'package main …' > main.go && go build`): then what is built from it only computes.
    const onlyComputes = file.text !== undefined && opaqueCapabilities(key, file.text)?.length === 0;
    if (authored(file) && !onlyComputes) provenance.readWritten = true;
    if (file.fromNetwork || file.derived?.readDownloaded) provenance.readDownloaded = true;
    provenance.fetched ??= file.fetched ?? file.derived?.fetched;
  };
  const noteRead = (p: string) => {
    const file = writtenFile(p);
    if (file) consider(p, file);
    if (isDownloaded(p)) provenance.readDownloaded = true;
    // a folder (`go build .`, `tar cf x.tar src`) with code this command wrote or downloaded in it
    const dir = p.replace(/\/\*\*$/, '');
    for (const [key, inner] of state.disk.files) {
      if (!key.startsWith(dir === '/' ? '/' : `${dir}/`)) continue;
      if (inner.text !== undefined && languageOfFile(key, inner.text) === undefined) continue; // data
      consider(key, inner);
    }
  };
  /** what this call itself writes: not configuration it reads */
  const writtenHere = new Set<string>();
  const noteWrite = (p: string) => {
    writtenHere.add(p);
    // chmod, touch …: the content (and what it came from) stays what it was.
    if (METADATA_ONLY.has(program())) return;
    // Anything else rewrites it: `sed -i` of a script this command wrote leaves content aarm
    // has not seen, and a file changed from a download is still the download's.
    const existing = state.disk.files.get(p);
    const wasWritten = existing !== undefined && authored(existing);
    const wasDownloaded = existing?.derived?.readDownloaded === true || isDownloaded(p);
    const wasFetched = existing?.fetched ?? existing?.derived?.fetched;
    state.disk.files.set(p, {
      text: undefined,
      fromNetwork: existing?.fromNetwork ?? false,
      // live: the program may read its inputs after naming its output (`go build -o app .`)
      derived: {
        get readWritten() {
          return wasWritten || provenance.readWritten;
        },
        get readDownloaded() {
          return wasDownloaded || provenance.readDownloaded;
        },
        get fetched() {
          return wasFetched ?? provenance.fetched;
        },
      },
    });
  };
  /** A file written earlier in the command (an exact path, or a folder tree it extracted). */
  function writtenFile(p: string) {
    const exact = state.disk.files.get(p);
    if (exact) return exact;
    for (const [key, file] of state.disk.files) {
      if (key.endsWith('/**') && (p === key.slice(0, -3) || p.startsWith(key.slice(0, -2)))) return file;
      // pieces named by a pattern (`split x p` writes p??)
      if (/[*?[]/.test(key) && !key.endsWith('/**') && globMatch(p, key)) return file;
    }
    return undefined;
  }
  function isDownloaded(p: string): boolean {
    if (scope.downloaded.has(p)) return true;
    const file = writtenFile(p);
    if (file?.fromNetwork || file?.derived?.readDownloaded) return true;
    // `wget URL && ./name`: a download whose name came from the URL, run from this folder.
    return scope.downloaded.has('?downloaded') && state.cwd !== undefined && posix.dirname(p) === state.cwd;
  }
  const program = () => ctx.program;
  /**
   * The program runs the project's code below `root` (tests, build and package scripts): what
   * this command wrote or downloaded there runs too, judged by its content (R5: write-then-run).
   */
  function projectCodeRuns(root: string | undefined, language?: `code:${string}`): void {
    if (root === undefined) return;
    for (const [key, file] of state.disk.files) {
      const p = key.endsWith('/**') ? key.slice(0, -3) : key;
      if (p !== root && !p.startsWith(root === '/' ? '/' : `${root}/`)) continue;
      if (writtenHere.has(key)) continue;
      const judged = `judged:${p}`;
      if (state.disk.facts.has(judged)) continue;
      const kind = key.endsWith('/**')
        ? 'opaque'
        : (languageOfFile(p, file.text) ?? (language && p !== root ? language : undefined));
      if (kind === undefined) continue;
      state.disk.facts.set(judged, program());
      const fetched = file.fetched ?? file.derived?.fetched;
      if (fetched !== undefined) {
        scope.packages.add(fetched);
        scope.risk('remote-code');
      }
      const fromNetwork = file.fromNetwork || file.derived?.readDownloaded === true;
      if (fromNetwork) scope.risk('download-and-execute');
      if (!authored(file) && !fromNetwork) continue; // the project's own file (or fetched code, judged above)
      if (kind === 'opaque' && file.text !== undefined && !fromNetwork) {
        opaqueCode(analyser, p, file.text);
      } else if (file.text === undefined || kind === 'opaque') {
        scope.notUnderstood(
          `\`${program()}\` runs the project's code, including \`${p}\`, which this command wrote or downloaded`,
        );
      } else if (kind === 'package.json') {
        packageScripts(p, file.text);
      } else runWrittenFile(analyser, ctx, p, file, kind, state, via);
    }
  }
  /** `package.json` written in this command: its scripts are commands that `npm test`, `npm install` … run. */
  function packageScripts(p: string, text: string): void {
    let scripts: unknown;
    try {
      scripts = (JSON.parse(text) as { scripts?: unknown }).scripts;
    } catch {
      scope.notUnderstood(
        `\`${program()}\` runs scripts from \`${p}\`, which this command wrote and aarm cannot read as JSON`,
      );
      return;
    }
    if (scripts === undefined) return;
    if (typeof scripts !== 'object' || scripts === null) return;
    for (const script of Object.values(scripts))
      if (typeof script === 'string') ctx.runScript(script, `${p} scripts`);
  }
  const nested = (): State => ({
    ...state,
    depth: state.depth + 1,
    ...(localCwd !== null ? { cwd: localCwd } : {}),
  });

  const ctx: EngineContext = {
    program: fields[0] ? programName(fields[0].text) : '',
    home,
    workspace: analyser.options.workspace,
    get cwd() {
      return localCwd !== null ? localCwd : state.cwd;
    },
    stdoutTo,
    stdin: stdin?.output,
    facts: state.disk.facts,
    path: (text) => (localCwd !== null ? resolvePath(text, { ...state, cwd: localCwd }, home) : path(text)),
    read(p) {
      scope.reads.add(p);
      noteRead(p);
    },
    write(p) {
      scope.writes.add(p);
      noteWrite(p);
    },
    remove(p) {
      scope.deletes.add(p);
    },
    apply(role: Role, field: Field) {
      applyRole(ctx, role, field);
    },
    genericAt(all, index, readonly) {
      return genericArgument(ctx, all, index, { readonly, isProgram: isRunnable });
    },
    contact(field) {
      scope.useNetwork();
      // `http://127.0.0.1:80\@evil.com/`: URL parsers disagree on where a backslash goes.
      if (
        field.known &&
        /^[a-z][\w+.-]*:\/\//i.test(field.text) &&
        /[\\\s]/.test(field.text.replace(/[?#].*$/s, ''))
      ) {
        scope.notUnderstood(
          `\`${field.text}\` is a URL that programs read differently (a backslash or space in its address)`,
        );
        return true;
      }
      const url = field.known ? parseUrlArgument(field.text) : undefined;
      if (!url) return false;
      scope.urls.add(url.href);
      if (url.protocol === 'file:') {
        scope.reads.add(decodeURIComponent(url.pathname));
        return true;
      }
      const host = normaliseHost(url.hostname);
      scope.hosts.add(host);
      // The Docker Engine API runs containers as root: on loopback it is not a local web app.
      if ((url.port === '2375' || url.port === '2376') && hostClass(host) === 'loopback')
        scope.risk('privilege-escalation');
      return true;
    },
    host(text) {
      scope.useNetwork();
      const bare = text.replace(/^.*@/, '');
      // A host parseRemote could not read is `?text` already.
      scope.hosts.add(bare.startsWith('?') ? bare : normaliseHost(bare));
    },
    unknownHost(remoteName) {
      scope.useNetwork();
      scope.hosts.add(remoteName === undefined ? UNKNOWN_HOST : `${GIT_REMOTE_HOST_PREFIX}${remoteName}`);
    },
    network() {
      scope.useNetwork();
    },
    sends() {
      scope.risk('exfiltration');
    },
    risk(r) {
      scope.risk(r);
    },
    unknown(reason) {
      scope.notUnderstood(reason);
    },
    executes(what) {
      scope.executes.add(what);
      // A label (`test files`, `package scripts`): the program runs the project's own code (judged
      // in finish, once every argument has been read).
      if (!/^[/?~]|^(inline|module|container|vm):/.test(what)) runsProject = true;
    },
    run(argv, viaName) {
      if (argv.length === 0) return;
      if (state.depth >= analyser.maxDepth) {
        scope.notUnderstood(`commands nested more than ${analyser.maxDepth} levels deep`);
        return;
      }
      analyser.command(argv, nested(), [...via, viaName], stdin, undefined, {
        ...env,
        depth: state.depth + 1,
      });
    },
    runScript(text, viaName) {
      analyser.script(text, { ...subshell(nested()) }, [...via, viaName]);
    },
    code(language, text) {
      applyCodeEffects(language, text, ctx, analyser, nested(), [...via, `${program()} (${language})`]);
    },
    runsFile(file, language = 'commands') {
      if (file.network) scope.risk('download-and-execute');
      if (file.known && (file.text === '-' || file.text === '/dev/stdin')) return ctx.runsStdin(language);
      if (!file.known) {
        scope.notUnderstood(`\`${program()}\` runs a file whose name is only known when the command runs`);
        return;
      }
      const p = ctx.path(file.text);
      scope.executes.add(p);
      scope.reads.add(p);
      if (isDownloaded(p)) scope.risk('download-and-execute');
      // `find x -exec sh {} \;`: a pattern of files runs; those written here are judged.
      if (/[*?[]/.test(p))
        for (const [key, found] of state.disk.files)
          if (
            !key.endsWith('/**') &&
            (globMatch(key, p) ||
              globMatch(key, p.replace(/\/\*\*\//g, '/')) ||
              key === p.replace(/\/\*\*$/, '')) &&
            !state.disk.facts.has(`judged:${key}`)
          ) {
            state.disk.facts.set(`judged:${key}`, program());
            runWrittenFile(analyser, ctx, key, found, language, state, via);
          }
      const written = writtenFile(p);
      if (written && !state.disk.facts.has(`judged:${p}`)) {
        state.disk.facts.set(`judged:${p}`, program());
        runWrittenFile(analyser, ctx, p, written, language, state, via);
      }
      // `node --test test/`, `pytest tests`: a folder of code runs, with what was written into it.
      projectCodeRuns(p, language === 'commands' ? undefined : language);
    },
    runsStdin(language) {
      const what = language === 'commands' ? 'commands' : `${language.slice('code:'.length)} code`;
      if (stdin === undefined) {
        scope.notUnderstood(
          `\`${program()}\` reads ${what} from its standard input (the terminal), which aarm cannot see`,
        );
        return;
      }
      if (stdin.fromNetwork) {
        scope.risk('download-and-execute');
        scope.notUnderstood(`\`${program()}\` runs ${what} downloaded from the network`);
        return;
      }
      if (stdin.output.kind === 'text') {
        if (language === 'commands')
          analyser.script(stdin.output.text, { ...subshell(nested()) }, [...via, program()]);
        else ctx.code(language.slice('code:'.length), stdin.output.text);
        return;
      }
      scope.notUnderstood(
        `\`${program()}\` runs ${what} from its standard input, which is only known when the command runs`,
      );
    },
    setCwd(dir) {
      localCwd = dir === undefined || !dir.known ? undefined : path(dir.text);
    },
    signal(target) {
      scope.signals.add(target);
    },
    finish() {
      // Build, package and developer tools read the project's configuration (lint and test
      // configs, compose files, build files), some of which is code or names commands.
      if (!runsProject && !PROJECT_TOOL_FAMILIES.has(familyOf(ctx.program) ?? '')) return;
      projectCodeRuns(ctx.cwd ?? analyser.options.workspace);
      for (const source of sources) projectCodeRuns(source);
      // The project whose code runs may be elsewhere: `npm --prefix /tmp/x run`, `pytest /tmp/x`,
      // `npm install /tmp/x`, `tox -c /tmp/tox.ini`: code from outside the workspace runs.
      const workspace = analyser.options.workspace;
      if (workspace === undefined) return;
      const places = new Set<string>();
      if (ctx.cwd !== undefined) places.add(ctx.cwd);
      // operands, and the values of options that name where the project or its settings are
      // (not outputs: `pip download -d /tmp/wheels` only writes there)
      const args = fields.slice(1);
      args.forEach((f, i) => {
        if (!f.known) return;
        const previous = args[i - 1]?.text ?? '';
        const option = /^(--?[\w-]+)=(.*)$/s.exec(f.text);
        const output =
          /^(-d|-o|-t|--dest|--destination|--download|--output|--out|--out-dir|--output-dir|--target|--target-dir|--log|--log-file|--cache-dir|--report|--junitxml|--cov-report|--build-dir|--dist-dir|--tmp|--temp)$/;
        const value = option
          ? output.test(option[1]!)
            ? ''
            : option[2]!
          : f.text.startsWith('-') || output.test(previous)
            ? ''
            : f.text;
        const path = value.replace(/^file:(\/\/)?/, '');
        if (/^(\/|~|\.\.(\/|$))/.test(path)) places.add(ctx.path(path));
      });
      for (const place of places)
        if (place !== workspace && !place.startsWith(`${workspace}/`) && !/^\/(dev|proc)\//.test(place))
          scope.executes.add(place);
    },
    fetched(tree, source) {
      state.disk.files.set(tree, { text: undefined, fromNetwork: false, fetched: source });
    },
    fetchesAndRuns(pkg) {
      scope.packages.add(pkg);
      scope.risk('remote-code');
      scope.useNetwork();
    },
    downloaded(p) {
      scope.downloaded.add(p);
      state.disk.files.set(p, { text: undefined, fromNetwork: true });
    },
    wasWritten(p) {
      // (paths come resolved through links made here: the target of one counts too)
      return (
        writtenFile(p) !== undefined ||
        isDownloaded(p) ||
        state.disk.programs.has(p) ||
        state.disk.links.has(p) ||
        [...state.disk.links.values()].includes(p)
      );
    },
    written(path, content) {
      state.disk.files.set(path, {
        text: content?.kind === 'text' ? content.text : undefined,
        fromNetwork: stdin?.fromNetwork ?? false,
      });
    },
    copied(source, destination) {
      if (!source.known) return;
      if (source.text === '/dev/stdin' || source.text === '-') return ctx.written(destination, stdin?.output);
      const from = path(source.text);
      const base = programName(source.text);
      const file = state.disk.files.get(from);
      if (file) state.disk.files.set(destination, file);
      else if (/\/(s?bin|libexec)\//.test(from) || isRunnable(base))
        state.disk.programs.set(destination, base);
      else state.disk.files.delete(destination);
    },
    linked(target, link) {
      if (!target.known) {
        scope.notUnderstood(`\`${program()}\` links to a path only known when the command runs`);
        return;
      }
      // A link is as good as its target: touching it is touching what it points at.
      const to =
        posix.isAbsolute(target.text) || target.text.startsWith('~')
          ? path(target.text)
          : path(posix.join(posix.dirname(link), target.text));
      scope.reads.add(to);
      state.disk.links.set(link, to);
      const base = programName(target.text);
      if (/\/(s?bin|libexec)\//.test(to) || isRunnable(base)) state.disk.programs.set(link, base);
    },
  };

  function applyRole(c: EngineContext, role: Role, field: Field): void {
    const unknownPath = (verb: string) => {
      scope.notUnderstood(
        `\`${program()}\` ${verb} \`${field.text}\`, a path only known when the command runs`,
      );
      // What it could be still counts: `rm -rf "$X/.aarm"` may reach policy files.
      const pattern = unknownPattern(field.text);
      if (pattern !== undefined) (verb === 'deletes' ? scope.deletes : scope.writes).add(c.path(pattern));
    };
    if (field.known && isPseudoFile(field.text) && /^(read|write)/.test(role)) return;
    if (field.decoded && role !== 'value') {
      scope.notUnderstood(`\`${program()}\` gets \`${field.text}\`, computed at run time by another program`);
      return;
    }
    switch (role) {
      case 'value':
        return;
      case 'read':
      case 'read-tree':
        if (field.known) noteRead(c.path(field.text));
        if (!field.known) {
          // `cat $FILES`: a name only known at run time, read by a program that reads (lenient);
          // `cat "$D/.env"`: judged as every path it could be (a glob of them).
          const pattern = unknownPattern(field.text);
          if (pattern === undefined) scope.unnamedReads.add(field.text);
          else scope.reads.add(c.path(pattern));
          return;
        }
        scope.reads.add(role === 'read' ? c.path(field.text) : below(c.path(field.text)));
        return;
      case 'write':
      case 'write-tree':
      case 'write-into':
        if (!field.known) return unknownPath('writes');
        if (field.text === '-') return;
        if (role === 'write-into') scope.writes.add(`${c.path(field.text)}/*`);
        else scope.writes.add(c.path(field.text));
        if (role === 'write-tree') scope.writes.add(below(c.path(field.text)));
        noteWrite(role === 'write' ? c.path(field.text) : below(c.path(field.text)));
        return;
      case 'delete':
      case 'delete-tree':
        if (!field.known) return unknownPath('deletes');
        scope.deletes.add(c.path(field.text));
        if (role === 'delete-tree') scope.deletes.add(below(c.path(field.text)));
        return;
      case 'exec':
        if (!field.known) return unknownPath('runs');
        // A program path with spaces in it is judged as the command line it looks like.
        if (/\s/.test(field.text.trim())) c.runScript(field.text, `${program()} (helper)`);
        else c.run([field], `${program()} (helper)`);
        return;
      case 'command':
        if (!field.known) {
          scope.notUnderstood(
            `\`${program()}\` runs a command string that is only known when the command runs`,
          );
          if (field.network) scope.risk('download-and-execute');
          return;
        }
        c.runScript(field.text, program());
        return;
      case 'argv':
        c.run([field], program());
        return;
      case 'script':
        c.runsFile(field);
        return;
      case 'cwd':
        c.setCwd(field);
        return;
      case 'url':
        if (!field.known) {
          c.unknownHost();
          scope.notUnderstood(
            `\`${program()}\` contacts \`${field.text}\`, a URL only known when the command runs`,
          );
          return;
        }
        if (!c.contact(field)) c.genericAt([field], 0, true);
        return;
      case 'host':
        if (!field.known) {
          c.unknownHost();
          scope.notUnderstood(
            `\`${program()}\` contacts \`${field.text}\`, a host only known when the command runs`,
          );
          return;
        }
        c.host(field.text);
        return;
      case 'remote': {
        if (!field.known) return unknownPath('copies');
        const remote = parseRemote(field.text);
        if (remote === undefined || remote.kind === 'url') {
          if (!c.contact(field)) c.unknownHost();
        } else if (remote.kind === 'scp') c.host(remote.host);
        else scope.reads.add(c.path(remote.path));
        return;
      }
      case 'library':
        scope.executes.add(field.known ? c.path(field.text) : `?${field.text}`);
        scope.notUnderstood(`\`${program()}\` loads the native library \`${field.text}\` into itself`);
        return;
      case 'generic':
        c.genericAt([field], 0, false);
        return;
      default:
        if (role.startsWith('code:')) {
          if (!field.known) {
            scope.notUnderstood(
              `\`${program()}\` runs ${role.slice(5)} code that is only known when the command runs`,
            );
            if (field.network) scope.risk('download-and-execute');
            return;
          }
          c.code(role.slice(5), field.text);
        }
    }
  }
  return ctx;
}

// A path with parts only known at run time, as the glob of every path it could be:
// `$D/.env` → `/**/.env`; undefined when nothing of it is known (`$FILES`).
export function unknownPattern(text: string): string | undefined {
  const placeholder = /\$\{[^}]*\}|\$\(\(…\)\)|\$\([^)]*\)|\?[A-Z][A-Za-z]+/g;
  const known = text.replace(placeholder, '');
  if (known.replace(/[/.]/g, '') === '') return undefined;
  const pattern = text.replace(placeholder, '**').replace(/\*{3,}/g, '**');
  return pattern.startsWith('**') ? `/${pattern}` : pattern;
}

/** Files that are not files: the terminal, pipes (`>(…)`), null and random devices. */
export function isPseudoFile(path: string): boolean {
  return /^\/dev\/(null|zero|u?random|stdin|stdout|stderr|tty|full|fd\/\d+)$/.test(path) || path === '-';
}

/** Whether a word names something that runs commands: a modelled program, a shell or a builtin. */
function isRunnable(name: string): boolean {
  return isKnownProgram(name) || SHELLS.has(name) || Object.hasOwn(BUILTINS, name);
}

/** Loopback traffic is not exfiltration: keep the risk only when something else is contacted. */
export function exfiltrationStands(hosts: Iterable<string>): boolean {
  const list = [...hosts];
  return list.length === 0 || list.some((h) => hostClass(h) !== 'loopback');
}
