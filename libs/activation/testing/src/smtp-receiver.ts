import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { arrivals, injectionQueue } from './http-peer.js';

/** One message as the receiver got it: the envelope and the parsed content. */
export interface ReceivedEmail {
  envelopeFrom: string;
  envelopeTo: string[];
  messageId: string | undefined;
  subject: string | undefined;
  text: string | undefined;
  html: string | undefined;
  /** Raw header values by lowercased name (the last one wins when a header repeats). */
  headers: Record<string, string>;
}

export interface SmtpReceiverOptions {
  /** Recipients refused at RCPT TO with 550 (compared lowercased). */
  rejectRecipients?: Iterable<string>;
}

export interface SmtpReceiver {
  host: string;
  port: number;
  readonly messages: ReceivedEmail[];
  /** Addresses refused at RCPT TO with 550; may be changed while running. */
  rejectRecipients: Set<string>;
  /** The next `count` messages fail at DATA with `code` (a temporary 451 unless told). */
  failNext(count: number, code?: number): void;
  /** Resolves once `count` messages have arrived, or rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedEmail[]>;
  close(): Promise<void>;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** An SMTP server on 127.0.0.1 that accepts anything (no auth, no TLS) and records what arrived. */
export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const messages: ReceivedEmail[] = [];
  const rejectRecipients = new Set([...(options.rejectRecipients ?? [])].map((a) => a.toLowerCase()));
  const failures = injectionQueue<number>();
  const arrival = arrivals(messages, 'messages');

  const server = new SMTPServer({
    authOptional: true,
    // Plain text on loopback: the adapter would otherwise upgrade to TLS with our self-signed cert.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Clients still connected (an open pool) do not hold up close() for the default 30 s.
    closeTimeout: 1_000,
    onRcptTo(address, _session, callback) {
      if (receiver.rejectRecipients.has(address.address.toLowerCase())) {
        callback(smtpError(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`, 550));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const failure = failures.next();
      if (failure !== undefined) {
        // The stream must still be drained before the reply goes out.
        stream.on('end', () => callback(smtpError('4.3.0 Try again later', failure)));
        stream.resume();
        return;
      }
      simpleParser(stream)
        .then((mail) => {
          const headers: Record<string, string> = {};
          for (const { key, line } of mail.headerLines) {
            headers[key.toLowerCase()] = line
              .slice(line.indexOf(':') + 1)
              .replace(/\r?\n[ \t]+/g, ' ')
              .trim();
          }
          const from = session.envelope.mailFrom;
          messages.push({
            envelopeFrom: from === false ? '' : from.address,
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            messageId: mail.messageId,
            subject: mail.subject,
            text: mail.text,
            html: mail.html === false ? undefined : mail.html,
            headers,
          });
          arrival.notify();
          callback();
        })
        .catch((error: unknown) => callback(smtpError(`4.6.0 Unparseable: ${String(error)}`, 451)));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // After listening, report server errors (a client hanging up) instead of crashing the test.
  server.on('error', () => undefined);
  const { port } = server.server.address() as AddressInfo;
  // Replies go out at once, as a mail server's do; Nagle would hold each one for a delayed ACK.
  server.server.on('connection', (socket) => socket.setNoDelay(true));

  const receiver: SmtpReceiver = {
    host: '127.0.0.1',
    port,
    messages,
    rejectRecipients,
    failNext(count, code = 451) {
      failures.add(count, code);
    },
    waitFor: arrival.waitFor,
    close() {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return receiver;
}
