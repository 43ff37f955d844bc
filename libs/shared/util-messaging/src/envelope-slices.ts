/**
 * The most JSON bytes one envelope should carry. NATS refuses messages over its `max_payload`
 * (1 MiB by default); half of it leaves room for headers and for estimates that run short.
 */
export const ENVELOPE_MAX_BYTES = 512 * 1024;

export interface SliceOptions<T> {
  /** JSON bytes of one item, or a close estimate. */
  sizeOf(item: T): number;
  maxBytes?: number;
  maxItems?: number;
}

/**
 * Cuts items into envelopes by size and count, in order: a publisher's batch of many events never
 * makes a message the bus refuses. An item larger than `maxBytes` travels alone.
 */
export function envelopeSlices<T>(items: readonly T[], options: SliceOptions<T>): T[][] {
  const maxBytes = options.maxBytes ?? ENVELOPE_MAX_BYTES;
  const maxItems = options.maxItems ?? 2_500;
  const slices: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = options.sizeOf(item);
    if (current.length > 0 && (bytes + size > maxBytes || current.length >= maxItems)) {
      slices.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) slices.push(current);
  return slices;
}
