/**
 * DEFER (R4): actions wait for the context they lack. A waiter wakes when its session's context
 * changes (the user's request arrives), when its time is up, or when the daemon shuts down.
 */
export interface ContextWaiters {
  wait(session: string, ms: number): Promise<'changed' | 'timeout'>;
  /** The session's context changed: wake its waiters to judge again. */
  arrived(session: string): void;
  /** Wake everyone (shutdown). */
  wakeAll(): void;
}

export function createContextWaiters(): ContextWaiters {
  const waiters = new Map<string, Set<() => void>>();
  const arrived = (session: string) => {
    for (const wake of waiters.get(session) ?? []) wake();
    waiters.delete(session);
  };
  return {
    arrived,
    wakeAll: () => {
      for (const session of [...waiters.keys()]) arrived(session);
    },
    wait: (session, ms) =>
      new Promise((resolve) => {
        const mine = waiters.get(session) ?? new Set();
        waiters.set(session, mine);
        const wake = () => {
          clearTimeout(timer);
          resolve('changed');
        };
        const timer = setTimeout(() => {
          mine.delete(wake);
          resolve('timeout');
        }, ms);
        mine.add(wake);
      }),
  };
}
