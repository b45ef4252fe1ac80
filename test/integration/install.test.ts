/**
 * `aarm install` / `aarm uninstall` as a user runs them, on a throw-away HOME, and the hook's own
 * guarantees: a deadline before the agent's timeout, and a fallback that blocks with a reason.
 * (The real agents run these hooks in `npm run test:agents`.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawn } from 'node:child_process';
import { CLI, runCli, startTestDaemon, tempDir } from '../helpers/env.js';
import { codexHookHash, readCodexTrust } from '../../daemon/src/cli/codex-trust.js';

/** A user whose PATH has Node but no agents (so `aarm install codex` cannot ask Codex). */
function user() {
  const temp = tempDir('aarm-install-');
  const home = join(temp.dir, 'home');
  const project = join(temp.dir, 'project');
  mkdirSync(home, { recursive: true });
  mkdirSync(project, { recursive: true });
  const env = { HOME: home, PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, CODEX_HOME: '' };
  return {
    home,
    project,
    run: (args: string[]) => runCli(args, { env, cwd: project }),
    json: (file: string) => JSON.parse(readFileSync(join(home, file), 'utf8')),
    cleanup: temp.cleanup,
  };
}

const FALLBACK =
  / \|\| \{ echo "aarm: the hook failed \(exit status \$\?\), so the tool call is blocked" >&2; exit 2; \}$/;

test("install claude-code: hooks with a fallback and a timeout, the user's settings kept, idempotent, an old aarm hook replaced in place", async () => {
  const u = user();
  try {
    mkdirSync(join(u.home, '.claude'));
    const theirs = { type: 'command', command: 'my-linter --check' };
    writeFileSync(
      join(u.home, '.claude', 'settings.json'),
      JSON.stringify({
        model: 'opus',
        hooks: {
          PreToolUse: [
            {
              matcher: '*',
              hooks: [
                theirs,
                { type: 'command', command: '"/old/node" "/old/aarm.js" hook claude-code || exit 2' },
              ],
            },
          ],
        },
      }),
    );
    const first = await u.run(['install', 'claude-code']);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.stdout,
      /aarm's hook for PreToolUse, PostToolUse, PostToolUseFailure, UserPromptSubmit/,
    );
    const settings = u.json('.claude/settings.json');
    assert.equal(settings.model, 'opus');
    const pre = settings.hooks.PreToolUse;
    assert.equal(pre.length, 1, 'the old aarm hook was updated where it stood');
    assert.deepEqual(pre[0].hooks[0], theirs);
    assert.ok(
      pre[0].hooks[1].command.startsWith(
        `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} hook claude-code || {`,
      ),
    );
    assert.match(pre[0].hooks[1].command, FALLBACK);
    assert.equal(pre[0].hooks[1].timeout, 600);
    // the outcome hook only reports: it runs in the background, and the agent does not wait for it
    const post = settings.hooks.PostToolUse[0].hooks[0].command as string;
    assert.equal(
      post,
      `{ ${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} hook claude-code <&3 >/dev/null 2>&1 3<&- & } 3<&0`,
    );
    assert.doesNotMatch(post, FALLBACK);
    assert.equal(settings.hooks.PostToolUseFailure[0].hooks[0].command, post);
    // the prompt hook records the user's request and never blocks the prompt: no exit 2 fallback
    const prompt = settings.hooks.UserPromptSubmit[0].hooks[0].command as string;
    assert.match(prompt, /hook claude-code \|\| \{ echo "aarm: the prompt hook failed/);
    assert.doesNotMatch(prompt, /exit 2/);

    const again = await u.run(['install', 'claude-code']);
    assert.match(again.stdout, /already sends tool calls to aarm; nothing changed/);

    const shorter = await u.run(['install', 'claude-code', '--timeout', '120']);
    assert.equal(shorter.code, 0);
    const updated = u.json('.claude/settings.json').hooks.PreToolUse[0].hooks[1];
    assert.equal(updated.timeout, 120);
    assert.match(updated.command, /hook claude-code --timeout 120 \|\|/);

    const removed = await u.run(['uninstall', 'claude-code']);
    assert.match(removed.stdout, /removed 4 aarm hook/);
    assert.deepEqual(u.json('.claude/settings.json'), {
      model: 'opus',
      hooks: { PreToolUse: [{ matcher: '*', hooks: [theirs] }] },
    });
    assert.match((await u.run(['uninstall', 'claude-code'])).stdout, /has no aarm hook; nothing changed/);
    assert.equal(
      (await u.run(['install', 'claude-code', '--timeout', '1'])).code,
      2,
      'a timeout under 5 s is refused',
    );
  } finally {
    u.cleanup();
  }
});

test('install codex: the hook, and the trust entry Codex needs (computed as Codex does) in config.toml; uninstall takes both out', async () => {
  const u = user();
  try {
    mkdirSync(join(u.home, '.codex'));
    const config = '# my Codex settings\nmodel = "o3"\n';
    writeFileSync(join(u.home, '.codex', 'config.toml'), config);
    const install = await u.run(['install', 'codex']);
    assert.equal(install.code, 0, install.stderr);
    const hooks = u.json('.codex/hooks.json');
    const handler = hooks.hooks.PreToolUse[0].hooks[0];
    assert.match(handler.command, FALLBACK);
    assert.deepEqual(Object.keys(hooks.hooks), ['PreToolUse', 'UserPromptSubmit']);
    const key = `${join(u.home, '.codex', 'hooks.json')}:pre_tool_use:0:0`;
    const promptHandler = hooks.hooks.UserPromptSubmit[0].hooks[0];
    assert.doesNotMatch(
      promptHandler.command,
      /exit 2/,
      "a failing prompt hook must not drop the user's prompt",
    );
    const text = readFileSync(join(u.home, '.codex', 'config.toml'), 'utf8');
    assert.ok(text.startsWith(config), "the user's config is kept as it was");
    assert.equal(
      readCodexTrust(text).get(key)?.trustedHash,
      codexHookHash('PreToolUse', { matcher: '*' }, handler),
    );
    assert.equal(
      readCodexTrust(text).get(`${join(u.home, '.codex', 'hooks.json')}:user_prompt_submit:0:0`)?.trustedHash,
      codexHookHash('UserPromptSubmit', { matcher: '*' }, promptHandler),
    );
    assert.match(install.stdout, /\+ trusted_hash of .*hooks\.json:pre_tool_use:0:0 = sha256:[0-9a-f]{64}/);
    assert.match(
      install.stdout,
      /codex is not on PATH, so Codex itself was not asked; run `node .*\/dist\/aarm\.js doctor`/,
    );
    assert.doesNotMatch(install.stdout, /codex_hooks/, 'the obsolete feature-flag advice is gone');

    const again = await u.run(['install', 'codex']);
    assert.match(again.stdout, /already trusts aarm's hooks; nothing changed/);

    const removed = await u.run(['uninstall', 'codex']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(readFileSync(join(u.home, '.codex', 'config.toml'), 'utf8'), config);
    assert.equal(
      existsSync(join(u.home, '.codex', 'hooks.json')),
      false,
      'aarm created it: it goes, as it was',
    );
  } finally {
    u.cleanup();
  }
});

test('install codex: a config.toml that names the trust in a form aarm does not edit is left alone, and nothing is written', async () => {
  const u = user();
  try {
    mkdirSync(join(u.home, '.codex'));
    const key = `${join(u.home, '.codex', 'hooks.json')}:pre_tool_use:0:0`;
    const config = `[hooks.state]\n"${key}" = { trusted_hash = "sha256:old" }\n`;
    writeFileSync(join(u.home, '.codex', 'config.toml'), config);
    const install = await u.run(['install', 'codex']);
    assert.equal(install.code, 1);
    assert.match(
      install.stderr,
      /cannot edit .*config\.toml: it names a hook's trust in a form aarm does not edit.*Nothing was changed/,
    );
    assert.match(install.stderr, /\[hooks\.state\.".*:pre_tool_use:0:0"\]\ntrusted_hash = "sha256:/);
    assert.equal(readFileSync(join(u.home, '.codex', 'config.toml'), 'utf8'), config);
    assert.equal(existsSync(join(u.home, '.codex', 'hooks.json')), false);
  } finally {
    u.cleanup();
  }
});

test('install cline: a hook script with the fallback, and the prompt hook; uninstall removes both', async () => {
  const u = user();
  try {
    assert.equal((await u.run(['install', 'cline'])).code, 0);
    const script = readFileSync(join(u.project, '.clinerules', 'hooks', 'PreToolUse'), 'utf8');
    assert.match(script.trimEnd().split('\n').at(-1)!, FALLBACK);
    const prompt = readFileSync(join(u.project, '.clinerules', 'hooks', 'UserPromptSubmit'), 'utf8');
    assert.match(
      prompt,
      /hook cline \|\| \{ echo "aarm: the prompt hook failed .*; echo '\{"cancel":false\}'; \}/,
      'Cline goes on even when the hook fails',
    );
    const removed = (await u.run(['uninstall', 'cline'])).stdout;
    assert.match(removed, /removed .*PreToolUse/);
    assert.match(removed, /removed .*UserPromptSubmit/);
    assert.equal(existsSync(join(u.project, '.clinerules', 'hooks', 'PreToolUse')), false);
    assert.equal(existsSync(join(u.project, '.clinerules', 'hooks', 'UserPromptSubmit')), false);
  } finally {
    u.cleanup();
  }
});

/** Run a hook command line through sh, as the agents do. */
function runHookLine(command: string, input: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number | null; stdout: string; stderr: string; ms: number }>((resolve) => {
    const started = Date.now();
    const child = spawn('/bin/sh', ['-c', command], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end(input);
  });
}

test("hook: a step-up nobody answers is blocked, with a reason, before the agent's timeout runs out", async () => {
  const t = await startTestDaemon({ approvalTimeoutMs: 60_000 });
  try {
    const approver = await t.approver();
    approver.onMessage(() => {}); // connected, never answers
    const input = JSON.stringify({
      session_id: 's',
      cwd: t.workspace,
      hook_event_name: 'PreToolUse',
      tool_name: 'Bash',
      tool_input: { command: 'git push --force origin main' },
    });
    const result = await runHookLine(`"${process.execPath}" "${CLI}" hook codex --timeout 5`, input, {
      AARM_HOME: t.homeDir,
    });
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /^aarm: no answer from the daemon within 2 s \(the agent gives the hook 5 s\), so the tool call is blocked/,
    );
    assert.ok(result.ms < 5000, `answered in ${result.ms} ms, inside the agent's 5 s`);
  } finally {
    await t.close();
  }
});

test('hook: when Node cannot even start the hook, the installed fallback blocks with a reason', async () => {
  const u = user();
  try {
    await u.run(['install', 'codex']);
    const command: string = u.json('.codex/hooks.json').hooks.PreToolUse[0].hooks[0].command;
    const moved = command.replace(JSON.stringify(CLI), '"/moved/away/aarm.js"');
    const result = await runHookLine(moved, '{}', {});
    assert.equal(result.code, 2);
    assert.match(result.stderr, /aarm: the hook failed \(exit status 1\), so the tool call is blocked/);
  } finally {
    u.cleanup();
  }
});
