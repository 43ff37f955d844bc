import { createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { closeServer, injectionQueue, listen, readBody, sendJson } from './http-peer.js';

const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const JSON_UTF8 = { 'content-type': 'application/json; charset=UTF-8' };

/** One message FCM accepted. */
export interface ReceivedFcmMessage {
  /** `projects/<p>/messages/<id>`, as returned to the sender. */
  name: string;
  token: string;
  notification?: { title?: string; body?: string };
  data?: Record<string, string>;
  /** The whole `message` object as sent. */
  message: Record<string, unknown>;
}

export interface FcmServer {
  /** FCM's base URL (the destination's `fcm.baseUrl`). */
  url: string;
  /** Google's OAuth token endpoint stand-in (the destination's `fcm.tokenUri`). */
  tokenUri: string;
  readonly messages: ReceivedFcmMessage[];
  /** Token exchanges that succeeded. */
  readonly tokenExchanges: number;
  /** Sends to this registration token answer 404 UNREGISTERED (the app was uninstalled). */
  unregister(token: string): void;
  /** The next `count` sends answer `status` with FCM's error JSON (429, 500, 503, ...). */
  failNext(count: number, status: number): void;
  /** Forgets every access token issued so far, as when Google revokes them: sends answer 401. */
  revokeAccessTokens(): void;
  close(): Promise<void>;
}

// google.rpc.Status codes FCM uses per HTTP status, and the FcmError code it adds.
const ERRORS: Record<number, { status: string; errorCode: string }> = {
  400: { status: 'INVALID_ARGUMENT', errorCode: 'INVALID_ARGUMENT' },
  401: { status: 'UNAUTHENTICATED', errorCode: 'THIRD_PARTY_AUTH_ERROR' },
  403: { status: 'PERMISSION_DENIED', errorCode: 'SENDER_ID_MISMATCH' },
  404: { status: 'NOT_FOUND', errorCode: 'UNREGISTERED' },
  429: { status: 'RESOURCE_EXHAUSTED', errorCode: 'QUOTA_EXCEEDED' },
  500: { status: 'INTERNAL', errorCode: 'INTERNAL' },
  503: { status: 'UNAVAILABLE', errorCode: 'UNAVAILABLE' },
};

/** FCM's error body (google.rpc.Status with an FcmError detail). */
function fcmError(code: number, message: string): unknown {
  const known = ERRORS[code] ?? { status: 'UNKNOWN', errorCode: 'UNSPECIFIED_ERROR' };
  return {
    error: {
      code,
      message,
      status: known.status,
      details: [
        { '@type': 'type.googleapis.com/google.firebase.fcm.v1.FcmError', errorCode: known.errorCode },
      ],
    },
  };
}

/**
 * FCM HTTP v1 and Google's OAuth 2.0 token endpoint on 127.0.0.1: a service account's signed
 * JWT buys an access token (RFC 7523), which authorises `messages:send`.
 */
export async function startFcmServer(options: {
  projectId: string;
  clientEmail: string;
  publicKeyPem: string;
}): Promise<FcmServer> {
  const publicKey = createPublicKey(options.publicKeyPem);
  const messages: ReceivedFcmMessage[] = [];
  const accessTokens = new Map<string, number>();
  const unregistered = new Set<string>();
  const failures = injectionQueue<number>();
  let tokenExchanges = 0;
  let origin = '';

  function exchange(form: URLSearchParams): { status: number; body: unknown } {
    const refuse = (description: string): { status: number; body: unknown } => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: description },
    });
    if (form.get('grant_type') !== JWT_BEARER) {
      return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'not jwt-bearer' } };
    }
    const [head, claims, signature] = (form.get('assertion') ?? '').split('.');
    if (!head || !claims || !signature) return refuse('assertion is not a JWT');
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string };
    if (header.alg !== 'RS256') return refuse(`alg ${String(header.alg)} is not RS256`);
    const valid = verify(
      'RSA-SHA256',
      Buffer.from(`${head}.${claims}`),
      publicKey,
      Buffer.from(signature, 'base64url'),
    );
    if (!valid) return refuse('Invalid JWT Signature.');
    const jwt = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as Record<string, unknown>;
    const now = Math.floor(Date.now() / 1000);
    if (jwt['iss'] !== options.clientEmail)
      return refuse(`iss ${String(jwt['iss'])} is not the service account`);
    if (typeof jwt['scope'] !== 'string' || !jwt['scope'].split(' ').includes(FCM_SCOPE)) {
      return refuse('scope does not include firebase.messaging');
    }
    if (jwt['aud'] !== `${origin}/token`) return refuse(`aud ${String(jwt['aud'])} is not ${origin}/token`);
    const iat = Number(jwt['iat']);
    const exp = Number(jwt['exp']);
    if (!Number.isFinite(exp) || exp <= now) return refuse('JWT has expired');
    // Google allows at most an hour's lifetime and a little clock skew.
    if (!Number.isFinite(iat) || iat > now + 60 || exp - iat > 3600) return refuse('iat/exp out of range');
    tokenExchanges += 1;
    const token = `ya29.${randomBytes(24).toString('base64url')}`;
    accessTokens.set(token, Date.now() + 3600_000);
    return { status: 200, body: { access_token: token, expires_in: 3600, token_type: 'Bearer' } };
  }

  function send(request: IncomingMessage, raw: Buffer, projectId: string): { status: number; body: unknown } {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const expiresAt = bearer === undefined ? undefined : accessTokens.get(bearer);
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      return { status: 401, body: fcmError(401, 'Request had invalid authentication credentials.') };
    }
    if (projectId !== options.projectId) {
      return { status: 403, body: fcmError(403, `Permission denied on project ${projectId}.`) };
    }
    const injected = failures.next();
    if (injected !== undefined) return { status: injected, body: fcmError(injected, 'Injected failure.') };
    let message: Record<string, unknown> | undefined;
    try {
      message = (JSON.parse(raw.toString('utf8')) as { message?: Record<string, unknown> }).message;
    } catch {
      return { status: 400, body: fcmError(400, 'Invalid JSON payload received.') };
    }
    const token = message?.['token'];
    if (!message || typeof token !== 'string' || token === '') {
      return { status: 400, body: fcmError(400, 'The message has no token.') };
    }
    const data = message['data'];
    if (data !== undefined && Object.values(data as object).some((value) => typeof value !== 'string')) {
      // FCM's data map is string to string only.
      return { status: 400, body: fcmError(400, 'Invalid value at message.data: values must be strings.') };
    }
    if (unregistered.has(token)) {
      return { status: 404, body: fcmError(404, 'Requested entity was not found.') };
    }
    const name = `projects/${projectId}/messages/${randomUUID()}`;
    messages.push({
      name,
      token,
      notification: message['notification'] as ReceivedFcmMessage['notification'],
      data: data as Record<string, string> | undefined,
      message,
    });
    return { status: 200, body: { name } };
  }

  const server = createServer((request, response) => {
    void readBody(request).then((raw) => {
      const path = new URL(request.url ?? '/', origin).pathname;
      const sendPath = /^\/v1\/projects\/([^/]+)\/messages:send$/.exec(path);
      if (request.method === 'POST' && path === '/token') {
        const result = exchange(new URLSearchParams(raw.toString('utf8')));
        return sendJson(response, result.status, result.body, JSON_UTF8);
      }
      if (request.method === 'POST' && sendPath?.[1]) {
        const result = send(request, raw, decodeURIComponent(sendPath[1]));
        return sendJson(response, result.status, result.body, JSON_UTF8);
      }
      sendJson(response, 404, fcmError(404, `No route for ${request.method ?? ''} ${path}.`), JSON_UTF8);
    });
  });
  origin = `http://127.0.0.1:${await listen(server)}`;

  return {
    url: origin,
    tokenUri: `${origin}/token`,
    messages,
    get tokenExchanges() {
      return tokenExchanges;
    },
    unregister(token) {
      unregistered.add(token);
    },
    failNext(count, status) {
      failures.add(count, status);
    },
    revokeAccessTokens() {
      accessTokens.clear();
    },
    close: () => closeServer(server),
  };
}
