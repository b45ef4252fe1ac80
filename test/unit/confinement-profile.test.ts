import { test } from 'node:test';
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
  tempDir: '/tmp',
  caches: ['/home/u/.npm'],
  writable: [],
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
  const writable = ['/tmp', '/home/u/.npm', '/home/u/project'].map((p) => at('--bind', p, p));
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
