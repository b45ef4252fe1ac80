/**
 * The daemon's egress proxy on its own (confinement/egress.ts), spoken to as a hostile command
 * would from inside its sandbox: only the granted `host:port`, no crash from a client or a server
 * that misbehaves, no request smuggled into another, nothing left open, nothing hidden from the log.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createEgressProxy } from '../../daemon/src/confinement/egress.js';
import { egressHosts } from '../../daemon/src/pipeline/egress-hosts.js';
import { effectsFor } from '../../daemon/src/pipeline/prepare.js';
import { tempDir } from '../helpers/env.js';

async function setUp(hosts: (port: number) => string[], env: NodeJS.ProcessEnv = {}) {
  const temp = tempDir();
  const received: Array<{ url: string; headers: IncomingMessage['headers']; body: string }> = [];
  const upstream = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', headers: req.headers, body });
      res.end('upstream-ok');
    });
  });
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  const port = (upstream.address() as AddressInfo).port;
  const expired: unknown[] = [];
  const proxy = createEgressProxy({
    dir: join(temp.dir, 'egress'),
    env,
    expired: (_grant, log) => expired.push(log),
    log: () => {},
  });
  const socket = await proxy.open({
    receiptId: 'r1',
    session: 's1',
    hosts: hosts(port),
    secrets: [
      {
        name: 'TEST_SECRET',
        hosts: [`127.0.0.1:${port}`],
        header: 'Authorization',
        format: 'Bearer {secret}',
        https: false,
      },
    ],
  });
  /** One raw exchange on the proxy socket: what was written back until it closed (or `ms`). */
  const raw = async (text: string, ms = 2000) => {
    const client = connect(socket);
    let answer = '';
    client.on('data', (d: Buffer) => (answer += d.toString('latin1')));
    client.on('error', () => {});
    client.write(text);
    await Promise.race([once(client, 'close'), sleep(ms)]);
    client.destroy();
    return answer;
  };
  return {
    port,
    socket,
    proxy,
    received,
    upstream,
    raw,
    async close() {
      proxy.closeAll();
      await new Promise((r) => upstream.close(r));
      temp.cleanup();
    },
  };
}

test('a client that drops its CONNECT before the answer, or while the name resolves, does not take the daemon down', async () => {
  const s = await setUp((port) => [`127.0.0.1:${port}`]);
  try {
    for (const target of ['127.0.0.1:9:80', '127.0.0.1:1', 'example.invalid:443', `127.0.0.1:${s.port}`]) {
      for (const wait of [0, 5, 50]) {
        const client = connect(s.socket);
        client.on('error', () => {});
        client.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
        await sleep(wait);
        client.destroy();
      }
    }
    await sleep(300);
    // Still serving: this process would have died on an unhandled error.
    const answer = await s.raw(
      `GET http://127.0.0.1:${s.port}/after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    assert.match(answer, /^HTTP\/1\.1 200/);
  } finally {
    await s.close();
  }
});

test('a server that answers with a status Node will not send gets a 502, and the proxy keeps serving', async () => {
  const bad = createServer((socket: Socket) => {
    socket.on('error', () => {});
    socket.once('data', () => socket.end('HTTP/1.1 000 X\r\nContent-Length: 0\r\n\r\n'));
  });
  bad.listen(0, '127.0.0.1');
  await once(bad, 'listening');
  const badPort = (bad.address() as AddressInfo).port;
  const s = await setUp((port) => [`127.0.0.1:${port}`, `127.0.0.1:${badPort}`]);
  try {
    const answer = await s.raw(
      `GET http://127.0.0.1:${badPort}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    assert.match(answer, /^HTTP\/1\.1 502/);
    const after = await s.raw(
      `GET http://127.0.0.1:${s.port}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    assert.match(after, /^HTTP\/1\.1 200/);
  } finally {
    bad.close();
    await s.close();
  }
});

test('a chunked body cannot be smuggled upstream as a second request, and the next request carries no one else’s bytes', async () => {
  const s = await setUp((port) => [`127.0.0.1:${port}`], { TEST_SECRET: 'sekrit-value' });
  try {
    const smuggled = `POST /store HTTP/1.1\r\nHost: x\r\nContent-Length: 83\r\n\r\n`;
    const chunk = `${Buffer.byteLength(smuggled).toString(16)}\r\n${smuggled}\r\n0\r\n\r\n`;
    await s.raw(
      `GET http://127.0.0.1:${s.port}/first HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n${chunk}`,
    );
    await s.raw(`GET http://127.0.0.1:${s.port}/second HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    assert.deepEqual(
      s.received.map((r) => r.url),
      ['/first', '/second'],
      'two requests upstream, no third from the body',
    );
    assert.equal(s.received[0]!.body, smuggled, 'the body arrived as a body');
    assert.equal(s.received[1]!.body, '');
    assert.equal(s.received[1]!.headers.authorization, 'Bearer sekrit-value');
  } finally {
    await s.close();
  }
});

test('a request the command abandons closes its upstream connection; TRACE and over-long names are refused', async () => {
  let open = 0;
  const silent = createServer((socket: Socket) => {
    open++;
    socket.on('error', () => {});
    socket.on('close', () => open--);
    socket.resume(); // reads, never answers: it sees the proxy hang up
  });
  silent.listen(0, '127.0.0.1');
  await once(silent, 'listening');
  const silentPort = (silent.address() as AddressInfo).port;
  const s = await setUp((port) => [`127.0.0.1:${port}`, `127.0.0.1:${silentPort}`]);
  try {
    for (let i = 0; i < 20; i++)
      await s.raw(`GET http://127.0.0.1:${silentPort}/${i} HTTP/1.1\r\nHost: x\r\n\r\n`, 30);
    for (let i = 0; i < 50 && open > 0; i++) await sleep(20);
    assert.equal(open, 0, 'no upstream connection outlives the request that opened it');
    assert.match(
      await s.raw(`TRACE http://127.0.0.1:${s.port}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
      /^HTTP\/1\.1 400[\s\S]*TRACE is refused/,
    );
    const long = `${'a'.repeat(60)}.`.repeat(20) + 'com';
    assert.match(await s.raw(`CONNECT ${long}:443 HTTP/1.1\r\n\r\n`), /^HTTP\/1\.1 403/);
    const log = s.proxy.close('r1')!;
    assert.ok(log.refused.every((r) => r.host.length <= 253));
  } finally {
    silent.close();
    await s.close();
  }
});

test('a flood of refused decoys cannot hide an attempt: what the log cannot list, it counts', async () => {
  const s = await setUp((port) => [`127.0.0.1:${port}`]);
  try {
    for (let i = 1; i <= 300; i++) await s.raw(`CONNECT 127.0.0.1:${20000 + i} HTTP/1.1\r\n\r\n`, 500);
    const log = s.proxy.close('r1')!;
    assert.equal(log.refused.length, 256);
    assert.equal(log.omitted, 44);
  } finally {
    await s.close();
  }
});

test('the hosts a decision grants carry ports: a URL its own, a named host https and http (and ssh for ssh programs), never every port', () => {
  const effects = effectsFor('/home/dev');
  const grant = (command: string, remotes: string[] = []) =>
    egressHosts(
      effects({
        tool: 'shell',
        operation: 'exec',
        parameters: { command, cwd: '/home/dev/project' },
        context: { workspace: '/home/dev/project' },
      } as never),
      () => remotes,
    );
  assert.deepEqual(grant('curl http://127.0.0.1/'), ['127.0.0.1:80']);
  assert.deepEqual(grant('curl https://api.github.com/user'), ['api.github.com:443']);
  assert.deepEqual(grant('curl http://127.0.0.1:8080/x'), ['127.0.0.1:8080']);
  assert.deepEqual(grant('ssh build.example.com uptime'), [
    'build.example.com:22',
    'build.example.com:443',
    'build.example.com:80',
  ]);
  assert.deepEqual(grant('npm install lodash'), ['registry.npmjs.org:443']);
  assert.deepEqual(grant('git push origin main', ['github.com:22']), ['github.com:22']);
  assert.deepEqual(grant('curl http://169.254.169.254/latest/'), []);
});

test('a git remote is among the hosts policy judges, and a confined fetch may reach exactly it', async () => {
  const { createPackJudge } = await import('../helpers/pack.js');
  const { judge } = await import('../../daemon/src/pipeline/judge.js');
  const { gitRemoteEndpoints } = await import('../../daemon/src/state/git-remotes.js');
  const { mkdirSync, writeFileSync } = await import('node:fs');
  const temp = tempDir();
  try {
    const repo = join(temp.dir, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'sub'), { recursive: true });
    writeFileSync(
      join(repo, '.git', 'config'),
      '[remote "origin"]\n\turl = git@github.com:me/repo.git\n[remote "mirror"]\n\turl = https://git.example.org:8443/me/repo\n\tpushurl = ssh://git@10.0.0.5:2222/repo\n',
    );
    assert.deepEqual(gitRemoteEndpoints(join(repo, 'sub')).sort(), [
      '10.0.0.5:2222',
      'git.example.org:8443',
      'github.com:22',
    ]);
    const { policies } = createPackJudge({
      home: '/home/dev',
      workspace: repo,
      stateDir: '/var/lib/aarm-test',
    });
    const judgedWith = (gitRemoteEndpoints: () => string[]) => {
      const action = {
        tool: 'shell',
        operation: 'exec',
        parameters: { command: 'git fetch origin', cwd: repo },
        context: { workspace: repo },
        identity: { agent: { name: 'test-agent' } },
      };
      return judge(action, JSON.stringify(action), {
        policies,
        home: '/home/dev',
        confine: true,
        gitRemotes: gitRemoteEndpoints,
      });
    };
    const judged = (endpoints: string[]) => judgedWith(() => endpoints);
    // `.git/config` is read once per judgement: a command rewriting it between two reads cannot
    // have policy judge one remote and the grant name another.
    let reads = 0;
    const flipping = judgedWith(() => (reads++ === 0 ? ['github.com:22'] : ['10.11.12.13:8080']));
    assert.equal(reads, 1);
    assert.deepEqual(flipping.decision.confinement?.hosts, ['github.com:22']);
    const github = judged(['github.com:22']);
    assert.ok(github.effects?.hosts.includes('github.com'), 'policy sees the remote host');
    assert.deepEqual(github.decision.confinement?.hosts, ['github.com:22']);
    // A remote on the private network is judged as such: the default pack asks a human.
    const inward = judged(['10.0.0.5:2222']);
    assert.equal(inward.decision.decision, 'step_up');
    assert.equal(inward.decision.rule, 'private-network');
  } finally {
    temp.cleanup();
  }
});

test('a secret bound to a bare host is added on its web ports only', async () => {
  const echo = createHttpServer((req, res) => res.end(`auth=${req.headers.authorization ?? 'none'}`));
  echo.listen(0, '127.0.0.1');
  await once(echo, 'listening');
  const echoPort = (echo.address() as AddressInfo).port;
  const temp = tempDir();
  const proxy = createEgressProxy({
    dir: join(temp.dir, 'egress'),
    env: { BARE: 'bare-secret' },
    expired: () => {},
    log: () => {},
  });
  try {
    const socket = await proxy.open({
      receiptId: 'r',
      session: 's',
      hosts: [`127.0.0.1:${echoPort}`],
      secrets: [
        { name: 'BARE', hosts: ['127.0.0.1'], header: 'Authorization', format: '{secret}', https: false },
      ],
    });
    const client = connect(socket);
    let answer = '';
    client.on('data', (d: Buffer) => (answer += d.toString()));
    client.write(`GET http://127.0.0.1:${echoPort}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    await once(client, 'close');
    assert.match(answer, /auth=none/);
  } finally {
    proxy.closeAll();
    echo.close();
    temp.cleanup();
  }
});
