import { createHmac, timingSafeEqual } from 'node:crypto';

/** Unsubscribe and tracking links carry the delivery id and a MAC, so they cannot be forged. */
export class LinkSigner {
  constructor(private readonly secret: string) {}

  token(deliveryId: number): string {
    return `${deliveryId}.${this.mac(deliveryId)}`;
  }

  /** The delivery id of a valid token, or undefined. */
  verify(token: string): number | undefined {
    const match = /^(\d{1,15})\.([A-Za-z0-9_-]{22})$/.exec(token);
    if (!match) return undefined;
    const id = Number(match[1]);
    const expected = Buffer.from(this.mac(id));
    const given = Buffer.from(match[2] as string);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : undefined;
  }

  private mac(deliveryId: number): string {
    return createHmac('sha256', this.secret)
      .update(`delivery:${deliveryId}`)
      .digest('base64url')
      .slice(0, 22);
  }
}
