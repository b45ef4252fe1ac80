/** The policy language server driven over stdio by a plain JSON-RPC client, as any editor would. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { CLI } from '../helpers/env.js';

interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code?: string;
  message: string;
  data?: unknown;
}

test('initialize, didOpen, didChange → publishDiagnostics; hover, completion and quick fixes', async () => {
  const server = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createMessageConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const published: Array<{ uri: string; version?: number; diagnostics: Diagnostic[] }> = [];
  const waiters: Array<() => void> = [];
  connection.onNotification('textDocument/publishDiagnostics', (params: (typeof published)[number]) => {
    published.push(params);
    waiters.splice(0).forEach((wake) => wake());
  });
  const nextDiagnostics = () =>
    new Promise<(typeof published)[number]>((resolve) => waiters.push(() => resolve(published.at(-1)!)));
  connection.listen();
  try {
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    })) as {
      capabilities: { hoverProvider: boolean; completionProvider: unknown; codeActionProvider: unknown };
    };
    assert.equal(init.capabilities.hoverProvider, true);
    await connection.sendNotification('initialized', {});

    const uri = 'file:///tmp/project/.aarm/policy.yaml';
    const broken = 'aarm: 1\nname: p\nrules:\n  - id: a\n    desicion: deny\n    reason: r\n';
    let diagnostics = nextDiagnostics();
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'aarm-policy', version: 1, text: broken },
    });
    const opened = await diagnostics;
    assert.equal(opened.uri, uri);
    const typo = opened.diagnostics.find((d) => d.code === 'unknown-key')!;
    assert.match(typo.message, /unknown key `desicion`; did you mean `decision`\?/);
    assert.deepEqual(typo.range, { start: { line: 4, character: 4 }, end: { line: 4, character: 12 } });
    assert.equal(typo.severity, 1);

    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: typo.range,
      context: { diagnostics: [typo] },
    })) as Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
    assert.equal(actions[0]?.title, 'Rename to `decision`');
    assert.equal(actions[0]?.edit.changes[uri]?.[0]?.newText, 'decision');

    diagnostics = nextDiagnostics();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 4, character: 4 }, end: { line: 4, character: 12 } }, text: 'decision' },
      ],
    });
    const fixed = await diagnostics;
    assert.equal(fixed.version, 2);
    assert.deepEqual(fixed.diagnostics, [], 'the fixed file is clean');

    diagnostics = nextDiagnostics();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [
        {
          text: 'aarm: 1\nname: p\nrules:\n  - id: a\n    when: effects.writez.size() > 0\n    decision: step_up\n    reason: r\n',
        },
      ],
    });
    const field = (await diagnostics).diagnostics[0]!;
    assert.equal(field.code, 'unknown-field');
    assert.deepEqual(field.range.start, { line: 4, character: 18 });

    const hover = (await connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 5, character: 16 },
    })) as { contents: { value: string } };
    assert.match(
      hover.contents.value,
      /\*\*step_up\*\*: The daemon holds the action and asks a human approver/,
    );
    // A word that is only a name on JavaScript's Object prototype has no documentation.
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [
        {
          range: { start: { line: 6, character: 12 }, end: { line: 6, character: 13 } },
          text: 'constructor',
        },
      ],
    });
    const notADoc = await connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: 15 },
    });
    assert.equal(notADoc, null);
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 5 },
      contentChanges: [
        { range: { start: { line: 6, character: 12 }, end: { line: 6, character: 23 } }, text: 'r' },
      ],
    });
    const decisions = (await connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 5, character: 14 },
    })) as Array<{ label: string }>;
    assert.deepEqual(
      decisions.map((c) => c.label),
      ['allow', 'deny', 'modify', 'step_up', 'defer'],
    );
    const fields = (await connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: { line: 4, character: 18 },
    })) as Array<{ label: string }>;
    assert.ok(fields.some((c) => c.label === 'writes'));

    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    connection.dispose();
    server.kill();
  }
});
