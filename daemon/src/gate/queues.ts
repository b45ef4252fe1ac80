/**
 * One session's actions are judged one at a time, in order (R4: an action that depends on an
 * earlier one waits for it). Bounded: past `limit` waiting actions a session's new ones are refused.
 */
export interface SessionQueues {
  /** Queue `task` behind the session's earlier ones; false when the session already has `limit` waiting. */
  enqueue(session: string, task: () => Promise<void>): boolean;
  /** Settles when every queued task has finished. */
  drained(): Promise<void>;
}

export function createSessionQueues(limit: number, log: (line: string) => void): SessionQueues {
  const queues = new Map<string, { tail: Promise<void>; waiting: number }>();
  return {
    enqueue(session, task) {
      const queue = queues.get(session) ?? { tail: Promise.resolve(), waiting: 0 };
      if (queue.waiting >= limit) return false;
      queue.waiting++;
      queue.tail = queue.tail
        .then(task)
        .catch((error: unknown) => log(`error: ${(error as Error).stack ?? String(error)}`))
        .finally(() => {
          queue.waiting--;
          if (queue.waiting === 0) queues.delete(session);
        });
      queues.set(session, queue);
      return true;
    },
    drained: async () => {
      await Promise.all([...queues.values()].map((queue) => queue.tail));
    },
  };
}
