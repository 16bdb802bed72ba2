/**
 * A promise started early (package loading, test PKI) whose failure must wait to be reported, without
 * an unhandled rejection meanwhile: `settle` when starting it, `unsettle` when its value is needed.
 */

/** A promise started early whose failure must wait to be reported (no unhandled rejection meanwhile). */
export function settle<T>(p: Promise<T>): Promise<Settled<T>> {
  return p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

/** The value of a settled promise, or its error thrown now. */
export async function unsettle<T>(p: Promise<Settled<T>>): Promise<T> {
  const s = await p;
  if (!s.ok) throw s.error;
  return s.value;
}

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
