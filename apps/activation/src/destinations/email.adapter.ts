import { connect } from 'node:net';
import { emailTemplateSchema, type EmailDestination } from '@cdp/activation/contracts';
import nodemailer from 'nodemailer';
import type SMTPConnection from 'nodemailer/lib/smtp-connection/index.js';
import type { DestinationAdapter, OutboundMessage, SendOutcome } from './destination.js';
import { renderTemplate, TemplateError } from './render.js';

const DEFAULT_CONCURRENCY = 5;

/** HTML entities Mustache escapes, back to characters, so an href is read as the URL it means. */
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&#x2F;': '/',
  '&#x60;': '`',
  '&#x3D;': '=',
};

function decodeEntities(value: string): string {
  return value.replace(
    /&(?:amp|lt|gt|quot|#39|#x27|#x2F|#x60|#x3D);/gi,
    (entity) => ENTITIES[entity] ?? entity,
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
}

/**
 * Sends each http(s) link through the click redirect and adds the open pixel. The unsubscribe link
 * stays direct: a click on it must unsubscribe, not count as engagement.
 */
export function trackHtml(html: string, links: OutboundMessage['links']): string {
  const rewritten = html.replace(/href=(["'])(.*?)\1/gis, (whole, _quote: string, raw: string) => {
    const target = decodeEntities(raw.trim());
    if (!/^https?:\/\//i.test(target) || target.startsWith(links.unsubscribe)) return whole;
    return `href="${escapeAttribute(`${links.click}?url=${encodeURIComponent(target)}`)}"`;
  });
  const pixel = `<img src="${escapeAttribute(links.openPixel)}" width="1" height="1" alt="">`;
  const bodyEnd = rewritten.search(/<\/body>/i);
  return bodyEnd === -1 ? rewritten + pixel : rewritten.slice(0, bodyEnd) + pixel + rewritten.slice(bodyEnd);
}

/** SMTP's answer to a failed send, in the engine's terms. */
function classify(error: unknown): SendOutcome {
  const smtp = error as SMTPConnection.SMTPError;
  const description = smtp.response ?? smtp.message ?? String(error);
  const code = smtp.responseCode;
  if (code !== undefined && code >= 400 && code < 500)
    return { kind: 'retry', error: `SMTP ${code}: ${description}` };
  if (code !== undefined && code >= 500) {
    // 550-553: the mailbox does not exist or is not accepted; the address should be suppressed.
    const bounced = code >= 550 && code <= 553;
    return { kind: 'failed', error: `SMTP ${code}: ${description}`, ...(bounced ? { bounced } : {}) };
  }
  // Nodemailer refused the message itself (an envelope or message it cannot send): retrying cannot help.
  if (smtp.code === 'EENVELOPE' || smtp.code === 'EMESSAGE') {
    return { kind: 'failed', error: `${smtp.code}: ${description}` };
  }
  // No reply code: the connection failed, broke or timed out (ECONNECTION, ETIMEDOUT, ESOCKET, ...).
  return {
    kind: 'retry',
    error: `SMTP connection failed: ${smtp.code ? `${smtp.code} ` : ''}${description}`,
  };
}

/** Builds the adapter that sends one email per message through a pool of SMTP connections. */
export function createEmailAdapter(
  config: EmailDestination,
  options: { concurrency?: number } = {},
): DestinationAdapter {
  const concurrency = options.concurrency ?? config.concurrency ?? DEFAULT_CONCURRENCY;
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: concurrency,
    host: config.smtp.host,
    port: config.smtp.port,
    secure: config.smtp.secure,
    ...(config.smtp.user !== undefined
      ? { auth: { user: config.smtp.user, pass: config.smtp.pass ?? '' } }
      : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // Nagle's algorithm holds the short end-of-data write until the server's delayed ACK (~40 ms on
    // Linux), capping each pooled connection near 22 messages/s; nodemailer has no option for it,
    // so we hand it the socket (it still adds TLS itself when `secure` is set).
    getSocket(options, callback) {
      const socket = connect({
        host: options.host ?? config.smtp.host,
        port: options.port ?? config.smtp.port,
        noDelay: true,
      });
      socket.once('connect', () => callback(null, { connection: socket }));
      socket.once('error', (error) => callback(error, undefined));
    },
  });

  return {
    channel: 'email',
    async send(message) {
      const email = message.recipient.traits['email'];
      if (typeof email !== 'string' || email.trim() === '')
        return { kind: 'skipped', reason: 'no email trait' };

      const template = emailTemplateSchema.safeParse(message.template);
      if (!template.success)
        return { kind: 'failed', error: `invalid email template: ${template.error.message}` };
      let subject: string;
      let text: string;
      let html: string | undefined;
      try {
        subject = renderTemplate(template.data.subject, message);
        text = renderTemplate(template.data.text, message);
        html =
          template.data.html === undefined
            ? undefined
            : trackHtml(renderTemplate(template.data.html, message, true), message.links);
      } catch (error) {
        if (error instanceof TemplateError) return { kind: 'failed', error: error.message };
        throw error;
      }

      try {
        const info = await transport.sendMail({
          from: config.from,
          ...(config.replyTo !== undefined ? { replyTo: config.replyTo } : {}),
          to: email.trim(),
          // Header line breaks would let a subject inject headers; a subject is one line.
          subject: subject.replace(/[\r\n]+/g, ' '),
          text,
          ...(html !== undefined ? { html } : {}),
          // Derived from the delivery key: a resend after a crash is the same message to receivers.
          messageId: `<${message.key}@cdp.activation>`,
          headers: {
            'List-Unsubscribe': `<${message.links.unsubscribe}>`,
            // RFC 8058 one-click: mailbox providers POST to the unsubscribe URL.
            'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
            'X-CDP-Delivery': message.deliveryId,
            'X-CDP-Campaign': message.campaign.id,
          },
        });
        // "250 2.0.0 Ok: queued as 4B1C2D" names the server's queue id, which its logs and DSNs use.
        const queued = /queued as ([\w.-]+)/i.exec(info.response)?.[1];
        return { kind: 'sent', providerId: queued ?? info.messageId, detail: info.response };
      } catch (error) {
        return classify(error);
      }
    },
    async close() {
      transport.close();
    },
  };
}
