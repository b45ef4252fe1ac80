/**
 * Limits checked at every door before anything recurses over a value (WebSocket and HTTP
 * messages, hook input, `aarm check`): a value nested deeper than this is refused, with a receipt
 * where it was an action. Real actions are a few levels deep; thousands of levels only crash
 * recursive code (validation, redaction, canonical JSON, exports).
 */
export const MAX_JSON_DEPTH = 64;

/** How long a daemon's replay of a draft may run before it is stopped (the editor waits that long). */
export const REPLAY_TIME_LIMIT_MS = 300_000;

/** Whether a parsed JSON value nests deeper than `max` (iterative: it cannot overflow the stack itself). */
export function nestedDeeperThan(value: unknown, max = MAX_JSON_DEPTH): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > max) return true;
    for (const child of Array.isArray(item) ? item : Object.values(item)) stack.push([child, depth + 1]);
  }
  return false;
}

export const tooDeepMessage = (what: string) =>
  `${what} is nested deeper than ${MAX_JSON_DEPTH} levels; nothing that deep is a real action`;

/** The most uses an approved "always" rule may be given (`max_uses`); more is no limit worth counting. */
export const MAX_RULE_USES = 10_000;
