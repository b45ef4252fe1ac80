/** Approval requests as an approver sees them, and the policy editor's hover (tests of "always"). */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type { AarmClient } from '../../daemon/src/client/client.js';
import type { ApprovalRequest, ServerMessage } from '../../daemon/src/protocol/index.js';
import { CLI } from './env.js';

/** The next approval request the approver is sent. */
export function nextRequest(approver: AarmClient): Promise<ApprovalRequest> {
  return new Promise((resolve) => {
    approver.onMessage((message: ServerMessage) => {
      if (message.type === 'approval_request') resolve(message);
    });
  });
}

/** Every approval request the approver is sent from now on, in order. */
export function approvalRequests(approver: AarmClient): { next(): Promise<ApprovalRequest> } {
  const queue: ApprovalRequest[] = [];
  const waiting: Array<(request: ApprovalRequest) => void> = [];
  approver.onMessage((message: ServerMessage) => {
    if (message.type !== 'approval_request') return;
    const resolve = waiting.shift();
    if (resolve) resolve(message);
    else queue.push(message);
  });
  return {
    next: () =>
      queue.length > 0
        ? Promise.resolve(queue.shift()!)
        : new Promise<ApprovalRequest>((resolve) => waiting.push(resolve)),
  };
}

/** The policy language server's hover on the id of a rule in this file, as an editor shows it. */
export async function hoverOnRuleId(homeDir: string, file: string, id: string): Promise<string> {
  const server = spawn(process.execPath, [CLI, 'lsp', '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, AARM_HOME: homeDir },
  });
  const connection = createMessageConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  const diagnostics = new Promise<void>((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', () => resolve()),
  );
  connection.listen();
  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    await connection.sendNotification('initialized', {});
    const text = readFileSync(file, 'utf8');
    const uri = pathToFileURL(file).href;
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'aarm-policy', version: 1, text },
    });
    await diagnostics;
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.trimStart() === `- id: ${id}`);
    const hover = (await connection.sendRequest('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: lines[line]!.indexOf(id) + 2 },
    })) as { contents: { value: string } } | null;
    return hover?.contents.value ?? '';
  } finally {
    connection.dispose();
    server.kill();
  }
}
