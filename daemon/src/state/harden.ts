/**
 * What the daemon can do, from Node, against a same-user process reading its memory (T1): no
 * core dump content (`/proc/self/coredump_filter`), and a warning when the kernel lets any
 * process of the user trace any other (Yama `ptrace_scope` 0 or absent). Node cannot call
 * `prctl(PR_SET_DUMPABLE, 0)`; the built-in policy denies signals, tracing and `/proc` aimed at
 * the daemon, and confinement is the wall that holds when the analyser is wrong.
 */
import { readFileSync, writeFileSync } from 'node:fs';

export function hardenDaemonProcess(log: (line: string) => void): void {
  try {
    writeFileSync('/proc/self/coredump_filter', '0');
  } catch {
    // not Linux, or no procfs: nothing to do
  }
  let scope: string | undefined;
  try {
    scope = readFileSync('/proc/sys/kernel/yama/ptrace_scope', 'utf8').trim();
  } catch {
    scope = process.platform === 'linux' ? undefined : 'n/a';
  }
  if (scope === undefined || scope === '0')
    log(
      'note: the kernel lets any process of this user trace any other (Yama ptrace_scope is ' +
        `${scope ?? 'absent'}); aarm denies tracing the daemon, and \`sysctl kernel.yama.ptrace_scope=1\` makes the kernel refuse it too`,
    );
}
