/**
 * The agent processes the daemon's own clients run under (T1, with state/peer.ts), so that an
 * approver is never confirmed or connected from under one, and a nested adapter keeps its shim's
 * session. A client's pid is believed only once it is checked to hold the client's socket, and a
 * process still alive is never pushed out of the tables (a flood of clients cannot evict it).
 */
import {
  agentAbove,
  ancestry,
  ownsSocket,
  peerPid,
  processInfo,
  underAgent,
  type ProcessInfo,
} from './peer.js';

const LIMIT = 4096;

/** What this needs to know of a connected client (the gate's `Caller`). */
export interface Caller {
  role: string;
  hello?: { pid?: number | undefined; client: { name: string } } | undefined;
  peerPort?: number;
  session: string;
}

export interface AgentProcesses {
  /** a client said hello: a hook or MCP proxy names its agent, a shim itself */
  noteClient(caller: Caller): void;
  /** the session of the shim the caller runs under, if any */
  outerSession(caller: Caller): string | undefined;
  /** the agent process the caller's process runs under, if any */
  above(caller: Caller): string | undefined;
  /** whether the caller's process has a controlling terminal (undefined: no procfs to tell) */
  fromTerminal(caller: Caller): boolean | undefined;
}

export function agentProcesses(serverPort: () => number): AgentProcesses {
  const known = new Map<number, ProcessInfo>();
  /** shims by pid, with their caller: a client below one keeps its session */
  const shims = new Map<number, { process: ProcessInfo; caller: Caller }>();
  /** the caller's pid as it said, once checked against its socket (once per caller: hello asks twice) */
  const checked = new WeakMap<Caller, number | undefined>();
  const checkedPid = (caller: Caller): number | undefined => {
    if (checked.has(caller)) return checked.get(caller);
    const pid = caller.hello?.pid;
    const owned =
      pid !== undefined && caller.peerPort !== undefined && ownsSocket(pid, serverPort(), caller.peerPort)
        ? pid
        : undefined;
    checked.set(caller, owned);
    return owned;
  };
  const alive = (p: ProcessInfo) => processInfo(p.pid)?.start === p.start;
  const add = <T>(table: Map<number, T>, pid: number, entry: T, processOf: (entry: T) => ProcessInfo) => {
    if (table.size >= LIMIT)
      for (const [key, value] of table) if (!alive(processOf(value))) table.delete(key);
    if (table.size < LIMIT) table.set(pid, entry);
  };
  const peerOf = (caller: Caller) =>
    caller.peerPort === undefined || serverPort() === 0 ? undefined : peerPid(serverPort(), caller.peerPort);
  return {
    noteClient(caller) {
      const name = caller.hello?.client.name ?? '';
      const shim = name === 'aarm-shell' || name === 'aarm-exec';
      if (caller.role !== 'agent' || (!shim && !/-hook$|^mcp-proxy:/.test(name))) return;
      // A hook of an agent already known would add nothing, true or not: the check of its socket
      // (~2 ms of procfs reading) is spared. What a shim says is always checked: it is kept.
      const claimed = caller.hello?.pid;
      const above = !shim && claimed !== undefined ? agentAbove(claimed) : undefined;
      if (above !== undefined && known.get(above.pid)?.start === above.start) return;
      const pid = checkedPid(caller);
      if (pid === undefined) return;
      const agent = shim ? ancestry(pid)[0] : agentAbove(pid);
      if (agent === undefined) return;
      if (shim) add(shims, agent.pid, { process: agent, caller }, (e) => e.process);
      if (!known.has(agent.pid)) add(known, agent.pid, agent, (p) => p);
    },
    outerSession(caller) {
      if (shims.size === 0) return undefined;
      const pid = checkedPid(caller);
      if (pid === undefined) return undefined;
      for (const above of ancestry(pid).slice(1)) {
        const shim = shims.get(above.pid);
        if (shim && shim.process.start === above.start) return shim.caller.session;
      }
      return undefined;
    },
    above(caller) {
      const pid = peerOf(caller);
      return pid === undefined ? undefined : underAgent(ancestry(pid), known);
    },
    fromTerminal(caller) {
      const pid = peerOf(caller);
      if (pid === undefined) return process.platform === 'linux' ? false : undefined;
      const info = processInfo(pid);
      return info === undefined ? false : info.tty !== 0;
    },
  };
}
