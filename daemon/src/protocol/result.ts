/**
 * The one shape of a result that can fail, across the code base: `{ ok: true, …value }` or
 * `{ ok: false, error, …details }`. `error` is a sentence for a human, in one style: lowercase,
 * the offending name in backticks, and what to do next where there is something to do.
 * Details a caller acts on (a line, a pid, the problems of a policy file) sit beside it.
 */
export type Result<Value extends object, Details extends object = object> =
  ({ ok: true } & Value) | ({ ok: false; error: string } & Details);
