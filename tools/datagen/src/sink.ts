import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { SegmentEvent } from './generate.js';

/**
 * Where generated events go. NDJSON is the only sink today. Sending through the tracking API
 * (issue 4, item 8) is a second implementation of this interface: an `ApiSink` that buffers up to
 * 100 events (well under the 500 KB / 2,500-event batch limits), POSTs them to `/v1/batch` with the
 * write key as Basic auth, awaits each response before taking more (backpressure), and retries 429/503
 * after `Retry-After`. The messageIds are deterministic, so a retried batch is deduplicated.
 */
export interface EventSink {
  write(event: SegmentEvent): Promise<void> | void;
  close(): Promise<void>;
}

/** One JSON object per line, written in ~64 KB chunks, waiting for 'drain' when the stream is full. */
export class NdjsonSink implements EventSink {
  private buffer = '';

  constructor(
    private readonly out: Writable,
    private readonly chunkSize = 64 * 1024,
  ) {}

  write(event: SegmentEvent): Promise<void> | void {
    this.buffer += `${JSON.stringify(event)}\n`;
    if (this.buffer.length >= this.chunkSize) return this.flush();
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    if (this.buffer.length > 0) await this.flush();
  }
}
