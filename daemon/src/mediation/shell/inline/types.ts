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
  /**
   * Literal paths, as written in the code (relative paths and `~` are resolved by the caller). A
   * read whose path is not a literal is `?`; a write or delete whose path is not a literal goes to
   * `unknown` instead (reading something unnamed is judged more leniently than changing it).
   */
  reads: string[];
  writes: string[];
  deletes: string[];
  /** literal URLs the code contacts */
  urls: string[];
  /** literal host names or addresses the code contacts (sockets, `host:port`) */
  hosts: string[];
  /** the code uses the network (also when the target is not a literal) */
  network: boolean;
  /** the code sends data out: a POST/PUT/upload, a socket send, mail … (not a plain GET) */
  sends: boolean;
  /** processes it signals: `pid:123`, `name:sshd`, `?` when not a literal */
  signals: string[];
  /** files of code it loads or runs (`require("./x")`, `source("x.R")`), literal paths */
  loads: string[];
  /** code in another language that it runs (`:python …` in vim, `python` in gdb), scanned by the caller */
  code: Array<{ language: string; text: string }>;
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
    sends: false,
    signals: [],
    loads: [],
    code: [],
    unknown: [],
  };
}
