/** The wall clock, in one place so that tests can pin it. */
let fixedNow: Date | null = null;

export function now(): Date {
  return fixedNow ? new Date(fixedNow) : new Date();
}

export function nowIso(): string {
  return now().toISOString();
}

export function setClockForTests(d: Date | null): void {
  fixedNow = d;
}
