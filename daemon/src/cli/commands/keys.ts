/** `aarm keys` */
import { publicKeyOf } from '../../receipts/keys.js';
import { aarmHome, ensureHome, loadOrCreateKeys, rotateKey } from '../../state/home.js';
import { homeDir, out, parse, showUsage, UsageError, type Command } from '../command.js';

export const keysCli: Command = {
  summary: 'list or rotate the receipt signing keys',
  usage: `aarm keys list [--json]
aarm keys rotate

list: the public keys of $AARM_HOME (newest signs). --json prints them for \`aarm verify --key\`.
rotate: makes a new signing key; a running daemon uses it after its next start. Old keys stay,
so old receipts still verify.`,
  run(args) {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } });
    if (values.help) return showUsage(keysCli);
    const state = aarmHome(homeDir());
    ensureHome(state);
    if (positionals[0] === 'rotate') {
      const key = rotateKey(state);
      out(`new signing key ${key.keyId}; restart the daemon to sign with it`);
      return 0;
    }
    if (positionals[0] !== 'list') throw new UsageError('aarm keys list | aarm keys rotate');
    const keys = loadOrCreateKeys(state).map(publicKeyOf);
    if (values.json) out(JSON.stringify(keys, null, 2));
    else for (const key of keys) out(`${key.keyId}  ${key.created}  ${key.publicKey}`);
    return 0;
  },
};
