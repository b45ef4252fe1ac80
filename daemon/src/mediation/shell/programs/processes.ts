/**
 * Processes and services: signals (to whom?), process listings, service managers, schedulers and
 * power. Researched from kill(1), pkill(1), killall(1), fuser(1), systemctl(1), crontab(1), at(1).
 */
import type { Field } from '../expand.js';
import { definePrograms, type Call } from '../model.js';
import { signalRisk } from '../signals.js';

/** Record a signal target and whether it reaches processes the agent did not start. */
function signal(call: Call, target: string): void {
  call.ctx.signal(target);
  if (signalRisk(target) !== undefined) call.ctx.risk('process-control');
}

function kill(call: Call): void {
  if (call.has('-l', '-L', '--list', '--table')) return;
  const pids = call.operands;
  if (pids.length === 0) return;
  for (const pid of pids) {
    if (!pid.known) signal(call, '?');
    else if (/^%/.test(pid.text))
      continue; // a job this shell started (`%1`, `$!`), or the shell itself (`$$`)
    else if (/^\s*[+-]?\d+\s*$/.test(pid.text))
      // as kill reads it: `04242`, `+4242`, ` 4242` are process 4242
      signal(call, parseInt(pid.text, 10) === -1 ? 'all' : `pid:${parseInt(pid.text, 10)}`);
    else if (/^[\w.-]+$/.test(pid.text)) signal(call, `name:${pid.text}`);
    else signal(call, '?');
  }
}

function byName(call: Call): void {
  const { ctx } = call;
  const full = call.has('-f', '--full');
  // Chosen by owner, parent, group, session, terminal or pid file rather than by name: every
  // process that matches, which reaches past the agent's own (unless its own children: `-P $$`).
  const selectors = [
    '-u',
    '-U',
    '--euid',
    '--uid',
    '-g',
    '--pgroup',
    '-G',
    '--group',
    '-s',
    '--session',
    '-t',
    '--terminal',
    '-F',
    '--pidfile',
    '--ns',
  ];
  const ownChildren = call.values('-P', '--parent').every((v) => v.known && /^%(self|job)$/.test(v.text));
  if (call.operands.length === 0 && (call.has(...selectors) || !ownChildren)) return signal(call, 'all');
  for (const name of call.operands) {
    if (!name.known) signal(call, '?');
    else signal(call, `${full || call.program === 'fuser' ? 'pattern' : 'name'}:${name.text}`);
  }
  if (call.program === 'killall' && call.has('-r', '--regexp')) ctx.risk('process-control');
}

const PIDS_VALUE = { '-s|--signal|-n': 'value' } as const;

/** A signal spelled as an option: `-9`, `-KILL`, `-SIGTERM`, `-HUP`. */
const SIGNAL_SPEC = /^-(\d+|SIG[A-Z0-9+]+|[A-Z]{2,}[0-9+]*)$/;

/** `kill -9 -1`: the first `-N` is the signal; pids after it may be negative (process groups). */
function killArguments(args: Field[]): Field[] {
  const options: Field[] = [];
  const pids: Field[] = [];
  let signalSeen = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const t = a.text;
    if (!a.known) pids.push(a);
    else if (t === '--') {
      pids.push(...args.slice(i + 1));
      break;
    } else if (/^(-s|-n|--signal|-q|--queue|--timeout)$/.test(t)) {
      options.push(a, ...(args[i + 1] ? [args[++i]!] : []));
      // the signal is given: a following `-1` is a process (every process), not a signal
      if (/^(-s|-n|--signal)$/.test(t)) signalSeen = true;
    } else if (/^(-l|-L|--list|--table)$/.test(t)) options.push(a);
    else if (!signalSeen && pids.length === 0 && SIGNAL_SPEC.test(t)) signalSeen = true;
    else pids.push(a);
  }
  return [...options, { ...args[0]!, text: '--' }, ...pids].filter((a) => a !== undefined);
}

export default definePrograms([
  {
    names: ['kill'],
    summary: 'send a signal to processes by id',
    options: { ...PIDS_VALUE, '-l|-L|--list|--table': 'flag', '-q|--queue|--timeout': 'value' },
    rewrite: killArguments,
    operands: ['value...'],
    custom: kill,
    examples: [
      { cmd: 'kill 4242', only: true },
      { cmd: 'kill -9 -1', risks: ['process-control'] },
      { cmd: 'kill %1', only: true },
      { cmd: 'sleep 9 & kill $!', only: true },
      { cmd: 'node server.js & pid=$!; kill $pid', unknown: false },
      { cmd: 'kill -9 $(pgrep -f aarm)', risks: ['process-control'] },
      { cmd: 'kill -9 4242', only: true },
      { cmd: 'kill -TERM 1', risks: ['process-control'] },
    ],
  },
  {
    names: ['pkill', 'killall', 'skill', 'slay', 'killall5', 'pkill2'],
    summary: 'send a signal to processes by name or pattern',
    options: {
      ...PIDS_VALUE,
      // pkill's `-o`/`--oldest` and `-c`/`--count` take no value; skill's `-c NAME` and `-p PID`
      // select processes (their values are operands or pids below).
      '-u|-U|--euid|--uid|-g|-G|-P|--parent|-t|--terminal|-s|--session|-F|--pidfile|--ns|--nslist|--older|-y|--younger':
        'value',
      '-o|--oldest|-c|--count': 'flag',
      '-p|--pid': 'value',
      '-f|--full': 'flag',
      '-r|--regexp': 'flag',
      '-x|--exact|-i|--ignore-case|-e|-w|--wait|-q|--quiet|-v|-n|--newest|-I|--interactive|-Z': 'flag',
    },
    rewrite: (args: Field[]) => args.filter((a) => !(a.known && SIGNAL_SPEC.test(a.text))),
    operands: ['value...'],
    custom(call) {
      if (call.program === 'killall5') return signal(call, 'all');
      for (const pid of call.values('-p', '--pid')) signal(call, pid.known ? `pid:${pid.text}` : '?');
      if (call.has('-p', '--pid') && call.operands.length === 0) return;
      byName(call);
    },
    examples: [
      { cmd: 'pkill -f "node server.js"', only: true },
      { cmd: 'pkill -f aarm', risks: ['process-control'] },
      { cmd: 'killall node', risks: ['process-control'] },
      { cmd: 'killall -9 chrome', risks: ['process-control'] },
      { cmd: 'pkill -u dev', risks: ['process-control'] },
      { cmd: 'pkill -9 -P 1', risks: ['process-control'] },
      { cmd: 'pkill -P $$', only: true },
      { cmd: 'pkill -f vscode-server', risks: ['process-control'] },
      { cmd: 'pkill -o node', risks: ['process-control'] },
      { cmd: 'skill -KILL -p 1', risks: ['process-control'] },
    ],
  },
  {
    names: ['fuser'],
    summary: 'show or kill the processes using files or ports',
    options: { '-k|--kill': 'flag', '-n|--namespace': 'value', '-m|-M|-u|-v|-a|-s|-i|-4|-6|-w': 'flag' },
    rewrite: (args: Field[]) => args.filter((a) => !(a.known && /^-[A-Z]+\d*$/.test(a.text))),
    operands: ['read...'],
    custom(call) {
      if (call.has('-k', '--kill')) {
        call.ctx.risk('process-control');
        call.ctx.unknown('`fuser -k` kills whatever uses the file or port, whoever started it');
        call.ctx.signal('?');
      }
    },
    examples: [
      { cmd: 'fuser 3000/tcp', only: false },
      { cmd: 'fuser -k 7777/tcp', risks: ['process-control'] },
    ],
  },
  {
    names: ['xkill'],
    summary: 'kill the window clicked next',
    effects: { risks: ['process-control'], unknown: 'kills the program of a window clicked on screen' },
    examples: [{ cmd: 'xkill', risks: ['process-control'] }],
  },
  {
    names: ['renice', 'prlimit'],
    summary: 'change the priority or resource limits of running processes',
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      if (call.args.some((a) => /^(-u|-g|--user|--pgrp)$/.test(a.text))) return signal(call, 'all');
      // `renice 19 -p 1`, `prlimit --pid 1 …`: the process ids given (or the init process)
      const pids = call.args.filter(
        (a, i) =>
          /^\d+$/.test(a.text) &&
          (/^(-p|--pid)$/.test(call.args[i - 1]?.text ?? '') || call.program === 'renice'),
      );
      for (const pid of pids)
        if (call.program === 'prlimit' || pid !== call.args.find((a) => /^-?\d+$/.test(a.text)))
          signal(call, `pid:${pid.text}`);
      for (const a of call.args) if (/^--pid=\d+$/.test(a.text)) signal(call, `pid:${a.text.slice(6)}`);
      if (call.args.some((a) => !a.known))
        ctx.unknown(`\`${call.program}\` changes processes named only when the command runs`);
    },
    examples: [
      { cmd: 'renice -n 5 -p 4242', only: true },
      { cmd: 'renice 19 -p 1', risks: ['process-control'] },
      { cmd: 'prlimit --pid 1 --nofile=1', risks: ['process-control'] },
    ],
  },
  {
    names: [
      'ps',
      'pgrep',
      'pidof',
      'top',
      'htop',
      'btop',
      'atop',
      'pstree',
      'lsof',
      'pmap',
      'free',
      'vmstat',
      'iostat',
      'mpstat',
      'sar',
      'nethogs',
      'iotop',
      'ss',
      'netstat',
      'lscpu',
      'lsblk',
      'lsusb',
      'lspci',
      'blkid',
      'findmnt',
      'dmesg',
      'sensors',
      'nvidia-smi',
      'procs',
    ],
    summary: 'list processes, resources and devices',
    readonly: true,
    options: {
      '-p|-u|-U|-g|-G|-t|-o|-O|-C|-q|-k|--sort|--format|-n|-d|-i|-c|-F|--pid|--ppid': 'value',
      '-b|-B|-e|-f|-a|-x|-l|-H': 'flag',
    },
    operands: ['value...'],
    custom(call) {
      // `dmesg -c` clears the kernel log; `top -b` only prints.
      if (
        call.program === 'dmesg' &&
        call.args.some((a) => /^-[a-zA-Z]*[cC]|--clear|--console-(off|on|level)/.test(a.text))
      )
        call.ctx.risk('system-change');
    },
    examples: [
      { cmd: 'ps aux', only: true },
      { cmd: 'lsof -i :3000', only: true },
      { cmd: 'dmesg -C', risks: ['system-change'] },
    ],
  },
  {
    names: ['systemctl'],
    summary: 'control systemd services',
    options: {
      '-H|--host|-M|--machine|-t|--type|-p|--property|--state|-n|--lines|-o|--output|--root|-s|--signal|--kill-whom|--job-mode|--timestamp':
        'value',
    },
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const sub = call.operands[0]?.text ?? 'list-units';
      // the environment of every service started later (`set-environment LD_PRELOAD=…`) too
      if (
        /^(enable|link|preset|preset-all|reenable|edit|set-property|add-wants|add-requires|set-default|revert|set-environment|import-environment|unset-environment)$/.test(
          sub,
        )
      )
        ctx.risk('persistence');
      if (
        /^(start|restart|try-restart|reload-or-restart|stop|kill|mask|disable|isolate|poweroff|reboot|halt|suspend|hibernate|kexec|rescue|emergency|default|exit|switch-root|daemon-reload|reset-failed|clean|freeze|thaw)$/.test(
          sub,
        )
      ) {
        ctx.risk('destructive');
        if (/^(stop|kill|restart|try-restart)$/.test(sub)) {
          ctx.risk('process-control');
          ctx.signal(`name:${call.operands[1]?.text ?? '?'}`);
        }
      }
      if (
        !call.args.some((a) => a.text === '--user') &&
        !/^(status|show|cat|list-\w+|is-\w+|help|get-default|show-environment)$/.test(sub)
      )
        ctx.risk('privilege-escalation');
      if (sub === 'edit') ctx.unknown('`systemctl edit` opens an editor');
    },
    examples: [
      { cmd: 'systemctl --user status app', only: true },
      { cmd: 'systemctl --user stop aarm', risks: ['process-control'] },
      { cmd: 'systemctl enable --now evil.service', risks: ['persistence'] },
    ],
  },
  {
    names: [
      'service',
      'rc-service',
      'sv',
      'launchctl',
      'initctl',
      'update-rc.d',
      'chkconfig',
      'rc-update',
      'supervisorctl',
      'pm2',
      'forever',
    ],
    summary: 'control services and process managers',
    operands: ['value...'],
    custom(call) {
      const { ctx } = call;
      const words = call.operands.map((o) => o.text);
      const all = words.join(' ');
      if (/\b(enable|load|bootstrap|submit|add|defaults|on|startup|save)\b/.test(all))
        ctx.risk('persistence');
      if (/\b(stop|kill|restart|remove|unload|bootout|delete|disable|off|reload)\b/.test(all)) {
        ctx.risk('process-control');
        ctx.signal(
          `name:${words.find((w) => !/^(stop|kill|restart|remove|unload|bootout|delete|disable|off|reload)$/.test(w)) ?? '?'}`,
        );
      }
      if (/^(pm2|forever)$/.test(call.program) && /\bstart\b/.test(all)) ctx.executes('process manager');
    },
    examples: [
      { cmd: 'launchctl load ~/Library/LaunchAgents/x.plist', risks: ['persistence'] },
      { cmd: 'service ssh stop', risks: ['process-control'] },
    ],
  },
  {
    names: ['journalctl', 'coredumpctl'],
    summary: 'read the system journal',
    readonly: true,
    options: {
      '-u|--unit|-n|--lines|-p|--priority|--since|--until|-o|--output|-b|--boot|-t|--identifier|-D|--directory|--file|-g|--grep':
        'value',
    },
    operands: ['value...'],
    custom(call) {
      if (call.args.some((a) => /^--(vacuum|rotate|flush|relinquish|sync|setup-keys)/.test(a.text)))
        call.ctx.risk('destructive');
      if (call.program === 'coredumpctl' && /^(gdb|debug)$/.test(call.operands[0]?.text ?? ''))
        call.ctx.unknown('`coredumpctl debug` starts a debugger');
    },
    examples: [
      { cmd: 'journalctl --user -n 20', only: true },
      { cmd: 'journalctl --vacuum-time=1s', risks: ['destructive'] },
    ],
  },
  {
    names: ['crontab'],
    summary: 'install or list scheduled jobs',
    options: { '-u': 'value', '-l': 'flag', '-e': 'flag', '-r': 'flag', '-T': 'flag', '-i|-n|-c': 'flag' },
    operands: ['read...'],
    custom(call) {
      if (call.has('-l', '-T')) return;
      call.ctx.risk(call.has('-r') ? 'destructive' : 'persistence');
      if (call.has('-e')) call.ctx.unknown('`crontab -e` opens an editor');
    },
    examples: [
      { cmd: 'crontab -l', only: true },
      { cmd: 'crontab jobs.txt', risks: ['persistence'] },
    ],
  },
  {
    names: ['at', 'batch', 'atrm', 'atq'],
    summary: 'run commands later',
    options: { '-f': 'read', '-q|-t|-M|-m': 'value' },
    operands: ['value...'],
    custom(call) {
      if (call.program === 'atq') return;
      if (call.program === 'atrm') return call.ctx.risk('destructive');
      call.ctx.risk('persistence');
      if (!call.has('-f')) call.ctx.runsStdin('commands');
    },
    examples: [{ cmd: "echo 'rm -rf /tmp/x' | at now + 1 minute", risks: ['persistence'], runs: ['rm'] }],
  },
  {
    names: ['shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit'],
    summary: 'stop or restart the machine',
    operands: ['value...'],
    effects: { risks: ['destructive', 'system-change'] },
    examples: [{ cmd: 'shutdown -h now', risks: ['destructive'] }],
  },
]);
