/**
 * The uses of approved "always" rules that have `max_uses` (docs/approvals.md). The count is the
 * daemon's, never the file's: the first time the policy is built with such a rule, its uses are
 * counted from the signed receipts since the receipt it was written for; from then on a use is taken
 * in the same tick as the judgement that allows the action (before any await), so two actions judged
 * together can never both take the last one. The use that reaches the maximum rebuilds the policy in
 * force at once, and the rule and its exception are left out of it (policy/load.ts).
 */
import type { Decision, Verdict } from '../protocol/index.js';
import type { ApprovedSpec, ApprovedUses } from '../policy/index.js';
import type { ReceiptStore } from '../receipts/store.js';

/** Uses taken for one action: kept if its receipt says the rule let it through, else given back. */
export interface TakenUses {
  settle(final: { decision: Decision; verdict: Verdict } | undefined): void;
}

export interface RuleUses {
  /** for the policy build: how many times this rule was used, or why that cannot be known */
  usesOf(approved: ApprovedSpec): ApprovedUses;
  /** the uses this judgement makes of rules with a maximum, taken now */
  take(decision: Decision): TakenUses | undefined;
}

/**
 * The approved rules a decision uses: the one that allowed it, and any whose exception stood aside
 * for it (another rule may then decide, e.g. one that modifies the action). The receipt store counts
 * the same (receipts/store.ts `approvedUses`).
 */
export function approvedRulesUsedBy(decision: Decision): string[] {
  if (decision.decision !== 'allow' && decision.decision !== 'modify') return [];
  const ids = new Set<string>();
  if (decision.rule.startsWith('approved-')) ids.add(decision.rule);
  for (const note of decision.overrides ?? []) if (note.approved !== undefined) ids.add(note.approved);
  return [...ids];
}

export function createRuleUses(options: {
  store: ReceiptStore;
  /** rebuild the policy in force now, without reading the files again */
  rebuild: () => void;
  log: (line: string) => void;
}): RuleUses {
  /** uses so far (recorded and in flight), and the maximum, of the rules with one */
  const rules = new Map<string, { used: number; max: number }>();

  const giveBack = (ids: readonly string[]) => {
    let reopened = false;
    for (const id of ids) {
      const rule = rules.get(id);
      if (rule === undefined) continue;
      rule.used--;
      if (rule.used === rule.max - 1) reopened = true;
    }
    if (reopened) options.rebuild();
  };

  return {
    usesOf(approved) {
      if (approved.max_uses === undefined) return { used: 0 };
      let rule = rules.get(approved.id);
      if (rule === undefined) {
        const used = options.store.approvedUses(approved.id, approved.receipt);
        // Its receipt is gone (a store started again after a loss): uncounted uses are not zero.
        if (used === undefined)
          return {
            error: `its receipt ${approved.receipt ?? '?'} is not in the receipt store, so its uses cannot be counted`,
          };
        rule = { used, max: approved.max_uses };
        rules.set(approved.id, rule);
      }
      rule.max = approved.max_uses; // the file may have changed it
      return { used: rule.used };
    },
    take(decision) {
      const ids = approvedRulesUsedBy(decision).filter((id) => rules.has(id));
      if (ids.length === 0) return undefined;
      let usedUp = false;
      for (const id of ids) {
        const rule = rules.get(id)!;
        rule.used++;
        if (rule.used >= rule.max) {
          usedUp = true;
          options.log(`approved rule ${id} used ${rule.used} of ${rule.max} times: it no longer applies`);
        }
      }
      // At once, before any other action is judged: the next judgement no longer sees the rule.
      if (usedUp) options.rebuild();
      let settled = false;
      return {
        settle(final) {
          if (settled) return;
          settled = true;
          const kept =
            final !== undefined && final.verdict === 'allow' ? approvedRulesUsedBy(final.decision) : [];
          giveBack(ids.filter((id) => !kept.includes(id)));
        },
      };
    },
  };
}
