/** Outcome of validating one answer: the cleaned value, or a polite Indonesian re-ask. */
export type Valid<T> = { ok: true; value: T };
export type Invalid = { ok: false; message: string };
export type Validation<T> = Valid<T> | Invalid;

export function valid<T>(value: T): Valid<T> {
  return { ok: true, value };
}

export function invalid(message: string): Invalid {
  return { ok: false, message };
}
