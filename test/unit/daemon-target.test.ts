/**
 * The daemon's own process is off limits (issue 17), whatever the spelling: the attacker review's
 * cases, judged with the default pack and a daemon at pid 4242 on port 7777.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { judge } from '../../daemon/src/pipeline/judge.js';
import { createPackJudge } from '../helpers/pack.js';
import { tempDir } from '../helpers/env.js';

const temp = tempDir('aarm-daemon-target-');
const home = join(temp.dir, 'home');
const workspace = join(home, 'project');
const pack = createPackJudge({ home, workspace, stateDir: join(temp.dir, 'state') });
const daemon = {
  pid: 4242,
  port: 7777,
  name: 'node',
  commandLine: '/usr/bin/node /opt/aarm/dist/aarm.js daemon',
};

function decide(command: string) {
  const raw = {
    tool: 'shell',
    operation: 'exec',
    parameters: { command, cwd: workspace },
    context: { workspace },
    identity: { agent: { name: 'test-agent' } },
  };
  return judge(raw, JSON.stringify(raw), { policies: pack.policies, home, daemon: () => daemon }).decision;
}

test('signals, tracing and /proc aimed at the daemon are denied, however spelled', () => {
  for (const command of [
    'kill -9 04242',
    'kill 0004242',
    'kill -9 +4242',
    'kill -- -4242',
    'timeout -s KILL 1 kill 04242',
    'pkill -o node',
    'pkill -c node',
    'pkill nod',
    'pkill ode',
    "pkill 'n.de'",
    "pkill '[n]ode'",
    'skill -KILL -c node',
    'skill -KILL -p 4242',
    'cpulimit -p 4242 -l 1 -k',
    'cpulimit -e node -l 1 -k',
    'cat /proc/[4]242/environ',
    'cat /proc/424?/environ',
    'cat /proc/4*/environ',
    'killall node',
    'fuser -k 7777/tcp',
    'gdb -p 4242',
  ]) {
    const decision = decide(command);
    assert.equal(decision.decision, 'deny', `${command}: ${decision.rule} ${decision.reason}`);
    assert.equal(decision.rule, 'builtin.self-protection', command);
  }
});

test('other processes are not the daemon: the usual policy decides', () => {
  for (const command of ['kill -9 4243', 'pkill -f vite', 'cat /proc/4243/status', 'killall python3'])
    assert.notEqual(decide(command).rule, 'builtin.self-protection', command);
});

test.after(() => {
  pack.policies.close();
  temp.cleanup();
});
