import { setTimeout as delay } from 'node:timers/promises';

/**
 * Poll until `check` gives something other than false/undefined, and return it; fail naming `what`
 * after `timeoutMs`, so a test that waits for an event that never comes says what it waited for.
 */
export async function waitFor<T>(
  check: () => T | false | undefined | Promise<T | false | undefined>,
  options: { timeoutMs: number; what: string; everyMs?: number },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== false && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`waited ${options.timeoutMs} ms for ${options.what}`);
    await delay(options.everyMs ?? 25);
  }
}
