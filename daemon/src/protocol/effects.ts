/**
 * What an action does, derived by mediation before policy sees it, whatever the tool: the files
 * it reads, writes and deletes, the hosts it contacts, the code it runs and its risk classes.
 * Policy conditions see it as `effects`, so rules say "writes outside the workspace" rather than
 * matching strings.
 */
export interface Effects {
  /** absolute paths; `dir/**` means everything below dir; a path that cannot be known starts with `?` */
  reads: string[];
  writes: string[];
  deletes: string[];
  /**
   * hosts contacted: lower case, IDN in punycode, IP forms canonical. Never empty when `network`
   * is true: a host aarm cannot name is `?` (a URL or host only known at run time, a program's
   * configured server beside its default ones), a git remote given by name is `?remote:NAME`
   * (the daemon puts the hosts `.git/config` names in its place), a host no parser reads is `?text`.
   */
  hosts: string[];
  urls: string[];
  /** the network is used, even where the host is not known */
  network: boolean;
  /** programs that run (shell only), normalised: `/usr/bin/rm`, `\rm`, `"rm"` → `rm` */
  programs: string[];
  /** each simple command that runs, with the wrappers it runs under */
  commands: Array<{ program: string; argv: string[]; via: string[] }>;
  /** code that runs from files or inline (`inline:python`) */
  executes: string[];
  /** destructive, exfiltration, download-and-execute, persistence, privilege-escalation, history-rewrite, process-control, system-change, remote-code */
  risks: string[];
  /** classes of sensitive paths touched: ssh, cloud-credentials, credentials, secret-file, environment, shell-rc, git-hooks, git-config, ci-config, agent-settings, autostart, system */
  sensitive: string[];
  /** what could not be understood; policy must not allow such an action silently */
  unknown: string[];
  /** processes signalled: `pid:123`, `name:node`, `pattern:…` (pkill -f), `all`, `?` (named at run time) */
  signals: string[];
  /** packages fetched from the network and run: `npm:cowsay`, `pypi:x`, `deno:https://…` */
  packages: string[];
}

/**
 * A host of `Effects.hosts` in words for a person: the markers `?`, `?remote:NAME` and `?text`
 * say what aarm could not name, and must never read as a host (or as "none").
 */
export function describeHost(host: string): string {
  if (host === '?') return 'a host not known until it runs';
  if (host.startsWith('?remote:'))
    return `git remote ${host.slice('?remote:'.length)} (its URL could not be read)`;
  if (host.startsWith('?')) return `a host aarm could not read from ${host.slice(1)}`;
  return host;
}
