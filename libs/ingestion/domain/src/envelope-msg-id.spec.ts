import { describe, expect, it } from 'vitest';
import { envelopeMsgId } from './envelope-msg-id.js';

const events = [{ messageId: 'm1' }, { messageId: 'm2' }, { messageId: 'm3' }];

describe('envelopeMsgId', () => {
  it('is the same for a retried request: same source, same messageIds', () => {
    const id = envelopeMsgId('src_1', events);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(
      envelopeMsgId(
        'src_1',
        events.map((event) => ({ ...event })),
      ),
    ).toBe(id);
  });

  it('differs for another source, another order, or other events', () => {
    const id = envelopeMsgId('src_1', events);
    expect(envelopeMsgId('src_2', events)).not.toBe(id);
    expect(envelopeMsgId('src_1', [...events].reverse())).not.toBe(id);
    expect(envelopeMsgId('src_1', events.slice(0, 2))).not.toBe(id);
  });

  it('cannot be forged by moving text between the source and the messageIds', () => {
    expect(envelopeMsgId('a', [{ messageId: 'b,c' }])).not.toBe(
      envelopeMsgId('a', [{ messageId: 'b' }, { messageId: 'c' }]),
    );
    expect(envelopeMsgId('a:b', [{ messageId: 'c' }])).not.toBe(envelopeMsgId('a', [{ messageId: 'b:c' }]));
  });
});
