/**
 * A used state directory whose receipts or head checkpoint are gone (T7: deleting them, with or
 * without cutting the chain's tail, must not start a silent fresh chain). The daemon refuses to
 * start; `aarm repair --accept-loss` records the loss as a signed gap receipt and starts again.
 */
import { existsSync, readdirSync } from 'node:fs';
import type { AarmHome } from '../protocol/index.js';

/**
 * Why this home cannot be trusted as it is, or undefined. A home was used when anything the daemon
 * writes at its first start is there (tokens, keys, the database, the head); then each of the
 * records that prove its history must be there too.
 */
export function missingState(home: AarmHome): string | undefined {
  const keys =
    existsSync(home.keysDir) && readdirSync(home.keysDir).some((name) => name.endsWith('.key.json'));
  const traces = [
    home.tokenFile,
    home.approverTokenFile,
    home.database,
    home.checkpointFile,
    home.approversFile,
  ];
  if (!keys && !traces.some((file) => existsSync(file))) return undefined;
  if (!keys)
    return `the signing keys in \`${home.keysDir}\` are missing, but this AARM_HOME was used before: the receipts they signed cannot be checked`;
  if (!existsSync(home.database))
    return `\`${home.database}\` is missing, but this AARM_HOME was used before (its signing keys exist): the receipts may have been deleted`;
  if (!existsSync(home.checkpointFile))
    return `\`${home.checkpointFile}\` (the signed head of the receipt chain) is missing: the end of the chain may have been cut`;
  return undefined;
}

export class StateLossError extends Error {
  constructor(why: string) {
    super(
      `${why}. aarm does not start a new chain silently. If you accept that loss, run \`aarm repair --accept-loss\`: it writes a signed gap receipt, so the loss stays on the record`,
    );
  }
}
