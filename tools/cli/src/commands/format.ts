/** Number formats the CLI's tables and summaries share. */

/** `0.812`; `—` for a missing or non-finite value. */
export function fixed(value: number | null | undefined, digits = 3): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** A share 0..1 as `12.5%`. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/** `2024-05-01 12:30Z`: minutes are enough to tell trainings apart, in UTC whatever the offset. */
export function minute(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')}Z`;
}
