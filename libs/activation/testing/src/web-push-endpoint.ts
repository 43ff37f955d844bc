import {
  createDecipheriv,
  createECDH,
  createHmac,
  createPublicKey,
  randomBytes,
  randomUUID,
  verify,
} from 'node:crypto';
import { createServer } from 'node:http';
import { closeServer, header, injectionQueue, listen, readBody } from './http-peer.js';

/** A push message as the browser got it, after decryption. */
export interface ReceivedPush {
  subscriptionId: string;
  payload: string;
  /** The `TTL` header (seconds). */
  ttl: number;
  urgency: string;
  topic: string | null;
  /** The VAPID `sub` claim (the sender's contact). */
  subject: string;
}

/** What a browser's `PushSubscription.toJSON()` gives the application server. */
export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface WebPushEndpoint {
  /** The push service's origin (`http://127.0.0.1:<port>`), the VAPID `aud`. */
  url: string;
  /** Subscribes like a browser: a fresh P-256 key pair and auth secret; returns the subscription and its id. */
  subscribe(options?: { applicationServerKey?: string }): PushSubscriptionJson & { id: string };
  readonly received: ReceivedPush[];
  /** Requests that were refused, and why (bad VAPID, undecryptable body, ...). */
  readonly rejected: { subscriptionId: string; status: number; reason: string }[];
  /** The subscription is gone (the user revoked permission): pushes to it answer 410. */
  expire(subscriptionId: string): void;
  /** The next `count` pushes answer `status` (429, 500, 503, ...) before anything is checked. */
  failNext(count: number, status: number): void;
  close(): Promise<void>;
}

interface Subscription {
  ecdh: ReturnType<typeof createECDH>;
  auth: Buffer;
  applicationServerKey?: string;
  expired: boolean;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A browser and its push service in one server on 127.0.0.1 (RFC 8030): checks each push's VAPID
 * token (RFC 8292) and decrypts its aes128gcm body (RFC 8291) with the subscription's own keys.
 */
export async function startWebPushEndpoint(): Promise<WebPushEndpoint> {
  const subscriptions = new Map<string, Subscription>();
  const received: ReceivedPush[] = [];
  const rejected: WebPushEndpoint['rejected'] = [];
  const failures = injectionQueue<number>();
  let origin = '';

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const match = /^\/push\/([\w-]+)$/.exec(request.url ?? '');
      const id = match?.[1] ?? '';
      const reply = (status: number, headers: Record<string, string> = {}): void => {
        response.writeHead(status, headers);
        response.end();
      };
      if (request.method !== 'POST' || !match) return reply(404);
      const injected = failures.next();
      if (injected !== undefined) return reply(injected);
      const subscription = subscriptions.get(id);
      if (!subscription) return reply(404);
      if (subscription.expired) return reply(410);
      try {
        const subject = checkVapid(
          header(request, 'authorization'),
          origin,
          subscription.applicationServerKey,
        );
        const ttl = header(request, 'ttl');
        // RFC 8030 §5.2: a push service refuses a push without a TTL.
        if (ttl === null || !/^\d+$/.test(ttl)) throw new Refusal(400, 'missing or invalid TTL header');
        if (header(request, 'content-encoding') !== 'aes128gcm') {
          throw new Refusal(415, 'Content-Encoding is not aes128gcm');
        }
        const payload = decryptWebPushPayload({
          body,
          privateKey: subscription.ecdh.getPrivateKey(),
          authSecret: subscription.auth,
        });
        received.push({
          subscriptionId: id,
          payload: payload.toString('utf8'),
          ttl: Number(ttl),
          urgency: header(request, 'urgency') ?? 'normal',
          topic: header(request, 'topic'),
          subject,
        });
        reply(201, { location: `${origin}/message/${randomUUID()}` });
      } catch (error) {
        const status = error instanceof Refusal ? error.status : 400;
        rejected.push({ subscriptionId: id, status, reason: (error as Error).message });
        reply(status);
      }
    });
  });
  origin = `http://127.0.0.1:${await listen(server)}`;

  return {
    url: origin,
    received,
    rejected,
    subscribe(options = {}) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      const id = randomUUID();
      subscriptions.set(id, {
        ecdh,
        auth,
        applicationServerKey: options.applicationServerKey,
        expired: false,
      });
      return {
        id,
        endpoint: `${origin}/push/${id}`,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
      };
    },
    expire(subscriptionId) {
      const subscription = subscriptions.get(subscriptionId);
      if (!subscription) throw new Error(`no subscription ${subscriptionId}`);
      subscription.expired = true;
    },
    failNext(count, status) {
      failures.add(count, status);
    },
    close: () => closeServer(server),
  };
}

/** Checks `Authorization: vapid t=<JWT>, k=<key>` (RFC 8292 §2-3); returns the `sub` claim. */
function checkVapid(authorization: string | null, audience: string, restrictedTo?: string): string {
  if (!authorization) throw new Refusal(401, 'missing Authorization');
  const scheme = /^vapid\s+(.*)$/i.exec(authorization.trim());
  if (!scheme?.[1]) throw new Refusal(401, 'Authorization is not the vapid scheme');
  const params = new Map<string, string>();
  for (const part of scheme[1].split(',')) {
    const at = part.indexOf('=');
    if (at > 0) params.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const token = params.get('t');
  const key = params.get('k');
  if (!token || !key) throw new Refusal(401, 'vapid needs t and k');
  const point = Buffer.from(key, 'base64url');
  if (point.length !== 65 || point[0] !== 0x04)
    throw new Refusal(401, 'k is not an uncompressed P-256 point');
  const [head, claims, signature] = token.split('.');
  if (!head || !claims || !signature) throw new Refusal(401, 't is not a JWT');
  const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
  if (header.alg !== 'ES256') throw new Refusal(401, `JWT alg ${String(header.alg)} is not ES256`);
  const publicKey = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  // JWS ES256 signatures are r||s (IEEE P1363), not DER.
  const signed = verify(
    'sha256',
    Buffer.from(`${head}.${claims}`),
    { key: publicKey, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) throw new Refusal(401, 'JWT signature does not verify with k');
  const body = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as {
    aud?: string;
    exp?: number;
    sub?: string;
  };
  const now = Math.floor(Date.now() / 1000);
  if (body.aud !== audience) throw new Refusal(401, `JWT aud ${String(body.aud)} is not ${audience}`);
  if (typeof body.exp !== 'number' || body.exp <= now) throw new Refusal(401, 'JWT has expired');
  // RFC 8292 §2: no more than 24 hours ahead.
  if (body.exp > now + 24 * 3600) throw new Refusal(401, 'JWT exp is more than 24 hours ahead');
  // RFC 8292 §4.2: a subscription restricted to one application server key refuses others with 403.
  if (restrictedTo !== undefined && restrictedTo !== key) {
    throw new Refusal(403, 'k is not the subscription’s application server key');
  }
  return body.sub ?? '';
}

function hmac(key: Buffer, ...data: Buffer[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of data) mac.update(part);
  return mac.digest();
}

/** HKDF (RFC 5869) for outputs of one hash block or less, as RFC 8291 and RFC 8188 use it. */
function hkdf(salt: Buffer, ikm: Buffer, info: Buffer, length: number): Buffer {
  const prk = hmac(salt, ikm);
  return hmac(prk, info, Buffer.from([1])).subarray(0, length);
}

/**
 * What the browser does with a push body: RFC 8188 aes128gcm framing with the RFC 8291 key
 * derivation from the subscription's private key and auth secret. Throws when it does not decrypt.
 */
export function decryptWebPushPayload(input: {
  body: Buffer;
  privateKey: Buffer;
  authSecret: Buffer;
}): Buffer {
  const { body, privateKey, authSecret } = input;
  if (body.length < 21) throw new Refusal(400, 'body is shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20] ?? 0;
  // RFC 8291 §4: the key id is the application server's ephemeral public key.
  if (idLength !== 65) throw new Refusal(400, `keyid is ${idLength} bytes, not a P-256 public key`);
  if (recordSize < 18) throw new Refusal(400, `record size ${recordSize} is too small`);
  const senderPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);

  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(privateKey);
  const receiverPublic = ecdh.getPublicKey();
  const sharedSecret = ecdh.computeSecret(senderPublic);
  // RFC 8291 §3.4: the auth secret and both public keys go into the input keying material.
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublic, senderPublic]);
  const ikm = hkdf(authSecret, sharedSecret, keyInfo, 32);
  const cek = hkdf(salt, ikm, Buffer.from('Content-Encoding: aes128gcm\0'), 16);
  const baseNonce = hkdf(salt, ikm, Buffer.from('Content-Encoding: nonce\0'), 12);

  const plaintext: Buffer[] = [];
  const records = Math.ceil(ciphertext.length / recordSize);
  if (records === 0) throw new Refusal(400, 'no records');
  for (let seq = 0; seq < records; seq += 1) {
    const record = ciphertext.subarray(seq * recordSize, (seq + 1) * recordSize);
    if (record.length < 17) throw new Refusal(400, `record ${seq} is too short`);
    // RFC 8188 §2.3: the nonce is the base nonce XOR the record's sequence number.
    const nonce = Buffer.from(baseNonce);
    // (Only the low 32 bits: JS bitwise operators are 32-bit, and no body has 2^32 records.)
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    let padded: Buffer;
    try {
      padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    } catch {
      throw new Refusal(400, `record ${seq} does not decrypt (wrong keys or a tampered body)`);
    }
    // Padding is zeros after a delimiter: 0x02 ends the last record, 0x01 any other (RFC 8188 §2).
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end -= 1;
    const last = seq === records - 1;
    if (end < 0 || padded[end] !== (last ? 2 : 1)) {
      throw new Refusal(400, `record ${seq} has no ${last ? '0x02' : '0x01'} padding delimiter`);
    }
    plaintext.push(padded.subarray(0, end));
  }
  return Buffer.concat(plaintext);
}
