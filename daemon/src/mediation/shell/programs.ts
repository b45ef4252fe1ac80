/**
 * Program models: for the common tools of a coding session, which arguments are files read or
 * written, which are URLs or hosts, and which flags run code or write files. Wrappers (`env`,
 * `sudo`, `timeout`, `xargs` …) are resolved to the command they run. Pure.
 */
import type { Resolved, RiskClass, Scope, State, Stdin } from './analyse.js';
import { normaliseHost, parseUrlArgument } from './hosts.js';

export interface ProgramContext {
  program: string;
  args: Resolved[];
  scope: Scope;
  state: State;
  via: string[];
  stdin: Stdin | undefined;
  /** where the command's standard output is redirected, if to a file */
  stdoutTo: string | undefined;
  home: string;
  path(text: string): string;
  /** run another argv (a wrapper's command) */
  run(argv: Resolved[], via: string, stdin?: Stdin): void;
  /** run a shell script string (`bash -c`, `eval`, `watch`, `su -c`) */
  runScript(text: string, via: string): void;
  runsFile(file: Resolved): void;
  runsStdin(analyseText?: (text: string) => void): void;
  inlineCode(code: string, language?: string): void;
  setCwd(dir: string | undefined): void;
}

type Model = (ctx: ProgramContext) => void;

interface Parsed {
  flags: Set<string>;
  values: Map<string, Resolved[]>;
  operands: Resolved[];
}

/** getopt-like parsing: clustered short flags, `--long=value`, options that take a value, `--`. */
function parse(args: Resolved[], withValue: readonly string[] = [], stopAtOperand = false): Parsed {
  const flags = new Set<string>();
  const values = new Map<string, Resolved[]>();
  const operands: Resolved[] = [];
  const add = (name: string, value: Resolved | undefined) => {
    if (value === undefined) return;
    values.set(name, [...(values.get(name) ?? []), value]);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const text = arg.text;
    if (text === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (text.startsWith('--') && text.length > 2) {
      const eq = text.indexOf('=');
      const name = eq > 0 ? text.slice(0, eq) : text;
      if (eq > 0) add(name, { ...arg, text: text.slice(eq + 1) });
      else if (withValue.includes(name)) add(name, args[++i]);
      else flags.add(name);
      continue;
    }
    if (text.startsWith('-') && text.length > 1 && arg.known) {
      for (let j = 1; j < text.length; j++) {
        const name = `-${text[j]}`;
        if (withValue.includes(name)) {
          const rest = text.slice(j + 1);
          add(name, rest ? { ...arg, text: rest } : args[++i]);
          break;
        }
        flags.add(name);
      }
      continue;
    }
    operands.push(arg);
    if (stopAtOperand) {
      operands.push(...args.slice(i + 1));
      break;
    }
  }
  return { flags, values, operands };
}

const has = (p: Parsed, ...names: string[]) => names.some((n) => p.flags.has(n) || p.values.has(n));
const value = (p: Parsed, ...names: string[]) => names.flatMap((n) => p.values.get(n) ?? []);

function read(ctx: ProgramContext, ...words: Resolved[]) {
  for (const w of words) ctx.scope.reads.add(pathOf(ctx, w));
}
function write(ctx: ProgramContext, ...words: Resolved[]) {
  for (const w of words) ctx.scope.writes.add(pathOf(ctx, w));
}
function remove(ctx: ProgramContext, ...words: Resolved[]) {
  for (const w of words) ctx.scope.deletes.add(pathOf(ctx, w));
}
function pathOf(ctx: ProgramContext, w: Resolved): string {
  if (w.text === '-') return '/dev/stdin';
  return w.known ? ctx.path(w.text) : `?${w.text}`;
}
/** `dir/**`: everything below a directory (`/**` for the root). */
function below(path: string): string {
  return path === '/' ? '/**' : `${path}/**`;
}
function risk(ctx: ProgramContext, r: RiskClass) {
  ctx.scope.risks.add(r);
}
/** A URL or `host` argument: record the host; returns false when the text is not one. */
function contact(ctx: ProgramContext, w: Resolved): boolean {
  ctx.scope.network = true;
  const url = w.known ? parseUrlArgument(w.text) : undefined;
  if (url) {
    ctx.scope.urls.add(url.href);
    ctx.scope.hosts.add(normaliseHost(url.hostname));
    return true;
  }
  return false;
}
function host(ctx: ProgramContext, text: string) {
  ctx.scope.network = true;
  ctx.scope.hosts.add(normaliseHost(text.replace(/^.*@/, '')));
}
/** The command after a wrapper's own options. */
function runRest(ctx: ProgramContext, rest: Resolved[]) {
  if (rest.length > 0) ctx.run(rest, ctx.program);
}
/** A wrapper that joins its arguments into a shell string (`watch`, `eval`, `ssh host cmd`). */
function runJoined(ctx: ProgramContext, words: Resolved[], viaName = ctx.program) {
  if (words.length === 0) return;
  if (words.every((w) => w.known)) ctx.runScript(words.map((w) => w.text).join(' '), viaName);
  else {
    ctx.scope.unknown.add(
      `\`${ctx.program}\` runs a command string that is only known when the command runs`,
    );
    if (words.some((w) => w.inner?.network)) risk(ctx, 'download-and-execute');
  }
}
/** Split argv at the first operand after options that take values. */
function afterOptions(args: Resolved[], withValue: readonly string[]): Resolved[] {
  return parse(args, withValue, true).operands;
}

// ---- wrappers: resolved to the command they run (AARM meta-tool resolution) ----------------------

export const WRAPPERS: Record<string, Model> = {
  env(ctx) {
    const rest: Resolved[] = [];
    let i = 0;
    for (; i < ctx.args.length; i++) {
      const t = ctx.args[i]!.text;
      if (t === '--') {
        i++;
        break;
      }
      if (t === '-u' || t === '--unset') i++;
      else if (t === '-C' || t === '--chdir') ctx.setCwd(ctx.args[++i]?.text);
      else if (t === '-S' || t === '--split-string') {
        const split = ctx.args[i + 1];
        if (split) runJoined(ctx, [split, ...ctx.args.slice(i + 2)]);
        return;
      } else if (t.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) continue;
      else break;
    }
    rest.push(...ctx.args.slice(i));
    if (rest.length === 0) ctx.scope.reads.add('env:environment');
    runRest(ctx, rest);
  },
  sudo(ctx) {
    risk(ctx, 'privilege-escalation');
    const p = parse(
      ctx.args,
      [
        '-u',
        '-g',
        '-C',
        '-D',
        '-h',
        '-p',
        '-r',
        '-t',
        '-U',
        '-T',
        '--user',
        '--group',
        '--chdir',
        '--host',
        '--prompt',
        '--role',
        '--type',
        '--other-user',
        '--command-timeout',
        '--close-from',
      ],
      true,
    );
    if (has(p, '-e', '--edit')) return write(ctx, ...p.operands);
    if (p.operands.length === 0 && has(p, '-s', '-i', '--shell', '--login')) {
      ctx.scope.unknown.add('`sudo -s` opens a root shell');
      return;
    }
    runRest(ctx, p.operands);
  },
  doas(ctx) {
    risk(ctx, 'privilege-escalation');
    runRest(ctx, afterOptions(ctx.args, ['-u', '-C']));
  },
  pkexec(ctx) {
    risk(ctx, 'privilege-escalation');
    runRest(ctx, afterOptions(ctx.args, ['--user']));
  },
  run0(ctx) {
    risk(ctx, 'privilege-escalation');
    runRest(ctx, afterOptions(ctx.args, ['--user', '-u', '--unit', '--property']));
  },
  su(ctx) {
    risk(ctx, 'privilege-escalation');
    const p = parse(ctx.args, ['-c', '--command', '-s', '--shell', '-g', '--group', '-w']);
    const command = value(p, '-c', '--command');
    if (command.length > 0) runJoined(ctx, command);
    else ctx.scope.unknown.add('`su` opens a shell as another user');
  },
  timeout(ctx) {
    const rest = afterOptions(ctx.args, ['-s', '--signal', '-k', '--kill-after']);
    runRest(ctx, rest.slice(1)); // the first operand is the duration
  },
  nice: (ctx) => runRest(ctx, afterOptions(ctx.args, ['-n', '--adjustment'])),
  ionice: (ctx) => runRest(ctx, afterOptions(ctx.args, ['-c', '-n', '-t', '--class', '--classdata'])),
  chrt: (ctx) => runRest(ctx, afterOptions(ctx.args, []).slice(1)),
  taskset: (ctx) => {
    const p = parse(ctx.args, [], true);
    runRest(ctx, has(p, '-c', '--cpu-list', '-p', '--pid') ? p.operands.slice(1) : p.operands.slice(1));
  },
  nohup: (ctx) => runRest(ctx, ctx.args),
  setsid: (ctx) => runRest(ctx, afterOptions(ctx.args, [])),
  stdbuf: (ctx) => runRest(ctx, afterOptions(ctx.args, ['-i', '-o', '-e', '--input', '--output', '--error'])),
  unbuffer: (ctx) => runRest(ctx, afterOptions(ctx.args, [])),
  caffeinate: (ctx) => runRest(ctx, afterOptions(ctx.args, ['-t', '-w'])),
  time(ctx) {
    const p = parse(ctx.args, ['-f', '-o', '--format', '--output'], true);
    write(ctx, ...value(p, '-o', '--output'));
    runRest(ctx, p.operands);
  },
  command(ctx) {
    const p = parse(ctx.args, [], true);
    if (has(p, '-v', '-V')) return;
    runRest(ctx, p.operands);
  },
  builtin: (ctx) => runRest(ctx, ctx.args),
  exec: (ctx) => runRest(ctx, afterOptions(ctx.args, ['-a'])),
  busybox: (ctx) => runRest(ctx, ctx.args),
  chroot(ctx) {
    risk(ctx, 'privilege-escalation');
    const p = parse(ctx.args, ['--userspec', '--groups'], true);
    runRest(ctx, p.operands.slice(1));
  },
  flock(ctx) {
    const p = parse(ctx.args, ['-w', '--timeout', '-E', '--conflict-exit-code', '-c', '--command'], true);
    const command = value(p, '-c', '--command');
    if (command.length > 0) return runJoined(ctx, command);
    runRest(ctx, p.operands.slice(1));
  },
  strace(ctx) {
    const p = parse(
      ctx.args,
      ['-o', '-e', '-p', '-s', '-u', '-E', '-I', '-a', '-b', '-O', '-S', '-X', '-P'],
      true,
    );
    write(ctx, ...value(p, '-o'));
    runRest(ctx, p.operands);
  },
  ltrace(ctx) {
    const p = parse(
      ctx.args,
      ['-o', '-e', '-p', '-s', '-u', '-n', '-l', '-a', '-A', '-D', '-F', '-x', '-L'],
      true,
    );
    write(ctx, ...value(p, '-o'));
    runRest(ctx, p.operands);
  },
  valgrind: (ctx) =>
    runRest(
      ctx,
      ctx.args.filter((_, i) => i >= ctx.args.findIndex((a) => !a.text.startsWith('-'))),
    ),
  watch(ctx) {
    const p = parse(ctx.args, ['-n', '--interval', '-d', '-q'], true);
    // Without -x, watch hands its arguments to `sh -c` as one string.
    if (has(p, '-x', '--exec')) runRest(ctx, p.operands);
    else runJoined(ctx, p.operands);
  },
  xargs(ctx) {
    const p = parse(
      ctx.args,
      [
        '-I',
        '-i',
        '-n',
        '-P',
        '-d',
        '-E',
        '-e',
        '-L',
        '-l',
        '-s',
        '-a',
        '--arg-file',
        '--delimiter',
        '--max-args',
        '--max-procs',
        '--replace',
        '--max-lines',
        '--max-chars',
        '--eof',
        '--process-slot-var',
      ],
      true,
    );
    read(ctx, ...value(p, '-a', '--arg-file'));
    const command =
      p.operands.length > 0 ? p.operands : [{ text: 'echo', known: true, glob: false, inner: undefined }];
    // Input lines become extra arguments: what they are is only known at run time.
    ctx.run(
      [...command, { text: '$(xargs input)', known: false, glob: false, inner: undefined }],
      'xargs',
      {},
    );
  },
  eval(ctx) {
    runJoined(ctx, ctx.args);
  },
  source(ctx) {
    const [file] = ctx.args;
    if (file) ctx.runsFile(file);
  },
  '.': (ctx) => WRAPPERS.source!(ctx),
  npx: (ctx) => runPackageBin(ctx, afterOptions(ctx.args, ['-p', '--package', '-c', '--call'])),
  bunx: (ctx) => runPackageBin(ctx, afterOptions(ctx.args, ['-p', '--package'])),
  cd(ctx) {
    const target = ctx.args.find((a) => !a.text.startsWith('-'));
    if (target === undefined) ctx.setCwd(ctx.home);
    else if (!target.known || target.text === '-') ctx.setCwd(undefined);
    else ctx.setCwd(target.text);
  },
  pushd: (ctx) => WRAPPERS.cd!(ctx),
  // Where popd returns to is on a stack we do not follow.
  popd: (ctx) => ctx.setCwd(undefined),
};

function runPackageBin(ctx: ProgramContext, rest: Resolved[]) {
  const call = value(parse(ctx.args, ['-c', '--call']), '-c', '--call');
  if (call.length > 0) return runJoined(ctx, call);
  ctx.scope.network = true; // may download the package first
  runRest(ctx, rest);
}

// ---- programs -------------------------------------------------------------------------------------

const reader =
  (withValue: readonly string[] = [], skipFirst = false): Model =>
  (ctx) => {
    const p = parse(ctx.args, withValue);
    read(ctx, ...(skipFirst ? p.operands.slice(1) : p.operands));
  };

function interpreter(inlineFlags: readonly string[], withValue: readonly string[] = []): Model {
  return (ctx) => {
    for (let i = 0; i < ctx.args.length; i++) {
      const arg = ctx.args[i]!;
      const flag = inlineFlags.find(
        (f) =>
          arg.text === f ||
          (f.startsWith('--') && arg.text.startsWith(`${f}=`)) ||
          (!f.startsWith('--') &&
            arg.text.startsWith(f) &&
            arg.text.length > f.length &&
            /^-[a-zA-Z]$/.test(f)),
      );
      if (flag !== undefined) {
        const attached = arg.text.startsWith(`${flag}=`)
          ? arg.text.slice(flag.length + 1)
          : arg.text.length > flag.length && !flag.startsWith('--')
            ? arg.text.slice(flag.length)
            : undefined;
        const code = attached !== undefined ? { ...arg, text: attached } : ctx.args[i + 1];
        if (code === undefined) return;
        if (!code.known) {
          ctx.scope.unknown.add(
            `\`${ctx.program}\` runs inline code that is only known when the command runs`,
          );
          if (code.inner?.network) risk(ctx, 'download-and-execute');
        } else ctx.inlineCode(code.text);
        return;
      }
      if (ctx.program.startsWith('python') && arg.text === '-m')
        return pythonModule(ctx, ctx.args.slice(i + 1));
      if (withValue.includes(arg.text)) {
        i++;
        continue;
      }
      if (arg.text.startsWith('-') && arg.text !== '-') continue;
      if (arg.text === '-') break;
      return ctx.runsFile(arg);
    }
    ctx.runsStdin();
  };
}

function pythonModule(ctx: ProgramContext, rest: Resolved[]) {
  const [module, ...args] = rest;
  if (!module) return;
  if (module.text === 'pip') return PROGRAMS.pip!({ ...ctx, program: 'pip', args });
  if (module.text === 'http.server' || module.text === 'SimpleHTTPServer') ctx.scope.network = true;
  ctx.scope.executes.add(`module:${module.text}`);
}

const GIT_CODE_CONFIG =
  /^(core\.(pager|editor|sshcommand|hookspath|fsmonitor|askpass|gitproxy)|alias\..*|diff\..*\.(command|textconv)|diff\.external|merge\..*\.driver|filter\..*\.(clean|smudge|process)|credential\.helper|sequence\.editor|gpg\.program|gpg\..*\.program|uploadpack\.packobjectshook|pager\..*|interactive\.difffilter|protocol\..*\.allow|remote\..*\.(uploadpack|receivepack|proxy)|http\..*proxy|include\.path|includeif\..*|init\.templatedir|core\.worktree)$/i;
const GIT_PERSISTENT_CONFIG =
  /^(core\.(hookspath|pager|editor|sshcommand|fsmonitor)|alias\..*|credential\.helper|include\.path|init\.templatedir)$/i;

function git(ctx: ProgramContext) {
  const args = ctx.args;
  let i = 0;
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t.startsWith('-c') && !t.startsWith('--')) {
      const setting = (t === '-c' ? args[++i]?.text : t.slice(2)) ?? '';
      if (GIT_CODE_CONFIG.test(setting.split('=')[0] ?? '')) {
        ctx.scope.unknown.add(
          `\`git -c ${setting.split('=')[0]}\` makes git run a program given on the command line`,
        );
      }
    } else if (t === '-C') ctx.setCwd(args[++i]?.text);
    else if (
      t === '--exec-path' ||
      t.startsWith('--exec-path=') ||
      t === '--config-env' ||
      t.startsWith('--config-env=')
    ) {
      ctx.scope.unknown.add(`\`git ${t.split('=')[0]}\` changes which programs git runs`);
      if (!t.includes('=')) i++;
    } else if (t === '--git-dir' || t === '--work-tree' || t === '--namespace') i++;
    else if (!t.startsWith('-')) break;
  }
  const sub = args[i]?.text;
  const rest = args.slice(i + 1);
  const p = parse(rest, [
    '-m',
    '-C',
    '-c',
    '-F',
    '-o',
    '--output',
    '-b',
    '-B',
    '--exec',
    '-x',
    '--extcmd',
    '-t',
    '--tool',
    '--upload-pack',
    '-u',
    '--receive-pack',
    '--open-files-in-pager',
    '-O',
    '--depth',
    '--branch',
    '--origin',
    '--template',
    '--separate-git-dir',
    '--reference',
    '--config',
    '--strategy',
    '-s',
    '-X',
  ]);
  for (const out of value(p, '-o', '--output')) if (sub !== 'checkout' && sub !== 'switch') write(ctx, out);
  if (
    has(
      p,
      '--upload-pack',
      '-u',
      '--receive-pack',
      '--exec',
      '-x',
      '--extcmd',
      '--open-files-in-pager',
      '-O',
    ) &&
    sub !== 'commit' &&
    sub !== 'add' &&
    sub !== 'status'
  ) {
    for (const cmd of value(
      p,
      '--exec',
      '-x',
      '--extcmd',
      '--upload-pack',
      '--receive-pack',
      '-u',
      '--open-files-in-pager',
      '-O',
    ))
      runJoined(ctx, [cmd], `git ${sub}`);
  }
  switch (sub) {
    case 'push':
      ctx.scope.network = true;
      if (
        has(
          p,
          '-f',
          '--force',
          '--force-with-lease',
          '--force-if-includes',
          '--delete',
          '-d',
          '--mirror',
          '--prune',
        ) ||
        p.operands.some((o) => o.text.startsWith('+') || o.text.startsWith(':'))
      ) {
        risk(ctx, 'history-rewrite');
      }
      return;
    case 'fetch':
    case 'pull':
    case 'ls-remote':
      ctx.scope.network = true;
      return;
    case 'clone': {
      ctx.scope.network = true;
      const [source, target] = p.operands;
      if (source && !contact(ctx, source)) {
        const scp = /^(?:[\w.-]+@)?([\w.-]+):/.exec(source.text);
        if (scp) host(ctx, scp[1]!);
      }
      if (has(p, '--template', '-c', '--config'))
        ctx.scope.unknown.add('`git clone --template/--config` can install hooks or programs');
      if (target) write(ctx, target);
      return;
    }
    case 'reset':
      if (has(p, '--hard', '--merge', '--keep')) risk(ctx, 'destructive');
      return;
    case 'clean':
      if (has(p, '-f', '--force')) risk(ctx, 'destructive');
      return;
    case 'checkout':
    case 'restore':
      if (has(p, '-f', '--force') || p.operands.some((o) => o.text === '.' || o.text === '--'))
        risk(ctx, 'destructive');
      return;
    case 'stash':
      if (p.operands[0] && ['drop', 'clear'].includes(p.operands[0].text)) risk(ctx, 'destructive');
      return;
    case 'branch':
      if (has(p, '-D') || (has(p, '-d', '--delete') && has(p, '-f', '--force'))) risk(ctx, 'destructive');
      return;
    case 'rebase':
    case 'filter-branch':
    case 'filter-repo':
    case 'replace':
      risk(ctx, 'history-rewrite');
      if (sub === 'filter-branch') ctx.scope.unknown.add('`git filter-branch` runs filter commands');
      return;
    case 'commit':
      if (has(p, '--amend')) risk(ctx, 'history-rewrite');
      return;
    case 'reflog':
    case 'gc':
    case 'prune':
      if (p.operands[0]?.text === 'expire' || p.operands[0]?.text === 'delete' || has(p, '--prune'))
        risk(ctx, 'history-rewrite');
      return;
    case 'update-ref':
      if (has(p, '-d')) risk(ctx, 'history-rewrite');
      return;
    case 'config': {
      const key = p.operands[0]?.text ?? '';
      if (p.operands.length >= 2 && GIT_PERSISTENT_CONFIG.test(key)) {
        risk(ctx, 'persistence');
        if (GIT_CODE_CONFIG.test(key))
          ctx.scope.unknown.add(`\`git config ${key}\` makes git run a program later`);
      }
      // Settings that run programs are judged above; others are ordinary configuration.
      return;
    }
    case 'submodule':
      if (p.operands[0]?.text === 'foreach') runJoined(ctx, p.operands.slice(1), 'git submodule foreach');
      else ctx.scope.network = true;
      return;
    case 'bisect':
      if (p.operands[0]?.text === 'run') ctx.run(p.operands.slice(1), 'git bisect run');
      return;
    case 'send-email':
    case 'request-pull':
      ctx.scope.network = true;
      risk(ctx, 'exfiltration');
      return;
    case 'archive':
      if (has(p, '--remote')) ctx.scope.network = true;
      return;
    case 'apply':
    case 'am':
      return;
    case 'hook':
      ctx.scope.unknown.add('`git hook run` runs repository hooks');
      return;
    default:
      return;
  }
}

function packageManager(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-w',
    '--workspace',
    '--prefix',
    '-C',
    '--dir',
    '--filter',
    '--registry',
    '--cwd',
  ]);
  const [sub, ...rest] = p.operands.map((o) => o.text);
  switch (sub) {
    case 'publish':
    case 'unpublish':
    case 'deprecate':
    case 'owner':
    case 'dist-tag':
    case 'access':
    case 'team':
    case 'token':
      ctx.scope.network = true;
      risk(ctx, 'exfiltration');
      return;
    case 'install':
    case 'i':
    case 'add':
    case 'ci':
    case 'update':
    case 'upgrade':
    case 'up':
    case 'remove':
    case 'uninstall':
    case 'rm':
    case undefined:
      ctx.scope.network = true;
      for (const spec of p.operands.slice(1)) contact(ctx, spec);
      // Lifecycle scripts of installed packages run unless --ignore-scripts.
      if (!has(p, '--ignore-scripts')) ctx.scope.executes.add('package lifecycle scripts');
      if (has(p, '-g', '--global', '--location=global')) ctx.scope.writes.add('?global packages');
      return;
    case 'exec':
    case 'x':
    case 'dlx':
    case 'create':
    case 'init':
      runPackageBin(ctx, p.operands.slice(1));
      return;
    case 'config':
    case 'set':
      if (rest[0] === 'set' || sub === 'set') ctx.scope.writes.add(`${ctx.home}/.npmrc`);
      return;
    default:
      // run, test, start, build, …: the package's own scripts.
      ctx.scope.executes.add('package scripts');
  }
}

function curlLike(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-o',
    '--output',
    '-d',
    '--data',
    '--data-binary',
    '--data-raw',
    '--data-urlencode',
    '--data-ascii',
    '-F',
    '--form',
    '--form-string',
    '-T',
    '--upload-file',
    '--json',
    '-H',
    '--header',
    '-X',
    '--request',
    '-u',
    '--user',
    '-x',
    '--proxy',
    '-K',
    '--config',
    '-A',
    '--user-agent',
    '-e',
    '--referer',
    '-b',
    '--cookie',
    '-c',
    '--cookie-jar',
    '-w',
    '--write-out',
    '--url',
    '-m',
    '--max-time',
    '--connect-timeout',
    '-r',
    '--range',
    '-C',
    '--continue-at',
    '--resolve',
    '--connect-to',
    '--cacert',
    '--cert',
    '--key',
    '-E',
    '--retry',
    '--output-dir',
    '-D',
    '--dump-header',
    '--trace',
    '--trace-ascii',
    '--stderr',
    '-Y',
    '-y',
    '--limit-rate',
    '--max-filesize',
    '--netrc-file',
    '--unix-socket',
  ]);
  ctx.scope.network = true;
  for (const u of [...value(p, '--url'), ...p.operands]) contact(ctx, u);
  const outputs = value(p, '-o', '--output');
  for (const o of outputs) if (o.text !== '-') write(ctx, o);
  for (const o of value(
    p,
    '-c',
    '--cookie-jar',
    '-D',
    '--dump-header',
    '--trace',
    '--trace-ascii',
    '--stderr',
  ))
    if (o.text !== '-') write(ctx, o);
  const downloaded = [...outputs.filter((o) => o.text !== '-').map((o) => pathOf(ctx, o))];
  if (has(p, '-O', '--remote-name', '--remote-name-all')) downloaded.push('?downloaded');
  if (ctx.stdoutTo) downloaded.push(ctx.stdoutTo);
  for (const d of downloaded) ctx.scope.downloaded.add(d);
  if (has(p, '-O', '--remote-name', '--remote-name-all')) ctx.scope.writes.add(`${ctx.state.cwd ?? '?'}/*`);
  const sends = value(
    p,
    '-d',
    '--data',
    '--data-binary',
    '--data-raw',
    '--data-urlencode',
    '--data-ascii',
    '-F',
    '--form',
    '-T',
    '--upload-file',
    '--json',
  );
  if (sends.length > 0) {
    risk(ctx, 'exfiltration');
    for (const s of sends) {
      const at = /(?:^|=)@([^;]+)/.exec(s.text);
      if (at) read(ctx, { ...s, text: at[1]! });
    }
    for (const t of value(p, '-T', '--upload-file')) read(ctx, t);
  }
  read(ctx, ...value(p, '-K', '--config', '--netrc-file'));
  if (has(p, '-n', '--netrc')) read(ctx, { text: '~/.netrc', known: true, glob: false, inner: undefined });
}

function wget(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-O',
    '--output-document',
    '-o',
    '--output-file',
    '-a',
    '--append-output',
    '-P',
    '--directory-prefix',
    '-i',
    '--input-file',
    '--post-data',
    '--post-file',
    '--body-data',
    '--body-file',
    '--method',
    '-e',
    '--execute',
    '--header',
    '-U',
    '--user-agent',
    '--user',
    '--password',
    '-t',
    '--tries',
    '-T',
    '--timeout',
    '-l',
    '--level',
    '-A',
    '-R',
    '--accept',
    '--reject',
    '-D',
    '--domains',
    '--load-cookies',
    '--save-cookies',
    '--config',
  ]);
  ctx.scope.network = true;
  for (const u of p.operands) contact(ctx, u);
  read(ctx, ...value(p, '-i', '--input-file', '--load-cookies', '--config'));
  const outputs = value(p, '-O', '--output-document').filter((o) => o.text !== '-');
  write(ctx, ...outputs, ...value(p, '-o', '--output-file', '-a', '--append-output', '--save-cookies'));
  for (const o of outputs) ctx.scope.downloaded.add(pathOf(ctx, o));
  if (outputs.length === 0 && !value(p, '-O', '--output-document').some((o) => o.text === '-')) {
    const dir = value(p, '-P', '--directory-prefix')[0];
    ctx.scope.writes.add(`${dir ? pathOf(ctx, dir) : (ctx.state.cwd ?? '?')}/*`);
    ctx.scope.downloaded.add('?downloaded');
  }
  if (ctx.stdoutTo) ctx.scope.downloaded.add(ctx.stdoutTo);
  if (has(p, '--post-data', '--post-file', '--body-data', '--body-file')) risk(ctx, 'exfiltration');
  read(ctx, ...value(p, '--post-file', '--body-file'));
  if (has(p, '-e', '--execute')) ctx.scope.unknown.add('`wget -e` runs wgetrc commands');
}

/** scp/rsync/sftp: `host:path` arguments; copying a local file to a remote one is exfiltration. */
function remoteCopy(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-e',
    '--rsh',
    '-i',
    '-F',
    '-o',
    '-P',
    '-p',
    '-c',
    '-l',
    '-S',
    '-J',
    '--rsync-path',
    '--exclude',
    '--include',
    '--filter',
    '-f',
    '--port',
    '--password-file',
    '--log-file',
    '--files-from',
    '--backup-dir',
    '--chmod',
    '--chown',
    '--timeout',
    '--bwlimit',
    '--partial-dir',
    '--temp-dir',
    '-T',
  ]);
  for (const cmd of value(p, '-e', '--rsh', '--rsync-path', '-S')) runJoined(ctx, [cmd]);
  for (const o of value(p, '-o'))
    if (/^(ProxyCommand|LocalCommand|PermitLocalCommand|KnownHostsCommand|Match)/i.test(o.text))
      ctx.scope.unknown.add(`\`${ctx.program} -o ${o.text.split('=')[0]}\` runs a local command`);
  const operands = p.operands;
  const remote = (w: Resolved) =>
    /^(?:[\w.-]+@)?(\[[^\]]+\]|[\w.-]+):/.exec(w.text) ??
    (/^rsync:\/\//.test(w.text) ? /^rsync:\/\/(?:[\w.-]+@)?([\w.-]+)/.exec(w.text) : null);
  const dest = operands.at(-1);
  const recursive = has(p, '-r', '-a', '--recursive', '--archive');
  operands.forEach((w, index) => {
    const match = remote(w);
    if (match) host(ctx, match[1]!);
    else if (index === operands.length - 1 && operands.length > 1) write(ctx, w);
    else ctx.scope.reads.add(recursive ? below(pathOf(ctx, w)) : pathOf(ctx, w));
  });
  if (dest && remote(dest) && operands.slice(0, -1).some((w) => !remote(w))) risk(ctx, 'exfiltration');
  if (ctx.program === 'sftp' && operands.length > 0) risk(ctx, 'exfiltration');
  if (has(p, '--delete', '--delete-before', '--delete-after', '--delete-during', '--remove-source-files'))
    risk(ctx, 'destructive');
}

function ssh(ctx: ProgramContext) {
  const p = parse(
    ctx.args,
    [
      '-b',
      '-c',
      '-D',
      '-E',
      '-e',
      '-F',
      '-I',
      '-i',
      '-J',
      '-L',
      '-l',
      '-m',
      '-O',
      '-o',
      '-p',
      '-Q',
      '-R',
      '-S',
      '-W',
      '-w',
      '-B',
    ],
    true,
  );
  for (const o of value(p, '-o'))
    if (/^(ProxyCommand|LocalCommand|PermitLocalCommand|KnownHostsCommand|Match)/i.test(o.text))
      ctx.scope.unknown.add(`\`ssh -o ${o.text.split('=')[0]}\` runs a local command`);
  const [target, ...command] = p.operands;
  if (target) host(ctx, target.text.replace(/^ssh:\/\//, '').replace(/:\d+$/, ''));
  // Whatever the remote side runs, it can read what we send: stdin or a command's output.
  risk(ctx, 'exfiltration');
  if (command.length > 0) ctx.scope.executes.add(`remote:${command.map((c) => c.text).join(' ')}`);
  if (has(p, '-R', '-L', '-D', '-w')) ctx.scope.unknown.add('`ssh` forwards ports or tunnels traffic');
}

function netcat(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-e',
    '-c',
    '--exec',
    '--sh-exec',
    '--lua-exec',
    '-p',
    '-s',
    '-w',
    '-i',
    '-q',
    '-x',
    '-X',
    '-P',
    '-T',
    '-O',
    '-I',
  ]);
  ctx.scope.network = true;
  risk(ctx, 'exfiltration');
  for (const cmd of value(p, '-e', '-c', '--exec', '--sh-exec')) {
    runJoined(ctx, [cmd]);
    ctx.scope.unknown.add(`\`${ctx.program}\` connects a program to the network (a remote shell)`);
  }
  const hostArg = p.operands.find((o) => !/^\d+(-\d+)?$/.test(o.text));
  if (hostArg) host(ctx, hostArg.text);
}

function tar(ctx: ProgramContext) {
  const args = [...ctx.args];
  // Old-style `tar xzf FILE`: a first argument without a dash is a cluster of flags.
  if (args[0] && !args[0].text.startsWith('-') && /^[A-Za-z]+$/.test(args[0].text))
    args[0] = { ...args[0], text: `-${args[0].text}` };
  const p = parse(args, [
    '-f',
    '--file',
    '-C',
    '--directory',
    '-T',
    '--files-from',
    '-X',
    '--exclude-from',
    '-I',
    '--use-compress-program',
    '--to-command',
    '--checkpoint-action',
    '--info-script',
    '-F',
    '--new-volume-script',
    '--rsh-command',
    '-b',
    '-g',
    '--listed-incremental',
    '--exclude',
    '-V',
    '--label',
    '-H',
    '--format',
    '--transform',
    '--owner',
    '--group',
    '--mode',
    '--strip-components',
    '-K',
    '-N',
    '--newer',
    '--rmt-command',
    '--index-file',
  ]);
  for (const cmd of value(
    p,
    '-I',
    '--use-compress-program',
    '--to-command',
    '--info-script',
    '-F',
    '--new-volume-script',
    '--rsh-command',
    '--rmt-command',
  ))
    runJoined(ctx, [cmd]);
  for (const action of value(p, '--checkpoint-action')) {
    const exec = /^(?:exec|execute)=(.*)$/s.exec(action.text);
    if (exec) runJoined(ctx, [{ ...action, text: exec[1]! }]);
  }
  const archives = value(p, '-f', '--file');
  const dir = value(p, '-C', '--directory')[0];
  const extract = has(p, '-x', '--extract', '--get');
  const create = has(p, '-c', '--create', '-r', '--append', '-u', '--update');
  if (extract) {
    read(ctx, ...archives);
    ctx.scope.writes.add(`${dir ? pathOf(ctx, dir) : (ctx.state.cwd ?? '?')}/*`);
    if (has(p, '-P', '--absolute-names')) ctx.scope.writes.add('?absolute paths from the archive');
  } else if (create) {
    write(ctx, ...archives.filter((a) => a.text !== '-'));
    for (const operand of p.operands) ctx.scope.reads.add(below(pathOf(ctx, operand)));
  } else read(ctx, ...archives);
  read(ctx, ...value(p, '-T', '--files-from', '-X', '--exclude-from'));
  if (has(p, '--remove-files')) remove(ctx, ...p.operands);
}

function find(ctx: ProgramContext) {
  const args = ctx.args;
  let i = 0;
  const roots: Resolved[] = [];
  while (i < args.length && ['-H', '-L', '-P', '-O0', '-O1', '-O2', '-O3'].includes(args[i]!.text)) i++;
  for (; i < args.length && !/^[-(!]/.test(args[i]!.text); i++) roots.push(args[i]!);
  if (roots.length === 0) roots.push({ text: '.', known: true, glob: false, inner: undefined });
  read(ctx, ...roots);
  for (; i < args.length; i++) {
    const t = args[i]!.text;
    if (t === '-delete') {
      // `-name '*.log'` narrows what is deleted to matching names anywhere below the roots.
      // find evaluates left to right: only a -name before -delete narrows it.
      const name = args.findIndex((a, at) => at < i && (a.text === '-name' || a.text === '-iname'));
      const pattern = name >= 0 ? args[name + 1]?.text : undefined;
      for (const r of roots)
        ctx.scope.deletes.add(
          pattern && !pattern.includes('/') ? `${below(pathOf(ctx, r))}/${pattern}` : below(pathOf(ctx, r)),
        );
    } else if (['-exec', '-execdir', '-ok', '-okdir'].includes(t)) {
      const command: Resolved[] = [];
      for (i++; i < args.length && args[i]!.text !== ';' && args[i]!.text !== '+'; i++) {
        const a = args[i]!;
        command.push(
          a.text.includes('{}')
            ? { ...a, text: a.text.replace(/\{\}/g, below(pathOf(ctx, roots[0]!))), glob: true }
            : a,
        );
      }
      ctx.run(command, 'find -exec');
    } else if (['-fprint', '-fprint0', '-fprintf', '-fls'].includes(t)) write(ctx, args[++i]!);
  }
}

function sed(ctx: ProgramContext) {
  const p = parse(ctx.args, ['-e', '--expression', '-f', '--file', '-l', '--line-length']);
  const scripts = value(p, '-e', '--expression');
  const files = [...p.operands];
  if (scripts.length === 0 && value(p, '-f', '--file').length === 0) {
    const script = files.shift();
    if (script) scripts.push(script);
  }
  read(ctx, ...value(p, '-f', '--file'));
  const inPlace =
    has(p, '-i', '--in-place') ||
    ctx.args.some((a) => /^-[a-zA-Z]*i/.test(a.text) || a.text.startsWith('--in-place'));
  if (inPlace) write(ctx, ...files);
  else read(ctx, ...files);
  for (const s of scripts) {
    if (!s.known) {
      ctx.scope.unknown.add('the `sed` script is only known when the command runs');
      continue;
    }
    // `e` runs a command; `w file` / `s///w file` write a file (GNU sed).
    if (
      /(^|[;\n{}])\s*([0-9$,]+|\/[^/]*\/)?\s*e(\s|;|$)|(^|[;\n{}])\s*([0-9$,]+|\/[^/]*\/)?\s*s(.).*?\6.*?\6[gpiImM0-9]*e/.test(
        s.text,
      )
    )
      ctx.scope.unknown.add('the `sed` script runs shell commands (`e`)');
    for (const w of s.text.matchAll(/(?:^|[;\n]|[/|#][gpiImM0-9]*)\s*w\s+([^;\n]+)/g)) {
      const file = w[1]!.trim();
      if (file !== '/dev/stdout' && file !== '/dev/stderr') ctx.scope.writes.add(ctx.path(file));
    }
  }
}

function awk(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-f',
    '--file',
    '-v',
    '--assign',
    '-F',
    '--field-separator',
    '-i',
    '--include',
    '-l',
    '--load',
    '-E',
    '--exec',
  ]);
  const programs = value(p, '-f', '--file', '-E', '--exec');
  read(ctx, ...programs);
  const files = [...p.operands];
  if (programs.length === 0) {
    const program = files.shift();
    if (program && !program.known)
      ctx.scope.unknown.add('the `awk` program is only known when the command runs');
    else if (program && /\bsystem\s*\(|\|\s*getline|\bprint[f]?[^;}]*[|>]|close\s*\(/.test(program.text)) {
      ctx.scope.unknown.add('the `awk` program runs commands or writes files');
    }
  } else ctx.scope.unknown.add('`awk -f` runs a program from a file');
  read(ctx, ...files.filter((f) => !/^\w+=/.test(f.text)));
}

function grepLike(ctx: ProgramContext) {
  // `-r` is rg's replacement text but grep's recursion flag.
  const p = parse(ctx.args, [
    ...(ctx.program === 'rg' ? ['-r'] : []),
    '-e',
    '--regexp',
    '-f',
    '--file',
    '-m',
    '--max-count',
    '-A',
    '-B',
    '-C',
    '--context',
    '--after-context',
    '--before-context',
    '-g',
    '--glob',
    '-t',
    '--type',
    '-T',
    '--type-not',
    '--pre',
    '--pre-glob',
    '--hostname-bin',
    '-j',
    '--threads',
    '--include',
    '--exclude',
    '--exclude-dir',
    '-d',
    '-D',
    '--color',
    '--colour',
    '-M',
    '--max-columns',
    '--ignore-file',
    '--path-separator',
    '-E',
    '--encoding',
    '--engine',
    '--sort',
    '--sortr',
    '--type-add',
    '--label',
    '--binary-files',
  ]);
  for (const flag of ['--pre', '--hostname-bin'])
    for (const cmd of value(p, flag)) ctx.run([cmd], `${ctx.program} ${flag}`);
  const files = value(p, '-e', '--regexp', '-f', '--file').length > 0 ? p.operands : p.operands.slice(1);
  read(ctx, ...value(p, '-f', '--file', '--ignore-file'));
  // rg and ag always descend into folders; grep with -r.
  const recursive =
    ctx.program === 'rg' ||
    ctx.program === 'ag' ||
    ctx.program === 'ack' ||
    has(p, '-r', '-R', '--recursive', '--dereference-recursive');
  const targets =
    files.length > 0 ? files : recursive ? [{ text: '.', known: true, glob: false, inner: undefined }] : [];
  for (const target of targets)
    ctx.scope.reads.add(recursive ? below(pathOf(ctx, target)) : pathOf(ctx, target));
  if (has(p, '-z', '--search-zip') && ctx.program === 'rg') ctx.scope.executes.add('decompressors');
}

function copyMove(kind: 'cp' | 'mv' | 'install' | 'ln'): Model {
  return (ctx) => {
    const p = parse(ctx.args, [
      '-t',
      '--target-directory',
      '-S',
      '--suffix',
      '-m',
      '--mode',
      '-o',
      '--owner',
      '-g',
      '--group',
      '--backup',
      '--reflink',
      '--sparse',
      '--preserve',
      '--no-preserve',
      '--context',
    ]);
    const target = value(p, '-t', '--target-directory')[0];
    const sources = target ? p.operands : p.operands.slice(0, -1);
    const dest = target ?? p.operands.at(-1);
    if (dest === undefined) return;
    const destPath = pathOf(ctx, dest);
    if (kind === 'ln') {
      write(ctx, p.operands.length === 1 ? { text: '.', known: true, glob: false, inner: undefined } : dest);
      return;
    }
    // A recursive copy reads, and a move takes, everything below its sources.
    const recursive = kind === 'mv' || has(p, '-r', '-R', '-a', '--recursive', '--archive');
    for (const source of sources)
      ctx.scope.reads.add(recursive ? below(pathOf(ctx, source)) : pathOf(ctx, source));
    if (kind === 'mv') for (const source of sources) ctx.scope.deletes.add(below(pathOf(ctx, source)));
    ctx.scope.writes.add(destPath);
    for (const s of sources) if (s.known) ctx.scope.writes.add(posix(destPath, s.text));
  };
}
function posix(dir: string, source: string): string {
  const base = source.replace(/\/+$/, '').split('/').pop() ?? source;
  return `${dir}/${base}`;
}

function rm(ctx: ProgramContext) {
  const p = parse(ctx.args, ['--interactive', '--preserve-root']);
  remove(ctx, ...p.operands);
  if (has(p, '-r', '-R', '--recursive'))
    for (const o of p.operands) ctx.scope.deletes.add(below(pathOf(ctx, o)));
  if (has(p, '--no-preserve-root')) risk(ctx, 'destructive');
}

function chmod(ctx: ProgramContext) {
  const p = parse(ctx.args, ['--reference']);
  const [mode, ...files] = p.operands;
  write(ctx, ...files);
  if (mode && /(^|,)[ugoa]*[+=][rwxXt]*s|^[0-7]*[4-7][0-7]{3}$/.test(mode.text))
    risk(ctx, 'privilege-escalation');
  if (files.some((f) => f.known && /\.git\/hooks\//.test(f.text)) && mode && /x|[1357]/.test(mode.text))
    risk(ctx, 'persistence');
}

function chown(ctx: ProgramContext) {
  const p = parse(ctx.args, ['--reference', '--from']);
  const [owner, ...files] = p.operands;
  write(ctx, ...files);
  if (owner && /^(root|0)(:|$)/.test(owner.text)) risk(ctx, 'privilege-escalation');
}

function dd(ctx: ProgramContext) {
  for (const a of ctx.args) {
    const m = /^(if|of)=(.*)$/.exec(a.text);
    if (!m) continue;
    const w = { ...a, text: m[2]! };
    if (m[1] === 'if') read(ctx, w);
    else {
      write(ctx, w);
      if (/^\/dev\/(sd|hd|vd|xvd|nvme|disk|mmcblk|mapper|md)/.test(m[2]!)) risk(ctx, 'destructive');
    }
  }
}

function docker(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-v',
    '--volume',
    '--mount',
    '-e',
    '--env',
    '--env-file',
    '-p',
    '--publish',
    '--name',
    '-w',
    '--workdir',
    '-u',
    '--user',
    '--network',
    '--net',
    '--entrypoint',
    '-t',
    '--tag',
    '-f',
    '--file',
    '--platform',
    '--cap-add',
    '--device',
    '--pid',
    '--ipc',
    '--security-opt',
    '-H',
    '--host',
    '--context',
    '-l',
    '--label',
    '--build-arg',
    '--target',
    '-c',
    '--cpu-shares',
    '-m',
    '--memory',
    '--restart',
  ]);
  const [sub] = p.operands.map((o) => o.text);
  if (
    has(p, '--privileged') ||
    value(p, '--cap-add').length > 0 ||
    value(p, '--pid', '--ipc', '--network', '--net').some((v) => v.text === 'host') ||
    value(p, '--device').length > 0
  ) {
    risk(ctx, 'privilege-escalation');
  }
  for (const v of value(p, '-v', '--volume', '--mount')) {
    const source = v.text.startsWith('type=')
      ? (/(?:source|src)=([^,]+)/.exec(v.text)?.[1] ?? '')
      : (v.text.split(':')[0] ?? '');
    if (source.startsWith('/') || source.startsWith('~') || source.startsWith('.')) {
      const path = ctx.path(source);
      ctx.scope.writes.add(path);
      if (
        path === '/' ||
        path === ctx.home ||
        /^\/(etc|root|var\/run\/docker\.sock|run\/docker\.sock|proc|sys|dev)(\/|$)/.test(path)
      )
        risk(ctx, 'privilege-escalation');
    }
  }
  if (sub === 'push' || sub === 'login') {
    ctx.scope.network = true;
    risk(ctx, 'exfiltration');
  } else if (sub === 'pull' || sub === 'build' || sub === 'run' || sub === 'compose')
    ctx.scope.network = true;
  if (
    sub === 'rm' ||
    sub === 'rmi' ||
    sub === 'prune' ||
    (sub === 'system' && p.operands[1]?.text === 'prune') ||
    (sub === 'volume' && ['rm', 'prune'].includes(p.operands[1]?.text ?? ''))
  ) {
    risk(ctx, 'destructive');
  }
  if (sub === 'run' || sub === 'exec' || sub === 'build' || sub === 'compose')
    ctx.scope.executes.add(`docker ${sub}`);
}

function kubectl(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-n',
    '--namespace',
    '-f',
    '--filename',
    '-l',
    '--selector',
    '-o',
    '--output',
    '--context',
    '--kubeconfig',
    '-c',
    '--container',
    '--cluster',
    '--user',
    '-s',
    '--server',
    '--type',
    '-p',
    '--patch',
  ]);
  const [sub] = p.operands.map((o) => o.text);
  if (!['completion', 'config', 'kustomize', 'plugin', 'alpha'].includes(sub ?? '')) ctx.scope.network = true;
  read(ctx, ...value(p, '-f', '--filename').filter((f) => !/^https?:/.test(f.text)));
  if (
    [
      'delete',
      'drain',
      'replace',
      'scale',
      'rollout',
      'patch',
      'apply',
      'create',
      'edit',
      'set',
      'label',
      'annotate',
      'cordon',
      'taint',
    ].includes(sub ?? '')
  )
    risk(ctx, 'destructive');
  if (
    sub === 'exec' ||
    sub === 'run' ||
    sub === 'debug' ||
    sub === 'cp' ||
    sub === 'port-forward' ||
    sub === 'proxy'
  )
    ctx.scope.unknown.add(`\`kubectl ${sub}\` runs commands or moves data in the cluster`);
}

function make(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-f',
    '--file',
    '--makefile',
    '-C',
    '--directory',
    '-j',
    '--jobs',
    '-l',
    '--load-average',
    '-o',
    '-W',
    '-I',
    '--include-dir',
    '--eval',
    '-E',
  ]);
  for (const d of value(p, '-C', '--directory')) ctx.setCwd(d.text);
  read(ctx, ...value(p, '-f', '--file', '--makefile'));
  ctx.scope.executes.add(
    value(p, '-f', '--file', '--makefile')[0]
      ? pathOf(ctx, value(p, '-f', '--file', '--makefile')[0]!)
      : ctx.path('Makefile'),
  );
  for (const e of value(p, '--eval', '-E'))
    ctx.scope.unknown.add(`\`make --eval\` adds rules given on the command line: \`${e.text}\``);
  for (const o of p.operands)
    if (/^SHELL=|^MAKESHELL=/.test(o.text))
      ctx.scope.unknown.add('`make SHELL=…` changes the program make runs');
}

function cargo(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-p',
    '--package',
    '--bin',
    '--example',
    '--test',
    '--bench',
    '--features',
    '-F',
    '--target',
    '--target-dir',
    '--manifest-path',
    '-j',
    '--jobs',
    '--profile',
    '--config',
    '-Z',
    '--registry',
    '--index',
    '--color',
    '--message-format',
    '--root',
    '--git',
    '--branch',
    '--tag',
    '--rev',
    '--path',
    '--version',
  ]);
  const [sub] = p.operands.map((o) => o.text);
  if (value(p, '--config').some((c) => /runner|rustc|linker|rustc-wrapper|build\.rustc/.test(c.text)))
    ctx.scope.unknown.add('`cargo --config` changes the programs cargo runs');
  if (sub === 'publish' || sub === 'yank' || sub === 'owner' || sub === 'login') {
    ctx.scope.network = true;
    risk(ctx, 'exfiltration');
  } else if (sub === 'install') {
    ctx.scope.network = true;
    ctx.scope.executes.add('crate build scripts');
    ctx.scope.writes.add(`${ctx.home}/.cargo/bin`);
    for (const g of value(p, '--git')) contact(ctx, g);
  } else ctx.scope.executes.add('crate build scripts');
}

function goTool(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-exec',
    '-toolexec',
    '-o',
    '-C',
    '-tags',
    '-ldflags',
    '-gcflags',
    '-run',
    '-bench',
    '-count',
    '-timeout',
    '-p',
    '-mod',
    '-modfile',
    '-overlay',
    '-pkgdir',
    '-asmflags',
    '-cover',
    '-coverprofile',
    '-cpuprofile',
    '-memprofile',
    '-trace',
    '-outputdir',
    '-v',
    '-vet',
  ]);
  // Go flags take a single dash and a value, which `parse` reads as a cluster: look at them directly.
  for (let i = 0; i < ctx.args.length; i++) {
    const t = ctx.args[i]!.text.replace(/^--/, '-');
    const [name, attached] = t.split(/=(.*)/s, 2) as [string, string | undefined];
    if (name === '-exec' || name === '-toolexec') {
      const cmd = attached !== undefined ? { ...ctx.args[i]!, text: attached } : ctx.args[i + 1];
      if (cmd) runJoined(ctx, [cmd], `go ${name}`);
    }
    if (name === '-o' && ctx.args[i + 1] && attached === undefined) write(ctx, ctx.args[i + 1]!);
  }
  const [sub] = p.operands.map((o) => o.text);
  if (sub === 'get' || sub === 'install' || sub === 'mod') ctx.scope.network = true;
  if (['build', 'test', 'run', 'generate', 'vet', 'install', 'get'].includes(sub ?? ''))
    ctx.scope.executes.add(sub === 'generate' ? 'go generate directives' : 'go build');
  if (sub === 'generate') ctx.scope.unknown.add('`go generate` runs commands written in the source files');
}

function pip(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--src',
    '--cache-dir',
    '--log',
    '--proxy',
    '--trusted-host',
    '--platform',
    '--python-version',
    '--upgrade-strategy',
  ]);
  const [sub, ...specs] = p.operands;
  if (sub?.text === 'install' || sub?.text === 'download' || sub?.text === 'wheel') {
    ctx.scope.network = true;
    ctx.scope.executes.add('package build scripts');
    for (const s of [
      ...specs,
      ...value(p, '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-e', '--editable'),
    ])
      contact(ctx, { ...s, text: s.text.replace(/^git\+/, '').replace(/^[\w.-]+\s*@\s*/, '') });
    read(ctx, ...value(p, '-r', '--requirement', '-c', '--constraint'));
  } else if (sub?.text === 'uninstall') risk(ctx, 'destructive');
  else if (sub?.text === 'config') ctx.scope.writes.add(`${ctx.home}/.config/pip/pip.conf`);
}

function crontab(ctx: ProgramContext) {
  const p = parse(ctx.args, ['-u']);
  if (has(p, '-l')) return;
  risk(ctx, has(p, '-r') ? 'destructive' : 'persistence');
  read(ctx, ...p.operands);
}

function systemctl(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-H',
    '--host',
    '-M',
    '--machine',
    '-t',
    '--type',
    '-p',
    '--property',
    '--state',
    '-n',
    '--lines',
    '-o',
    '--output',
    '--root',
  ]);
  const [sub] = p.operands.map((o) => o.text);
  if (
    [
      'enable',
      'link',
      'preset',
      'reenable',
      'edit',
      'set-property',
      'add-wants',
      'add-requires',
      'set-default',
    ].includes(sub ?? '')
  )
    risk(ctx, 'persistence');
  if (
    ['start', 'restart', 'stop', 'kill', 'mask', 'disable', 'isolate', 'poweroff', 'reboot', 'halt'].includes(
      sub ?? '',
    )
  )
    risk(ctx, 'destructive');
  if (!has(p, '--user')) risk(ctx, 'privilege-escalation');
}

const deviceWipe: Model = (ctx) => {
  risk(ctx, 'destructive');
  write(ctx, ...parse(ctx.args, ['-t', '--type', '-L', '-n', '-O', '-b', '-c', '-i', '-m']).operands);
};

function shred(ctx: ProgramContext) {
  const p = parse(ctx.args, ['-n', '--iterations', '-s', '--size', '--random-source']);
  risk(ctx, 'destructive');
  write(ctx, ...p.operands);
  if (has(p, '-u', '--remove', '--zero')) remove(ctx, ...p.operands);
}

function tee(ctx: ProgramContext) {
  write(ctx, ...parse(ctx.args, ['--output-error']).operands);
}

function zip(ctx: ProgramContext) {
  const p = parse(ctx.args, [
    '-TT',
    '--unzip-command',
    '-b',
    '-n',
    '-t',
    '-tt',
    '-x',
    '-i',
    '-P',
    '--password',
    '-O',
    '--output-file',
    '-Z',
    '-s',
    '-sp',
  ]);
  for (const cmd of value(p, '-TT', '--unzip-command')) runJoined(ctx, [cmd], 'zip -TT');
  if (ctx.args.some((a) => a.text === '-TT' || a.text.startsWith('--unzip-command')))
    ctx.scope.unknown.add('`zip -TT` runs a test command');
  const [archive, ...files] = p.operands;
  if (archive) write(ctx, archive);
  write(ctx, ...value(p, '-O', '--output-file'));
  for (const file of files)
    ctx.scope.reads.add(has(p, '-r', '--recurse-paths') ? below(pathOf(ctx, file)) : pathOf(ctx, file));
  if (has(p, '-m', '--move')) remove(ctx, ...files);
}

function unzip(ctx: ProgramContext) {
  const p = parse(ctx.args, ['-d', '-x', '-P']);
  const [archive] = p.operands;
  if (archive) read(ctx, archive);
  if (!has(p, '-l', '-t', '-v', '-p', '-Z')) {
    const dir = value(p, '-d')[0];
    ctx.scope.writes.add(`${dir ? pathOf(ctx, dir) : (ctx.state.cwd ?? '?')}/*`);
  }
}

function node(ctx: ProgramContext) {
  interpreter(
    ['-e', '--eval', '-p', '--print'],
    [
      '-r',
      '--require',
      '--import',
      '--loader',
      '--experimental-loader',
      '-C',
      '--conditions',
      '--env-file',
      '--inspect-port',
      '--title',
      '--max-old-space-size',
      '--stack-size',
    ],
  )(ctx);
}

function deno(ctx: ProgramContext) {
  const p = parse(
    ctx.args,
    [
      '--config',
      '-c',
      '--import-map',
      '--location',
      '--env-file',
      '--cert',
      '--inspect',
      '--allow-read',
      '--allow-write',
      '--allow-net',
      '--allow-run',
      '--allow-env',
    ],
    true,
  );
  const [sub, target, ...rest] = p.operands;
  if (sub?.text === 'eval' && target) ctx.inlineCode(target.text, 'deno');
  else if (sub?.text === 'run' && target) {
    if (!contact(ctx, target)) ctx.runsFile(target);
    else risk(ctx, 'download-and-execute');
  } else if (sub?.text === 'install' || sub?.text === 'compile') ctx.scope.network = true;
  void rest;
  if (has(p, '-A', '--allow-all', '--allow-run'))
    ctx.scope.unknown.add('`deno --allow-run/--allow-all` lets the script run any program');
}

function bun(ctx: ProgramContext) {
  const first = ctx.args[0]?.text;
  if (first === '-e' || first === '--eval' || first === '-p' || first === '--print')
    return interpreter(['-e', '--eval', '-p', '--print'])(ctx);
  if (first === 'x')
    return runPackageBin({ ...ctx, args: ctx.args.slice(1) }, afterOptions(ctx.args.slice(1), []));
  if (first === 'run' || first === undefined || first.endsWith('.js') || first.endsWith('.ts')) {
    const script = first === 'run' ? ctx.args[1] : ctx.args[0];
    if (script && /\.[cm]?[jt]sx?$/.test(script.text)) return ctx.runsFile(script);
    ctx.scope.executes.add('package scripts');
    return;
  }
  packageManager(ctx);
}

function gh(ctx: ProgramContext) {
  const [sub, action] = parse(ctx.args, [
    '-R',
    '--repo',
    '-t',
    '--title',
    '-b',
    '--body',
    '-F',
    '--body-file',
    '-H',
    '--hostname',
    '-X',
    '--method',
    '-f',
    '--field',
    '--raw-field',
    '--jq',
    '-q',
  ]).operands.map((o) => o.text);
  ctx.scope.network = true;
  ctx.scope.hosts.add('api.github.com');
  if (
    sub === 'gist' ||
    (sub === 'release' && ['create', 'upload'].includes(action ?? '')) ||
    sub === 'api' ||
    (sub === 'repo' && ['create', 'edit', 'delete', 'rename', 'archive'].includes(action ?? ''))
  )
    risk(ctx, 'exfiltration');
  if ((sub === 'repo' && action === 'delete') || (sub === 'release' && action === 'delete'))
    risk(ctx, 'destructive');
  if (sub === 'extension' || sub === 'alias')
    ctx.scope.unknown.add(`\`gh ${sub}\` installs or runs commands`);
}

const terraform: Model = (ctx) => {
  const [sub] = parse(ctx.args, ['-var', '-var-file', '-target', '-chdir', '-state', '-out']).operands.map(
    (o) => o.text,
  );
  ctx.scope.network = true;
  if (['apply', 'destroy', 'import', 'taint', 'untaint', 'state', 'force-unlock'].includes(sub ?? ''))
    risk(ctx, 'destructive');
};

const harmless: Model = () => {};

export const PROGRAMS: Record<string, Model> = {
  // reading and inspecting
  cat: reader(),
  tac: reader(),
  less: reader(),
  more: reader(),
  head: reader(['-n', '-c', '--lines', '--bytes']),
  tail: reader(['-n', '-c', '--lines', '--bytes', '-s', '--sleep-interval', '--pid']),
  wc: reader(),
  nl: reader(['-b', '-s', '-w', '-v', '-i']),
  sort: (ctx) => {
    const p = parse(ctx.args, [
      '-o',
      '--output',
      '-k',
      '--key',
      '-t',
      '--field-separator',
      '-S',
      '--buffer-size',
      '-T',
      '--temporary-directory',
      '--parallel',
      '--files0-from',
      '--compress-program',
    ]);
    write(ctx, ...value(p, '-o', '--output'));
    for (const c of value(p, '--compress-program')) ctx.run([c], 'sort --compress-program');
    read(ctx, ...p.operands);
  },
  uniq: reader(['-f', '-s', '-w']),
  cut: reader(['-d', '-f', '-b', '-c', '--delimiter', '--fields']),
  diff: reader(['-U', '-C', '--label', '-x', '-X', '--exclude', '--to-file', '--from-file']),
  cmp: reader(['-i', '-n']),
  comm: reader(),
  file: reader(['-m', '-e', '-F']),
  stat: reader(['-c', '-f', '--format', '--printf']),
  du: reader(['-d', '--max-depth', '-B', '--block-size', '--exclude', '-t']),
  ls: reader([
    '-I',
    '--ignore',
    '-w',
    '--width',
    '--color',
    '--format',
    '--sort',
    '--time-style',
    '-T',
    '--tabsize',
  ]),
  tree: reader(['-L', '-P', '-I', '-o']),
  od: reader(['-A', '-t', '-N', '-j', '-w']),
  xxd: reader(['-l', '-s', '-c', '-g']),
  hexdump: reader(['-n', '-s', '-e', '-f']),
  strings: reader(['-n', '-t', '-e']),
  base64: reader(['-w', '--wrap']),
  md5sum: reader(),
  sha256sum: reader(),
  sha1sum: reader(),
  shasum: reader(['-a']),
  jq: reader(['--arg', '--argjson', '--slurpfile', '--rawfile', '--indent', '-L', '--tab'], true),
  yq: reader(['--arg', '-o', '--output-format', '-I'], true),
  bat: reader(['-l', '--language', '-r', '--line-range', '--style', '--theme', '-H', '--highlight-line']),
  grep: grepLike,
  egrep: grepLike,
  fgrep: grepLike,
  rg: grepLike,
  ag: grepLike,
  ack: grepLike,
  sed,
  gsed: sed,
  awk,
  gawk: awk,
  mawk: awk,
  nawk: awk,
  find,
  fd: (ctx) => {
    const p = parse(ctx.args, [
      '-x',
      '--exec',
      '-X',
      '--exec-batch',
      '-e',
      '--extension',
      '-t',
      '--type',
      '-E',
      '--exclude',
      '-d',
      '--max-depth',
      '-S',
      '--size',
      '--changed-within',
      '--changed-before',
      '-o',
      '--owner',
      '-j',
      '--threads',
      '--base-directory',
      '--search-path',
      '-c',
      '--color',
    ]);
    const exec = ctx.args.findIndex((a) => ['-x', '--exec', '-X', '--exec-batch'].includes(a.text));
    if (exec >= 0)
      ctx.run(
        ctx.args.slice(exec + 1).filter((a) => a.text !== ';'),
        'fd --exec',
      );
    read(
      ctx,
      ...(p.operands.length > 1
        ? p.operands.slice(1)
        : [{ text: '.', known: true, glob: false, inner: undefined }]),
    );
  },
  // writing and deleting
  rm,
  rmdir: (ctx) => remove(ctx, ...parse(ctx.args).operands),
  unlink: (ctx) => remove(ctx, ...parse(ctx.args).operands),
  shred,
  mv: copyMove('mv'),
  cp: copyMove('cp'),
  install: copyMove('install'),
  ln: copyMove('ln'),
  touch: (ctx) => write(ctx, ...parse(ctx.args, ['-d', '--date', '-r', '--reference', '-t']).operands),
  mkdir: (ctx) => write(ctx, ...parse(ctx.args, ['-m', '--mode', '--context']).operands),
  tee,
  truncate: (ctx) => write(ctx, ...parse(ctx.args, ['-s', '--size', '-r', '--reference']).operands),
  chmod,
  chown,
  chgrp: (ctx) => write(ctx, ...parse(ctx.args, ['--reference']).operands.slice(1)),
  dd,
  mkfs: deviceWipe,
  'mkfs.ext4': deviceWipe,
  'mkfs.ext3': deviceWipe,
  'mkfs.xfs': deviceWipe,
  'mkfs.vfat': deviceWipe,
  'mkfs.btrfs': deviceWipe,
  mke2fs: deviceWipe,
  wipefs: deviceWipe,
  fdisk: deviceWipe,
  sfdisk: deviceWipe,
  parted: deviceWipe,
  mkswap: deviceWipe,
  tar,
  gtar: tar,
  bsdtar: tar,
  zip,
  unzip,
  gzip: (ctx) => write(ctx, ...parse(ctx.args, ['-S', '--suffix']).operands),
  gunzip: (ctx) => write(ctx, ...parse(ctx.args, ['-S', '--suffix']).operands),
  // network
  curl: curlLike,
  wget,
  http: (ctx) => {
    const p = parse(ctx.args, ['-a', '--auth', '-o', '--output', '--session']);
    ctx.scope.network = true;
    const [first, second, ...items] = p.operands;
    const url = first && /^[A-Z]+$/.test(first.text) ? second : first;
    if (url) contact(ctx, url);
    if ((first && /^(POST|PUT|PATCH)$/.test(first.text)) || items.some((i) => /[^:]=|:=|@/.test(i.text)))
      risk(ctx, 'exfiltration');
    write(ctx, ...value(p, '-o', '--output'));
  },
  scp: remoteCopy,
  rsync: remoteCopy,
  sftp: remoteCopy,
  ssh,
  nc: netcat,
  ncat: netcat,
  netcat,
  socat: (ctx) => {
    ctx.scope.network = true;
    risk(ctx, 'exfiltration');
    for (const a of ctx.args) {
      const addr = /^(?:tcp|udp|tcp4|tcp6|ssl|openssl)[\w-]*:([^:,]+)/i.exec(a.text);
      if (addr) host(ctx, addr[1]!);
      if (/^(exec|system):/i.test(a.text))
        ctx.scope.unknown.add('`socat EXEC:/SYSTEM:` connects a program to the network');
    }
  },
  telnet: netcat,
  ftp: (ctx) => {
    ctx.scope.network = true;
    risk(ctx, 'exfiltration');
  },
  // version control, packages, builds
  git,
  npm: packageManager,
  pnpm: packageManager,
  yarn: packageManager,
  bun,
  pip,
  pip3: pip,
  pipx: (ctx) => {
    ctx.scope.network = true;
    ctx.scope.executes.add('package build scripts');
    if (ctx.args[0]?.text === 'run') runPackageBin(ctx, ctx.args.slice(2));
  },
  uv: (ctx) => {
    const sub = ctx.args[0]?.text;
    if (sub === 'run')
      return runPackageBin(ctx, afterOptions(ctx.args.slice(1), ['--with', '--python', '-p', '--from']));
    if (sub === 'pip') return pip({ ...ctx, args: ctx.args.slice(1) });
    ctx.scope.network = true;
    ctx.scope.executes.add('package build scripts');
  },
  cargo,
  go: goTool,
  make,
  gmake: make,
  docker,
  podman: docker,
  kubectl,
  helm: (ctx) => {
    ctx.scope.network = true;
    if (['install', 'upgrade', 'uninstall', 'delete', 'rollback'].includes(ctx.args[0]?.text ?? ''))
      risk(ctx, 'destructive');
  },
  terraform,
  tofu: terraform,
  gh,
  crontab,
  systemctl,
  launchctl: (ctx) => {
    if (['load', 'bootstrap', 'enable', 'submit'].includes(ctx.args[0]?.text ?? '')) risk(ctx, 'persistence');
  },
  at: (ctx) => risk(ctx, 'persistence'),
  // interpreters
  node,
  nodejs: node,
  deno,
  python: interpreter(['-c'], ['-W', '-X', '-Q']),
  python2: interpreter(['-c'], ['-W', '-X', '-Q']),
  python3: interpreter(['-c'], ['-W', '-X', '-Q']),
  pypy: interpreter(['-c'], ['-W', '-X']),
  pypy3: interpreter(['-c'], ['-W', '-X']),
  perl: interpreter(['-e', '-E'], ['-I', '-M', '-m', '-x']),
  ruby: interpreter(['-e'], ['-I', '-r', '-C']),
  php: interpreter(['-r'], ['-c', '-d', '-z']),
  lua: interpreter(['-e'], ['-l']),
  Rscript: interpreter(['-e'], []),
  osascript: interpreter(['-e'], ['-l']),
  pwsh: interpreter(['-c', '-Command', '-command'], ['-File', '-ExecutionPolicy']),
  powershell: interpreter(['-c', '-Command', '-command'], ['-File', '-ExecutionPolicy']),
  // harmless built-ins and common commands with no effects beyond their output
  echo: harmless,
  printf: harmless,
  true: harmless,
  false: harmless,
  pwd: harmless,
  date: harmless,
  whoami: harmless,
  id: harmless,
  uname: harmless,
  which: harmless,
  type: harmless,
  sleep: harmless,
  test: harmless,
  '[': harmless,
  basename: harmless,
  dirname: harmless,
  realpath: harmless,
  readlink: harmless,
  seq: harmless,
  expr: harmless,
  tr: harmless,
  export: harmless,
  unset: harmless,
  alias: harmless,
  set: harmless,
  shift: harmless,
  exit: harmless,
  return: harmless,
  read: harmless,
  wait: harmless,
  trap: (ctx) => {
    const [handler] = ctx.args;
    if (handler) runJoined(ctx, [handler], 'trap');
  },
  history: (ctx) => {
    if (ctx.args.some((a) => a.text === '-c' || a.text === '-w')) risk(ctx, 'destructive');
  },
  printenv: (ctx) => {
    // One named variable is not the whole environment (where secrets usually hide).
    const names = parse(ctx.args).operands;
    if (names.length === 0) ctx.scope.reads.add('env:environment');
    for (const name of names) ctx.scope.reads.add(`env:${name.text}`);
  },
  shutdown: (ctx) => risk(ctx, 'destructive'),
  reboot: (ctx) => risk(ctx, 'destructive'),
  halt: (ctx) => risk(ctx, 'destructive'),
  poweroff: (ctx) => risk(ctx, 'destructive'),
  kill: harmless,
};
