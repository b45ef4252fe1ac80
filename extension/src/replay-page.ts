/**
 * "Replay This Policy Against Recent Sessions" (issue 22): what the policy file being edited would
 * have decided differently in the recent sessions, as the daemon answers `replay` (the extension
 * never opens the receipt database itself). The page is static: no script, nothing to click.
 */
import type { ReplayReport } from '../../daemon/src/protocol/index.js';
import { escapeHtml } from './present.js';

/**
 * How many of the most recently active sessions the editor replays. The daemon replays in its own
 * thread (agents' actions are not held up), within a time and a memory limit.
 */
export const RECENT_SESSIONS = 100;

const NOW_WORDS: Record<string, string> = {
  allow: 'Would now allow',
  deny: 'Would now deny',
  step_up: 'Would now ask',
  modify: 'Would now modify',
  defer: 'Would now defer',
};

/** The page for a replay of `file` (its name), under the webview's `cspSource`. */
export function replayPageHtml(file: string, report: ReplayReport, cspSource: string): string {
  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const byDaemon = report.daemonDecided ?? [];
  const notReplayed = byDaemon.reduce((sum, line) => sum + line.count, 0);
  const summary =
    report.replayed === 0 && notReplayed === 0
      ? `Nothing to replay: no actions recorded in the last ${RECENT_SESSIONS} sessions.`
      : `Replayed ${count(report.replayed, 'action')} of ${count(report.sessions, 'session')}: ` +
        `${report.replayed - report.unchanged} would change, ${report.unchanged} unchanged.` +
        (notReplayed === 0
          ? ''
          : ` ${count(notReplayed, 'more action')} decided by the daemon, not policy: not replayed.`);
  const changes = report.changes
    .map(
      (change) => `<section>
<h2>${escapeHtml(NOW_WORDS[change.now] ?? `Would now ${change.now}`)}: ${change.count} <span class="rule">(rule <code>${escapeHtml(change.rule)}</code>)</span></h2>
<table>
<thead><tr><th scope="col">Receipt</th><th scope="col">Was</th><th scope="col">Session</th><th scope="col">Time</th></tr></thead>
<tbody>
${change.receipts
  .map(
    (r) =>
      `<tr><td><code>${escapeHtml(r.id)}</code></td><td>${escapeHtml(r.was)} (<code>${escapeHtml(r.wasRule)}</code>)</td><td><bdi dir="ltr">${escapeHtml(r.session)}</bdi></td><td>${escapeHtml(r.time)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>`,
    )
    .join('\n');
  // Refusals of the daemon's own (a session bound elsewhere…): no draft changes them.
  const daemonDecided = byDaemon
    .map(
      (line) => `<section>
<h2>Decided by the daemon, not policy (not replayed): ${line.count} <span class="rule">(rule <code>${escapeHtml(line.rule)}</code>)</span></h2>
<table>
<thead><tr><th scope="col">Receipt</th><th scope="col">Was</th><th scope="col">Session</th><th scope="col">Time</th></tr></thead>
<tbody>
${line.receipts
  .map(
    (r) =>
      `<tr><td><code>${escapeHtml(r.id)}</code></td><td>${escapeHtml(r.was)}</td><td><bdi dir="ltr">${escapeHtml(r.session)}</bdi></td><td>${escapeHtml(r.time)}</td></tr>`,
  )
  .join('\n')}
</tbody>
</table>
</section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline';">
<title>Replay: ${escapeHtml(file)}</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
table { border-collapse: collapse; margin-bottom: 1em; }
th, td { text-align: left; padding: 2px 12px 2px 0; vertical-align: top; }
.rule { font-weight: normal; }
</style>
</head>
<body>
<h1>Replay of <code>${escapeHtml(file)}</code></h1>
<p>This file replaces your own policy layer; the managed policies, the workspaces' and the default pack stay as they are. Nothing ran and nothing was recorded.</p>
<p>${escapeHtml(summary)}</p>
${changes}
${daemonDecided}
</body>
</html>`;
}
