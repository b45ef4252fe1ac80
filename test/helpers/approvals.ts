/** Approval requests as an approver sees them, and the policy editor's hover (tests of "always"). */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import type { AarmClient } from '../../daemon/src/client/client.js';
import type { ApprovalRequest, ServerMessage } from '../../daemon/src/protocol/index.js';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { CLI, shellAction, type TestDaemon } from './env.js';

/** The command the "always" tests approve, and the pack rule that steps it up outside the workspace. */
export const COMMAND = 'ls -la';
export const STEP_UP_RULE = 'shell.cwd-outside-workspace';

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

/** The command in a folder outside the workspace: the pack steps it up (medium risk: "always" offered). */
export function outside(t: TestDaemon) {
  const shared = join(t.root, 'shared');
  mkdirSync(shared, { recursive: true });
  mkdirSync(t.workspace, { recursive: true });
  return shellAction(COMMAND, shared, t.workspace);
}

/** Step the action up, answer "always" with the rule proposed with these limits; the rule's id. */
export async function approveAlways(
  t: TestDaemon,
  approver: AarmClient,
  asked: { next(): Promise<ApprovalRequest> },
  limits: { expires?: string; maxUses?: number },
): Promise<string> {
  const agent = await t.client({ session: 'approved' });
  const decided = agent.submit(outside(t));
  const request = await asked.next();
  const proposal = await approver.proposeRule(request.approvalId, limits);
  if (limits.maxUses !== undefined) assert.match(proposal.text, new RegExp(`max_uses: ${limits.maxUses}`));
  await approver.approveWithRule(request.approvalId, proposal);
  const approved = await decided;
  assert.equal(approved.verdict, 'allow');
  assert.equal(approved.decision.rule, STEP_UP_RULE);
  const file = parse(readFileSync(proposal.file, 'utf8')) as { rules: Array<{ id: string }> };
  return file.rules[0]!.id;
}

/** From now on the approver refuses every step-up it is asked (so no test waits for one that never comes). */
export function refuseEach(approver: AarmClient, asked: { next(): Promise<ApprovalRequest> }): void {
  void (async () => {
    for (;;) await approver.approve((await asked.next()).approvalId, 'deny').catch(() => {});
  })();
}

/**
 * An approved rule written by hand into approved.yaml (an ordinary policy file) for exactly the
 * `outside` action, with this provenance under `approved:`, and the policy reloaded; its file.
 */
export function writeApprovedByHand(t: TestDaemon, approved: Record<string, unknown>): string {
  const { cwd } = outside(t).parameters as { cwd: string };
  const condition = `action.tool == "shell" && workspace == ${JSON.stringify(t.workspace)} && action.parameters == {"command": ${JSON.stringify(COMMAND)}, "cwd": ${JSON.stringify(cwd)}}`;
  const file = join(t.homeDir, 'policies', 'approved.yaml');
  mkdirSync(join(t.homeDir, 'policies'), { recursive: true });
  writeFileSync(
    file,
    stringify({
      aarm: 1,
      name: 'approved',
      overrides: [{ rule: STEP_UP_RULE, when: `!(${condition})`, reason: 'approved', approved }],
      rules: [{ id: approved.id, when: condition, decision: 'allow', reason: 'approved', approved }],
    }),
  );
  t.daemon.policies.reloadNow();
  return file;
}
