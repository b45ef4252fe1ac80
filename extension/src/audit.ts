/**
 * Audit export and verification (R5), through the `aarm` CLI: it reads the receipt database and
 * holds the signing key, neither of which the extension host may touch.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ApproverConnection } from './connection.js';
import { runCli } from './daemon-process.js';

export interface ExportArgs {
  /** a session id, or null for all sessions; asked for when absent */
  session?: string | null;
  format?: 'bundle' | 'ocsf';
  /** the file to write; asked for when absent */
  out?: string;
}

export interface CliLocation {
  node: () => string;
  cli: string;
  homeDir: () => string;
}

/** `aarm.exportAudit`: returns the file written, or undefined when the user cancelled or it failed. */
export async function exportAudit(
  where: CliLocation,
  connection: ApproverConnection,
  args: ExportArgs = {},
): Promise<string | undefined> {
  let session = args.session;
  if (session === undefined) {
    const answer = await connection.request({ type: 'sessions' }).catch(() => undefined);
    const sessions = answer?.type === 'sessions' ? answer.sessions : [];
    const chosen = await vscode.window.showQuickPick(
      [
        { label: 'All sessions', session: null as string | null, description: 'the whole receipt chain' },
        ...sessions.map((s) => ({
          label: s.session,
          session: s.session,
          description: `${s.receipts} receipts`,
        })),
      ],
      { placeHolder: 'Export which session?' },
    );
    if (chosen === undefined) return undefined;
    session = chosen.session;
  }
  let format = args.format;
  if (format === undefined) {
    const chosen = await vscode.window.showQuickPick(
      [
        {
          label: 'Signed bundle',
          description: 'JSON Lines, verifiable offline with `aarm verify`',
          format: 'bundle' as const,
        },
        {
          label: 'OCSF JSON',
          description: 'events for a SIEM (Open Cybersecurity Schema Framework)',
          format: 'ocsf' as const,
        },
      ],
      { placeHolder: 'Export format' },
    );
    if (chosen === undefined) return undefined;
    format = chosen.format;
  }
  let out = args.out;
  if (out === undefined) {
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const name =
      `aarm-${session ?? 'all'}-${stamp}${format === 'ocsf' ? '.ocsf.json' : '.aarm.jsonl'}`.replace(
        /[^\w.-]/g,
        '_',
      );
    // Outside the workspace by default: the agent works there, and could read or swap the file.
    const folder = vscode.Uri.file(homedir());
    const uri = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.joinPath(folder, name),
      title: 'Export AARM receipts',
      filters: format === 'ocsf' ? { 'OCSF JSON': ['json'] } : { 'AARM bundle': ['jsonl'] },
    });
    if (uri === undefined) return undefined;
    out = uri.fsPath;
  }
  const result = await withProgress(
    'Exporting AARM receipts…',
    runCli(where.node(), where.cli, where.homeDir(), [
      'export',
      ...(session === null ? ['--all'] : ['--session', session]),
      '--format',
      format,
      '--out',
      out,
    ]),
  );
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`AARM: export failed: ${(result.stderr || result.stdout).trim()}`);
    return undefined;
  }
  const summary = (result.stdout || result.stderr).trim().split('\n').at(-1) ?? `exported to ${out}`;
  void vscode.window
    .showInformationMessage(`AARM: ${summary}`, ...(format === 'bundle' ? ['Verify'] : []))
    .then((choice) => {
      if (choice === 'Verify') void verifyBundle(where, { file: out });
    });
  return out;
}

export interface VerifyOutcome {
  ok: boolean;
  message: string;
}

/** `aarm.verifyBundle`: checks signatures, chain and header with this machine's trusted keys. */
export async function verifyBundle(
  where: CliLocation,
  args: { file?: string } = {},
): Promise<VerifyOutcome | undefined> {
  let file = args.file;
  if (file === undefined) {
    const uris = await vscode.window.showOpenDialog({
      canSelectMany: false,
      title: 'Verify an AARM bundle',
      filters: { 'AARM bundle': ['jsonl'], 'All files': ['*'] },
      ...(vscode.workspace.workspaceFolders?.[0]
        ? { defaultUri: vscode.workspace.workspaceFolders[0].uri }
        : {}),
    });
    file = uris?.[0]?.fsPath;
    if (file === undefined) return undefined;
  }
  const result = await withProgress(
    'Verifying the bundle…',
    runCli(where.node(), where.cli, where.homeDir(), ['verify', file]),
  );
  const message = (result.code === 0 ? result.stdout : result.stderr || result.stdout).trim();
  if (result.code === 0) void vscode.window.showInformationMessage(`AARM: ${message}`);
  else void vscode.window.showErrorMessage(`AARM: the bundle does NOT verify: ${message}`);
  return { ok: result.code === 0, message };
}

function withProgress<T>(title: string, work: Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, () => work);
}

export function cliPath(extensionPath: string): string {
  return join(extensionPath, 'dist', 'aarm.js');
}
