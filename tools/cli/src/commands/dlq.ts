import { formatTable } from './table.js';
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
  return `${formatTable(header, rows)}\n${letters.length} dead letter(s)`;
}
