/** `aarm status` */
import { connect } from '../../client/client.js';
import { DAEMON_VERSION } from '../../protocol/wire.js';
import { approvalStatsLine } from '../../protocol/approval-stats.js';
import { err, homeDir, out, parse, showUsage, type Command } from '../command.js';
import { ancestry, underAgent } from '../../state/peer.js';

export const statusCli: Command = {
  summary: 'exit 0 when a daemon answers',
  usage: `aarm status [--json]

Asks the daemon of $AARM_HOME whether it is running and prints its version, uptime, receipt
count, the policy in force and how step-ups were answered (approval quality over the newest
receipts; --json gives it by agent and by rule). Exits 0 when it answers, 1 when it does not.
Approval quality is shown only from a terminal of your own (not under a coding agent): it tells
which prompts get waved through.`,
  async run(args) {
    const { values } = parse(args, { json: { type: 'boolean' } });
    if (values.help) return showUsage(statusCli);
    try {
      // The human's terminal asks as an approver that only looks; under an agent, as an agent.
      const human = underAgent(ancestry(process.pid), new Map()) === undefined;
      const connectAs = (role: 'agent' | 'approver') =>
        connect({
          homeDir: homeDir(),
          client: { name: 'aarm-status', version: DAEMON_VERSION },
          timeoutMs: 5000,
          role,
          looksOnly: true,
        });
      const client = human
        ? await connectAs('approver').catch(() => connectAs('agent'))
        : await connectAs('agent');
      const status = await client.status();
      await client.close();
      if (values.json) out(JSON.stringify(status));
      else {
        out(
          `aarm daemon ${status.version} (pid ${status.pid}) is running, up ${Math.round(status.uptimeMs / 1000)} s`,
        );
        out(
          status.chain.ok
            ? `receipts: ${status.receipts}; chain verified at start-up${status.chain.warning ? ` (${status.chain.warning})` : ''}`
            : `receipts: ${status.receipts}; RECEIPT CHAIN BROKEN: ${status.chain.error} — every action is denied`,
        );
        out(
          `approvers connected: ${status.approvers}; waiting: ${status.pendingApprovals} approval(s), ${status.deferred} deferred action(s)`,
        );
        if (status.approvals)
          out(`approvals (${status.approvals.window}): ${approvalStatsLine(status.approvals)}`);
        out(`policy: ${status.policy.hash.slice(0, 16)} from ${status.policy.files.length} file(s)`);
        for (const e of status.policy.errors) out(`policy error: ${e}`);
        if (status.confinement)
          out(`confinement: ${status.confinement.enabled ? 'on, ' : ''}${status.confinement.detail}`);
        if (status.telemetry?.error !== undefined) out(`TELEMETRY NOT STARTED: ${status.telemetry.error}`);
        for (const d of status.telemetry?.destinations ?? [])
          out(
            `telemetry ${d.name}: ${d.sent} sent, ${d.queued} queued, ${d.dropped} dropped, ${d.failures} failed attempts` +
              (d.lastError !== undefined && d.queued > 0 ? ` (last error: ${d.lastError})` : ''),
          );
      }
      return 0;
    } catch (error) {
      err(`aarm: ${(error as Error).message}`);
      return 1;
    }
  },
};
