import { test } from 'node:test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planConfinement } from '../../daemon/src/confinement/bubblewrap.js';
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
  });
  assert.deepEqual(Object.keys(env).sort(), ['AARM_SESSION', 'HOME', 'LANG', 'PATH']);
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
    // The home itself may be granted, with its keys' folder pinned read-only under it.
    const inHome = plan([home]);
    assert.deepEqual(inHome.writable, [home]);
    assert.ok(inHome.pinned.includes(join(home, '.ssh')));
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
