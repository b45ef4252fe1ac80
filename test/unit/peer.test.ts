/**
 * Which process holds a loopback connection to the daemon (state/peer.ts, Linux procfs): the one
 * that does, never another, whether its socket is IPv4 or IPv6, and not once the connection is gone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { agentAbove, ancestry, ownsSocket, peerPid } from '../../daemon/src/state/peer.js';

const procfs = existsSync('/proc/net/tcp');

async function loopback(family: 4 | 6) {
  const server = createServer();
  const accepted: Socket[] = [];
  server.on('connection', (socket) => accepted.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const serverPort = (server.address() as AddressInfo).port;
  // an IPv6 socket reaches 127.0.0.1 as ::ffff:127.0.0.1 (it shows in /proc/net/tcp6)
  const client = connect({ host: family === 4 ? '127.0.0.1' : '::ffff:127.0.0.1', port: serverPort });
  await new Promise<void>((resolve, reject) => client.once('connect', resolve).once('error', reject));
  return {
    serverPort,
    peerPort: client.localPort!,
    close: async () => {
      client.destroy();
      for (const socket of accepted) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

test(
  'peer: the process holding the connection owns it; another process and other ports do not',
  { skip: !procfs },
  async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    const { serverPort, peerPort, close } = await loopback(4);
    try {
      assert.equal(ownsSocket(process.pid, serverPort, peerPort), true);
      assert.equal(ownsSocket(other.pid!, serverPort, peerPort), false);
      assert.equal(ownsSocket(process.pid, serverPort, peerPort === 65535 ? 1 : peerPort + 1), false);
      assert.equal(ownsSocket(process.pid, serverPort === 65535 ? 1 : serverPort + 1, peerPort), false);
      assert.equal(peerPid(serverPort, peerPort), undefined, 'the daemon itself is never its own peer');
    } finally {
      other.kill();
      await close();
    }
    assert.equal(ownsSocket(process.pid, serverPort, peerPort), false, 'a closed connection is nobody’s');
  },
);

test('peer: an IPv6 socket to the daemon’s 127.0.0.1 is found too', { skip: !procfs }, async () => {
  let connection: Awaited<ReturnType<typeof loopback>>;
  try {
    connection = await loopback(6);
  } catch {
    return; // no IPv6 here
  }
  try {
    assert.equal(ownsSocket(process.pid, connection.serverPort, connection.peerPort), true);
  } finally {
    await connection.close();
  }
});

test(
  'peer: found among many connections, wherever its line falls in the table',
  { skip: !procfs },
  async () => {
    const connections = await Promise.all(Array.from({ length: 60 }, () => loopback(4)));
    try {
      for (const { serverPort, peerPort } of connections)
        assert.equal(ownsSocket(process.pid, serverPort, peerPort), true);
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
  },
);

test(
  'peer: the agent above a process is its nearest ancestor that is not a shell, as its ancestry says',
  { skip: !procfs },
  async () => {
    // a node under a shell under this process: the shell is passed over, this process is the agent
    const child = spawn(
      '/bin/sh',
      ['-c', `exec ${JSON.stringify(process.execPath)} -e "setTimeout(() => {}, 60000)" & wait`],
      {
        stdio: 'ignore',
      },
    );
    try {
      let grandchild: number | undefined;
      while (grandchild === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        grandchild = childOf(child.pid!);
      }
      for (const pid of [process.pid, child.pid!, grandchild]) {
        const expected = ancestry(pid)
          .slice(1)
          .find(
            (p) =>
              !['sh', 'bash', 'dash', 'zsh', 'fish', 'ksh', 'env', 'timeout', 'nohup', 'setsid'].includes(
                p.name,
              ),
          );
        assert.deepEqual(agentAbove(pid), expected);
      }
      assert.equal(agentAbove(grandchild)?.pid, process.pid);
      assert.equal(agentAbove(999_999_999), undefined);
    } finally {
      child.kill();
    }
  },
);

/** A child process of `pid`, if it has one yet. */
function childOf(pid: number): number | undefined {
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    return children ? Number(children.split(' ')[0]) : undefined;
  } catch {
    return undefined;
  }
}
