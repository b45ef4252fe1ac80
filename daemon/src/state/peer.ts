/**
 * Which local process is at the other end of a connection, and what it runs under (Linux procfs).
 * The second wall behind "only a human approves" (T1): an approver key is confirmed only by a
 * process that does not descend from an agent. Agents are known two ways: the processes the
 * daemon's own hooks and shims run under (they say their pid in `hello`), and agent programs by
 * name. Elsewhere (no procfs) nothing is known and the first wall stands alone.
 */
import { closeSync, openSync, readFileSync, readSync, readdirSync, readlinkSync } from 'node:fs';

export interface ProcessInfo {
  pid: number;
  name: string;
  /** start time in clock ticks since boot: a pid reused later is another process */
  start: string;
}

/** Agent programs by name, whatever started them. */
const AGENT_NAMES = new Set([
  'claude',
  'codex',
  'cline',
  'aider',
  'gemini',
  'cursor-agent',
  'opencode',
  'goose',
  'amp',
]);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'fish', 'ksh', 'env', 'timeout', 'nohup', 'setsid']);

export function processInfo(pid: number): (ProcessInfo & { ppid: number; tty: number }) | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    return {
      pid,
      name: stat.slice(open + 1, close),
      ppid: Number(fields[1]),
      tty: Number(fields[4]),
      start: fields[19] ?? '',
    };
  } catch {
    return undefined;
  }
}

/** The process and its ancestors, nearest first (bounded; stops at pid 1). */
export function ancestry(pid: number): ProcessInfo[] {
  const chain: ProcessInfo[] = [];
  let current = processInfo(pid);
  while (current && current.pid > 1 && chain.length < 64) {
    chain.push({ pid: current.pid, name: current.name, start: current.start });
    current = processInfo(current.ppid);
  }
  return chain;
}

/**
 * The agent a hook or shim process runs under: its nearest ancestor that is not a shell or a
 * wrapper (as `ancestry`, bounded and stopping at pid 1). Walked no further than that ancestor:
 * the daemon asks this for every hook.
 */
export function agentAbove(clientPid: number): ProcessInfo | undefined {
  let current = processInfo(clientPid);
  for (let depth = 1; current && current.pid > 1 && depth < 64; depth++) {
    const parent = processInfo(current.ppid);
    if (!parent || parent.pid <= 1) return undefined;
    if (!SHELLS.has(parent.name)) return { pid: parent.pid, name: parent.name, start: parent.start };
    current = parent;
  }
  return undefined;
}

/** How the client's socket to a daemon listening on 127.0.0.1 names its far end, per table. */
const DAEMON_END = {
  '/proc/net/tcp': '0100007F',
  // a client's IPv6 socket reaches 127.0.0.1 as ::ffff:127.0.0.1
  '/proc/net/tcp6': '0000000000000000FFFF00000100007F',
} as const;

/**
 * The socket inode of the loopback TCP connection from `peerPort` to the daemon's `serverPort`, if
 * any. Every read(2) of these tables walks the kernel's whole connection hash (about 1.5 ms here,
 * whatever the number of connections), so the reading stops at the connection's line, and the
 * IPv6 table is read only when the IPv4 one has no such line (the daemon listens on 127.0.0.1).
 */
function socketInode(serverPort: number, peerPort: number): string | undefined {
  const hex = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');
  for (const [table, address] of Object.entries(DAEMON_END)) {
    const inode = findLine(table, (fields) => {
      // a connection in TIME_WAIT has no socket (inode 0): not the live one
      const live =
        fields[1]?.endsWith(`:${hex(peerPort)}`) &&
        fields[2] === `${address}:${hex(serverPort)}` &&
        fields[9] !== '0';
      return live ? fields[9] : undefined;
    });
    if (inode !== undefined) return inode;
  }
  return undefined;
}

/** The first non-undefined `pick` of a line of a procfs table, read no further than that line. */
function findLine(file: string, pick: (fields: string[]) => string | undefined): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    const buffer = Buffer.allocUnsafe(64 * 1024);
    let rest = '';
    let header = true;
    for (;;) {
      const read = readSync(fd, buffer, 0, buffer.length, null);
      const text = rest + buffer.toString('latin1', 0, read);
      const lines = text.split('\n');
      // a line cut by the end of this read is finished by the next (or is the last one)
      rest = read === 0 ? '' : lines.pop()!;
      for (const line of lines) {
        if (header) {
          header = false;
          continue;
        }
        const found = line.trim() === '' ? undefined : pick(line.trim().split(/\s+/));
        if (found !== undefined) return found;
      }
      if (read === 0) return undefined;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/** Whether process `pid` holds the connection from `peerPort` (what a client says of itself, checked). */
export function ownsSocket(pid: number, serverPort: number, peerPort: number): boolean {
  const inode = socketInode(serverPort, peerPort);
  if (inode === undefined) return false;
  const target = `socket:[${inode}]`;
  return safeList(`/proc/${pid}/fd`).some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === target;
    } catch {
      return false;
    }
  });
}

/** The pid of the local process whose TCP socket has local port `peerPort` and talks to `serverPort`. */
export function peerPid(serverPort: number, peerPort: number): number | undefined {
  const inode = socketInode(serverPort, peerPort);
  if (inode === undefined) return undefined;
  const target = `socket:[${inode}]`;
  for (const name of safeList('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    for (const fd of safeList(`/proc/${name}/fd`)) {
      try {
        if (readlinkSync(`/proc/${name}/fd/${fd}`) === target) return Number(name);
      } catch {
        // gone, or not ours to read
      }
    }
  }
  return undefined;
}

/** Whether `chain` runs under a known agent process or an agent program; says which. */
export function underAgent(
  chain: ProcessInfo[],
  agents: ReadonlyMap<number, ProcessInfo>,
): string | undefined {
  for (const process of chain) {
    const known = agents.get(process.pid);
    if (known && known.start === process.start) return `${process.name} (pid ${process.pid})`;
    if (AGENT_NAMES.has(process.name)) return `${process.name} (pid ${process.pid})`;
  }
  return undefined;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
