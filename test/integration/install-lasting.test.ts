/**
 * `aarm install` run from a place that goes away (npx's cache): the hooks and the service start a
 * copy that stays, the user is told, and `aarm uninstall` takes everything out again, the copy
 * too. Also `aarm install service` with systemd (a stand-in `systemctl` that records what it is
 * asked) and launchd, and the command aarm names for starting the daemon.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CLI, REPO, runCli, startTestDaemon, tempDir, type RunResult } from '../helpers/env.js';
import { installService, uninstallService } from '../../daemon/src/cli/service.js';

/** Every path under `dir` with its content (files) or nothing (folders): what a user would find. */
function snapshot(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  const walk = (path: string) => {
    for (const name of readdirSync(path)) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) {
        found[`${relative(dir, full)}/`] = '';
        walk(full);
      } else found[relative(dir, full)] = readFileSync(full, 'utf8');
    }
  };
  walk(dir);
  return found;
}

/** aarm as `npx aarm` leaves it: a package in npx's cache, with the modules the daemon loads. */
function npxCopy(root: string): string {
  const entry = join(root, '.npm', '_npx', '8f3e1a2b', 'node_modules');
  const aarm = join(entry, 'aarm');
  mkdirSync(join(aarm, 'dist'), { recursive: true });
  for (const name of readdirSync(join(REPO, 'dist')))
    if (name.endsWith('.js') && name !== 'extension.js' && name !== 'aarm-lsp.js')
      cpSync(join(REPO, 'dist', name), join(aarm, 'dist', name));
  cpSync(join(REPO, 'policies'), join(aarm, 'policies'), { recursive: true });
  cpSync(join(REPO, 'package.json'), join(aarm, 'package.json'));
  for (const name of ['better-sqlite3', 'bindings', 'file-uri-to-path'])
    symlinkSync(join(REPO, 'node_modules', name), join(entry, name));
  writeFileSync(join(entry, '..', 'package.json'), JSON.stringify({ dependencies: { aarm: '^0.1.0' } }));
  return join(aarm, 'dist', 'aarm.js');
}

/** A stand-in for systemctl or launchctl: records each call; `is-active` and `print` say "not running". */
function recordingTool(bin: string, name: string, fail?: string): string {
  const log = join(bin, `${name}.log`);
  mkdirSync(bin, { recursive: true });
  const body = fail
    ? `echo "$*" >> '${log}'\necho '${fail}' >&2\nexit 1`
    : `echo "$*" >> '${log}'\ncase "$*" in *is-active*|print*) exit 3;; esac\nexit 0`;
  writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(bin, name), 0o755);
  return log;
}

function user(root: string) {
  const home = join(root, 'home');
  const project = join(root, 'project');
  const bin = join(root, 'bin');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  mkdirSync(bin, { recursive: true });
  const env = {
    HOME: home,
    PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
    CODEX_HOME: '',
    XDG_DATA_HOME: '',
    XDG_CONFIG_HOME: '',
    XDG_STATE_HOME: '',
    AARM_HOME: join(root, 'state'),
  };
  return { home, project, bin, env };
}

/** A program run with the user's environment, from the project. */
function runAs(u: ReturnType<typeof user>, argv: string[], input = ''): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: u.project,
      env: { ...process.env, ...u.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

const bashCall = (cwd: string, command: string, id: string) =>
  JSON.stringify({
    session_id: 'lasting',
    cwd,
    hook_event_name: 'PreToolUse',
    tool_name: 'Bash',
    tool_input: { command },
    tool_use_id: id,
  });

test("install from npx's cache, then the cache is cleaned: the user is warned, the hooks start a copy that answers a real daemon, and uninstall leaves the home and project as they were", async () => {
  const temp = tempDir('aarm-lasting-');
  const t = await startTestDaemon();
  try {
    const u = user(temp.dir);
    const npx = npxCopy(temp.dir);
    mkdirSync(join(u.home, '.claude'));
    writeFileSync(join(u.home, '.claude', 'settings.json'), '{\n    "model": "opus"\n}');
    const homeBefore = snapshot(u.home);
    const projectBefore = snapshot(u.project);
    recordingTool(u.bin, 'systemctl');

    const installed = await runAs(u, [process.execPath, npx, 'install', 'claude-code']);
    assert.equal(installed.code, 0, installed.stderr);
    const copies = join(u.home, '.local', 'share', 'aarm', 'runtime');
    const [copyName] = readdirSync(copies);
    const copy = join(copies, copyName!);
    assert.match(copyName!, /^0\.1\.0-[0-9a-f]{12}$/);
    assert.match(installed.stderr, /this aarm runs from npx's cache, which npm cleans when it likes/);
    assert.ok(installed.stderr.includes(`starts a copy instead: ${copy}`), installed.stderr);
    assert.match(installed.stderr, /start the daemon with `~\/\.local\/share\/aarm\/bin\/aarm daemon`/);
    const hook: string = JSON.parse(readFileSync(join(u.home, '.claude', 'settings.json'), 'utf8')).hooks
      .PreToolUse[0].hooks[0].command;
    assert.ok(
      hook.startsWith(`"${process.execPath}" "${join(copy, 'dist', 'aarm.js')}" hook claude-code`),
      hook,
    );
    assert.ok(!hook.includes('_npx'));
    for (const agent of ['codex', 'cline']) {
      const more = await runAs(u, [process.execPath, npx, 'install', agent]);
      assert.equal(more.code, 0, more.stderr);
    }
    const service = await runAs(u, [process.execPath, npx, 'install', 'service']);
    assert.equal(service.code, 0, service.stderr);
    assert.equal(readdirSync(copies).length, 1, 'one copy, shared by every install of the same aarm');

    rmSync(join(temp.dir, '.npm'), { recursive: true }); // npm cleans its cache

    // The hook as Claude Code runs it (through sh, from the project), against a real daemon.
    const asAgent = { ...u, env: { ...u.env, AARM_HOME: t.homeDir } };
    const denied = await runAs(asAgent, ['/bin/sh', '-c', hook], bashCall(t.workspace, 'rm -rf ~', 'a'));
    assert.equal(denied.code, 0, denied.stderr);
    assert.equal(JSON.parse(denied.stdout).hookSpecificOutput.permissionDecision, 'deny');
    assert.match(JSON.parse(denied.stdout).hookSpecificOutput.permissionDecisionReason, /receipt rcpt_/);
    const other = await runAs(asAgent, ['/bin/sh', '-c', hook], bashCall(t.workspace, 'ls', 'b'));
    assert.equal(other.code, 0, other.stderr);
    // (allowed, unless the machine is so slow that the pack's own examples overran their budget)
    assert.match(JSON.parse(other.stdout).hookSpecificOutput.permissionDecisionReason, /receipt rcpt_/);
    assert.ok(
      readdirSync(join(copy, 'dist')).some(
        (name) => name.startsWith('aarm-lean.js.hook.') && name.endsWith('.cache'),
      ),
      "the lean bundle's code cache is kept beside the copy, so the next hooks compile nothing",
    );

    // The service's unit starts the copy too: run its ExecStart as systemd would, until it listens.
    const unit = readFileSync(join(u.home, '.config', 'systemd', 'user', 'aarm.service'), 'utf8');
    assert.ok(
      unit.includes(`ExecStart="${process.execPath}" "${join(copy, 'dist', 'aarm.js')}" daemon\n`),
      unit,
    );
    const launcher = join(u.home, '.local', 'share', 'aarm', 'bin', 'aarm');
    const daemon = spawn(process.execPath, [join(copy, 'dist', 'aarm.js'), 'daemon'], {
      env: { ...process.env, ...u.env },
      stdio: 'ignore',
    });
    try {
      let status: RunResult | undefined;
      for (let i = 0; i < 200 && status?.code !== 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        status = await runAs(u, [launcher, 'status']);
      }
      assert.equal(status?.code, 0, `the daemon from the copy answers \`aarm status\`: ${status?.stderr}`);
    } finally {
      const exited = new Promise((r) => daemon.once('exit', r));
      daemon.kill();
      await exited;
    }

    // Uninstalled one by one with the launcher (the npx copy is gone): the copy stays while anything starts it.
    for (const what of ['claude-code', 'codex', 'cline']) {
      const removed = await runAs(u, [launcher, 'uninstall', what]);
      assert.equal(removed.code, 0, removed.stderr);
      assert.ok(existsSync(copy), `the service still starts the copy after uninstalling ${what}`);
    }
    const last = await runAs(u, [launcher, 'uninstall', 'service']);
    assert.equal(last.code, 0, last.stderr);
    assert.match(
      last.stdout,
      /removed .*runtime\/0\.1\.0-[0-9a-f]{12} \(no agent or service starts this copy/,
    );
    assert.deepEqual(snapshot(u.home), homeBefore, 'the home is as it was before the first install');
    assert.deepEqual(snapshot(u.project), projectBefore);
  } finally {
    await t.close();
    temp.cleanup();
  }
});

test('`npx aarm install` inside a checkout: npx starts aarm through a link in its cache, and the hooks start the checkout itself, without a warning', async () => {
  const temp = tempDir('aarm-lasting-');
  try {
    const u = user(temp.dir);
    // what `npx aarm` leaves when the project is aarm itself: links in npx's cache to the checkout
    const modules = join(temp.dir, '.npm', '_npx', '408cdbcc', 'node_modules');
    mkdirSync(join(modules, '.bin'), { recursive: true });
    symlinkSync(REPO, join(modules, 'aarm'));
    symlinkSync('../aarm/dist/aarm.js', join(modules, '.bin', 'aarm'));
    // npx runs it with its .bin first on PATH: that `aarm` is no global install
    const npx = { ...u, env: { ...u.env, PATH: `${join(modules, '.bin')}:${u.env.PATH}` } };
    const installed = await runAs(npx, [
      process.execPath,
      join(modules, '.bin', 'aarm'),
      'install',
      'claude-code',
    ]);
    assert.equal(installed.code, 0, installed.stderr);
    assert.equal(installed.stderr, '');
    const hook: string = JSON.parse(readFileSync(join(u.home, '.claude', 'settings.json'), 'utf8')).hooks
      .PreToolUse[0].hooks[0].command;
    assert.ok(hook.startsWith(`"${process.execPath}" "${CLI}" hook claude-code`), hook);

    // A hook an older aarm wrote that way: `aarm doctor` says what will happen, and what mends it.
    const settings = join(u.home, '.claude', 'settings.json');
    writeFileSync(
      settings,
      readFileSync(settings, 'utf8').replaceAll(
        JSON.stringify(JSON.stringify(CLI)).slice(1, -1),
        JSON.stringify(JSON.stringify(join(modules, '.bin', 'aarm'))).slice(1, -1),
      ),
    );
    const doctor = await runAs(u, [process.execPath, CLI, 'doctor']);
    assert.match(
      doctor.stdout,
      /PROBLEM the hook runs .*_npx.*\/aarm, in npx's cache, which npm cleans when it likes: once it is gone every tool call is blocked\n\s+fix: aarm install claude-code \(it starts a lasting aarm instead\)/,
    );
  } finally {
    temp.cleanup();
  }
});

test('install from a temporary folder (an unpacked tarball in /tmp): the same warning and copy; installing again from the copy, with a home reached through a link, keeps it; uninstall removes it', async () => {
  const temp = tempDir('aarm-lasting-');
  try {
    const u = user(temp.dir);
    // HOME names the home through a link (as /home → /data/home does on some machines)
    rmSync(u.home, { recursive: true });
    mkdirSync(join(temp.dir, 'real-home'));
    symlinkSync(join(temp.dir, 'real-home'), u.home);
    const unpacked = join(temp.dir, 'package');
    mkdirSync(join(unpacked, 'dist'), { recursive: true });
    for (const name of ['aarm.js', 'aarm-lean.js', 'aarm-full.js'])
      cpSync(join(REPO, 'dist', name), join(unpacked, 'dist', name));
    cpSync(join(REPO, 'package.json'), join(unpacked, 'package.json'));
    mkdirSync(join(unpacked, 'node_modules'));
    for (const name of ['better-sqlite3', 'bindings', 'file-uri-to-path'])
      symlinkSync(join(REPO, 'node_modules', name), join(unpacked, 'node_modules', name));
    const installed = await runAs(u, [
      process.execPath,
      join(unpacked, 'dist', 'aarm.js'),
      'install',
      'cline',
    ]);
    assert.equal(installed.code, 0, installed.stderr);
    assert.match(
      installed.stderr,
      /this aarm runs from a temporary folder \(.*\): .*\/package\. What it installs would stop working once that is gone, so it starts a copy instead: /,
    );
    const script = readFileSync(join(u.project, '.clinerules', 'hooks', 'PreToolUse'), 'utf8');
    assert.match(script, /\.local\/share\/aarm\/runtime\/0\.1\.0-[0-9a-f]{12}\/dist\/aarm\.js" hook cline/);
    const launcher = join(u.home, '.local', 'share', 'aarm', 'bin', 'aarm');
    const again = await runAs(u, [launcher, 'install', 'claude-code']);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stderr, '', 'the copy is a lasting place');
    const copies = readdirSync(join(u.home, '.local', 'share', 'aarm', 'runtime'));
    assert.equal(copies.length, 1, 'the copy the hooks start is kept');
    const hook: string = JSON.parse(readFileSync(join(u.home, '.claude', 'settings.json'), 'utf8')).hooks
      .PreToolUse[0].hooks[0].command;
    assert.ok(
      hook.includes(join(u.home, '.local', 'share', 'aarm', 'runtime', copies[0]!, 'dist', 'aarm.js')),
      hook,
    );
    assert.equal((await runAs(u, [launcher, 'uninstall', 'claude-code'])).code, 0);
    const removed = await runAs(u, [
      process.execPath,
      join(unpacked, 'dist', 'aarm.js'),
      'uninstall',
      'cline',
    ]);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(snapshot(u.home), {});
    assert.deepEqual(snapshot(u.project), {});
  } finally {
    temp.cleanup();
  }
});

test('install service (systemd): the unit runs this aarm with this Node and restarts it on failure; it is enabled and started when systemctl --user works, uninstall stops and removes it', async () => {
  const temp = tempDir('aarm-service-');
  try {
    const u = user(temp.dir);
    const log = recordingTool(u.bin, 'systemctl');
    const run = (args: string[]) => runCli(args, { env: u.env, cwd: u.project });
    const installed = await run(['install', 'service']);
    assert.equal(installed.code, 0, installed.stderr);
    assert.equal(installed.stderr, '', 'a checkout is a lasting place: no warning, no copy');
    const unit = readFileSync(join(u.home, '.config', 'systemd', 'user', 'aarm.service'), 'utf8');
    assert.match(unit, new RegExp(`^ExecStart="${process.execPath}" "${CLI}" daemon$`, 'm'));
    assert.match(unit, /^Restart=on-failure$/m);
    assert.match(unit, /^WantedBy=default\.target$/m);
    assert.match(unit, new RegExp(`^Environment="AARM_HOME=${u.env.AARM_HOME}"$`, 'm'));
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
      '--user is-active --quiet aarm.service',
      '--user daemon-reload',
      '--user enable aarm.service',
      '--user start aarm.service',
    ]);
    assert.match(installed.stdout, /journalctl --user -u aarm\.service/);
    assert.match((await run(['install', 'service'])).stdout, /already installed; nothing changed/);

    rmSync(log);
    const removed = await run(['uninstall', 'service']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
      '--user disable --now aarm.service',
      '--user daemon-reload',
    ]);
    assert.deepEqual(snapshot(u.home), {}, 'the home is empty again, as before');
  } finally {
    temp.cleanup();
  }
});

test('install service without a systemd user session: the unit is written and the commands to run are printed', async () => {
  const temp = tempDir('aarm-service-');
  try {
    const u = user(temp.dir);
    recordingTool(u.bin, 'systemctl', 'Failed to connect to bus: No medium found');
    const installed = await runCli(['install', 'service'], { env: u.env, cwd: u.project });
    assert.equal(installed.code, 1);
    assert.ok(existsSync(join(u.home, '.config', 'systemd', 'user', 'aarm.service')));
    assert.match(installed.stderr, /`systemctl --user daemon-reload` failed: Failed to connect to bus/);
    assert.match(
      installed.stderr,
      /\n {2}systemctl --user daemon-reload && systemctl --user enable --now aarm\.service\n/,
    );
  } finally {
    temp.cleanup();
  }
});

test('install service on macOS: a launchd agent in ~/Library/LaunchAgents, loaded with launchctl; uninstall unloads and removes it', () => {
  const temp = tempDir('aarm-service-');
  try {
    const u = user(temp.dir);
    const log = recordingTool(u.bin, 'launchctl');
    const lines: string[] = [];
    const options = {
      platform: 'darwin' as const,
      home: u.home,
      env: u.env,
      cli: CLI,
      out: (line: string) => lines.push(line),
      err: (line: string) => lines.push(line),
    };
    assert.equal(installService(options), 0, lines.join('\n'));
    const plist = readFileSync(join(u.home, 'Library', 'LaunchAgents', 'aarm.daemon.plist'), 'utf8');
    assert.match(
      plist,
      new RegExp(
        `<key>ProgramArguments</key>\\s*<array>\\s*<string>${process.execPath}</string>\\s*<string>${CLI}</string>\\s*<string>daemon</string>`,
      ),
    );
    assert.match(plist, /<key>RunAtLoad<\/key><true\/>/);
    assert.match(plist, /<key>KeepAlive<\/key><dict><key>SuccessfulExit<\/key><false\/><\/dict>/);
    const uid = process.getuid!();
    assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), [
      `print gui/${uid}/aarm.daemon`,
      `bootstrap gui/${uid} ${join(u.home, 'Library', 'LaunchAgents', 'aarm.daemon.plist')}`,
    ]);
    assert.equal(uninstallService(options), 0);
    assert.deepEqual(snapshot(u.home), {});
  } finally {
    temp.cleanup();
  }
});

test('the command that starts the daemon is one that works where the user is', async () => {
  const temp = tempDir('aarm-where-');
  try {
    const u = user(temp.dir);
    const outside = await runCli(['status'], { env: u.env, cwd: u.project });
    assert.equal(outside.code, 1);
    assert.match(outside.stderr, new RegExp(`start it with \`node ${CLI} daemon\``));
    const inside = await runCli(['status'], { env: u.env, cwd: join(REPO, 'daemon') });
    assert.match(inside.stderr, /start it with `npx aarm daemon`/);
    // a global install: `aarm` on PATH is this one
    symlinkSync(CLI, join(u.bin, 'aarm'));
    const global = await runCli(['status'], { env: u.env, cwd: u.project });
    assert.match(global.stderr, /start it with `aarm daemon`/);
    const help = await runCli(['shell', '--help'], { env: u.env, cwd: u.project });
    assert.match(help.stdout, new RegExp(`SHELL="${join(REPO, 'dist', 'aarm-shell.js')}"`));
  } finally {
    temp.cleanup();
  }
});
