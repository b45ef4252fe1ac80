/** `aarm grants` */
import { connect } from '../../client/client.js';
import { DAEMON_VERSION, type ApprovedRule } from '../../protocol/index.js';
import { err, homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';
import { flat, oneLine } from '../approve-view.js';

/** Agent-written text (commands, paths) on one line, its control and invisible characters escaped. */
const shown = (text: string) => flat(oneLine(text, Number.MAX_SAFE_INTEGER));

export const grantsCli: Command = {
  summary: 'list or revoke standing approvals',
  usage: `aarm grants list [--json]
aarm grants revoke GRANT_ID

When an approver answers a step-up with "for this session" or "always", the daemon keeps a grant
that covers the same kind of action (same rule, same program and subcommand, path or host) from then
on; with the rule it proposed confirmed, an "always" also writes a rule for exactly that action into
your policy ($AARM_HOME/policies/approved.yaml). list: every grant, revoked ones marked, and those
rules. revoke: withdraw a grant at once, or remove such a rule (ID approved-…) from the file. Talks to the running daemon
as an approver ($AARM_HOME/approver-token).

--json prints {"grants": [...], "rules": [...]}, both arrays always present (empty when there are none).`,
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    if (values.help) return showUsage(grantsCli);
    const [verb, id] = positionals;
    if (verb !== 'list' && !(verb === 'revoke' && id !== undefined))
      throw new UsageError('aarm grants list | aarm grants revoke GRANT_ID');
    const client = await connect({
      homeDir: homeDir(),
      role: 'approver',
      client: { name: 'aarm-grants', version: DAEMON_VERSION },
      timeoutMs: 5000,
    });
    try {
      if (verb === 'revoke') {
        await client.revoke(id!);
        out(`revoked ${id!}`);
        return 0;
      }
      const { grants, rules } = await client.grantsAndRules();
      // One shape, with or without rules: scripts read `.grants` and `.rules` (docs/approvals.md).
      if (values.json) out(JSON.stringify({ grants, rules }, null, 2));
      else if (grants.length === 0 && rules.length === 0) out('no grants');
      else {
        // Rules an "always" answer wrote into your policy: revoking one takes it out of the file.
        for (const r of rules)
          out(
            `${r.id}  rule in ${r.file}: allows exactly ${shown(r.action)} (instead of ${shown(r.rule)}), by ${r.approver} at ${r.date}${r.receipt ? ` for ${r.receipt}` : ''}${r.expires ? `, until ${r.expires}` : ''}${usesText(r)}`,
          );
        for (const g of grants) {
          const where =
            g.scope === 'session' ? `session ${g.session ?? '?'}` : `workspace ${g.workspace ?? '?'}`;
          out(
            `${g.id}  ${g.revoked ? 'REVOKED ' : ''}${shown(g.rule)}: \`${shown(g.key)}\` in ${shown(where)}, by ${g.approver} at ${g.created}`,
          );
        }
      }
      return 0;
    } catch (error) {
      err(`aarm: ${(error as Error).message.replace(/^unknown_grant: /, '')}`);
      return 1;
    } finally {
      await client.close();
    }
  },
};

/** `, used 2 of 5` for a rule with a maximum of uses; one used up says it no longer applies. */
function usesText(rule: ApprovedRule): string {
  if (rule.maxUses === undefined) return '';
  const used = rule.uses === undefined ? '?' : String(rule.uses);
  return `, used ${used} of ${rule.maxUses}${rule.uses !== undefined && rule.uses >= rule.maxUses ? ' (used up: it no longer applies)' : ''}`;
}
