/** The wall clock, in one place so that tests can pin it. */
let fixedNow: Date | null = null;

export function now(): Date {
  return fixedNow ? new Date(fixedNow) : new Date();
}

let lastIssued = 0;

/**
 * The current time as ISO text, strictly increasing within this process: soft deletes recognise what
 * was deleted together by an equal deleted_at, so two actions in the same millisecond must not share one.
 */
export function nowIso(): string {
  let t = now().getTime();
  if (t <= lastIssued) t = lastIssued + 1;
  lastIssued = t;
  return new Date(t).toISOString();
}

export function setClockForTests(d: Date | null): void {
  fixedNow = d;
  lastIssued = 0;
}
