import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface DemoMailbox {
  host: string;
  port: number;
  /** Messages accepted since it started, counted once per Message-ID (a resend is the same message). */
  readonly received: number;
  close(): Promise<void>;
}

/** The end of a message's header block, and its Message-ID line (possibly folded). */
const HEADER_END = '\r\n\r\n';
const MESSAGE_ID = /^message-id:[ \t]*(.*(?:\r\n[ \t].*)*)/im;

/**
 * The demo campaign's mail server: SMTP on 127.0.0.1 that accepts every message (no auth, no
 * TLS: it never leaves loopback) and counts them. Nothing is stored; the platform runs it only
 * while the demo's email destination exists.
 */
export async function startDemoMailbox(port: number): Promise<DemoMailbox> {
  const ids = new Set<string>();
  let anonymous = 0;
  const server = new SMTPServer({
    authOptional: true,
    // Plain text on loopback: nodemailer would otherwise upgrade to TLS with a self-signed cert.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // The activation service keeps a pool of connections open: do not wait 30 s for them on stop.
    closeTimeout: 1_000,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (!head.includes(HEADER_END)) head += chunk.toString('latin1');
      });
      stream.once('end', () => {
        const id = MESSAGE_ID.exec(head.split(HEADER_END)[0] ?? '')?.[1]?.replace(/\s+/g, '');
        if (id) ids.add(id);
        else anonymous++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client hanging up mid-session is not the platform's problem.
  server.on('error', () => undefined);
  server.server.on('connection', (socket) => socket.setNoDelay(true));
  const address = server.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    host: '127.0.0.1',
    port: address.port,
    get received() {
      return ids.size + anonymous;
    },
    close() {
      closing ??= new Promise((resolve) => server.close(() => resolve()));
      return closing;
    },
  };
}

/** Holds the one demo mailbox a platform runs, so stopping the platform closes it. */
export class MailboxKeeper {
  private opened: Promise<DemoMailbox> | undefined;
  private mailbox: DemoMailbox | undefined;

  /** The mailbox on `port`, started on first use (a failed start may be tried again). */
  open(port: number): Promise<DemoMailbox> {
    this.opened ??= startDemoMailbox(port).then(
      (mailbox) => (this.mailbox = mailbox),
      (error: unknown) => {
        this.opened = undefined;
        throw error;
      },
    );
    return this.opened;
  }

  get current(): DemoMailbox | undefined {
    return this.mailbox;
  }

  async close(): Promise<void> {
    const mailbox = await this.opened?.catch(() => undefined);
    this.opened = undefined;
    this.mailbox = undefined;
    await mailbox?.close();
  }
}
