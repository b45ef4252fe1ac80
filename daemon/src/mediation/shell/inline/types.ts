/**
 * What a piece of inline code does (`python -c`, `node -e`, `vim -c`, a here-doc fed to an
 * interpreter …), as far as a scan of its text can tell. Scanners never run or fully parse the
 * other language: they find the calls that touch files, the network or other processes, and take
 * their arguments when those are literals. Anything that could act but whose target is not a
 * literal, and anything that builds code at run time, is reported in `unknown`: policy must not
 * allow it silently (fail closed). Pure, and linear in the length of the code.
 */
export interface CodeEffects {
  /** shell command strings the code runs through a shell (`os.system("…")`, `execSync("…")`, `` `…` ``) */
  shell: string[];
  /** argument vectors the code runs without a shell (`subprocess.run(["rm", "-rf", "x"])`) */
  argv: string[][];
  /** literal paths, as written in the code (relative paths and `~` are resolved by the caller) */
  reads: string[];
  writes: string[];
  deletes: string[];
  /** literal URLs the code contacts */
  urls: string[];
  /** literal host names or addresses the code contacts (sockets, `host:port`) */
  hosts: string[];
  /** the code uses the network (also when the target is not a literal) */
  network: boolean;
  /** processes it signals: `pid:123`, `name:sshd`, `?` when not a literal */
  signals: string[];
  /** files of code it loads or runs (`require("./x")`, `source("x.R")`, `load("x.so")`) */
  loads: string[];
  /** why the code cannot be fully judged, in words a user reads after "inline code …" */
  unknown: string[];
}

export type CodeScanner = (code: string) => CodeEffects;

export function emptyCodeEffects(): CodeEffects {
  return {
    shell: [],
    argv: [],
    reads: [],
    writes: [],
    deletes: [],
    urls: [],
    hosts: [],
    network: false,
    signals: [],
    loads: [],
    unknown: [],
  };
}
