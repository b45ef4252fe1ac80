/** The command "AARM: Replay This Policy Against Recent Sessions" (issue 22). */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { REPLAY_TIME_LIMIT_MS } from '../../daemon/src/protocol/index.js';
import type { ApproverConnection } from './connection.js';
import { RECENT_SESSIONS, replayPageHtml } from './replay-page.js';

/** Replays the policy file `uri` (default: the one being edited), saved first, and shows the diff beside it. */
export async function replayPolicy(connection: ApproverConnection, uri?: vscode.Uri): Promise<void> {
  const document =
    uri === undefined
      ? vscode.window.activeTextEditor?.document
      : vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const target = document?.uri ?? uri;
  if (target === undefined || target.scheme !== 'file') {
    void vscode.window.showWarningMessage('AARM: open the policy file (a saved .yaml file) to replay it.');
    return;
  }
  // The daemon reads the file: what is replayed is what is in the editor.
  if (document?.isDirty && !(await document.save())) {
    void vscode.window.showWarningMessage('AARM: save the policy file to replay it.');
    return;
  }
  const name = basename(target.fsPath);
  const answer = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `AARM: replaying ${name}…` },
    () =>
      connection
        // The daemon replays in its own thread and stops at its time limit: wait that long, and a little.
        .request(
          { type: 'replay', policies: [target.fsPath], recentSessions: RECENT_SESSIONS },
          REPLAY_TIME_LIMIT_MS + 10_000,
        )
        .catch((error: unknown) => ({ type: 'error' as const, message: (error as Error).message })),
  );
  if (answer.type !== 'replay') {
    const why = answer.type === 'error' ? answer.message : `unexpected answer \`${answer.type}\``;
    void vscode.window.showErrorMessage(`AARM: cannot replay ${name}: ${why}`);
    return;
  }
  const panel = vscode.window.createWebviewPanel('aarm.replay', `Replay: ${name}`, vscode.ViewColumn.Beside, {
    enableScripts: false,
  });
  panel.webview.html = replayPageHtml(name, answer, panel.webview.cspSource);
}
