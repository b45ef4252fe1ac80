/**
 * What the daemon learns from its hooks' hellos (state/agent-processes.ts, Linux procfs): the
 * agent a hook runs under becomes known only when the hook's claimed pid holds its socket, and a
 * later hook of a known agent changes nothing, whether its claim is checked again or not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { agentProcesses } from '../../daemon/src/state/agent-processes.js';

const procfs = existsSync('/proc/net/tcp');

test(
  'agent processes: a hook’s agent is known once its pid is checked; a false claim teaches nothing',
  { skip: !procfs },
  async () => {
    const server = createServer();
    const accepted: Socket[] = [];
    server.on('connection', (socket) => accepted.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const serverPort = (server.address() as AddressInfo).port;
    const children: ChildProcess[] = [];
    // A process of ours that holds a connection to the "daemon": an approver, seen from the daemon.
    const holder = async () => {
      const child = spawn(
        process.execPath,
        [
          '-e',
          `require('net').connect(${serverPort}, '127.0.0.1', function () { console.log(this.localPort) }); setInterval(() => {}, 1000)`,
        ],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      );
      children.push(child);
      const port = await new Promise<number>((resolve) =>
        child.stdout!.once('data', (d: Buffer) => resolve(Number(d))),
      );
      return { pid: child.pid!, port };
    };
    const ours = connect(serverPort, '127.0.0.1');
    try {
      await new Promise<void>((resolve) => ours.once('connect', resolve));
      const agents = agentProcesses(() => serverPort);
      const approver = { role: 'approver', peerPort: (await holder()).port, session: 'a' };
      if (agents.above(approver) !== undefined) return; // run under a real agent: nothing to learn here
      const hook = (pid: number) => ({
        role: 'agent',
        hello: { pid, client: { name: 'claude-code-hook' } },
        peerPort: ours.localPort!,
        session: 'h',
      });
      // a hook that names another process (its child) than the one holding its socket: not believed,
      // or this process, the child's parent, would be taken for an agent
      const other = await holder();
      agents.noteClient(hook(other.pid));
      assert.equal(agents.above(approver), undefined);
      // the truth: this process holds the socket; the process it runs under is the agent
      agents.noteClient(hook(process.pid));
      const agent = agents.above(approver);
      assert.match(agent ?? '', new RegExp(`\\(pid ${process.ppid}\\)$`));
      // later hooks of that agent, checked or not, change nothing
      agents.noteClient(hook(process.pid));
      agents.noteClient({ ...hook(process.pid), peerPort: 1 });
      assert.equal(agents.above(approver), agent);
    } finally {
      for (const child of children) child.kill();
      ours.destroy();
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  },
);
