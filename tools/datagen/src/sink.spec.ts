import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { generateEvents } from './generate.js';
import { NdjsonSink } from './sink.js';

describe('NdjsonSink', () => {
  it('waits for drain when the stream is full and writes every event once, in order', async () => {
    const received: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    // A slow consumer with a small buffer: writes beyond it must wait.
    const out = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        setTimeout(() => {
          received.push(chunk.toString());
          inFlight--;
          done();
        }, 1);
      },
    });
    const sink = new NdjsonSink(out, 4096);
    const expected: string[] = [];
    let waited = 0;
    for (const event of generateEvents({ seed: 3, users: 20, days: 7, start: '2026-10-01' })) {
      expected.push(JSON.stringify(event));
      const pending = sink.write(event);
      if (pending) {
        waited++;
        await pending;
        expect(out.writableLength).toBeLessThanOrEqual(out.writableHighWaterMark);
      }
    }
    await sink.close();
    await new Promise<void>((resolve) => out.end(resolve));
    expect(waited).toBeGreaterThan(0);
    expect(maxInFlight).toBe(1);
    expect(received.join('')).toBe(`${expected.join('\n')}\n`);
  });
});
