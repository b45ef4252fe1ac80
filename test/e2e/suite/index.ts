/**
 * Tests that run inside the VS Code extension host: in code-server here (test/e2e/run.ts), or in
 * desktop VS Code through @vscode/test-electron where there is internet (test/e2e/electron.ts).
 * They use the extension's API and commands; what needs clicks is in test/e2e/ui.e2e.ts.
 * Environment: AARM_HOME (the daemon's state; the extension must start the daemon itself),
 * AARM_E2E_WORKSPACE (the opened folder, with drafts/broken.aarm.yaml and a hostile .vscode/settings.json).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AarmExtensionApi } from '../../../extension/src/extension.js';
import { connect } from '../../../daemon/src/client/client.js';

const tests: Array<[string, () => Promise<void> | void]> = [];
const test = (name: string, body: () => Promise<void> | void) => tests.push([name, body]);

async function until<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  ms = 30_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const home = process.env.AARM_HOME!;
const workspace = process.env.AARM_E2E_WORKSPACE!;
let api: AarmExtensionApi;

test('the extension activates on a workspace with policy files, starts the daemon and connects as approver', async () => {
  const extension = vscode.extensions.getExtension<AarmExtensionApi>('aarm.aarm');
  assert.ok(extension, 'the extension is installed');
  api = await until('activation (workspaceContains)', () =>
    extension.isActive ? extension.exports : undefined,
  );
  await until('a connection', () => api.connection.state.kind === 'connected' || undefined);
  const info = JSON.parse(readFileSync(join(home, 'daemon.json'), 'utf8')) as { pid: number };
  assert.notEqual(info.pid, process.pid, 'the daemon runs in its own process, not the extension host');
  const status = await api.connection.status();
  assert.equal(status.approvers, 1);
});

test('a workspace setting cannot point the extension at another daemon', () => {
  // .vscode/settings.json of the workspace says "aarm.home": "/tmp/aarm-elsewhere"; it is machine-scoped.
  const settings = readFileSync(join(workspace, '.vscode', 'settings.json'), 'utf8');
  assert.match(settings, /aarm-elsewhere/, 'the hostile workspace setting is there');
  assert.equal(api.homeDir(), home);
  assert.notEqual(vscode.workspace.getConfiguration('aarm').get('home'), '/tmp/aarm-elsewhere');
});

test('a broken policy file shows diagnostics in the Problems panel', async () => {
  const uri = vscode.Uri.file(join(workspace, 'drafts', 'broken.aarm.yaml'));
  const document = await vscode.workspace.openTextDocument(uri);
  assert.equal(document.languageId, 'aarm-policy');
  await vscode.window.showTextDocument(document);
  const diagnostics = await until('diagnostics', () => {
    const found = vscode.languages.getDiagnostics(uri);
    return found.length > 0 ? found : undefined;
  });
  assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error));
});

test('an agent action becomes a receipt in the timeline; export writes a bundle that verifies, and OCSF', async () => {
  const agent = await connect({ homeDir: home, client: { name: 'in-host-agent' }, session: 'in-host' });
  try {
    const reply = await agent.submit({
      tool: 'shell',
      operation: 'exec',
      parameters: { command: 'ls', cwd: workspace },
      context: { workspace },
    });
    assert.equal(reply.verdict, 'allow');
  } finally {
    await agent.close();
  }
  await until(
    'the receipt in the timeline',
    () => api.timeline.lastReceipt?.body.session === 'in-host' || undefined,
  );

  const session = {
    kind: 'session',
    summary: { session: 'in-host', receipts: 0, first: '', last: '', lastSeq: 0 },
  } as const;
  const receiptsShown = async () =>
    ((await api.timeline.getChildren(session)) ?? []).filter((n) => n.kind === 'receipt');
  assert.equal((await receiptsShown()).length, 1);
  await vscode.commands.executeCommand('aarm.timeline.filter', ['deny']);
  assert.equal((await receiptsShown()).length, 0, 'filtered by decision: the allowed ls is hidden');
  await vscode.commands.executeCommand('aarm.timeline.filter', []);
  assert.equal((await receiptsShown()).length, 1);

  const bundle = join(workspace, 'in-host.aarm.jsonl');
  const written = await vscode.commands.executeCommand<string | undefined>('aarm.exportAudit', {
    session: 'in-host',
    format: 'bundle',
    out: bundle,
  });
  assert.equal(written, bundle);
  const verified = await vscode.commands.executeCommand<{ ok: boolean; message: string }>(
    'aarm.verifyBundle',
    {
      file: bundle,
    },
  );
  assert.ok(verified.ok, verified.message);

  const ocsf = join(workspace, 'in-host.ocsf.json');
  await vscode.commands.executeCommand('aarm.exportAudit', { session: null, format: 'ocsf', out: ocsf });
  assert.ok(existsSync(ocsf));
  const events = JSON.parse(readFileSync(ocsf, 'utf8')) as Array<{
    class_uid: number;
    metadata: { uid: string };
  }>;
  // the receipts as API Activity, then the signed head of the chain as Event Log Activity
  assert.ok(events.length >= 2 && events.slice(0, -1).every((e) => e.class_uid === 6003));
  assert.equal(events.at(-1)?.class_uid, 1008);
});

export async function run(): Promise<void> {
  let failed = 0;
  for (const [name, body] of tests) {
    const started = Date.now();
    try {
      await body();
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed++;
      console.log(`not ok - ${name}\n${(error as Error).stack ?? String(error)}`);
    }
  }
  if (failed > 0) throw new Error(`${failed} of ${tests.length} in-host tests failed`);
}
