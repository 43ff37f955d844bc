// The dead-letter store on JetStream: a stream of its own, one message per failed delivery. The
// payload is the original bytes; where it came from and why it failed ride in `cdp-dlq-*` headers.
// With a namespace, the stream and `subjectPrefix` are already the namespace's own, and the
// original subject is kept without it: a replay publishes it through the bus, which adds it again.
import type { JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { type MsgHdrs } from '@nats-io/transport-node';
import type { DeadLetter, DeadLetterStore, PublishAck } from '../bus.js';
import { BusError, describeError } from '../errors.js';
import {
  decodeLenient,
  headersToRecord,
  headerValue,
  MSG_ID_HEADER,
  recordToHeaders,
  subjectToken,
} from './codec.js';

const DLQ = {
  subject: 'cdp-dlq-subject',
  consumer: 'cdp-dlq-consumer',
  error: 'cdp-dlq-error',
  deliveryCount: 'cdp-dlq-delivery-count',
  failedAt: 'cdp-dlq-failed-at',
  msgId: 'cdp-dlq-msg-id',
  seq: 'cdp-dlq-seq',
} as const;
const DLQ_PREFIX = 'cdp-dlq-';

/** A delivery that failed for good, as the dead-letter store keeps it. */
export interface FailedMessage {
  /** The subject as published (without the partition token or the bus's namespace). */
  subject: string;
  data: Uint8Array;
  headers: Record<string, string>;
  seq: number;
  deliveryCount: number;
}

/** Publishes raw bytes and waits for the PubAck (errors are already BusError PUBLISH_FAILED). */
export type RawPublisher = (
  subject: string,
  payload: Uint8Array,
  headers: MsgHdrs,
  msgId: string | undefined,
) => Promise<PublishAck>;

/** Headers JetStream interprets (dedup id, expectations): never copied onto a republished message. */
function isServerHeader(name: string): boolean {
  return name.toLowerCase().startsWith('nats-');
}

export class JetStreamDeadLetters implements DeadLetterStore {
  constructor(
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly subjectPrefix: string,
    private readonly publishRaw: RawPublisher,
    /** Publishes an event again (to the partition of its key, under its original subject). */
    private readonly republish: RawPublisher,
  ) {}

  /** Stores `failed` with the error; resolves once the dead-letter stream has it. */
  async add(failed: FailedMessage, durable: string, error: unknown): Promise<void> {
    const record: Record<string, string> = {};
    for (const [name, value] of Object.entries(failed.headers)) {
      if (!isServerHeader(name) && !name.startsWith(DLQ_PREFIX)) record[name] = value;
    }
    const originalMsgId = failed.headers[MSG_ID_HEADER];
    if (originalMsgId) record[DLQ.msgId] = originalMsgId;
    record[DLQ.subject] = failed.subject;
    record[DLQ.consumer] = durable;
    record[DLQ.error] = headerValue(describeError(error));
    record[DLQ.deliveryCount] = String(failed.deliveryCount);
    record[DLQ.failedAt] = new Date().toISOString();
    record[DLQ.seq] = String(failed.seq);
    // Dedup on (consumer, stream seq): when the term after a stored letter is lost and the message
    // fails again on redelivery, the letter is not stored twice (within the duplicate window).
    await this.publishRaw(
      `${this.subjectPrefix}.${subjectToken(durable)}`,
      failed.data,
      recordToHeaders(record),
      `dlq:${durable}:${failed.seq}`,
    );
  }

  async list(limit = 100): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    await this.scan(limit, Number.MAX_SAFE_INTEGER, (stored) => {
      letters.push(toDeadLetter(stored));
    });
    return letters;
  }

  async replay(id: string): Promise<void> {
    const seq = Number(id);
    const stored = Number.isSafeInteger(seq) && seq > 0 ? await this.get(seq) : null;
    if (!stored) throw new BusError('NOT_FOUND', `no dead letter ${id} in ${this.stream}`);
    await this.replayStored(stored);
  }

  async replayAll(): Promise<number> {
    // Only what is there now: letters added while replaying wait for the next call.
    const lastSeq = (await this.api(() => this.jsm.streams.info(this.stream))).state.last_seq;
    let replayed = 0;
    for (;;) {
      const page: StoredMsg[] = [];
      await this.scan(100, lastSeq, (stored) => {
        page.push(stored);
      });
      if (page.length === 0) return replayed;
      for (const stored of page) {
        await this.replayStored(stored);
        replayed++;
      }
    }
  }

  private async replayStored(stored: StoredMsg): Promise<void> {
    const letter = headersToRecord(stored.header);
    const subject = letter[DLQ.subject];
    if (!subject) {
      throw new BusError('INTERNAL', `dead letter ${stored.seq} in ${this.stream} has no original subject`);
    }
    const original: Record<string, string> = {};
    for (const [name, value] of Object.entries(letter)) {
      if (!isServerHeader(name) && !name.startsWith(DLQ_PREFIX)) original[name] = value;
    }
    const base = letter[DLQ.msgId] ?? letter[DLQ.seq] ?? 'unknown';
    await this.republish(subject, stored.data, recordToHeaders(original), `${base}:replay:${stored.seq}`);
    const deleted = await this.api(() => this.jsm.streams.deleteMessage(this.stream, stored.seq));
    if (!deleted) throw new BusError('INTERNAL', `dead letter ${stored.seq} was replayed but not removed`);
  }

  /** Visits stored letters in order, from the first up to `lastSeq`, at most `limit` of them. */
  private async scan(limit: number, lastSeq: number, visit: (stored: StoredMsg) => void): Promise<void> {
    let seq = 1;
    for (let seen = 0; seen < limit; seen++) {
      // `next_by_subj` (nats-server 2.9+) skips deleted sequences in one request.
      const stored = await this.api(() =>
        this.jsm.streams.getMessage(this.stream, {
          seq,
          next_by_subj: `${this.subjectPrefix}.>`,
        } as unknown as { seq: number }),
      );
      if (!stored || stored.seq > lastSeq) return;
      visit(stored);
      seq = stored.seq + 1;
    }
  }

  private get(seq: number): Promise<StoredMsg | null> {
    return this.api(() => this.jsm.streams.getMessage(this.stream, { seq }));
  }

  private async api<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof BusError) throw error;
      throw new BusError('UNAVAILABLE', `dead-letter stream ${this.stream}: ${describeError(error)}`);
    }
  }
}

function toDeadLetter(stored: StoredMsg): DeadLetter {
  const letter = headersToRecord(stored.header);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(letter)) {
    if (!isServerHeader(name) && !name.startsWith(DLQ_PREFIX)) headers[name] = value;
  }
  const originalMsgId = letter[DLQ.msgId];
  if (originalMsgId) headers[MSG_ID_HEADER] = originalMsgId;
  return {
    id: String(stored.seq),
    subject: letter[DLQ.subject] ?? '',
    consumer: letter[DLQ.consumer] ?? '',
    error: letter[DLQ.error] ?? '',
    deliveryCount: Number(letter[DLQ.deliveryCount] ?? 0),
    failedAt: letter[DLQ.failedAt] ?? stored.time.toISOString(),
    data: decodeLenient(stored.data),
    headers,
  };
}
