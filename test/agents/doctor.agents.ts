/**
 * `aarm doctor` on a fresh home where the real Claude Code, Codex and Gemini CLI are installed (on PATH): with
 * nothing set up, working, untrusted, and half-removed. Codex is asked about its hooks itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI } from '../helpers/env.js';
import { geminiUser, hookCli, newWorld, startDaemon, type World } from './harness.js';
import type { DoctorReport } from '../../daemon/src/cli/doctor.js';

async function doctor(world: World): Promise<{ code: number | null; text: string; report: DoctorReport }> {
  const text = await world.aarm(['doctor']);
  const json = await world.aarm(['doctor', '--json']);
  assert.equal(json.code, text.code);
  return { code: text.code, text: text.stdout, report: JSON.parse(json.stdout) as DoctorReport };
}

const problems = (report: DoctorReport) =>
  [...report.daemon, ...report.agents.flatMap((a) => a.checks)].filter((c) => !c.ok);

test('doctor: a fresh home with the agents installed and nothing set up: every gap, with its fix', async () => {
  const world = newWorld();
  try {
    const { code, text, report } = await doctor(world);
    assert.equal(code, 1);
    assert.deepEqual(
      problems(report).map((p) => p.fix),
      // the daemon's fix as it works from the project (outside the checkout)
      [`node ${CLI} daemon`, 'aarm install claude-code', 'aarm install codex', 'aarm install gemini-cli'],
    );
    assert.match(
      text,
      /claude-code \(.*node_modules\/\.bin\/claude\)\n  PROBLEM no aarm hook in .*: claude-code's tool calls are not judged\n\s+fix: aarm install claude-code/,
    );
    assert.match(text, /cline: not found on this machine/);
  } finally {
    world.cleanup();
  }
});

test('doctor: the agents installed as the README says, daemon running: all well, Codex confirms, dry calls answered', async () => {
  const world = newWorld();
  const daemon = await startDaemon(world);
  try {
    geminiUser(world); // the project trusted in Gemini CLI
    assert.equal((await world.aarm(['install', 'claude-code'])).code, 0);
    assert.equal((await world.aarm(['install', 'codex'])).code, 0);
    assert.equal((await world.aarm(['install', 'gemini-cli'])).code, 0);
    const { code, text, report } = await doctor(world);
    assert.deepEqual(problems(report), []);
    assert.equal(code, 0, text);
    const cli = hookCli(readFileSync(join(world.home, '.claude', 'settings.json'), 'utf8'));
    assert.equal(cli === CLI || cli.includes('/.local/share/aarm/runtime/'), true, cli);
    assert.match(text, new RegExp(`ok +the hook runs ${cli}`));
    assert.match(text, /ok +Codex 0\.171\.0 trusts and runs aarm's hook \(preToolUse, userPromptSubmit\)/);
    assert.match(text, /dry call through the hook's own command line was answered \(allow\)/);
    assert.match(
      text,
      /gemini-cli \(.*\)\n  ok +Gemini CLI trusts .*project \(.*trustedFolders\.json\), so it runs hooks here/,
    );
    assert.match(text, /ok +.*\.gemini\/settings\.json sends BeforeTool, AfterTool, BeforeAgent to aarm/);
    assert.match(text, /Every agent found sends its tool calls to aarm\./);
  } finally {
    await daemon.stop();
    world.cleanup();
  }
});

test('doctor: a hook edited after install is no longer trusted by Codex (modified)', async () => {
  const world = newWorld();
  const daemon = await startDaemon(world);
  try {
    await world.aarm(['install', 'codex']);
    const file = join(world.home, '.codex', 'hooks.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"timeout": 600', '"timeout": 300'));
    const { code, text } = await doctor(world);
    assert.equal(code, 1);
    assert.match(
      text,
      /PROBLEM Codex 0\.171\.0 skips aarm's hook without a word: preToolUse is modified\n\s+fix: aarm install codex/,
    );
    assert.equal((await world.aarm(['install', 'codex'])).code, 0, 'install repairs it');
    assert.doesNotMatch((await doctor(world)).text, /PROBLEM Codex/);
  } finally {
    await daemon.stop();
    world.cleanup();
  }
});

test('doctor: half-removed set-ups: a moved checkout, an old hook without the fallback, no PreToolUse', async () => {
  const world = newWorld();
  const daemon = await startDaemon(world);
  try {
    await world.aarm(['install', 'claude-code']);
    const file = join(world.home, '.claude', 'settings.json');
    const settings = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      settings.replaceAll(
        JSON.stringify(JSON.stringify(hookCli(settings))).slice(1, -1),
        '\\"/gone/checkout/dist/aarm.js\\"',
      ),
    );
    let { text } = await doctor(world);
    assert.match(
      text,
      /PROBLEM the hook runs \/gone\/checkout\/dist\/aarm\.js, which no longer exists \(a moved or removed checkout\): every tool call is blocked\n\s+fix: aarm install claude-code/,
    );

    const parsed = JSON.parse(settings) as {
      hooks: Record<string, Array<{ hooks: Array<{ command: string }> }>>;
    };
    for (const groups of Object.values(parsed.hooks))
      for (const group of groups)
        for (const hook of group.hooks) hook.command = hook.command.replace(/ \|\| \{.*\}$/, ' || exit 2');
    delete parsed.hooks.PreToolUse;
    writeFileSync(file, JSON.stringify(parsed));
    ({ text } = await doctor(world));
    assert.match(
      text,
      /PROBLEM .*settings\.json has aarm hooks but none before a tool call \(PreToolUse\): nothing is judged/,
    );
    assert.match(
      text,
      /PROBLEM the hook command has no fallback that blocks the call when the hook crashes or is killed/,
    );

    await world.aarm(['uninstall', 'claude-code']);
    ({ text } = await doctor(world));
    assert.match(text, /PROBLEM no aarm hook in .*claude-code's tool calls are not judged/);
  } finally {
    await daemon.stop();
    world.cleanup();
  }
});

test('doctor: settings that stop the hook from running are problems, each with its fix', async () => {
  const world = newWorld();
  const daemon = await startDaemon(world);
  try {
    await world.aarm(['install', 'claude-code']);
    await world.aarm(['install', 'codex']);
    mkdirSync(join(world.project, '.claude'), { recursive: true });
    writeFileSync(join(world.project, '.claude', 'settings.local.json'), '{"disableAllHooks": true}');
    const settingsFile = join(world.home, '.claude', 'settings.json');
    writeFileSync(
      settingsFile,
      readFileSync(settingsFile, 'utf8').replace('"matcher": "*"', '"matcher": "Read"'),
    );
    const config = join(world.home, '.codex', 'config.toml');
    writeFileSync(config, `[features]\ncodex_hooks = false\n\n${readFileSync(config, 'utf8')}`);
    const { code, text } = await doctor(world);
    assert.equal(code, 1);
    assert.match(
      text,
      /PROBLEM .*settings\.local\.json sets `disableAllHooks`: Claude Code runs no hook, aarm's included\n\s+fix: remove `"disableAllHooks": true` from/,
    );
    assert.match(
      text,
      /PROBLEM aarm's PreToolUse hook in .* only runs for tools matching `Read`: every other tool call is not judged/,
    );
    assert.match(
      text,
      /PROBLEM Codex runs no hook at all: `codex_hooks = false` in .*config\.toml\n\s+fix: delete `codex_hooks = false`/,
    );
    // install repairs what is its own to repair, and says what it cannot
    const install = await world.aarm(['install', 'claude-code']);
    assert.equal(install.code, 0);
    assert.doesNotMatch((await doctor(world)).text, /only runs for tools matching/);
    const codex = await world.aarm(['install', 'codex']);
    assert.equal(codex.code, 1);
    assert.match(
      codex.stderr,
      /Codex runs no hook at all while .* says `codex_hooks = false`: delete that line/,
    );
  } finally {
    await daemon.stop();
    world.cleanup();
  }
});
