/**
 * Where the effects of one command line are collected while it is analysed: the files it reads,
 * writes and deletes, the hosts it contacts, the programs it runs, its risk classes, and what
 * could not be understood. Pure.
 */

export const RISK_CLASSES = [
  'destructive',
  'exfiltration',
  'download-and-execute',
  'persistence',
  'privilege-escalation',
  'history-rewrite',
  /** signals processes the agent did not start, or cannot name */
  'process-control',
  /** changes the system: mounts, kernel settings, users, firewall, system packages */
  'system-change',
  /** fetches someone else's package from the network and runs its code */
  'remote-code',
] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/** One simple command that will run, after wrappers are resolved. */
export interface ShellCommand {
  program: string;
  argv: string[];
  /** the wrappers it runs under, outermost first (`sudo`, `env`, `bash -c` …) */
  via: string[];
}

export class Scope {
  readonly commands: ShellCommand[] = [];
  readonly reads = new Set<string>();
  readonly writes = new Set<string>();
  readonly deletes = new Set<string>();
  readonly hosts = new Set<string>();
  readonly urls = new Set<string>();
  readonly executes = new Set<string>();
  readonly risks = new Set<RiskClass>();
  readonly unknown = new Set<string>();
  readonly signals = new Set<string>();
  readonly packages = new Set<string>();
  /** paths only known at run time, read by programs that only read (kept as `?…` reads) */
  readonly unnamedReads = new Set<string>();
  /** files a network download wrote, to catch `curl -o x.sh … && bash x.sh` */
  readonly downloaded = new Set<string>();
  /** `shopt -s dotglob` or GLOBIGNORE somewhere in the command: wildcards match dot files */
  dotglob = false;
  /** how many times something used the network: a caller compares before and after a part */
  networkUses = 0;
  /** analysis steps left before the command is "too large to analyse" */
  budget: number;

  constructor(budget: number) {
    this.budget = budget;
  }

  get network(): boolean {
    return this.networkUses > 0;
  }

  useNetwork(): void {
    this.networkUses++;
  }

  risk(risk: RiskClass): void {
    this.risks.add(risk);
  }

  notUnderstood(reason: string): void {
    this.unknown.add(reason);
  }
}

/** Shells whose `-c` text aarm reads as a Bash command. */
export const SHELLS = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'mksh',
  'ash',
  'yash',
  'posh',
  'busybox-sh',
  'fish',
  'rbash',
  'tcsh',
  'csh',
]);
