/**
 * Debuggers, tracers and profilers. A program run under one (`strace CMD`, `gdb --args CMD`,
 * `valgrind CMD`) is judged as that command; attaching to a running process (`-p PID`) can read
 * and change the memory of a process the agent may not have started (process-control, not
 * understood); debugger commands given inline are code (`gdb -ex` is `code:gdb`); a debugger left
 * at its prompt reads commands from the terminal; kernel tracing (bpftrace, dtrace, SystemTap,
 * sysdig) needs root and sees every process.
 *
 * Researched from `gdb --help` and the GDB manual's "Invoking GDB", `gdbserver --help`, lldb(1),
 * Python's pdb documentation, dlv(1) and its subcommand pages, rr(1), strace(1) and its `--help`,
 * ltrace(1), valgrind(1) and `valgrind --help`, perf(1) and perf-record/stat/trace/script(1),
 * gcore(1), bpftrace(8), dtrace(1), stap(1), sysdig(8), uftrace(1), heaptrack(1), py-spy's,
 * rbspy's, austin's and memray's command-line help, jdb's documentation, ProcDump for Linux, gprof(1),
 * trace-cmd(1).
 */
import type { Field } from '../expand.js';
import { definePrograms, type Call, type CommandSpec, type OptionEntry } from '../model.js';

const f = (a: Field, text: string): Field => ({ ...a, text });
const word = (text: string): Field => ({
  text,
  known: true,
  glob: false,
  many: false,
  network: false,
  decoded: false,
});

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/;

/** Attaching to a running process: it may be one the agent did not start. */
function attach(
  call: Call,
  pid: Field | undefined,
  how = 'attaches to a running process and can read and change its memory',
): void {
  const { ctx } = call;
  ctx.risk('process-control');
  ctx.unknown(`\`${call.program}${call.sub ? ` ${call.sub}` : ''}\` ${how}`);
  ctx.signal(
    pid?.known && /^\d+$/.test(pid.text) ? `pid:${pid.text}` : pid?.known ? `name:${pid.text}` : '?',
  );
}

/** Kernel tracing: needs root, and sees (or changes) every process on the machine. */
function kernelTracing(call: Call, what: string): void {
  call.ctx.risk('privilege-escalation');
  call.ctx.unknown(`\`${call.program}\` ${what}`);
}

/** Names of the options of a table that take a value (for rewrites that must skip them). */
function valued(options: Record<string, OptionEntry>): Set<string> {
  const names = new Set<string>();
  for (const [key, entry] of Object.entries(options)) {
    if (entry === 'flag' || (typeof entry === 'object' && (entry.takes === undefined || entry.attached)))
      continue;
    for (const name of key.split('|')) names.add(name);
  }
  return names;
}

/**
 * `--args PROG ARGS…` (gdb), `PROG -- ARGS` : after the program, every argument is the program's.
 * They become `--inferior-arg=…`, so no debugger option is read among them.
 */
function programArguments(options: Record<string, OptionEntry>, trigger: string[]) {
  const takes = valued(options);
  return (args: Field[]): Field[] => {
    if (!args.some((a) => a.known && trigger.includes(a.text))) return args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.known && a.text === '--')
        return [...args.slice(0, i), ...args.slice(i + 1).map((x) => f(x, `--inferior-arg=${x.text}`))];
      if (a.known && a.text.startsWith('-')) {
        if (takes.has(a.text)) i++;
        continue;
      }
      const rest = args.slice(i + 1);
      if (rest[0]?.known && rest[0].text === '--') rest.shift();
      return [...args.slice(0, i + 1), ...rest.map((x) => f(x, `--inferior-arg=${x.text}`))];
    }
    return args;
  };
}

/** `… -- PROG ARGS`: everything after `--` is the program's. */
function afterDoubleDash(args: Field[]): Field[] {
  const i = args.findIndex((a) => a.known && a.text === '--');
  return i < 0
    ? args
    : [...args.slice(0, i), ...args.slice(i + 1).map((x) => f(x, `--inferior-arg=${x.text}`))];
}

// ---------------------------------------------------------------------------------------------
// GDB.

const GDB_EX = [
  '-ex',
  '--ex',
  '-eval-command',
  '--eval-command',
  '-iex',
  '--iex',
  '-init-eval-command',
  '--init-eval-command',
  '-eiex',
  '--eiex',
  '-early-init-eval-command',
  '--early-init-eval-command',
];
const GDB_X = [
  '-x',
  '--x',
  '-command',
  '--command',
  '-ix',
  '--ix',
  '-init-command',
  '--init-command',
  '-eix',
  '--eix',
  '-early-init-command',
  '--early-init-command',
];
const GDB_PID = ['-p', '--p', '-pid', '--pid'];
const GDB_CORE = ['-c', '--c', '-core', '--core'];

const GDB_OPTIONS: Record<string, OptionEntry> = {
  [GDB_EX.join('|')]: 'code:gdb',
  [GDB_X.join('|')]: 'value',
  [GDB_PID.join('|')]: 'value',
  [GDB_CORE.join('|')]: 'value',
  '-e|--e|-exec|--exec|-s|--s|-symbols|--symbols|-se|--se|-d|--d|-directory|--directory': 'read',
  '-cd|--cd': 'cwd',
  '-D|--D|-data-directory|--data-directory': {
    takes: 'value',
    unknown: 'uses another data folder, whose Python and scripts gdb loads',
  },
  '-i|--i|-interpreter|--interpreter|-tty|--tty|-t|-b|-l': 'value',
  '--inferior-arg': 'value',
  '-args|--args|-batch|--batch|-batch-silent|--batch-silent|-write|--write': 'flag',
  '-q|-quiet|--quiet|-silent|--silent|-n|-nx|--nx|-nh|--nh|-readnow|--readnow|-readnever|--readnever|-return-child-result|--return-child-result|-f|-fullname|--fullname|-tui|--tui|-w|-nw|--nw|-configuration|--configuration|-h|-help|--help|-v|-version|--version':
    'flag',
};

/** gdb commands that end the session (then standard input is not read). */
const GDB_QUIT = /^\s*(q|qu|qui|quit|exit)(\s+\S+)?\s*$/;
/** gdb commands that start the program. */
const GDB_RUN = /^\s*(r|ru|run|start|starti)\b/;

function gdb(call: Call): void {
  const { ctx } = call;
  for (const file of call.values(...GDB_X)) ctx.runsFile(file, 'code:gdb');
  for (const pid of call.values(...GDB_PID)) attach(call, pid);
  for (const core of call.values(...GDB_CORE)) {
    if (/^\d+$/.test(core.text)) attach(call, core);
    else ctx.apply('read', core);
  }
  const commands = call.values(...GDB_EX);
  const [program, second] = call.operands;
  if (program) {
    if (call.has('-args', '--args'))
      ctx.run([program, ...call.values('--inferior-arg')], `${call.program} --args`);
    else {
      ctx.apply('read', program);
      if (commands.some((c) => GDB_RUN.test(c.text)) && program.known) ctx.run([program], call.program);
      if (second && /^\d+$/.test(second.text)) attach(call, second);
      else if (second) ctx.apply('read', second);
    }
    if (call.has('-write', '--write'))
      for (const o of [program, second]) if (o && !/^\d+$/.test(o.text)) ctx.apply('write', o);
  }
  if (
    call.has(
      '-batch',
      '--batch',
      '-batch-silent',
      '--batch-silent',
      '-configuration',
      '--configuration',
      '-h',
      '-help',
      '--help',
      '-v',
      '-version',
      '--version',
    )
  )
    return;
  if (commands.some((c) => GDB_QUIT.test(c.text))) return;
  // Without --batch, gdb reads commands from its standard input (the terminal) after the options.
  ctx.runsStdin('code:gdb');
}

// ---------------------------------------------------------------------------------------------
// LLDB: its command language has no scanner; plain inspection commands are understood.

const LLDB_PLAIN =
  /^\s*(bt|thread\s+(backtrace|list|info|select)(\s.*)?|frame\s+(variable|info|select)(\s.*)?|fr\s+v(\s.*)?|v(\s.*)?|register\s+read(\s.*)?|image\s+(list|lookup|dump\s+\w+)(\s.*)?|disassemble(\s.*)?|di(\s.*)?|target\s+(list|modules\s+list)(\s.*)?|version|help(\s.*)?|q|quit|exit|r|run|c|continue|process\s+(launch|status|continue)(\s.*)?|settings\s+show(\s.*)?|breakpoint\s+(set|list)(\s.*)?|b\s+\S+|br\s+s(\s.*)?|memory\s+read(\s.*)?|x(\/\S+)?\s.*|statistics\s+dump|next|n|step|s|finish|up|down|kill)\s*$/;

function lldb(call: Call): void {
  const { ctx } = call;
  const commands = call.values(
    '-o',
    '--one-line',
    '-O',
    '--one-line-before-file',
    '-k',
    '--one-line-on-crash',
  );
  for (const command of commands) {
    if (!command.known || !LLDB_PLAIN.test(command.text))
      ctx.unknown(
        `\`${call.program} -o\` runs the lldb command \`${command.text}\`, which can run shell commands and Python`,
      );
  }
  for (const pid of call.values('-p', '--attach-pid')) attach(call, pid);
  for (const name of call.values('-n', '--attach-name')) attach(call, name);
  const [program] = [...call.values('-f', '--file'), ...call.operands.slice(0, 1)];
  const args = call.values('--inferior-arg');
  if (program) {
    ctx.apply('read', program);
    if (commands.some((c) => /^\s*(r|run|process\s+launch)\b/.test(c.text)))
      ctx.run([program, ...args], call.program);
  }
  if (
    call.has(
      '-b',
      '--batch',
      '-h',
      '--help',
      '-v',
      '--version',
      '-P',
      '--python-path',
      '--print-script-interpreter-info',
    )
  )
    return;
  ctx.unknown(
    `\`${call.program}\` reads debugger commands from its standard input (the terminal), which can run shell commands`,
  );
}

const LLDB_OPTIONS: Record<string, OptionEntry> = {
  '-o|--one-line|-O|--one-line-before-file|-k|--one-line-on-crash': 'value',
  '-s|--source|-S|--source-before-file|-K|--source-on-crash': {
    takes: 'read',
    unknown: 'runs lldb commands from a file, which can run shell commands and Python',
  },
  '-p|--attach-pid|-n|--attach-name': 'value',
  '-c|--core|-f|--file': 'read',
  '-a|--arch|-l|--script-language|-R|--repl-language': 'value',
  '-r|--repl': { takes: 'value', attached: true, unknown: 'opens a REPL that reads code from the terminal' },
  '--local-lldbinit': { unknown: 'runs the .lldbinit of the current folder' },
  '--inferior-arg': 'value',
  '-w|--wait-for|-b|--batch|-x|--no-lldbinit|-Q|--source-quietly|-e|--editor|-d|--debug|-X|--no-use-colors|-P|--python-path|--print-script-interpreter-info|-h|--help|-v|--version':
    'flag',
};

// ---------------------------------------------------------------------------------------------
// strace and ltrace.

function tracer(call: Call): void {
  const { ctx } = call;
  for (const pid of call.values('-p', '--attach', '--pid'))
    attach(call, pid, 'attaches to a running process and sees everything it reads and writes');
  for (const out of call.values('-o', '--output')) {
    // `-o '|cmd'` / `-o '!cmd'` pipes the trace to a command.
    if (out.known && /^[|!]/.test(out.text)) ctx.runScript(out.text.slice(1), `${call.program} -o`);
    else {
      ctx.apply('write', out);
      if (out.known && call.args.some((a) => a.text === '-ff' || a.text === '--output-separately'))
        ctx.write(`${ctx.path(out.text)}.*`);
    }
  }
}

const STRACE_OPTIONS: Record<string, OptionEntry> = {
  '-o|--output': 'value',
  '-p|--attach': 'value',
  '-u|--user': { takes: 'value', risk: 'privilege-escalation' },
  '-E|--env': 'value',
  '-e|--trace|--signal|--status|--abbrev|--verbose|--raw|--read|--write|--quiet|--kvm|--decode-fds|--inject|--fault|-P|--trace-path|-I|--interruptible|-a|--columns|-s|--string-limit|-X|--const-print-style|-O|--summary-syscall-overhead|-S|--summary-sort-by|-U|--summary-columns|-b|--detach-on':
    'value',
  '--tips|--absolute-timestamps|--relative-timestamps|--syscall-times|--strings-in-hex|--decode-pids|--daemonize|--follow-forks|--seccomp-bpf':
    { takes: 'value', attached: true },
  '-A|--output-append-mode|-C|--summary|-c|--summary-only|-d|--debug|-D|-DD|-DDD|-f|-ff|-F|--output-separately|-h|--help|-i|--instruction-pointer|-k|--stack-traces|-n|--syscall-number|-q|-qq|-qqq|-r|-t|-tt|-ttt|-T|-v|--no-abbrev|-V|--version|-w|--summary-wall-clock|-x|-xx|-y|-yy|-Y|-z|--successful-only|-Z|--failed-only':
    'flag',
};

// ---------------------------------------------------------------------------------------------
// Valgrind.

const VALGRIND_OPTIONS: Record<string, OptionEntry> = {
  '--log-file|--xml-file|--xtree-memory-file|--xtree-leak-file|--massif-out-file|--callgrind-out-file|--cachegrind-out-file|--dhat-out-file':
    'write',
  '--log-socket|--xml-socket|--debuginfo-server': 'value',
  '--suppressions': 'read',
  '--extra-debuginfo-path': 'read',
  '--db-command': 'command',
  '--vgdb-prefix|--tool|--vgdb|--trace-children|--trace-children-skip|--trace-children-skip-by-arg|--soname-synonyms|--fullpath-after':
    'value',
  '-q|--quiet|-v|--verbose|-h|--help|--help-debug|--help-dyn-options|--version|-d': 'flag',
};

const VALGRIND_NAMES = new Set(Object.keys(VALGRIND_OPTIONS).flatMap((k) => k.split('|')));

/** `--leak-check=full`: settings whose values are words, not files (paths and URLs stay judged). */
function valgrindArguments(args: Field[]): Field[] {
  const out: Field[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^(--[\w-]+)=(.*)$/s.exec(a.text);
    if (a.known && m && !VALGRIND_NAMES.has(m[1]!) && /^[\w.,:+%-]*$/.test(m[2]!)) out.push(f(a, m[1]!));
    else out.push(a);
    if (!a.known || !a.text.startsWith('-')) {
      out.push(...args.slice(i + 1));
      break;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// perf.

const PERF_TARGET: Record<string, OptionEntry> = {
  '-p|--pid|-t|--tid': 'value',
  '-a|--all-cpus': 'flag',
  '-o|--output': 'write',
};

function perfTarget(call: Call, defaultOutput?: string): void {
  const { ctx } = call;
  for (const pid of call.values('-p', '--pid', '-t', '--tid'))
    attach(call, pid, 'samples a running process and can read its memory');
  if (call.has('-a', '--all-cpus')) ctx.unknown(`\`perf ${call.sub}\` samples every process on the machine`);
  if (defaultOutput && !call.has('-o', '--output')) {
    ctx.write(ctx.path(defaultOutput));
    ctx.write(ctx.path(`${defaultOutput}.old`));
  }
}

const PERF_EVENTS =
  '-e|--event|--filter|-F|--freq|-c|--count|-C|--cpu|-G|--cgroup|-u|--uid|-m|--mmap-pages|--call-graph|-r|--realtime|--repeat|--switch-output|--max-size|--clockid|-k|--affinity|--aio|--mmap-flush|--compression-level|--user-regs|-D|--delay|--max-stack|--control|-j|--branch-filter|--switch-max-files|-x|--field-separator|--interval-print|--metrics|-M|--td-level|--for-each-cgroup|--log-fd|--iostat|--timeout|--interval-count|--expr|--filter-pids|--duration|--max-events|--min-stack|--pf|--percent-limit|--symbols|--dsos|--comms|--pid-filter|--tid-filter|--time|--vmlinux|--kallsyms|--symfs|--prefix|--prefix-strip|--cpu-list|--itrace|--objdump|--addr2line|--sort|--fields';

const PERF: Record<string, CommandSpec> = {
  'record|stat|trace|sched|mem|c2c|lock|kmem|kwork|kvm|timechart': {
    optionsFirst: true,
    options: {
      ...PERF_TARGET,
      '--pre|--post': 'command',
      '--append|-g|-q|--quiet|-v|--verbose|-s|--stat|-n|--no-samples|-N|--no-buildid-cache|-B|--no-buildid|-R|--raw-samples|-i|--no-inherit|-T|--timestamp|-d|--data|-P|--period|-W|--weight|--timestamp-filename|--all-user|--all-kernel|--overwrite|--kcore|--sample-cpu|--per-thread|--no-bpf-event|--summary|--no-syscalls|--sched|--per-core|--per-socket|--per-die|--per-node|-A|--no-aggr|--topdown|--smi-cost|--null|--scale|-S|--sync|--big-num|-B':
        'flag',
      [PERF_EVENTS]: 'value',
    },
    operands: ['argv...'],
    custom: (call) => perfTarget(call, call.sub === 'record' ? 'perf.data' : undefined),
  },
  top: {
    options: {
      ...PERF_TARGET,
      [PERF_EVENTS]: 'value',
      '--stdio|--tui|-g|-z|-K|-U|--hide_kernel_symbols|--hide_user_symbols': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      perfTarget(call);
      if (!call.has('-p', '--pid', '-t', '--tid'))
        call.ctx.unknown('`perf top` samples every process on the machine in an interactive view');
    },
  },
  script: {
    options: {
      '-i|--input': 'read',
      '-s|--script': 'value',
      '-g|--gen-script': 'value',
      [PERF_EVENTS]: 'value',
      '-D|--dump-raw-trace|-L|--Latency|-l|--list|-a|--all-cpus|-S|--symbols|--show-task-events|--show-mmap-events|--header|--header-only|--ns|-v|--verbose|-f|--force':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (!call.has('-i', '--input')) ctx.read(ctx.path('perf.data'));
      for (const script of call.values('-s', '--script')) {
        if (/^(perl|python|py|pl)$/.test(script.text)) continue;
        ctx.runsFile(
          f(script, script.text.replace(/^(perl|python|py|pl):/, '')),
          /\.pl$|^perl:/.test(script.text) ? 'code:perl' : 'code:python',
        );
      }
      for (const lang of call.values('-g', '--gen-script'))
        ctx.write(ctx.path(`perf-script.${lang.text === 'perl' ? 'pl' : 'py'}`));
      // `perf script record|report NAME …`: one of perf's bundled scripts.
      const [first, name] = call.operands;
      if (first && /^(record|report)$/.test(first.text) && name) ctx.executes(`perf-script:${name.text}`);
      if (first?.text === 'record') ctx.write(ctx.path('perf.data'));
    },
  },
  'report|annotate|diff|evlist|buildid-list|data|inject': {
    options: {
      '-i|--input': 'read',
      '-o|--output': 'write',
      [PERF_EVENTS]: 'value',
      '-s|-d|--dso|-w|--column-widths|-t|-S|-p|--parent': 'value',
      '--stdio|--stdio2|--tui|--gtk|-f|--force|-v|--verbose|-q|--quiet|--header|--header-only|-b|--build-ids|-n|--show-nr-samples':
        'flag',
    },
    operands: ['read...'],
    custom(call) {
      if (!call.has('-i', '--input') && call.operands.length === 0) call.ctx.read(call.ctx.path('perf.data'));
    },
  },
  probe: {
    options: {
      '-x|--exec': 'read',
      '-m|--module|-s|--source|-k|--vmlinux|--target-ns|--target': 'value',
      '-a|--add|-d|--del|-D|--definition|-F|--funcs|-V|--vars|-L|--line': 'value',
      '-l|--list|-q|--quiet|-v|--verbose|-f|--force|-n|--dry-run|--cache': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-l', '--list', '-F', '--funcs', '-V', '--vars', '-L', '--line', '-n', '--dry-run'))
        return;
      call.ctx.risk('system-change');
      kernelTracing(call, 'probe adds tracing probes to the kernel or to programs');
    },
  },
  ftrace: {
    optionsFirst: true,
    options: {
      ...PERF_TARGET,
      '-t|--tracer|-T|--trace-funcs|-N|--notrace-funcs|-G|--graph-funcs|-g|--nograph-funcs|-D|--graph-depth|-C|--cpu|-m|--buffer-size':
        'value',
    },
    operands: ['argv...'],
    custom(call) {
      perfTarget(call);
      kernelTracing(call, 'ftrace traces the kernel');
    },
  },
  daemon: {
    operands: ['value...'],
    effects: { unknown: 'runs a perf daemon that records in the background' },
  },
  'buildid-cache|archive': {
    options: {
      '-a|--add|-r|--remove|-p|--purge|-u|--update|-M|--missing|-k|--kcore': 'value',
      '-P|--purge-all|-l|--list|-f|--force': 'flag',
    },
    operands: ['read...'],
    custom(call) {
      call.ctx.write(`${call.ctx.home}/.debug/**`);
      if (call.sub === 'archive') call.ctx.write(call.ctx.path('perf.data.tar.bz2'));
    },
  },
  config: {
    options: { '--user|--system|-l|--list': 'flag' },
    operands: ['value...'],
    custom(call) {
      if (call.operands.some((o) => o.text.includes('=')))
        call.ctx.write(call.has('--system') ? '/etc/perfconfig' : `${call.ctx.home}/.perfconfig`);
    },
  },
  '*': { operands: ['value...'] },
};

// ---------------------------------------------------------------------------------------------
// Delve.

const DLV_GLOBAL: Record<string, OptionEntry> = {
  '--init': { takes: 'read', unknown: 'runs debugger commands from a file' },
  '-l|--listen': 'value',
  '--api-version|--backend|--build-flags|--log-dest|--log-output|--wd|-r|--redirect|--tty': 'value',
  '-o|--output': 'write',
  '--accept-multiclient|--allow-non-terminal-interactive|--check-go-version|--disable-aslr|--headless|--only-same-user|--continue|--log|-h|--help|--test':
    'flag',
  '--inferior-arg': 'value',
};

function dlv(call: Call, run: 'build' | 'exec' | 'test' | 'none'): void {
  const { ctx } = call;
  const listen = call.values('-l', '--listen')[0]?.text;
  if (call.has('--headless') || call.sub === 'dap') {
    ctx.network();
    const host = listen?.replace(/:\d+$/, '').replace(/^\[|\]$/g, '') ?? '127.0.0.1';
    if (!LOOPBACK.test(host)) {
      ctx.sends();
      ctx.unknown(
        `\`dlv ${call.sub}\` serves a debugger on \`${listen ?? ''}\` that runs whatever any machine sends it`,
      );
    }
  } else if (run !== 'none' || call.sub === 'attach' || call.sub === 'core' || call.sub === 'connect') {
    ctx.unknown(`\`dlv ${call.sub}\` reads debugger commands from the terminal`);
  }
  const [target] = call.operands;
  const args = call.values('--inferior-arg');
  if (run === 'build') {
    ctx.apply('read-tree', target ?? word('.'));
    ctx.executes('the Go program it builds');
    if (target && !/^[\w.\-/]+$/.test(target.text))
      ctx.unknown('`dlv` builds a package named only when the command runs');
  } else if (run === 'test') {
    ctx.apply('read-tree', target ?? word('.'));
    ctx.executes('test files');
  } else if (run === 'exec' && target) ctx.run([target, ...args], 'dlv exec');
}

// ---------------------------------------------------------------------------------------------

/** uftrace: recording writes uftrace.data (or sends it to `-H host`); the others read it. */
function uftrace(call: Call): void {
  const { ctx } = call;
  const data = call.values('-d', '--data')[0] ?? word('uftrace.data');
  if (call.sub === 'record') ctx.apply('write-tree', data);
  else if (call.sub === 'recv') {
    ctx.apply('write-tree', data);
    ctx.network();
    ctx.unknown('`uftrace recv` accepts trace data from other machines');
  } else if (call.sub !== 'live' && call.sub !== '') ctx.apply('read-tree', data);
  if (call.has('-H', '--host')) ctx.sends();
  for (const script of call.values('-S', '--script'))
    ctx.runsFile(script, script.text.endsWith('.lua') ? 'code:lua' : 'code:python');
}

/** py-spy, rbspy, austin: a program run under the profiler, or a running process read. */
function profiler(call: Call): void {
  const { ctx } = call;
  for (const pid of call.values('-p', '--pid')) attach(call, pid, 'reads the memory of a running process');
  if (call.program === 'austin')
    for (const pid of call.values('-w', '--where'))
      attach(call, pid, 'reads the memory of a running process');
  const argv = call.values('--inferior-arg');
  if (argv.length > 0) ctx.run(argv, call.program);
}

/** bcc and bpftrace tools: each loads a tracing program into the kernel. */
const BPF_TOOLS = [
  'execsnoop',
  'opensnoop',
  'tcpconnect',
  'tcpaccept',
  'tcplife',
  'tcpretrans',
  'tcpdrop',
  'biosnoop',
  'biolatency',
  'biotop',
  'funccount',
  'funclatency',
  'stackcount',
  'offcputime',
  'argdist',
  'killsnoop',
  'statsnoop',
  'syncsnoop',
  'runqlat',
  'ext4slower',
  'gethostlatency',
  'sslsniff',
  'bashreadline',
  'capable',
  'oomkill',
  'mountsnoop',
  'filetop',
  'cachestat',
  'execsnoop-bpfcc',
  'opensnoop-bpfcc',
  'tcpconnect-bpfcc',
  'tcpaccept-bpfcc',
  'tcplife-bpfcc',
  'biolatency-bpfcc',
  'funccount-bpfcc',
  'sslsniff-bpfcc',
  'bashreadline-bpfcc',
  'killsnoop-bpfcc',
  'execsnoop.bt',
  'opensnoop.bt',
  'tcpconnect.bt',
  'tcpaccept.bt',
  'bashreadline.bt',
  'sslsnoop.bt',
  'killsnoop.bt',
  'biolatency.bt',
];

export default definePrograms([
  {
    names: ['gdb', 'gdb-multiarch', 'gdbtui', 'cgdb', 'rust-gdb', 'pwndbg', 'gdb-gef'],
    summary: 'the GNU debugger',
    rewrite: programArguments(GDB_OPTIONS, ['--args', '-args']),
    options: GDB_OPTIONS,
    operands: ['value...'],
    custom: gdb,
    examples: [
      { cmd: 'gdb ./app', reads: ['app'], unknown: 'standard input' },
      { cmd: "gdb -batch -ex 'bt' ./app core.123", reads: ['app', 'core.123'], executes: ['inline:gdb'] },
      { cmd: 'gdb -batch -ex run -ex bt --args ./app --port 8080', executes: ['app'], runs: ['app'] },
      { cmd: "gdb -batch -ex 'shell rm -rf /tmp/x' ./app", executes: ['inline:gdb'] },
      { cmd: 'gdb -p 4242', risks: ['process-control'], unknown: 'attaches' },
      { cmd: 'gdb -batch -ex bt ./app 4242', risks: ['process-control'] },
      { cmd: 'gdb -batch -x cmds.gdb ./app', executes: ['cmds.gdb'] },
      { cmd: "echo 'shell id' > x.gdb && gdb -batch -x x.gdb", executes: ['inline:gdb'] },
      { cmd: 'gdb --args python3 -c "print(1)"', runs: ['python3'] },
      { cmd: 'gdb --version', only: true },
    ],
  },
  {
    names: ['gdbserver'],
    summary: 'remote debugging server for gdb',
    optionsFirst: true,
    rewrite: (args) => {
      // `--wrapper WRAPPER… --`: a command that starts the program.
      const i = args.findIndex((a) => a.known && a.text === '--wrapper');
      if (i < 0) return args;
      const end = args.findIndex((a, j) => j > i && a.known && a.text === '--');
      const wrapper = args.slice(i + 1, end < 0 ? undefined : end);
      return [
        ...args.slice(0, i),
        f(args[i]!, `--wrapper=${wrapper.map((w) => w.text).join(' ')}`),
        ...(end < 0 ? [] : args.slice(end + 1)),
      ];
    },
    options: {
      '--wrapper': 'command',
      '--debug-format|--disable-packet': { takes: 'value', attached: true },
      '--attach|--multi|--once|--help|--version|--disable-randomization|--no-disable-randomization|--startup-with-shell|--no-startup-with-shell|--debug|--remote-debug|--event-loop-debug|--selftest':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('--help', '--version')) return;
      const [comm, ...rest] = call.operands;
      if (comm?.known && /:\d+$/.test(comm.text)) {
        ctx.network();
        const host = comm.text.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
        if (!LOOPBACK.test(host)) {
          ctx.sends();
          ctx.unknown(
            `\`gdbserver\` listens on \`${comm.text}\`: any machine that connects controls the program and can run commands`,
          );
        }
      } else if (comm && !comm.known)
        ctx.unknown('`gdbserver` listens on an address only known when the command runs');
      if (call.has('--attach')) attach(call, rest[0]);
      else if (rest.length > 0) ctx.run(rest, 'gdbserver');
    },
    examples: [
      { cmd: 'gdbserver localhost:2345 ./app --flag', runs: ['app'], network: true },
      { cmd: 'gdbserver :2345 ./app', risks: ['exfiltration'], unknown: 'any machine' },
      { cmd: 'gdbserver --attach localhost:2345 4242', risks: ['process-control'] },
    ],
  },
  {
    names: ['lldb', 'rust-lldb', 'lldb-16', 'lldb-17', 'lldb-18', 'lldb-19'],
    summary: 'the LLVM debugger',
    rewrite: programArguments(LLDB_OPTIONS, ['--']),
    options: LLDB_OPTIONS,
    operands: ['value...'],
    custom: lldb,
    examples: [
      { cmd: "lldb -b -o 'bt' -c core.123 ./app", reads: ['core.123', 'app'], only: true },
      { cmd: 'lldb -b -o run -o bt ./app -- --port 8080', runs: ['app'] },
      { cmd: "lldb -b -o 'platform shell rm -rf /tmp/x' ./app", unknown: 'shell commands' },
      { cmd: 'lldb ./app', unknown: 'standard input' },
      { cmd: 'lldb -p 4242', risks: ['process-control'] },
      { cmd: 'lldb -s cmds.lldb ./app', reads: ['cmds.lldb'], unknown: 'from a file' },
    ],
  },
  {
    names: ['lldb-server'],
    summary: "LLDB's remote debugging server",
    options: {
      '--listen|--server|--min-gdbserver-port|--max-gdbserver-port|--port-offset|--log-file|--log-channels|--named-pipe|--pipe|--socket-file|--gdbserver-port|--attach':
        'value',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const [mode, comm] = call.operands;
      const address = call.values('--listen')[0]?.text ?? comm?.text ?? '';
      ctx.network();
      const host = address.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      if (mode && (host === '' || host === '*' || !LOOPBACK.test(host))) {
        ctx.sends();
        ctx.unknown('`lldb-server` listens for debuggers from other machines, which can run programs here');
      }
      for (const pid of call.values('--attach')) attach(call, pid);
    },
    examples: [{ cmd: 'lldb-server platform --listen "*:1234" --server', risks: ['exfiltration'] }],
  },
  {
    names: ['pdb', 'pdb3', 'ipdb', 'ipdb3', 'pdbpp'],
    summary: "Python's debugger",
    optionsFirst: true,
    options: { '-c|--command': 'code:python', '-m': 'value', '-h|--help': 'flag' },
    operands: (call) => (call.has('-m') ? ['value...'] : ['script', 'value...']),
    custom(call) {
      const { ctx } = call;
      if (call.has('-h', '--help')) return;
      for (const module of call.values('-m')) ctx.executes(`module:${module.text}`);
      // pdb stops at the first line and reads commands (Python statements among them).
      ctx.runsStdin('code:python');
    },
    examples: [
      { cmd: 'pdb3 tools/gen.py', executes: ['tools/gen.py'], unknown: 'standard input' },
      { cmd: "echo 'c' | pdb -c 'b 12' tools/gen.py", executes: ['tools/gen.py', 'inline:python'] },
    ],
  },
  {
    names: ['pudb', 'pudb3'],
    summary: 'full-screen Python debugger',
    optionsFirst: true,
    options: { '-m': 'value', '-s|--steal-output|--pre-run|-h|--help': 'flag' },
    operands: (call) => (call.has('-m') ? ['value...'] : ['script', 'value...']),
    effects: { unknown: 'opens a full-screen debugger that reads keys (and Python) from the terminal' },
    examples: [{ cmd: 'pudb3 tools/gen.py', executes: ['tools/gen.py'], unknown: 'full-screen' }],
  },
  {
    names: ['dlv'],
    summary: 'Delve, the Go debugger',
    rewrite: afterDoubleDash,
    options: DLV_GLOBAL,
    subcommands: {
      'debug|run|trace': {
        options: { '--output|-o': 'write', '--tags|--stack|-s|--ebpf|-p|--pid|-e|--exec': 'value' },
        operands: ['value...'],
        custom: (call) => dlv(call, 'build'),
      },
      exec: { operands: ['value...'], custom: (call) => dlv(call, 'exec') },
      test: {
        options: { '--output|-o': 'write' },
        operands: ['value...'],
        custom: (call) => dlv(call, 'test'),
      },
      attach: {
        operands: ['value', 'read'],
        custom(call) {
          attach(call, call.operands[0]);
          dlv(call, 'none');
        },
      },
      core: { operands: ['read', 'read'], custom: (call) => dlv(call, 'none') },
      connect: {
        operands: ['value'],
        custom(call) {
          const address = call.operands[0];
          if (address)
            call.ctx.host(address.text.replace(/:\d+$/, '').replace(/^\[|\]$/g, '') || 'localhost');
          dlv(call, 'none');
        },
      },
      dap: { operands: ['value...'], custom: (call) => dlv(call, 'none') },
      replay: { operands: ['read-tree'], custom: (call) => dlv(call, 'none') },
      'version|help|completion|backend|log|redirect': { operands: ['value...'] },
    },
    operands: ['value...'],
    examples: [
      { cmd: 'dlv debug ./cmd/server -- --port 8080', reads: ['cmd/server/**'], unknown: 'terminal' },
      { cmd: 'dlv exec ./bin/app -- -v', runs: ['app'] },
      { cmd: 'dlv attach 4242', risks: ['process-control'] },
      { cmd: 'dlv debug --headless --listen=:2345 ./cmd/server', risks: ['exfiltration'] },
      { cmd: 'dlv test --headless --listen=127.0.0.1:2345 ./pkg/x', network: true, unknown: false },
      { cmd: 'dlv version', only: true },
    ],
  },
  {
    names: ['rr'],
    summary: 'record and replay program execution',
    options: {
      '-A|--microarch|-C|--checksum|-D|--dump-on|-T|--dump-at|-W|--wait-secs': 'value',
      '-F|--force-things|-K|--check-cached-mmaps|-E|--fatal-errors|-M|--mark-stdio|-N|--version|-S|--suppress-environment-warnings|-V|--verbose':
        'flag',
    },
    subcommands: {
      record: {
        optionsFirst: true,
        options: {
          '-o|--output-trace-dir': 'write-tree',
          '-c|--num-cpu-ticks|-e|--num-events|-i|--ignore-signal|-v|--env|--bind-to-cpu|--syscall-buffer-size|--syscall-buffer-sig|--chaos|-w':
            'value',
          '-b|--force-syscall-buffer|-n|--no-syscall-buffer|-u|--cpu-unbound|-h|--chaos-mode|--continue-through-signal|--disable-cpuid-faulting|--stap-sdt|--asan':
            'flag',
        },
        operands: ['argv...'],
        custom(call) {
          if (!call.has('-o', '--output-trace-dir')) call.ctx.write(`${call.ctx.home}/.local/share/rr/**`);
        },
      },
      replay: {
        options: {
          '-d|--debugger': 'exec',
          '-x|--gdb-x': 'value',
          '-s|--dbgport': 'value',
          '-f|--onfork|-g|--goto|-p|--onprocess|-t|--trace|-h|--dbghost': 'value',
          '-a|--autopilot|-q|--no-redirect-output|-k|--keep-listening|-i|--interpreter|--serve-files': 'flag',
        },
        operands: ['read-tree'],
        custom(call) {
          const { ctx } = call;
          for (const file of call.values('-x', '--gdb-x')) ctx.runsFile(file, 'code:gdb');
          if (call.has('-s', '--dbgport')) {
            ctx.network();
            const host = call.values('-h', '--dbghost')[0]?.text;
            if (host && !LOOPBACK.test(host)) {
              ctx.sends();
              ctx.unknown('`rr replay` serves a debugger to other machines');
            }
            return;
          }
          if (!call.has('-a', '--autopilot')) ctx.runsStdin('code:gdb');
        },
      },
      'ps|ls|dump|traceinfo|sources|buildid|gdbinit|help|cpufeatures': { operands: ['read...'] },
      pack: { operands: ['write-tree...'] },
      rm: { operands: ['delete-tree...'] },
    },
    // `rr PROG ARGS` records.
    optionsFirst: true,
    operands: ['argv...'],
    custom: (call) => call.ctx.write(`${call.ctx.home}/.local/share/rr/**`),
    examples: [
      { cmd: 'rr record ./app --test', runs: ['app'], writes: ['~/.local/share/rr/**'] },
      { cmd: 'rr replay -a', only: true },
      { cmd: 'rr replay', unknown: 'standard input' },
      { cmd: 'rr rm app-0', deletes: ['app-0/**'] },
    ],
  },
  {
    names: ['strace'],
    summary: 'trace system calls and signals',
    optionsFirst: true,
    options: STRACE_OPTIONS,
    operands: ['argv...'],
    custom: tracer,
    examples: [
      { cmd: 'strace -f -e trace=openat -o trace.txt ./app --x', writes: ['trace.txt'], runs: ['app'] },
      { cmd: 'strace -c ls', runs: ['ls'], only: true },
      { cmd: 'strace -p 4242', risks: ['process-control'], unknown: 'attaches' },
      { cmd: 'strace -o \'|sh -c "rm -rf /tmp/x"\' ls', runs: ['rm'] },
      { cmd: 'strace -u nobody ./app', risks: ['privilege-escalation'] },
    ],
  },
  {
    names: ['ltrace'],
    summary: 'trace library calls',
    optionsFirst: true,
    options: {
      '-o|--output': 'value',
      '-p': 'value',
      '-u': { takes: 'value', risk: 'privilege-escalation' },
      '-F|--config': 'read',
      '-e|-x|-l|--library|-A|-s|-a|--align|-n|--indent|-D|--debug|-w|--where': 'value',
      '-b|--no-signals|-c|-C|--demangle|-f|-h|--help|-i|-L|-r|-S|-t|-tt|-ttt|-T|-V|--version': 'flag',
    },
    operands: ['argv...'],
    custom: tracer,
    examples: [
      { cmd: 'ltrace -c ./app', runs: ['app'] },
      { cmd: 'ltrace -p 4242', risks: ['process-control'] },
    ],
  },
  {
    names: ['valgrind'],
    summary: 'memory checker and profiler (memcheck, callgrind, massif …)',
    optionsFirst: true,
    rewrite: valgrindArguments,
    options: VALGRIND_OPTIONS,
    operands: ['argv...'],
    custom(call) {
      const { ctx } = call;
      for (const socket of call.values('--log-socket', '--xml-socket', '--debuginfo-server')) {
        const host = socket.text.replace(/:\d+$/, '');
        ctx.host(host || '127.0.0.1');
        if (!/debuginfo/.test(socket.text) && !LOOPBACK.test(host)) ctx.sends();
      }
      if (call.values('--debuginfo-server').length > 0) ctx.network();
      const tool = call.values('--tool')[0]?.text;
      if (
        tool &&
        !call.has('--massif-out-file', '--callgrind-out-file', '--cachegrind-out-file', '--dhat-out-file')
      ) {
        if (tool === 'callgrind') ctx.write(ctx.path('callgrind.out.*'));
        if (tool === 'massif') ctx.write(ctx.path('massif.out.*'));
        if (tool === 'cachegrind') ctx.write(ctx.path('cachegrind.out.*'));
        if (tool === 'dhat') ctx.write(ctx.path('dhat.out.*'));
      }
    },
    examples: [
      { cmd: 'valgrind --leak-check=full --log-file=vg.log ./app -v', writes: ['vg.log'], runs: ['app'] },
      { cmd: 'valgrind --leak-check=full --show-leak-kinds=all ./app', runs: ['app'], only: true },
      { cmd: 'valgrind --tool=callgrind ./app', writes: ['callgrind.out.*'] },
      {
        cmd: 'valgrind --log-socket=203.0.113.9:1500 ./app',
        risks: ['exfiltration'],
        hosts: ['203.0.113.9'],
      },
      { cmd: "valgrind --db-attach=yes --db-command='sh -c id' ./app", runs: ['id'] },
    ],
  },
  {
    names: ['vgdb'],
    summary: "relay between gdb and Valgrind's gdbserver",
    options: {
      '--pid|--vgdb-prefix|--wait|--max-invoke-ms|--cmd-time-out|--port|--valgrind|--vargs': {
        takes: 'value',
        attached: true,
      },
      '-c|-l|-D|-d|--multi': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('--port')) {
        call.ctx.network();
        call.ctx.unknown('`vgdb --port` listens for debuggers on a TCP port');
      }
    },
    examples: [{ cmd: 'vgdb --pid=4242 leak_check full', only: true }],
  },
  {
    names: [
      'callgrind_annotate',
      'cg_annotate',
      'ms_print',
      'cg_diff',
      'cg_merge',
      'dh_view',
      'heaptrack_print',
      'heaptrack_gui',
      'gprof',
      'gprof2dot',
      'kcachegrind',
      'qcachegrind',
    ],
    summary: 'read profiling results (Valgrind, heaptrack, gprof)',
    readonly: true,
    options: {
      '-o|--output': 'write',
      '-s|--sum': 'flag',
      '--threshold|--include|--auto|--context|--inclusive|--tree|--sort|--show|--threshold-percent|-w|--width|-m|-k|-I|--directory|-f|--format|-n|--node-thres|-e|--edge-thres|-T|--file-format|--file-ordering|-p|-P|-q|-Q|-A|-J|-N|-C|-x|-y|-z|-Z|--flat-profile|--graph|--annotated-source|-F|--diff|-d|--print-histograms|-M|--merge-after':
        {
          takes: 'value',
          attached: true,
        },
      '--print-peaks|--print-allocators|--print-temporary|--print-leaks|-t|--flamegraph-cost-type|-H|--print-flamegraph|--print-massif':
        'value',
    },
    operands: ['read...'],
    custom(call) {
      // `gprof -s` writes the sum of profiles to gmon.sum.
      if (call.program === 'gprof' && call.has('-s', '--sum')) call.ctx.write(call.ctx.path('gmon.sum'));
    },
    examples: [
      { cmd: 'callgrind_annotate callgrind.out.123', reads: ['callgrind.out.123'], only: true },
      { cmd: 'cg_merge -o all.out a.out b.out', writes: ['all.out'] },
      { cmd: 'gprof ./app gmon.out', reads: ['app', 'gmon.out'], only: true },
    ],
  },
  {
    names: ['perf', 'perf_5.10', 'perf_6.1'],
    summary: 'Linux performance counters: record, stat, trace, report, script, probe',
    options: {
      '--exec-path|--html-path|--debugfs-dir|--buildid-dir': { takes: 'value', attached: true },
      '-p|--paginate|-P|--no-pager|--list-cmds|--list-opts|-v|--version|-h|--help|--debug': 'flag',
    },
    subcommands: PERF,
    operands: ['value...'],
    examples: [
      { cmd: 'perf record -g ./app --bench', writes: ['perf.data'], runs: ['app'] },
      { cmd: 'perf record -o prof.data -- make -j4', writes: ['prof.data'], runs: ['make'] },
      { cmd: 'perf stat -e cycles ./app', runs: ['app'], only: true },
      { cmd: 'perf record -p 4242', risks: ['process-control'] },
      { cmd: 'perf record -a sleep 5', unknown: 'every process' },
      { cmd: "perf stat --pre 'rm -rf /tmp/x' true", runs: ['rm'] },
      { cmd: 'perf report --stdio', reads: ['perf.data'], only: true },
      { cmd: 'perf script -s tools/flame.py', executes: ['tools/flame.py'] },
      { cmd: 'perf probe -x ./app main', risks: ['privilege-escalation', 'system-change'] },
      { cmd: 'perf top', unknown: 'every process' },
    ],
  },
  {
    names: ['gcore', 'gstack', 'pstack', 'eu-stack', 'procdump', 'jstack', 'jmap', 'jcmd'],
    summary: 'dump the memory or stacks of running processes',
    options: {
      '-o|-w|-n|-s|-c|-cl|-m|-ml|-f|-e|-tc|-fc|-sig|-pf|-log|-i': 'value',
      '-p|--pid': 'value',
      '-a|-b|-l|-F|-h|--help|-v|--version|-q|-d|-r': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('-h', '--help', '-v', '--version')) return;
      const pids = [
        ...call.values('-p', '--pid'),
        ...call.operands.filter((o) => /^\d+$/.test(o.text) || !o.known),
      ];
      if (call.program === 'procdump' && call.values('-w').length > 0) pids.push(...call.values('-w'));
      if (pids.length === 0 && call.operands.length > 0 && /^j/.test(call.program))
        pids.push(call.operands[0]!);
      for (const pid of pids)
        attach(call, pid, 'reads the memory or stacks of a running process, which may hold secrets');
      if (call.program === 'gcore') {
        const prefix = call.values('-o')[0]?.text ?? 'core';
        for (const pid of pids) ctx.write(ctx.path(`${prefix}.${pid.text}`));
      }
      if (call.program === 'procdump') {
        const last = call.operands.at(-1);
        if (last && !/^\d+$/.test(last.text)) ctx.apply('write', last);
        else ctx.write(ctx.path('*_*.*'));
      }
      if (call.program === 'jmap')
        for (const v of call.args)
          if (/file=/.test(v.text))
            ctx.apply('write', f(v, v.text.replace(/^.*file=/, '').replace(/,.*$/, '')));
    },
    examples: [
      { cmd: 'gcore -o /tmp/app 4242', risks: ['process-control'], writes: ['/tmp/app.4242'] },
      { cmd: 'pstack 4242', risks: ['process-control'] },
      { cmd: 'jmap -dump:format=b,file=heap.hprof 4242', risks: ['process-control'], writes: ['heap.hprof'] },
    ],
  },
  {
    names: ['bpftrace'],
    summary: 'kernel tracing with bpftrace programs',
    options: {
      '-e': 'value',
      '-c': 'command',
      '-p': 'value',
      '-o': 'write',
      '-I|--include|-B|-f|-k|-kk|-d|--dry-run|--usdt-file-activation|--btf|--no-warnings|--emit-elf|--emit-llvm|-x|--aot':
        'value',
      '-l|--info|-V|--version|-h|--help|-q|-v|--unsafe': 'flag',
    },
    operands: (call) => (call.has('-e', '-l') ? ['value...'] : ['read', 'value...']),
    custom(call) {
      const { ctx } = call;
      if (call.has('-V', '--version', '-h', '--help')) return;
      if (call.has('-l', '--info')) return ctx.risk('privilege-escalation');
      for (const pid of call.values('-p')) attach(call, pid, 'traces a running process');
      kernelTracing(call, 'loads a tracing program into the kernel, which sees every process');
      const programs = call.values('-e');
      if (call.has('--unsafe') || programs.some((p) => /\bsystem\s*\(/.test(p.text)))
        ctx.unknown('`bpftrace --unsafe` lets the tracing program run shell commands');
    },
    examples: [
      {
        cmd: 'bpftrace -e \'tracepoint:syscalls:sys_enter_openat { printf("%s\\n", str(args->filename)); }\'',
        risks: ['privilege-escalation'],
      },
      { cmd: 'bpftrace tools/opens.bt', reads: ['tools/opens.bt'], risks: ['privilege-escalation'] },
      { cmd: "bpftrace -c 'rm -rf /tmp/x' -e 'BEGIN {}'", runs: ['rm'] },
      { cmd: 'bpftrace -V', only: true },
    ],
  },
  {
    names: BPF_TOOLS,
    summary: 'bcc and bpftrace tools that trace the kernel',
    options: {
      '-p|--pid|-t|--tid|-u|--uid|-n|--name|-d|--duration|-c|--cgroupmap|--mntnsmap|-i|--interval|-T|--top|-L|--lport|-P|--port':
        'value',
    },
    operands: ['value...'],
    custom(call) {
      if (call.args.some((a) => a.text === '-h' || a.text === '--help')) return;
      kernelTracing(call, 'loads a tracing program into the kernel that watches every process');
    },
    examples: [{ cmd: 'execsnoop-bpfcc', risks: ['privilege-escalation'] }],
  },
  {
    names: ['dtrace'],
    summary: 'DTrace dynamic tracing',
    options: {
      '-n|-P|-m|-f|-i': 'value',
      '-s': 'read',
      '-c': 'command',
      '-p': 'value',
      '-o': 'write',
      '-w': {
        risk: ['destructive', 'system-change'],
        unknown: 'allows destructive actions (stop processes, write memory, panic)',
      },
      '-x|-b|-D|-U|-I|-L|-X': 'value',
      '-l|-V|-h|-H|-q|-C|-e|-F|-S|-v|-Z|-32|-64|-A|-a|-G': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('-V')) return;
      for (const pid of call.values('-p')) attach(call, pid, 'traces a running process');
      if (call.has('-l')) return ctx.risk('privilege-escalation');
      kernelTracing(call, 'runs a tracing program in the kernel, which sees every process');
    },
    examples: [
      { cmd: "dtrace -n 'syscall::open:entry { trace(copyinstr(arg0)); }'", risks: ['privilege-escalation'] },
    ],
  },
  {
    names: ['stap', 'staprun'],
    summary: 'SystemTap kernel tracing',
    options: {
      '-e': 'value',
      '-c': 'command',
      '-x': 'value',
      '-o': 'write',
      '-g|--guru-mode': { risk: 'system-change', unknown: 'runs in guru mode, which can change the kernel' },
      '-m|-p|-r|-I|-D|-B|-a|-S|-s|-R|-d|-T|-G|-L|-l|--remote|--use-server|--sysroot|--sysenv|--modinfo|--suppress-handler-errors':
        'value',
      '-k|-v|-u|-w|-t|-b|-F|-P|-W|-V|--version|-h|--help|--ldd|--all-modules|--unprivileged|--privilege':
        'flag',
    },
    operands: (call) =>
      call.has('-e', '-l', '-L') || call.program === 'staprun' ? ['value...'] : ['read', 'value...'],
    custom(call) {
      const { ctx } = call;
      if (call.has('-V', '--version', '-h', '--help')) return;
      for (const url of call.values('--remote')) ctx.apply('url', url);
      for (const pid of call.values('-x')) attach(call, pid, 'traces a running process');
      if (call.program === 'staprun') {
        for (const module of call.operands.slice(0, 1)) ctx.apply('read', module);
        ctx.risk('system-change');
        return kernelTracing(call, 'loads a kernel module');
      }
      if (call.has('-l', '-L')) return ctx.risk('privilege-escalation');
      kernelTracing(call, 'builds and loads a kernel module that traces every process');
    },
    examples: [
      { cmd: "stap -e 'probe begin { println(1); exit() }'", risks: ['privilege-escalation'] },
      { cmd: 'stap -g evil.stp', risks: ['system-change'] },
    ],
  },
  {
    names: ['sysdig', 'csysdig'],
    summary: 'capture and inspect system activity',
    options: {
      '-w|--write': 'write',
      '-r|--read': 'read',
      '-c|--chisel': { takes: 'value', unknown: 'runs a Lua chisel script' },
      '-k|--k8s-api|-m|--mesos-api': 'url',
      '-K|--k8s-api-cert|--cri': 'read',
      '-p|--print|-s|--snaplen|-n|--numevents|-M|-C|--file-size|-G|--seconds|-W|--limit|-e|--events|-t|--timetype|-i|--chisel-info|--k8s-node|-I|--input|-H|--plugin-config|--log-level|-B|--bpf':
        'value',
      '-l|--list|-L|--list-events|-cl|--list-chisels|-h|--help|--version|-A|--print-ascii|-X|--print-hex|-x|--print-hex-ascii|-j|--json|-N|-v|--verbose|-z|--compress|-q|--quiet|-S|--summary|-d|--displayflt|-b|--print-base64|--unbuffered|--modern-bpf|-P|--progress':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (
        call.has(
          '-l',
          '--list',
          '-L',
          '--list-events',
          '-cl',
          '--list-chisels',
          '-h',
          '--help',
          '--version',
          '-i',
          '--chisel-info',
        )
      )
        return;
      if (call.has('-r', '--read') && !call.has('-c', '--chisel')) return;
      kernelTracing(
        call,
        'captures the system calls of every process on the machine, with the data they read and write',
      );
      if (call.program === 'csysdig') call.ctx.unknown('`csysdig` opens an interactive view on the terminal');
    },
    examples: [
      { cmd: 'sysdig -w cap.scap', writes: ['cap.scap'], risks: ['privilege-escalation'] },
      { cmd: 'sysdig -r cap.scap proc.name=app', reads: ['cap.scap'], only: true },
    ],
  },
  {
    names: ['trace-cmd'],
    summary: 'record and read kernel ftrace data',
    subcommands: {
      'record|profile|stream': {
        optionsFirst: true,
        options: {
          '-o': 'write',
          '-P|-p|-e|-f|-l|-n|-g|-n|-b|-B|-C|-O|-s|-m|-M|-r|-N|-t|--max-graph-depth|-q': 'value',
          '-F|-c|-k|-i|-T|-v|--no-filter|--verbose': 'flag',
        },
        operands: ['argv...'],
        custom(call) {
          if (!call.has('-o')) call.ctx.write(call.ctx.path('trace.dat'));
          kernelTracing(call, 'traces the kernel (every process)');
        },
      },
      'start|stop|reset|restart|clear|extract|set|snapshot|stack': {
        options: { '-o': 'write', '-P|-p|-e|-f|-l|-g|-b|-B|-C|-O|-M': 'value' },
        operands: ['value...'],
        custom(call) {
          call.ctx.risk('system-change');
          kernelTracing(call, `${call.sub} changes the kernel's tracing`);
        },
      },
      listen: {
        options: { '-p|-d|-o|-l': 'value', '-D': 'flag' },
        operands: ['value...'],
        custom(call) {
          call.ctx.network();
          call.ctx.unknown('`trace-cmd listen` accepts trace data from other machines');
        },
      },
      '*': {
        options: { '-i|-o|-E|-F|-e|-w|-l|-P': 'value' },
        operands: ['read...'],
        custom: (call) => (call.has('-i') ? undefined : call.ctx.read(call.ctx.path('trace.dat'))),
      },
    },
    operands: ['value...'],
    examples: [
      { cmd: 'trace-cmd record -e sched ./app', runs: ['app'], risks: ['privilege-escalation'] },
      { cmd: 'trace-cmd report', reads: ['trace.dat'], only: true },
    ],
  },
  {
    names: ['uftrace'],
    summary: 'function graph tracer for user programs',
    options: {
      '-d|--data': 'value',
      '-L|--library-path': { takes: 'value', unknown: 'loads libraries from another folder' },
      '-H|--host': 'host',
      '-S|--script': 'value',
      '--opt-file': { takes: 'read', unknown: 'reads more options from a file' },
      '--run-cmd': 'command',
      '-F|--filter|-N|--notrace|-T|--trigger|-t|--time-filter|-D|--depth|-C|--caller-filter|-A|--argument|-R|--retval|-P|--patch|-U|--unpatch|-Z|--size-filter|-E|--Event|--match|--demangle|-f|--output-fields|-s|--sort|--column-offset|--logfile|-b|--buffer|--max-stack|--rt-prio|--num-thread|--signal|--watch|--port|-r|--time-range|--with-syms|--kernel-buffer|--kernel-depth|-p|--pid|-e|--estimate-return|--loc-filter|-k|--kernel|--tid|--format':
        'value',
      '--no-libcall|--no-comment|--force|--nest-libcall|--no-pltbind|--auto-args|--flat|--no-event|--no-merge|--srcline|--libname|-a|--graphviz|--chrome|--flame-graph|--mermaid|--keep-pid|--disable|-g|--agent|--record|--list-event|--no-pager|-v|--verbose|-h|--help|-V|--version':
        'flag',
    },
    subcommands: {
      'record|live': { optionsFirst: true, operands: ['argv...'], custom: uftrace },
      recv: { operands: ['value...'], custom: uftrace },
      'replay|report|info|dump|graph|tui|script': { operands: ['value...'], custom: uftrace },
    },
    optionsFirst: true,
    operands: ['argv...'],
    custom: uftrace,
    examples: [
      { cmd: 'uftrace record ./app', runs: ['app'], writes: ['uftrace.data/**'] },
      { cmd: 'uftrace replay', reads: ['uftrace.data/**'], only: true },
      { cmd: 'uftrace record -H 203.0.113.9 ./app', risks: ['exfiltration'] },
    ],
  },
  {
    names: ['heaptrack'],
    summary: 'heap memory profiler',
    optionsFirst: true,
    options: {
      '-o|--output': 'write',
      '-p|--pid': 'value',
      '-d|--debug': { unknown: 'runs the program under gdb, which reads commands from the terminal' },
      '-r|--record-only|--use-inject|--raw|-q|--quiet|-h|--help|-v|--version|-a|--analyze': 'flag',
    },
    operands: ['argv...'],
    custom(call) {
      for (const pid of call.values('-p', '--pid')) attach(call, pid);
      if (!call.has('-o', '--output') && !call.has('-h', '--help', '-v', '--version', '-a', '--analyze'))
        call.ctx.write(call.ctx.path('heaptrack.*'));
    },
    examples: [
      { cmd: 'heaptrack ./app --x', runs: ['app'], writes: ['heaptrack.*'] },
      { cmd: 'heaptrack -p 4242', risks: ['process-control'] },
    ],
  },
  {
    names: ['py-spy', 'rbspy', 'austin', 'austin-tui'],
    summary: 'sampling profilers for Python and Ruby',
    rewrite: afterDoubleDash,
    options: {
      '-p|--pid': 'value',
      '-o|--output|--file|--raw-file': 'write',
      '-r|--rate|-d|--duration|-f|--format|-i|--interval|-t|--timeout|-x|--exposure|-w|--where|--function':
        'value',
      '--inferior-arg': 'value',
      '-s|--subprocesses|-n|--native|--nonblocking|--idle|--gil|--threads|-C|--children|-m|--memory|-b|--binary|-h|--help|-V|--version|--full|--pipe|-P':
        'flag',
    },
    subcommands: {
      'record|top|dump|snapshot|inspect|report': { operands: ['argv...'], custom: profiler },
    },
    optionsFirst: true,
    operands: ['argv...'],
    custom: profiler,
    examples: [
      {
        cmd: 'py-spy record -o profile.svg -- python3 app.py',
        writes: ['profile.svg'],
        executes: ['app.py'],
      },
      { cmd: 'py-spy dump --pid 4242', risks: ['process-control'] },
      { cmd: 'austin -i 1ms python3 app.py', executes: ['app.py'] },
    ],
  },
  {
    names: ['memray'],
    summary: 'Python memory profiler',
    subcommands: {
      run: {
        optionsFirst: true,
        options: {
          '-o|--output': 'write',
          '-m': 'value',
          '-c': 'code:python',
          '--live-port': 'value',
          '--live|--live-remote|--native|--follow-fork|--trace-python-allocators|--aggregate|-f|--force|-q|--quiet':
            'flag',
        },
        operands: (call) => (call.has('-m', '-c') ? ['value...'] : ['script', 'value...']),
        custom(call) {
          const { ctx } = call;
          for (const module of call.values('-m')) ctx.executes(`module:${module.text}`);
          if (call.has('--live-remote', '--live-port')) {
            ctx.network();
            ctx.unknown('`memray run --live-remote` waits for a viewer to connect over the network');
          }
        },
      },
      attach: {
        options: { '-o|--output|--method|--duration': 'value', '--native|--aggregate|-f|--force': 'flag' },
        operands: ['value'],
        custom: (call) => attach(call, call.operands[0]),
      },
      'flamegraph|table|tree|summary|stats|transform|parse|live': {
        options: {
          '-o|--output': 'write',
          '-r|--temporal|-n|--max-rows|--split-threads|--leaks|-f|--force|--inverted': 'flag',
        },
        operands: ['read...'],
      },
    },
    operands: ['value...'],
    examples: [
      { cmd: 'memray run -o out.bin app.py', writes: ['out.bin'], executes: ['app.py'] },
      { cmd: 'memray attach 4242', risks: ['process-control'] },
      { cmd: 'memray flamegraph -o fg.html out.bin', writes: ['fg.html'], reads: ['out.bin'], only: true },
    ],
  },
  {
    names: ['jdb'],
    summary: 'the Java debugger',
    options: {
      '-attach|-listen|-connect': 'value',
      '-listenany': { network: true, unknown: 'listens for a Java program to debug from any machine' },
      '-sourcepath|-classpath|-cp|-J|-dbgtrace|-R': 'value',
      '-launch|-tclient|-tserver|-help|-version|-trackallthreads|-X': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      for (const address of call.values('-attach', '-connect')) {
        const host = /hostname=([^,]+)/.exec(address.text)?.[1] ?? /^([\w.-]+):\d+$/.exec(address.text)?.[1];
        if (host) ctx.host(host);
        ctx.unknown('`jdb -attach` attaches to a running Java program and can change it');
        ctx.risk('process-control');
      }
      if (call.values('-listen').length > 0) ctx.network();
      if (call.has('-help', '-version')) return;
      const main = call.operands[0];
      if (main) ctx.executes(`class:${main.text}`);
      ctx.unknown('`jdb` reads debugger commands from the terminal');
    },
    examples: [{ cmd: 'jdb -attach localhost:5005', hosts: ['localhost'], risks: ['process-control'] }],
  },
]);
