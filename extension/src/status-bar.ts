/** The status bar item and the timeline's badge: connection, pending approvals, last decision. Clicking goes where attention is due. */
import * as vscode from 'vscode';
import type { AarmContext } from './context.js';
import { agentText, summarizeReceipt } from './present.js';
import { homeDir } from './settings.js';

export function showStatusBar(ctx: AarmContext): { update: () => void } {
  const { connection, approvals, timeline, timelineView } = ctx;
  const status = vscode.window.createStatusBarItem('aarm.status', vscode.StatusBarAlignment.Left, 100);
  status.name = 'AARM';
  const update = () => {
    const state = connection.state;
    const pending = approvals.list().length;
    const last = timeline.lastReceipt;
    // Agent text: the status bar draws `$(name)` as an icon, so it is escaped (agentText).
    const decided =
      last && (last.body.kind === 'action' || last.body.kind === 'resolution') ? last.body : undefined;
    const lastText = (max: number, icons: boolean) =>
      decided ? `${decided.verdict} ${agentText(summarizeReceipt(decided), { max, icons })}` : undefined;
    if (state.kind === 'connected') {
      status.text = `$(shield) AARM${pending > 0 ? ` $(bell-dot) ${pending} pending` : ''}${decided ? ` · ${lastText(30, true)}` : ''}`;
      status.tooltip = `AARM: connected to the daemon as approver (${homeDir()})${decided ? `\nLast decision: ${lastText(200, false)}` : ''}`;
      status.backgroundColor =
        pending > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      status.command = pending > 0 ? 'aarm.showPendingApprovals' : 'aarm.showTimeline';
    } else if (state.kind === 'connecting') {
      status.text = `$(${state.attempt === 0 ? 'sync~spin' : 'debug-disconnect'}) AARM${state.attempt === 0 ? ' connecting…' : ' disconnected'}`;
      status.tooltip = `AARM: not connected${state.lastError ? ` — ${state.lastError}` : ''}. Retrying.`;
      status.backgroundColor =
        state.attempt === 0 ? undefined : new vscode.ThemeColor('statusBarItem.errorBackground');
      status.command = 'aarm.showDaemonStatus';
    } else {
      status.text = '$(debug-disconnect) AARM stopped';
    }
    // A badge on the AARM view too: Do Not Disturb hides notifications, not badges.
    timelineView.badge =
      pending > 0 ? { value: pending, tooltip: `${pending} AARM approval(s) pending` } : undefined;
    status.accessibilityInformation = { label: status.text.replace(/\$\([^)]*\)\s*/g, '') };
    const filtered = timeline.filterDescription;
    // Not connected: the view's welcome text says so, with a button to start the daemon.
    timelineView.message = state.kind === 'connected' && filtered ? `Showing only: ${filtered}` : '';
  };
  status.show();
  ctx.own(status, connection.onState(update), approvals.onDidChange(update), timeline.onDidReceive(update));
  // The views' welcome text and menus follow whether a connection is up.
  ctx.whileConnected((scope) => {
    void vscode.commands.executeCommand('setContext', 'aarm.connected', true);
    scope.push({ dispose: () => void vscode.commands.executeCommand('setContext', 'aarm.connected', false) });
  });
  update();
  return { update };
}
