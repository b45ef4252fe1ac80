/**
 * `aarm doctor` for VS Code agent mode, as a user meets it: a home where VS Code and Copilot Chat
 * are installed (their folders, as VS Code lays them out), aarm's hook installed or not, the
 * settings that switch hooks off, against a real daemon (the dry call goes through the hook's own
 * command line).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runCli, startTestDaemon } from '../helpers/env.js';
import type { DoctorReport } from '../../daemon/src/cli/doctor.js';
import { parseJsonc } from '../../daemon/src/cli/doctor.js';

test('doctor, VS Code agent mode: no hook, then installed and answering, then every setting that lets calls through unjudged', async () => {
  const t = await startTestDaemon();
  try {
    const home = t.userHome;
    mkdirSync(t.workspace, { recursive: true });
    const env = {
      HOME: home,
      AARM_HOME: t.homeDir,
      XDG_CONFIG_HOME: join(home, '.config'),
      PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
    };
    const aarm = (args: string[]) => runCli(args, { env, cwd: t.workspace });
    const doctor = async () => {
      const text = await aarm(['doctor']);
      const json = await aarm(['doctor', '--json']);
      const report = JSON.parse(json.stdout) as DoctorReport;
      return { code: text.code, text: text.stdout, vscode: report.agents.find((a) => a.agent === 'vscode')! };
    };
    const problems = (checks: Array<{ ok: boolean; what: string; fix?: string }>) =>
      checks.filter((c) => !c.ok);

    // VS Code as it lays itself out: user settings, and extensions (Copilot Chat 0.38).
    const settingsFile = join(home, '.config', 'Code', 'User', 'settings.json');
    mkdirSync(dirname(settingsFile), { recursive: true });
    writeFileSync(settingsFile, '{\n  // mine\n  "editor.fontSize": 14,\n}\n');
    const extensions = join(home, '.vscode', 'extensions');
    mkdirSync(join(extensions, 'github.copilot-chat-0.38.2'), { recursive: true });

    let { code, text, vscode } = await doctor();
    assert.equal(code, 1);
    assert.equal(vscode.found, join(home, '.config', 'Code', 'User'));
    assert.deepEqual(
      problems(vscode.checks).map((c) => c.fix),
      ['aarm install vscode'],
    );
    assert.match(
      text,
      /vscode \(.*\)\n(.*\n)*  PROBLEM no aarm hook in .*\.copilot\/hooks\/aarm\.json or .*\.github\/hooks\/aarm\.json/,
    );
    assert.match(text, /ok +GitHub Copilot Chat 0\.38\.2 runs agent hooks/);
    assert.match(text, /the aarm extension is not installed/);

    assert.equal((await aarm(['install', 'vscode'])).code, 0);
    mkdirSync(join(extensions, 'aarm.aarm-0.1.0'), { recursive: true });
    // Hooks VS Code runs beside aarm's: aarm's own for Claude Code, and a formatter of the team's.
    assert.equal((await aarm(['install', 'claude-code'])).code, 0);
    const teamHook = join(t.workspace, '.github', 'hooks', 'format.json');
    mkdirSync(dirname(teamHook), { recursive: true });
    writeFileSync(teamHook, '{"hooks":{"PreToolUse":[{"type":"command","command":"./fmt.sh"}]}}');
    ({ code, text, vscode } = await doctor());
    assert.deepEqual(problems(vscode.checks), [], text);
    assert.equal(code, 0, text);
    const hookFile = join(home, '.copilot', 'hooks', 'aarm.json');
    assert.match(text, new RegExp(`ok +${hookFile} sends PreToolUse, PostToolUse, UserPromptSubmit to aarm`));
    assert.match(text, /ok +VS Code gives the hook 600 s; it blocks a call still unanswered at 540 s/);
    assert.match(text, /ok +a dry call through the hook's own command line was answered \(allow\)/);
    assert.match(text, /ok +the aarm extension 0\.1\.0 is installed/);
    assert.match(
      text,
      /ok +VS Code also runs aarm's Claude Code hook in .*\.claude\/settings\.json: each call is judged twice/,
    );
    assert.match(
      text,
      new RegExp(
        `ok +VS Code also runs other PreToolUse hooks \\(${teamHook}\\): aarm's deny wins over their answers`,
      ),
    );

    // What lets agent mode's calls run unjudged, each said with its fix.
    writeFileSync(
      settingsFile,
      '{\n  // hooks off for now\n  "chat.useHooks": false,\n  "chat.hookFilesLocations": { ".github/hooks": true, "~/.copilot/hooks": false, },\n}\n',
    );
    const installed = JSON.parse(readFileSync(hookFile, 'utf8'));
    delete installed.hooks.PreToolUse[0].timeout; // VS Code's default: 30 s
    // as an earlier aarm wrote it: no trap for VS Code's SIGTERM
    installed.hooks.PreToolUse[0].command = installed.hooks.PreToolUse[0].command
      .replace(/^trap '[^']*' TERM; \{ /, '')
      .replace(' <&3 3<&- & wait $!; } 3<&0', '');
    delete installed.hooks.PostToolUse;
    writeFileSync(hookFile, JSON.stringify(installed, null, 2));
    mkdirSync(join(extensions, 'github.copilot-chat-0.36.1'));
    ({ code, text, vscode } = await doctor());
    assert.equal(code, 1);
    assert.deepEqual(
      problems(vscode.checks).map((c) => c.what.replaceAll(home, '~')),
      [
        `~/.copilot/hooks/aarm.json has no aarm hook for PostToolUse: outcomes are not recorded`,
        "VS Code stops aarm's hook after 30 s (the default), before the hook gives up and blocks at 540 s: a call that waits longer (for an approver) runs",
        'the hook command does not block the call when VS Code stops it (at its timeout): VS Code would run it',
        `~/.config/Code/User/settings.json sets \`"chat.useHooks": false\`: VS Code runs no hook, aarm's included, and agent mode's tool calls are not judged`,
        '~/.config/Code/User/settings.json sets `"~/.copilot/hooks": false` in `chat.hookFilesLocations`: VS Code does not load ~/.copilot/hooks/aarm.json',
      ],
    );
    assert.match(text, /fix: remove `"chat.useHooks": false` from .*settings\.json/);
    assert.match(
      text,
      /ok +GitHub Copilot Chat 0\.38\.2 runs agent hooks/,
      'the newest one installed counts',
    );

    // A Copilot Chat from before agent hooks runs every call unasked.
    writeFileSync(settingsFile, '{}');
    assert.equal((await aarm(['install', 'vscode'])).code, 0);
    const { execFileSync } = await import('node:child_process');
    execFileSync('rm', ['-r', join(extensions, 'github.copilot-chat-0.38.2')]);
    ({ vscode } = await doctor());
    assert.deepEqual(
      problems(vscode.checks).map((c) => [c.what.replace(extensions, 'EXT'), c.fix]),
      [
        [
          "GitHub Copilot Chat 0.36.1 (EXT) runs no agent hooks (they came with 0.37, VS Code 1.109): agent mode's tool calls are not judged",
          'update VS Code and GitHub Copilot Chat',
        ],
      ],
    );
  } finally {
    await t.close();
  }
});

test("VS Code's settings are read as VS Code writes them: comments and trailing commas, strings left alone", () => {
  assert.deepEqual(
    parseJsonc('{\n  // a comment\n  "a": "x // not a comment, }", /* block */ "b": [1, 2,],\n}'),
    { a: 'x // not a comment, }', b: [1, 2] },
  );
  assert.throws(() => parseJsonc('{"a": }'));
});
