/**
 * The packaged extension, as a user gets it: `npm run package` builds the .vsix, `code-server
 * --install-extension` installs it, and the approval flow runs through it — the daemon it starts is
 * the one inside the package. Also the Session at a Glance view and the receipt page's long values.
 * Screenshots go to test/e2e/screenshots/. Run with `npm run test:e2e`.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { connect, type AarmClient } from '../../daemon/src/client/client.js';
import { confirmInTerminal, shellAction, storedReceipts, tempDir } from '../helpers/env.js';
import { e2eWorkspace } from './fixture.js';
import {
  REPO,
  clickNotificationButton,
  notification,
  openBrowser,
  runCommand,
  screenshot,
  startCodeServer,
  webviewFrame,
  type Browser,
  type CodeServer,
} from './harness.js';

const fixture = e2eWorkspace();
const { home, workspace, env } = fixture;
const out = tempDir('aarm-vsix-');
after(() => {
  fixture.cleanup();
  out.cleanup();
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('the packaged .vsix, installed into VS Code: it ships what it needs, starts its own daemon, and approves', async (t) => {
  const vsix = join(out.dir, 'aarm.vsix');
  const packaged = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: REPO, encoding: 'utf8' });
  assert.equal(packaged.status, 0, `npm run package failed:\n${packaged.stdout}\n${packaged.stderr}`);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const clients: AarmClient[] = [];
  try {
    server = await startCodeServer({ workspace, vsix, env });
    const installed = join(server.extensionsDir, 'aarm.aarm-0.1.0');
    const shipped = files(installed).map((f) => relative(installed, f));

    await t.test(
      'the package holds the bundles, the policy pack and SQLite for the daemon, and nothing else',
      () => {
        for (const needed of [
          'package.json',
          'dist/extension.js',
          'dist/aarm.js',
          'dist/aarm-full.js',
          'dist/aarm-lean.js',
          'dist/aarm-lsp.js',
          'policies/default.aarm.yaml',
          'syntaxes/aarm-policy.tmLanguage.json',
          'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        ])
          assert.ok(shipped.includes(needed), `${needed} is in the package`);
        const unexpected = shipped.filter(
          (f) =>
            /^(test|daemon|extension|scripts|bench|docs|\.vscode-test)\//.test(f) ||
            f.endsWith('.map') ||
            f.endsWith('.ts') ||
            (f.startsWith('node_modules/') &&
              !/^node_modules\/(better-sqlite3|bindings|file-uri-to-path)\//.test(f)) ||
            /^node_modules\/[^/]+\/(test|src|deps)\//.test(f),
        );
        assert.deepEqual(unexpected, [], 'no sources, tests, source maps or other modules');
        // The extension host loads no native module: SQLite is the daemon's, a process of its own.
        const bundle = readFileSync(join(installed, 'dist', 'extension.js'), 'utf8');
        assert.doesNotMatch(bundle, /better-sqlite3|\.node['"]/);
      },
    );

    browser = await openBrowser(server.url);
    const page = browser.page;
    let failures = 0;
    const step = (name: string, body: () => Promise<void>) =>
      t.test(name, async () => {
        try {
          await body();
        } catch (error) {
          await screenshot(page, `vsix-failure-${++failures}`).catch(() => {});
          throw error;
        }
      });

    await step('the installed extension starts the daemon from its own package and connects', async () => {
      await page
        .locator('.statusbar-item', { hasText: /AARM(?! connecting| disconnected)/ })
        .first()
        .waitFor({ timeout: 60_000 });
      const { pid } = JSON.parse(readFileSync(join(home, 'daemon.json'), 'utf8')) as { pid: number };
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      assert.ok(
        commandLine.includes(join(installed, 'dist', 'aarm.js')),
        `the daemon runs the packaged CLI: ${commandLine.join(' ')}`,
      );
      const toast = await notification(page, /approver key apr-[0-9a-f-]+ waits for confirmation/, 30_000);
      const keyId = /approver key (apr-[0-9a-f-]+)/.exec((await toast.textContent()) ?? '')?.[1];
      assert.ok(keyId);
      const confirmed = await confirmInTerminal(home, keyId);
      assert.equal(confirmed.code, 0, confirmed.stderr);
      await clickNotificationButton(page, /waits for confirmation/, 'Copy Command').catch(() => {});
    });

    const agent = await connect({ homeDir: home, client: { name: 'e2e-agent' }, session: 'e2e-vsix' });
    clients.push(agent);

    await step(
      'the session view shows the decisions by risk and rule, and the approval waiting',
      async () => {
        for (const [command, verdict] of [
          ['npm test', 'allow'],
          ['ls -la', 'allow'],
          ['rm -rf ~', 'deny'],
        ]) {
          const decided = await agent.submit(shellAction(command!, workspace));
          assert.equal(
            decided.verdict,
            verdict,
            `${command}: ${decided.decision.rule}: ${decided.decision.reason}`,
          );
        }
        const reply = agent.submit(shellAction('git push --force origin main', workspace));
        await notification(page, /rule history-rewrite/, 30_000);
        await runCommand(page, 'AARM: Show Session at a Glance');
        const glance = await webviewFrame(page, 'Session at a Glance');
        await glance.getByText('Session e2e-vsix').waitFor({ timeout: 20_000 });
        await glance.getByText('Waiting for you (1)').waitFor({ timeout: 20_000 });
        await glance.getByText(/3 decisions .* 2 allowed, 1 denied/).waitFor({ timeout: 20_000 });
        await glance.locator('table.rules tr', { hasText: 'destroy-root-or-home' }).waitFor();
        assert.equal((await glance.locator('svg.chart rect.bar').count()) > 0, true, 'the chart has bars');
        await widenSideBar(page);
        // Room for the view: the other two folded (the timeline command unfolds its own again).
        await foldView(page, 'Receipts');
        await foldView(page, 'Grants');
        await page.mouse.move(1000, 200); // off the chart: a hovered bar is highlighted
        await screenshot(page, 'session-view');

        // Allow in the notification: the receipt is signed by this VS Code's key, and the view updates.
        await clickNotificationButton(page, /rule history-rewrite/, 'Allow');
        const decided = await reply;
        assert.equal(decided.verdict, 'allow');
        const receipt = storedReceipts(home).find((r) => r.id === decided.receiptId);
        assert.ok(receipt?.kind === 'action');
        assert.equal(receipt.approval.status, 'approved');
        assert.match(receipt.approval.approver ?? '', /via vscode .*\(apr-[0-9a-f-]+\)/);
        assert.ok(receipt.approval.signature);
        await glance.getByText(/4 decisions .* 3 allowed, 1 denied/).waitFor({ timeout: 20_000 });
        assert.equal(await glance.getByText('Waiting for you').count(), 0);
        await glance
          .locator('table.rules tr', { hasText: 'history-rewrite' })
          .filter({ hasText: /1\s*1\s*0\s*high/ })
          .waitFor({ timeout: 10_000 });
        await screenshot(page, 'session-view-answered');
      },
    );

    await step(
      'the receipt page shows long hashes cut to a line, whole on hover, copied on a click',
      async () => {
        await runCommand(page, 'AARM: Show Receipt Timeline');
        await page.locator('.monaco-list-row', { hasText: 'e2e-vsix' }).first().click({ timeout: 20_000 });
        await page
          .locator('.monaco-list-row', { hasText: 'git push --force origin main' })
          .first()
          .click({ timeout: 20_000 });
        const receipt = await webviewFrame(page, 'Receipt: git push --force origin main');
        const hash = receipt.locator('tr', { hasText: /^Hash/ }).locator('.long-value');
        await hash.waitFor({ timeout: 20_000 });
        const full = (await hash.getAttribute('data-copy')) ?? '';
        assert.match(full, /^[0-9a-f]{64}$/);
        assert.equal(await hash.getAttribute('title'), `${full} (click to copy)`);
        const box = await hash.boundingBox();
        assert.ok(box && box.width < 400, `cut to a short line (${box?.width} px)`);
        await screenshot(page, 'receipt-long-values');
        await hash.click();
        await receipt.getByText(`Copied ${full}`).waitFor({ timeout: 10_000 });
      },
    );
  } catch (error) {
    if (browser) await screenshot(browser.page, 'vsix-failure').catch(() => {});
    throw error;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await browser?.close();
    await server?.stop();
  }
});

/** Folds the side bar view `name` if it is open. */
async function foldView(page: Browser['page'], name: string): Promise<void> {
  const header = page.locator('.pane-header', { hasText: new RegExp(`^${name}`, 'i') }).first();
  if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
}

/** Drags the side bar's edge to the right so the views can be read. */
async function widenSideBar(page: Browser['page']): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (box === null) return;
  const edge = box.x + box.width;
  await page.mouse.move(edge + 1, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge + 400, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}
