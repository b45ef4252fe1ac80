/** `aarm verify` */
import { readFileSync } from 'node:fs';
import { PublicKeySchema, type PublicKey } from '../../protocol/index.js';
import { checkAgainstCheckpoints, findCheckpoints } from '../../receipts/checkpoints.js';
import { publicKeyOf, verifyWithNoble, verifyWithNodeCrypto } from '../../receipts/keys.js';
import { verifyExport } from '../../receipts/verify.js';
import { aarmHome, loadKeys } from '../../state/home.js';
import { err, homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';

export const verifyCli: Command = {
  summary: 'verify an export offline',
  usage: `aarm verify FILE [--key KEYFILE | --self-signed] [--every-signature] [--portable]
                 [--checkpoints FILE]

Checks the hash chain through every record (nothing edited, deleted, inserted or reordered), the
newest record's signature or group proof (which covers the whole chain) and the signed header
(nothing cut from the end). Exits 0 and prints a summary when all holds; exits 1 naming the first
bad record otherwise. A record of a group commit is proven by its group's signed head and its
inclusion path; a record signed alone, by its own signature.

--every-signature  also check each record's own signature or group proof: every inclusion path,
                and each group's signature once (slower; the chain already covers them)
--key KEYFILE   trust only the public keys in KEYFILE (JSON from \`aarm keys list --json\`);
                without it, the keys of $AARM_HOME are trusted (a file signed by others fails)
--self-signed   trust the keys published in the file: proves the file is intact, not who made it
--portable      verify with @noble/ed25519 (pure JavaScript) instead of node:crypto
--checkpoints FILE  also hold the export to the signed chain checkpoints a collector received
                earlier (raw, OCSF, OTLP/JSON or CEF, as the telemetry sent them): fails when a
                record differs from what a checkpoint names, or the chain ends before one`,
  run(args) {
    const { values, positionals } = parse(args, {
      key: { type: 'string' },
      portable: { type: 'boolean' },
      'self-signed': { type: 'boolean' },
      'every-signature': { type: 'boolean' },
      checkpoints: { type: 'string' },
    });
    if (values.help) return showUsage(verifyCli);
    const file = positionals[0];
    if (file === undefined || positionals.length > 1) throw new UsageError('give one file: aarm verify FILE');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      err(`aarm: cannot read \`${file}\`: ${(error as Error).message}`);
      return 1;
    }
    // Whose keys count: --key, else this AARM_HOME's, else (only when asked) the file's own.
    let trustedKeys: PublicKey[] | undefined;
    let trustedBy = '--key';
    if (values.key !== undefined) {
      const parsed = PublicKeySchema.array().safeParse(
        [JSON.parse(readFileSync(values.key, 'utf8')) as unknown].flat(),
      );
      if (!parsed.success) throw new UsageError(`--key: \`${values.key}\` holds no public keys`);
      trustedKeys = parsed.data;
    } else if (!values['self-signed']) {
      const state = aarmHome(homeDir());
      trustedKeys = loadKeys(state).map(publicKeyOf);
      trustedBy = `the keys of ${state.dir}`;
    }
    const result = verifyExport(text, {
      verifySignature: values.portable ? verifyWithNoble : verifyWithNodeCrypto,
      signatures: values['every-signature'] ? 'every' : 'chain',
      ...(trustedKeys ? { trustedKeys } : {}),
    });
    if (!result.ok) {
      const where = result.line === undefined ? file : `${file}:${result.line}`;
      err(`${where}: ${result.receiptId ? `receipt ${result.receiptId}: ` : ''}${result.error}`);
      err('verification FAILED');
      return 1;
    }
    const scope = 'all' in result.scope ? 'all sessions' : `session ${result.scope.session}`;
    if (values.checkpoints !== undefined) {
      let checkpointText: string;
      try {
        checkpointText = readFileSync(values.checkpoints, 'utf8');
      } catch (error) {
        err(`aarm: cannot read \`${values.checkpoints}\`: ${(error as Error).message}`);
        return 1;
      }
      const checkpoints = findCheckpoints(checkpointText);
      if (checkpoints.length === 0) {
        err(`${values.checkpoints}: no signed checkpoints found`);
        err('verification FAILED');
        return 1;
      }
      const lines = text
        .split('\n')
        .slice(1)
        .filter((line) => line !== '');
      const held = checkAgainstCheckpoints(
        lines,
        'all' in result.scope,
        checkpoints,
        (trustedKeys ?? result.keys).filter((k) => result.keyIds.includes(k.keyId)),
        values.portable ? verifyWithNoble : verifyWithNodeCrypto,
      );
      if (!held.ok) {
        err(`${file}: ${held.error}`);
        err('verification FAILED');
        return 1;
      }
      out(
        `checkpoints: ${held.matched} of ${held.matched + held.uncovered} match the chain${held.uncovered > 0 ? ` (${held.uncovered} name records outside this session's export)` : ''}; the newest is of record ${held.newest!.seq}, ${held.newest!.time}` +
          (held.otherKeys > 0 ? `; ${held.otherKeys} of other keys (other machines) ignored` : ''),
      );
    }
    out(
      `verified ${result.count} record(s) of ${scope}: ${values['every-signature'] ? 'every signature, ' : ''}chain, head signature and header hold`,
    );
    out(
      `keys: ${result.keyIds.join(', ')} (${trustedKeys ? `trusted: ${trustedBy}` : 'published in the file: it is self-consistent, but who signed it is not proven'})`,
    );
    if (result.approverKeyIds.length > 0)
      out(
        `approvals: signed by approver key(s) ${result.approverKeyIds.join(', ')}, every signature holds (\`aarm approvers list\` names them)`,
      );
    return 0;
  },
};
