// JetStream publishes with their PubAcks, on the hot path.
//
// `js.publish()` goes through the client's generic request machinery, which per publish starts a
// timer and builds an Error with a stack trace (even on success, to reject an already settled
// promise): a tenth of the CPU of a busy publisher. Here replies come to one wildcard inbox,
// pending publishes sit in a Map, and one sweep every 100 ms times them out.
//
// The client drops whatever was written while it is disconnected, so publishes made then are held
// here and sent on reconnect (or time out); those in flight when the connection drops fail at
// once, since their PubAck cannot come any more.
import {
  createInbox,
  type Msg,
  type MsgHdrs,
  type NatsConnection,
  type Subscription,
} from '@nats-io/transport-node';

interface Pending {
  resolve(ack: StoredAck): void;
  reject(error: Error): void;
  deadline: number;
  /** Written to the connection (else held until the reconnect). */
  sent: boolean;
  subject: string;
  payload: Uint8Array;
  headers: MsgHdrs;
}

export interface StoredAck {
  stream: string;
  seq: number;
  duplicate: boolean;
}

/** Why a publish stored nothing (or may not have); `code` is JetStream's err_code if it said so. */
export class PublishRejected extends Error {
  override name = 'PublishRejected';
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

const SWEEP_MS = 100;
const decoder = new TextDecoder();

export class PubAckPublisher {
  private readonly prefix = `${createInbox()}.`;
  private readonly pending = new Map<string, Pending>();
  private readonly sub: Subscription;
  private readonly sweeper: NodeJS.Timeout;
  private next = 0;
  private connected = true;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
  ) {
    this.sub = nc.subscribe(`${this.prefix}*`, {
      callback: (error, msg) => {
        if (!error) this.settle(msg);
      },
    });
    this.sweeper = setInterval(() => this.sweep(), SWEEP_MS);
    this.sweeper.unref();
    void this.followConnection();
    void nc.closed().then(() => this.close());
  }

  /** Publishes and resolves with the PubAck; rejects with PublishRejected when nothing was stored. */
  publish(subject: string, payload: Uint8Array, headers: MsgHdrs): Promise<StoredAck> {
    const token = (this.next++).toString(36);
    return new Promise<StoredAck>((resolve, reject) => {
      const pending: Pending = {
        resolve,
        reject,
        deadline: Date.now() + this.timeoutMs,
        sent: false,
        subject,
        payload,
        headers,
      };
      this.pending.set(token, pending);
      if (this.connected) this.send(token, pending);
    });
  }

  /** Resolves once every publish made so far has its PubAck, or has failed. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await new Promise((r) => setTimeout(r, 10));
  }

  close(): void {
    clearInterval(this.sweeper);
    if (!this.nc.isClosed()) this.sub.unsubscribe();
    this.failAll(() => true, 'the NATS connection closed before the PubAck');
  }

  private send(token: string, pending: Pending): void {
    pending.sent = true;
    try {
      this.nc.publish(pending.subject, pending.payload, {
        reply: this.prefix + token,
        headers: pending.headers,
      });
    } catch (error) {
      this.pending.delete(token);
      pending.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private async followConnection(): Promise<void> {
    for await (const status of this.nc.status()) {
      if (status.type === 'disconnect') {
        this.connected = false;
        this.failAll(
          (p) => p.sent,
          'the connection to NATS dropped before the PubAck (the message may be stored: ' +
            'publish it again with the same msgId)',
        );
      } else if (status.type === 'reconnect') {
        this.connected = true;
        for (const [token, pending] of this.pending) if (!pending.sent) this.send(token, pending);
      }
    }
  }

  private failAll(which: (pending: Pending) => boolean, reason: string): void {
    for (const [token, pending] of this.pending) {
      if (!which(pending)) continue;
      this.pending.delete(token);
      pending.reject(new PublishRejected(reason));
    }
  }

  private settle(msg: Msg): void {
    const token = msg.subject.slice(this.prefix.length);
    const pending = this.pending.get(token);
    if (!pending) return;
    this.pending.delete(token);
    if (msg.data.length === 0 && msg.headers?.code === 503) {
      pending.reject(new PublishRejected('no stream stores this subject (no JetStream responder)'));
      return;
    }
    let reply: Partial<StoredAck> & { error?: { err_code?: number; description?: string } };
    try {
      reply = JSON.parse(decoder.decode(msg.data)) as typeof reply;
    } catch {
      pending.reject(new PublishRejected(`unreadable PubAck: ${decoder.decode(msg.data).slice(0, 200)}`));
      return;
    }
    if (reply.error || typeof reply.seq !== 'number' || !reply.stream) {
      const { description = 'invalid PubAck', err_code } = reply.error ?? {};
      pending.reject(
        new PublishRejected(
          err_code ? `${description} (JetStream error ${err_code})` : description,
          err_code,
        ),
      );
      return;
    }
    pending.resolve({ stream: reply.stream, seq: reply.seq, duplicate: reply.duplicate === true });
  }

  private sweep(): void {
    const now = Date.now();
    // One timeout for all, so insertion order is deadline order: stop at the first live one.
    for (const [token, pending] of this.pending) {
      if (pending.deadline > now) return;
      this.pending.delete(token);
      pending.reject(
        new PublishRejected(
          pending.sent
            ? `no PubAck within ${this.timeoutMs} ms`
            : `not connected to NATS for ${this.timeoutMs} ms (reconnecting)`,
        ),
      );
    }
  }
}
