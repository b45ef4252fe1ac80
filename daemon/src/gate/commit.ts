/**
 * Group commit (R5): the receipts written in one turn of the event loop share a transaction,
 * committed on the next `setImmediate`.
 *
 * INVARIANT: nothing the daemon says leaves before the writes it follows are committed. Every
 * message goes out through `afterCommit`, which holds it until then, so a crash loses no receipt an
 * agent or approver has been told of. If the commit fails, the held messages are dropped (their
 * receipts are lost, so their answers must not go out) and the daemon stops: agents fail closed.
 */
export interface CommitTarget {
  commit(): void;
  uncommitted(): boolean;
}

export interface GroupCommit {
  /** Run `send` once everything written so far is committed (at once if nothing is pending). */
  afterCommit: (send: () => void) => void;
  /** Commit now and release what waited for it (shutdown, checkpoints). */
  commitNow: () => void;
}

export function createGroupCommit(options: {
  /** the store, once it is open */
  target: () => CommitTarget | undefined;
  /** the commit failed: stop serving */
  onFailure: (reason: string) => void;
  log: (line: string) => void;
}): GroupCommit {
  let held: Array<() => void> = [];
  const commitNow = () => {
    try {
      options.target()?.commit();
    } catch (error) {
      held = [];
      options.onFailure(`the receipt database could not be written (${(error as Error).message})`);
      return;
    }
    const ready = held;
    held = [];
    for (const send of ready) {
      try {
        send();
      } catch (error) {
        options.log(`error after a commit: ${(error as Error).message}`);
      }
    }
  };
  return {
    commitNow,
    afterCommit(send) {
      if (options.target()?.uncommitted()) held.push(send);
      else send();
    },
  };
}
