/**
 * The uses of approved rules with `max_uses` as the receipt store records them, for the commands
 * that judge or lint outside the daemon (`aarm check`, `aarm policy lint`): read-only, and absent
 * when there is no store this aarm can read (then the uses go uncounted, and the commands say so).
 */
import { existsSync } from 'node:fs';
import type { ApprovedSpec, ApprovedUses } from '../policy/index.js';
import { openReceiptStore } from '../receipts/store.js';

export function recordedUses(
  database: string,
): { usesOf: (approved: ApprovedSpec) => ApprovedUses; close(): void } | undefined {
  let store: ReturnType<typeof openReceiptStore>;
  try {
    if (!existsSync(database)) return undefined;
    store = openReceiptStore(database, { readonly: true });
  } catch {
    return undefined;
  }
  return {
    usesOf(approved) {
      const used = store.approvedUses(approved.id, approved.receipt);
      // as the daemon says it (gate/rule-uses.ts)
      return used === undefined
        ? {
            error: `its receipt ${approved.receipt ?? '?'} is not in the receipt store, so its uses cannot be counted`,
          }
        : { used };
    },
    close: () => store.close(),
  };
}
