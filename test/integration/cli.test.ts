import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, runCli, tempDir } from '../helpers/env.js';

const temp = tempDir('aarm-cli-');
const homeDir = join(temp.dir, 'aarm-home');
const workspace = join(temp.dir, 'project');
const env = { AARM_HOME: homeDir, HOME: join(temp.dir, 'home') };
let daemon: ChildProcess | undefined;

async function startDaemon(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'daemon'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`daemon exited with ${code}: ${log}`)));
  });
  return child;
}

async function stopDaemon(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

before(() => {
  mkdirSync(workspace, { recursive: true });
  mkdirSync(env.HOME, { recursive: true });
});
after(async () => {
  if (daemon && daemon.exitCode === null) await stopDaemon(daemon);
  temp.cleanup();
});

test('every command has --help, and unknown commands and flags are usage errors', async () => {
  for (const command of [
    'daemon',
    'status',
    'exec',
    'check',
    'export',
    'verify',
    'keys',
    'grants',
    'policy',
    'lsp',
    'hook',
    'install',
    'shell',
    'mcp-proxy',
    'approve',
    'pending',
  ]) {
    const result = await runCli([command, '--help'], { env });
    assert.equal(result.code, 0, command);
    assert.match(result.stdout, new RegExp(`aarm ${command}`));
  }
  const top = await runCli(['--help'], { env });
  assert.match(top.stdout, /exec +run a command only if policy allows it/);
  const unknown = await runCli(['frobnicate'], { env });
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command `frobnicate`/);
  const badFlag = await runCli(['export', '--bogus'], { env });
  assert.equal(badFlag.code, 2);
  assert.match(badFlag.stderr, /aarm export: unknown option `--bogus`\n/);
  // a slip gets the nearest name, in quotes that balance
  const slip = await runCli(['stauts'], { env });
  assert.equal(slip.code, 2);
  assert.match(slip.stderr, /unknown command `stauts` \(did you mean `aarm status`\?\)/);
  const flagSlip = await runCli(['status', '--jsn'], { env });
  assert.equal(flagSlip.code, 2);
  assert.match(flagSlip.stderr, /aarm status: unknown option `--jsn` \(did you mean `--json`\?\)/);
  assert.match(flagSlip.stderr, /usage: aarm status/);
  // bare `aarm` is a usage mistake: the command list, on stderr, exit 2
  const bare = await runCli([], { env });
  assert.equal(bare.code, 2);
  assert.equal(bare.stdout, '');
  assert.match(bare.stderr, /usage: aarm <command>/);
  // a file that is not there is the user's to fix: one line, no stack trace
  const exported = join(temp.dir, 'some-export.jsonl');
  writeFileSync(exported, '{}\n');
  const missing = await runCli(['verify', exported, '--key', join(temp.dir, 'missing.json')], { env });
  assert.equal(missing.code, 1);
  assert.doesNotMatch(missing.stderr, /\n\s+at /);
  assert.match(missing.stderr, /ENOENT/);
});

test('with no daemon: status exits 1, and exec fails closed without running anything', async () => {
  const status = await runCli(['status'], { env });
  assert.equal(status.code, 1);
  assert.match(status.stderr, /not running.*npx aarm daemon/);
  const marker = join(workspace, 'ran-without-daemon');
  const exec = await runCli(['exec', '--', 'touch', marker], { env, cwd: workspace });
  assert.equal(exec.code, 125);
  // from outside the checkout, the command that works from there
  assert.match(exec.stderr, new RegExp(`not running \`touch .*\`.*start it with \`node ${CLI} daemon\``));
  assert.equal(existsSync(marker), false);
});

test('daemon + status + exec: allowed commands run and report their outcome; denied ones never start', async () => {
  daemon = await startDaemon();
  const status = await runCli(['status', '--json'], { env });
  assert.equal(status.code, 0, status.stderr);
  assert.equal(JSON.parse(status.stdout).policy.errors.length, 0);

  const made = join(workspace, 'made-by-exec');
  const allowed = await runCli(
    ['exec', '--session', 'cli-s1', '--', 'sh', '-c', `echo built > '${made}'; exit 3`],
    { env, cwd: workspace },
  );
  assert.equal(allowed.code, 3, 'exec exits with the command’s own code');
  assert.equal(readFileSync(made, 'utf8'), 'built\n');

  const victim = join(workspace, 'keep-me');
  writeFileSync(victim, 'precious');
  const denied = await runCli(
    ['exec', '--session', 'cli-s1', '--', 'bash', '-c', `rm -f '${victim}' && rm -rf ~`],
    { env, cwd: workspace },
  );
  assert.equal(denied.code, 126);
  assert.match(denied.stderr, /rule destroy-root-or-home/);
  assert.match(denied.stderr, /reason: deletes the root directory or the home directory/);
  assert.equal(readFileSync(victim, 'utf8'), 'precious', 'nothing of a denied command runs');

  const stepUp = await runCli(['exec', '--', 'git', 'push', '--force'], { env, cwd: workspace });
  assert.equal(stepUp.code, 126);
  assert.match(stepUp.stderr, /decision: deny \(step_up\) \(rule history-rewrite/);
  assert.match(
    stepUp.stderr,
    /no approver is connected: open VS Code with the AARM extension, or run `aarm approve` in another terminal/,
    'a step-up with nobody to ask says how to approve',
  );

  // An agent planted `ln -s ~/.bashrc audit.jsonl` (issue 18): the export refuses, the file behind is untouched.
  const bashrc = join(temp.dir, 'bashrc');
  writeFileSync(bashrc, '# my shell\n');
  symlinkSync(bashrc, join(temp.dir, 'planted.jsonl'));
  const planted = await runCli(['export', '--session', 'cli-s1', '--out', join(temp.dir, 'planted.jsonl')], {
    env,
  });
  assert.equal(planted.code, 1);
  assert.match(planted.stderr, /is a symbolic link/);
  assert.equal(readFileSync(bashrc, 'utf8'), '# my shell\n');

  const out = join(temp.dir, 'session.jsonl');
  const exported = await runCli(['export', '--session', 'cli-s1', '--out', out], { env });
  assert.equal(exported.code, 0, exported.stderr);
  const records = readFileSync(out, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l).body);
  assert.deepEqual(
    records.map((r) => r.kind),
    ['action', 'outcome', 'action'],
  );
  assert.deepEqual(records[1].outcome.exitCode, 3);
  assert.equal(records[1].receiptId, records[0].id);
  assert.equal(records[2].verdict, 'deny');
});

test('check decides JSON lines from stdin like the daemon, with no daemon needed', async () => {
  const draft = join(temp.dir, 'draft.aarm.yaml');
  writeFileSync(
    draft,
    'aarm: 1\nname: draft\nrules:\n  - { id: no-make, match: { tool: shell }, when: "action.parameters.command.startsWith(\'make\')", decision: deny, reason: use npm scripts }\n',
  );
  const input = [
    JSON.stringify({
      tool: 'shell',
      operation: 'exec',
      parameters: { command: 'make all', cwd: workspace },
      session: 's1',
    }),
    JSON.stringify({
      tool: 'shell',
      operation: 'exec',
      parameters: { command: 'npm test', cwd: workspace },
      session: 's1',
    }),
    '{broken',
    JSON.stringify({ tool: 'fs', operation: 'read', parameters: { path: 'src/a.ts' } }),
    JSON.stringify({ tool: 'mcp', operation: 'call', parameters: { server: 'x', tool: 'y', arguments: {} } }),
  ].join('\n');
  const result = await runCli(['check', '--policy', draft, '--workspace', workspace], {
    env: { ...env, AARM_HOME: join(temp.dir, 'no-daemon-home') },
    input,
  });
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    lines.map((l) => [l.line, l.decision, l.rule]),
    [
      [1, 'deny', 'no-make'],
      [2, 'allow', 'shell.in-workspace'],
      [3, 'deny', 'builtin.invalid-action'],
      [4, 'allow', 'fs.in-workspace'],
      [5, 'step_up', 'default'],
    ],
  );
  assert.equal(lines[0].session, 's1');
  assert.equal(lines[0].reason, 'use npm scripts');
  assert.match(lines[2].reason, /not JSON/);

  writeFileSync(draft, 'aarm: 1\nname: draft\nrules: [\n');
  const broken = await runCli(['check', '--policy', draft], { env, input: input.split('\n')[1]! });
  assert.equal(broken.code, 1);
  assert.match(broken.stderr, /draft\.aarm\.yaml:\d+:\d+: error: yaml:/);
  assert.equal(JSON.parse(broken.stdout).rule, 'builtin.policy-error');
});

test('export and verify: an intact bundle verifies; edits, deletions, swaps and a cut tail are caught and located', async () => {
  const out = join(temp.dir, 'all.jsonl');
  const exported = await runCli(['export', '--all', '--out', out], { env });
  assert.equal(exported.code, 0, exported.stderr);
  const ok = await runCli(['verify', out], { env });
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /verified \d+ record\(s\) of all sessions/);
  const portable = await runCli(['verify', '--portable', out], { env });
  assert.equal(portable.code, 0, portable.stderr);
  const every = await runCli(['verify', '--every-signature', out], { env });
  assert.equal(every.code, 0, every.stderr);
  assert.match(every.stdout, /every signature, chain/);

  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.ok(lines.length >= 5, 'header and at least four records');
  const write = (name: string, content: string[]) => {
    const file = join(temp.dir, name);
    writeFileSync(file, `${content.join('\n')}\n`);
    return file;
  };
  const edited = [...lines];
  edited[2] = edited[2]!.replace(/"time":"2/, '"time":"1');
  assert.notEqual(edited[2], lines[2]);
  const cases: Array<[string, string[], RegExp]> = [
    ['edited', edited, /:3: receipt rcpt_[\w-]+: signature does not verify/],
    ['deleted', [lines[0]!, lines[1]!, ...lines.slice(3)], /:3: .*expected seq 2 but found 3/],
    ['swapped', [lines[0]!, lines[2]!, lines[1]!, ...lines.slice(3)], /:2: .*the export starts at seq 2/],
    [
      'swapped-later',
      [lines[0]!, lines[1]!, lines[3]!, lines[2]!, ...lines.slice(4)],
      /:3: .*expected seq 2 but found 3/,
    ],
    ['cut-tail', lines.slice(0, -1), /header promises \d+ records but the file holds/],
    [
      // A second "body" after the signed one: JSON readers take the last; the check must too.
      'duplicate-body',
      [
        lines[0]!,
        lines[1]!.replace(
          /}$/,
          `,"body":${JSON.stringify({ ...JSON.parse(lines[1]!).body, session: 'forged' })}}`,
        ),
        ...lines.slice(2),
      ],
      /:2: .*(does not verify|does not match)/,
    ],
    [
      'header-edited',
      [lines[0]!.replace('"count":', '"count":1'), ...lines.slice(1)],
      /:1: the export header signature does not verify/,
    ],
  ];
  for (const [name, content, expected] of cases) {
    const result = await runCli(['verify', write(`${name}.jsonl`, content)], { env });
    assert.equal(result.code, 1, name);
    assert.match(result.stderr, expected, name);
    assert.match(result.stderr, /verification FAILED/);
  }

  // The daemon signs each group commit once (R5): each line carries its group's signed head and its
  // inclusion path, and --every-signature checks every one of them.
  type ProofLine = { body: unknown; proof: { group: Record<string, unknown>; sig: string; path: string[] } };
  const parsed = lines.map((line) => JSON.parse(line) as ProofLine);
  assert.ok(
    parsed.slice(1).every((line) => line.proof.group.type === 'aarm.receipt-group'),
    'every record carries its group proof',
  );
  const withProof = (i: number, proof: ProofLine['proof']) =>
    JSON.stringify({ body: parsed[i]!.body, proof });
  const last = lines.length - 1;
  const everyCases: Array<[string, string[], RegExp]> = [
    [
      'proofs-swapped',
      lines.map((l, i) =>
        i === 1 ? withProof(1, parsed[2]!.proof) : i === 2 ? withProof(2, parsed[1]!.proof) : l,
      ),
      // (records 1 and 2 in groups of their own, or in one: either way, not where the proof says)
      /:2: receipt rcpt_[\w-]+: signature does not verify: (its group holds records|it is not the record)/,
    ],
    [
      'group-forged',
      lines.map((l, i) =>
        i === last
          ? withProof(i, {
              ...parsed[i]!.proof,
              group: { ...parsed[i]!.proof.group, time: '2020-01-01T00:00:00.000Z' },
            })
          : l,
      ),
      new RegExp(`:${last + 1}: .*group head does not match its signature`),
    ],
    [
      'path-added',
      lines.map((l, i) =>
        i === 1
          ? withProof(1, { ...parsed[1]!.proof, path: [...parsed[1]!.proof.path, 'ab'.repeat(32)] })
          : l,
      ),
      /:2: .*not the record its group proof covers/,
    ],
  ];
  for (const [name, content, expected] of everyCases) {
    const result = await runCli(['verify', '--every-signature', write(`${name}.jsonl`, content)], { env });
    assert.equal(result.code, 1, name);
    assert.match(result.stderr, expected, name);
  }

  const keys = await runCli(['keys', 'list', '--json'], { env });
  const keyFile = write('keys.json', [keys.stdout]);
  assert.equal((await runCli(['verify', '--key', keyFile, out], { env })).code, 0);
  const strangerHome = join(temp.dir, 'stranger');
  const strangerKeys = await runCli(['keys', 'list', '--json'], { env: { ...env, AARM_HOME: strangerHome } });
  const strangerFile = write('stranger-keys.json', [strangerKeys.stdout]);
  const untrusted = await runCli(['verify', '--key', strangerFile, out], { env });
  assert.equal(untrusted.code, 1);
  assert.match(untrusted.stderr, /is not one of the trusted keys/);
  // On another machine (another AARM_HOME), the file's own keys prove only that it is intact.
  const elsewhere = await runCli(['verify', out], { env: { ...env, AARM_HOME: strangerHome } });
  assert.equal(elsewhere.code, 1);
  assert.match(elsewhere.stderr, /is not one of the trusted keys/);
  const selfSigned = await runCli(['verify', '--self-signed', out], {
    env: { ...env, AARM_HOME: strangerHome },
  });
  assert.equal(selfSigned.code, 0);
  assert.match(selfSigned.stdout, /who signed it is not proven/);
});

test('export --format ocsf: one OCSF event per receipt of the session, as a SIEM would read them', async () => {
  const bundleFile = join(temp.dir, 'cli-s1.bundle.jsonl');
  assert.equal((await runCli(['export', '--session', 'cli-s1', '--out', bundleFile], { env })).code, 0);
  const receipts = readFileSync(bundleFile, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l).body);

  const ocsfFile = join(temp.dir, 'cli-s1.ocsf.json');
  const exported = await runCli(['export', '--session', 'cli-s1', '--format', 'ocsf', '--out', ocsfFile], {
    env,
  });
  assert.equal(exported.code, 0, exported.stderr);
  assert.match(
    exported.stdout,
    /exported 3 receipt\(s\) as ocsf events, and a signed checkpoint, to .*cli-s1\.ocsf\.json/,
  );
  assert.equal(statSync(ocsfFile).mode & 0o777, 0o600, 'readable by the user only, like a bundle');
  const all = JSON.parse(readFileSync(ocsfFile, 'utf8'));
  assert.ok(Array.isArray(all), 'a JSON array');
  // the receipts, then the signed head of the chain (Event Log Activity)
  assert.equal(all.at(-1).class_uid, 1008);
  assert.ok(all.at(-1).unmapped.checkpoint.seq >= receipts.at(-1)!.seq);
  const events = all.slice(0, -1);
  assert.deepEqual(
    events.map((e: { metadata: { uid: string } }) => e.metadata.uid),
    receipts.map((r) => r.id),
    'one event per receipt, in chain order, named by the receipt id',
  );
  for (const event of events) {
    assert.equal(event.class_uid, 6003);
    assert.equal(event.category_uid, 6);
    assert.equal(event.type_uid, event.class_uid * 100 + event.activity_id);
    assert.equal(event.metadata.product.name, 'AARM for coding agents');
    assert.match(event.metadata.version, /^1\.\d+\.\d+$/);
    assert.equal(event.metadata.correlation_uid, 'cli-s1');
    assert.ok(Number.isInteger(event.time) && event.time > 0);
  }
  const [ran, outcome, denied] = events;
  assert.deepEqual([ran.disposition_id, ran.disposition], [1, 'Allowed']);
  assert.equal(outcome.api.request.uid, ran.metadata.uid, 'the outcome points at its action');
  assert.equal(outcome.status_code, '3');
  assert.deepEqual([denied.action_id, denied.disposition_id, denied.disposition], [2, 2, 'Blocked']);
  assert.equal(denied.policy.name, 'destroy-root-or-home');
  assert.match(denied.message, /\[rule destroy-root-or-home\]/);
  assert.equal(denied.unmapped.receipt.hash.length, 64);

  const bad = await runCli(['export', '--session', 'cli-s1', '--format', 'xml', '--out', ocsfFile], { env });
  assert.equal(bad.code, 2);
  assert.match(
    bad.stderr,
    /aarm export: --format: `xml` is not supported \(supported: bundle, ocsf, otlp, cef\)/,
  );
  const none = await runCli(['export', '--session', 'no-such', '--format', 'ocsf', '--out', ocsfFile], {
    env,
  });
  assert.equal(none.code, 1);
  assert.match(none.stderr, /session `no-such` has no receipts; wrote an empty ocsf file/);
  assert.deepEqual(JSON.parse(readFileSync(ocsfFile, 'utf8')), []);
});

test('SIGTERM shuts the daemon down cleanly', async () => {
  assert.ok(daemon);
  assert.equal(await stopDaemon(daemon), 0);
  assert.equal(existsSync(join(homeDir, 'daemon.json')), false);
  assert.equal(existsSync(join(homeDir, 'daemon.lock')), false);
  assert.equal((await runCli(['status'], { env })).code, 1);
});
