/**
 * The terminal approver as a human sees it: `aarm approve` in a real pseudo-terminal (tmux) answers
 * a step-up of a real daemon, and the screen is kept as a picture (test/e2e/screenshots/).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { CLI, shellAction, startTestDaemon } from '../helpers/env.js';
import { terminal } from '../helpers/terminal.js';
import { terminalScreenshot } from './terminal.js';

test('aarm approve: the list, the action in full and the confirmation, as pictures', async () => {
  const t = await startTestDaemon();
  const tty = terminal(t.root, t.homeDir, [process.execPath, CLI, 'approve'], { columns: 100, rows: 30 });
  try {
    mkdirSync(t.workspace, { recursive: true });
    await tty.waitFor(/\[y\/N\]/);
    tty.keys('y');
    await tty.waitFor(/this terminal approves with key/);
    const agent = await t.client({ session: 'fix-login', identity: { agent: { name: 'claude-code' } } });
    await agent.setRequest('fix the login bug and push it');
    const push = agent.submit(shellAction('git push --force origin main', t.workspace));

    const list = await tty.waitFor(/AARM approvals: 1 pending/);
    assert.match(list, /git push --force origin main/);
    assert.match(list, /HIGH risk, rule history-rewrite/);
    // The first picture of a new request already offers its answers.
    assert.match(list, /a allow once {2}s allow for this session {2}d deny/);
    await terminalScreenshot(tty.colours(), 'terminal-approver');

    tty.keys('a');
    await tty.waitFor(/y allows it/);
    await terminalScreenshot(tty.colours(), 'terminal-approver-confirm');
    tty.keys('y');
    assert.equal((await push).verdict, 'allow');
  } finally {
    tty.close();
    await t.close();
  }
});
