import { describe, expect, it } from 'vitest';
import { LinkSigner } from './links.js';

describe('LinkSigner', () => {
  const signer = new LinkSigner('a-secret-of-some-length');

  it('gives back the delivery id of its own token', () => {
    for (const id of [0, 1, 42, 987_654_321, 999_999_999_999_999]) {
      expect(signer.verify(signer.token(id))).toBe(id);
    }
  });

  it('rejects a token whose id was changed', () => {
    const mac = signer.token(42).split('.')[1];
    expect(signer.verify(`43.${mac}`)).toBeUndefined();
  });

  it('rejects a token whose mac was changed', () => {
    const token = signer.token(42);
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    expect(signer.verify(`${token.slice(0, -1)}${last}`)).toBeUndefined();
  });

  it('rejects a token signed with another secret', () => {
    expect(new LinkSigner('another-secret').verify(signer.token(42))).toBeUndefined();
  });

  it('rejects garbage', () => {
    for (const garbage of ['', '42', '42.', '.abc', 'x.y', `-1.${'A'.repeat(22)}`, `42.${'A'.repeat(23)}`]) {
      expect(signer.verify(garbage)).toBeUndefined();
    }
    expect(signer.verify(`${signer.token(42)}.extra`)).toBeUndefined();
  });
});
