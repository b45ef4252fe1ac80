/** `aarm approvers` */
import { connect } from '../../client/client.js';
import { DAEMON_VERSION, type ApproverKey } from '../../protocol/index.js';
import { err, homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';

export const approversCli: Command = {
  summary: 'list, confirm or remove the approver keys that may allow step-ups',
  usage: `aarm approvers list [--json]
aarm approvers confirm KEY_ID
aarm approvers remove KEY_ID

Only a human approves. Each approver (the VS Code extension, \`aarm approve\`) holds its own key,
which an agent's commands cannot read, and signs every "allow" with it. A new key asks to
register and approves nothing until you confirm it here, in your own terminal, after checking
that KEY_ID is the one your approver shows (VS Code: "AARM: approver key … waits for
confirmation"). \`aarm approve\` confirms its own key for one run, when you answer its question.
A confirmation from a process that runs under a coding agent is refused.
list: every key, registered and pending. remove: the key approves nothing more.`,
  async run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    if (values.help) return showUsage(approversCli);
    const [verb, keyId] = positionals;
    if (verb !== 'list' && !((verb === 'confirm' || verb === 'remove') && keyId !== undefined))
      throw new UsageError(
        'aarm approvers list | aarm approvers confirm KEY_ID | aarm approvers remove KEY_ID',
      );
    const client = await connect({
      homeDir: homeDir(),
      role: 'approver',
      client: { name: 'aarm-approvers', version: DAEMON_VERSION },
      timeoutMs: 5000,
    });
    try {
      const keys =
        verb === 'confirm'
          ? await client.confirmApprover(keyId!)
          : verb === 'remove'
            ? await removeKey(client, keyId!)
            : await client.approvers();
      if (verb === 'confirm') out(`confirmed ${keyId!}: it may now answer step-ups`);
      if (verb === 'remove') out(`removed ${keyId!}`);
      if (verb === 'list') {
        if (values.json) out(JSON.stringify(keys, null, 2));
        else if (keys.length === 0)
          out(
            'no approver keys: open VS Code with the AARM extension, or run `aarm approve` in a terminal, to register one',
          );
        else for (const key of keys) out(describe(key));
      }
      return 0;
    } catch (error) {
      err(`aarm: ${(error as Error).message.replace(/^(unknown_approver|forbidden): /, '')}`);
      return 1;
    } finally {
      await client.close();
    }
  },
};

async function removeKey(client: Awaited<ReturnType<typeof connect>>, keyId: string): Promise<ApproverKey[]> {
  const reply = await client.call({ type: 'remove_approver', keyId });
  if (reply.type === 'error') throw new Error(`${reply.code}: ${reply.message}`);
  return reply.type === 'approvers' ? reply.approvers : [];
}

function describe(key: ApproverKey): string {
  if (key.ephemeral)
    return `${key.keyId}  ${key.name}  ${key.status === 'registered' ? 'registered' : 'PENDING'} for one run of \`aarm approve\`: forgotten when it quits`;
  return key.status === 'registered'
    ? `${key.keyId}  ${key.name}  registered ${key.confirmed ?? key.requested}`
    : `${key.keyId}  ${key.name}  PENDING since ${key.requested}: confirm with \`aarm approvers confirm ${key.keyId}\``;
}
