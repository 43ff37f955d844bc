import type { DeadLetter } from '@cdp/shared/util-messaging';

export function formatDeadLetters(letters: DeadLetter[]): string {
  if (letters.length === 0) return 'no dead letters';
  const rows = letters.map((d) => [
    d.id,
    d.consumer,
    d.subject,
    String(d.deliveryCount),
    d.failedAt,
    d.error.length > 80 ? `${d.error.slice(0, 77)}...` : d.error,
  ]);
  const header = ['id', 'consumer', 'subject', 'deliveries', 'failed at', 'error'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), `${letters.length} dead letter(s)`].join('\n');
}
