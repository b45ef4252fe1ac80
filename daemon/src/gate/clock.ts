/**
 * Time and identifiers, injected: the gate reads no clock and draws no random id of its own, so
 * its unit tests fix both and a receipt's time and id come from one place.
 */
export interface Clock {
  /** milliseconds since the epoch */
  now(): number;
  /** now, as ISO 8601 */
  iso(): string;
  /** `ms` from now, as ISO 8601 */
  isoAfter(ms: number): string;
  /** a fresh identifier with a readable prefix: `rcpt_…`, `appr_…`, `grant_…`, `sess_…` */
  newId(prefix: string): string;
}

/** A clock from a time source and an id source. */
export function makeClock(now: () => number, uniqueId: () => string): Clock {
  return {
    now,
    iso: () => new Date(now()).toISOString(),
    isoAfter: (ms) => new Date(now() + ms).toISOString(),
    newId: (prefix) => `${prefix}_${uniqueId()}`,
  };
}
