const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export const fmtInt = (n: number | null | undefined): string => (n == null ? '—' : integer.format(n));
export const fmtNum = (n: number | null | undefined): string => (n == null ? '—' : decimal.format(n));
export const fmtPct = (n: number | null | undefined, digits = 1): string =>
  n == null ? '—' : `${(n * 100).toFixed(digits)} %`;

export function fmtTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().replace('T', ' ').slice(0, 19);
}

export function fmtValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return fmtNum(value);
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
