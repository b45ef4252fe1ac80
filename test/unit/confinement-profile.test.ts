import { test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { packagesOf, planConfinement } from '../../daemon/src/confinement/bubblewrap.js';
import { execFileSync } from 'node:child_process';
import { gitRemoteEndpoints } from '../../daemon/src/state/git-remotes.js';
import { readSecretFile } from '../../daemon/src/state/files.js';
import assert from 'node:assert/strict';
import {
  bubblewrapArguments,
  confinedEnvironment,
  profileDigest,
  type ConfinementPlan,
} from '../../daemon/src/confinement/profile.js';

const plan = (network: 'none' | 'open'): ConfinementPlan => ({
  confinement: { profile: 'workspace', network },
  workspace: '/home/u/project',
  cwd: '/home/u/project/src',
  tempDir: '/tmp/aarm-confined-1000',
  tempMount: '/tmp',
  caches: ['/home/u/.npm'],
  readable: [],
  writable: [],
  pinned: [],
  selfBound: [],
  writableHomes: [],
  revealed: [],
  hidden: [
    { path: '/tmp/aarm-state', kind: 'folder' },
    { path: '/home/u/.netrc', kind: 'file' },
  ],
});

test('the profile: read-only system, writable workspace, temp and caches, hidden places mounted last', () => {
  const args = bubblewrapArguments(plan('none'));
  const at = (...seq: string[]) => args.findIndex((_, i) => seq.every((s, j) => args[i + j] === s));
  assert.ok(at('--ro-bind', '/', '/') >= 0);
  for (const flag of [
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-user',
    '--unshare-net',
    '--die-with-parent',
    '--new-session',
  ])
    assert.ok(args.includes(flag), flag);
  const writable = [
    at('--bind', '/tmp/aarm-confined-1000', '/tmp'),
    ...['/home/u/.npm', '/home/u/project'].map((p) => at('--bind', p, p)),
  ];
  assert.ok(
    writable.every((i) => i > at('--ro-bind', '/', '/')),
    'writable places after the read-only root',
  );
  // A state directory under the temp directory or the workspace stays hidden: its tmpfs comes after.
  assert.ok(at('--tmpfs', '/tmp/aarm-state') > Math.max(...writable));
  assert.ok(at('--ro-bind', '/dev/null', '/home/u/.netrc') > Math.max(...writable));
  assert.deepEqual(args.slice(-2), ['--chdir', '/home/u/project/src']);
  // Network only when the decision says the command uses it.
  assert.ok(!bubblewrapArguments(plan('open')).includes('--unshare-net'));
  assert.notEqual(profileDigest(plan('none')), profileDigest(plan('open')));
});

test('credentials and sockets are not passed in, by name or by value; the rest is', () => {
  const { env, removed } = confinedEnvironment({
    PATH: '/usr/bin',
    HOME: '/home/u',
    GITHUB_TOKEN: 'x',
    NPM_TOKEN: 'x',
    AWS_SECRET_ACCESS_KEY: 'x',
    AWS_PROFILE: 'dev',
    DB_PASSWORD: 'x',
    OPENAI_API_KEY: 'x',
    INNOCENT: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
    ALSO: '-----BEGIN OPENSSH PRIVATE KEY-----',
    SSH_AUTH_SOCK: '/tmp/ssh-x/agent.1',
    VSCODE_GIT_IPC_HANDLE: '/run/user/1000/vscode-git.sock',
    AARM_HOME: '/home/u/.local/state/aarm',
    AARM_SESSION: 's1',
    LANG: 'C.UTF-8',
    DB_PASS: 'x',
    SENTRY_DSN: 'https://k@o1.ingest.sentry.io/1',
    REDIS_URL: 'redis://default:hunter2@cache:6379',
    PUBLIC_URL: 'https://example.com/app',
  });
  assert.deepEqual(Object.keys(env).sort(), ['AARM_SESSION', 'HOME', 'LANG', 'PATH', 'PUBLIC_URL']);
  assert.ok(['DB_PASS', 'SENTRY_DSN', 'REDIS_URL'].every((name) => removed.includes(name)));
  // A name policy binds to hosts is removed whatever it looks like; TMPDIR is the command's /tmp.
  const bound = confinedEnvironment({ SVC_KEY: 'plain', TMPDIR: '/var/tmp/me', X: '1' }, 'none', ['SVC_KEY']);
  assert.deepEqual(bound.env, { TMPDIR: '/tmp', X: '1' });
  assert.ok(
    removed.includes('INNOCENT') && removed.includes('AARM_HOME') && removed.includes('SSH_AUTH_SOCK'),
  );
});

test('planning: a writable folder reached through a link, or above the home, is not granted; an agent variable shows no key', () => {
  const root = mkdtempSync('/var/tmp/aarm-plan-');
  try {
    const home = join(root, 'home');
    const state = join(root, 'state');
    const workspace = join(home, 'project');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(join(home, '.ssh', 'id_rsa'), 'key');
    mkdirSync(state);
    mkdirSync(workspace);
    symlinkSync('/', join(workspace, 'rootlink'));
    const plan = (writable: string[], env: NodeJS.ProcessEnv = {}) => {
      const planned = planConfinement({
        confinement: { profile: 'workspace', network: 'open', writable },
        home,
        stateDir: state,
        workspace,
        cwd: workspace,
        env,
      });
      assert.ok(planned.ok, planned.ok ? '' : planned.error);
      return planned.plan;
    };
    // `/tmp/x -> /` once became `--bind / /`.
    assert.deepEqual(plan([join(workspace, 'rootlink'), root, '/', '/proc']).writable, []);
    // The system's folders are never granted. The home itself may be, for a judged write, with its
    // keys' folder pinned read-only under it; never for what a server is given on its command line.
    assert.deepEqual(plan(['/etc', '/usr/local/lib', '/var/lib/x']).writable, []);
    const inHome = plan([home]);
    assert.deepEqual(inHome.writable, [home]);
    assert.deepEqual(inHome.writableHomes, [home]);
    assert.ok(inHome.pinned.includes(join(home, '.ssh')));
    const served = planConfinement({
      confinement: { profile: 'workspace', network: 'open' },
      home,
      stateDir: state,
      workspace,
      cwd: workspace,
      env: {},
      shared: [home, '/etc'],
    });
    assert.ok(served.ok && served.plan.writable.length === 0);
    // SSH_AUTH_SOCK naming the state directory or a key shows nothing again.
    for (const sock of [state, join(home, '.ssh', 'id_rsa')]) {
      const p = plan([], { SSH_AUTH_SOCK: sock });
      assert.deepEqual(p.revealed, []);
      assert.ok(p.hidden.some((h) => h.path === state));
      assert.ok(p.hidden.some((h) => h.path === join(home, '.ssh', 'id_rsa')));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('what the command must read under /tmp is shown read-only, after the private temp and before what is hidden; never a hidden place', () => {
  const root = mkdtempSync('/var/tmp/aarm-plan-');
  const inTemp = mkdtempSync(join(tmpdir(), 'aarm-visible-'));
  try {
    const home = join(root, 'home');
    const workspace = join(home, 'project');
    mkdirSync(workspace, { recursive: true });
    const state = join(inTemp, 'state');
    mkdirSync(state);
    const tool = join(inTemp, 'pkg', 'node_modules', 'server', 'dist', 'index.js');
    mkdirSync(dirname(tool), { recursive: true });
    writeFileSync(tool, '');
    writeFileSync(join(inTemp, 'script.mjs'), '');
    writeFileSync(join(inTemp, 'package.json'), '{}');
    assert.deepEqual(
      packagesOf(['/no/such/node', tool, join(inTemp, 'script.mjs'), '--flag', '/no/such/file']),
      [join(inTemp, 'pkg', 'node_modules'), inTemp],
    );
    const planned = planConfinement({
      confinement: { profile: 'workspace', network: 'none' },
      home,
      stateDir: state,
      workspace,
      cwd: workspace,
      env: {},
      // the package folder holds the state directory: showing it would show the state
      visible: [tool, join(inTemp, 'pkg', 'node_modules'), inTemp, '/usr/bin/env', join(state, 'x')],
    });
    assert.ok(planned.ok);
    assert.deepEqual(planned.plan.readable, [join(inTemp, 'pkg', 'node_modules'), tool].sort());
    const args = bubblewrapArguments(planned.plan);
    const at = (path: string) => args.findIndex((a, i) => a === path && args[i - 1] === '--ro-bind');
    assert.ok(
      at(tool) > args.indexOf(planned.plan.tempDir),
      'after the private temp, or it would cover them',
    );
    assert.ok(at(tool) < args.indexOf(state), 'before what is hidden');
  } finally {
    rmSync(root, { recursive: true, force: true });
    rmSync(inTemp, { recursive: true, force: true });
  }
});

test('what agents can point the daemon or a plan at: a FIFO is not read, container sockets named by DOCKER_HOST are hidden', () => {
  const root = mkdtempSync('/var/tmp/aarm-plan-');
  try {
    const repo = join(root, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    execFileSync('mkfifo', [join(repo, '.git', 'config')]);
    execFileSync('mkfifo', [join(root, '.env')]);
    // Each would block the daemon's one thread for ever if it were read.
    assert.deepEqual(gitRemoteEndpoints(repo), []);
    assert.equal(readSecretFile(join(root, '.env')), '');
    const home = join(root, 'home');
    const workspace = join(home, 'project');
    mkdirSync(workspace, { recursive: true });
    mkdirSync(join(home, '.colima', 'default'), { recursive: true });
    const engine = join(root, 'engine.sock');
    writeFileSync(engine, '');
    const planned = planConfinement({
      confinement: { profile: 'workspace', network: 'none' },
      home,
      stateDir: join(root, 'state'),
      workspace,
      cwd: workspace,
      env: { DOCKER_HOST: `unix://${engine}`, TMPDIR: join(root, 'tmp') },
    });
    assert.ok(planned.ok);
    const hidden = planned.plan.hidden.map((h) => h.path);
    assert.ok(hidden.includes(engine), 'DOCKER_HOST names a socket: hidden');
    assert.ok(hidden.includes(join(home, '.colima')));
    assert.equal(planned.plan.tempMount, '/tmp', 'the private temp covers /tmp whatever TMPDIR says');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
