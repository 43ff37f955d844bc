import { useTestDatabase } from '@cdp/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDbClient, type DbClient } from './client.js';
import { copyField, copyRows } from './copy.js';
import { withTransaction } from './transaction.js';

const database = useTestDatabase('util_db_copy');
let db: DbClient;

beforeAll(async () => {
  db = createDbClient({ url: database.url, max: 1 });
  await db.pool.query('CREATE TABLE t (n int, s text, j jsonb, at timestamptz)');
});

afterAll(async () => {
  await db?.close();
});

describe('copyField', () => {
  it("writes COPY's text format: \\N for null, backslash and control characters escaped", () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField(undefined)).toBe('\\N');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField(12.5)).toBe('12.5');
    expect(copyField({ q: 'say "hi"\n' })).toBe('{"q":"say \\\\"hi\\\\"\\\\n"}');
  });
});

describe('copyRows', () => {
  it('stores every value as given: text with tabs, newlines and backslashes, JSON, nulls, unicode', async () => {
    const json = {
      path: 'C:\\temp',
      quote: 'say "hi"',
      lines: 'a\nb\tc',
      emoji: '😀',
      nested: [1, null, { x: true }],
    };
    const rows = [
      [1, 'tab\there\nnewline \\N backslash\\', json, '2024-05-01T10:00:00.123Z'],
      [2, null, null, null],
      [3, 'ünïcödé ✓', [], '2024-05-01T12:00:00+02:00'],
      // Many rows: the text goes in several chunks.
      ...Array.from({ length: 5_000 }, (_, i) => [10 + i, 'x'.repeat(300), { i }, null]),
    ];
    await withTransaction(db.pool, (client) => copyRows(client, 't', ['n', 's', 'j', 'at'], rows));
    const stored = await db.pool.query<{ n: number; s: string | null; j: unknown; at: Date | null }>(
      'SELECT n, s, j, at FROM t ORDER BY n',
    );
    expect(stored.rows).toHaveLength(rows.length);
    expect(stored.rows.slice(0, 3)).toEqual([
      { n: 1, s: 'tab\there\nnewline \\N backslash\\', j: json, at: new Date('2024-05-01T10:00:00.123Z') },
      { n: 2, s: null, j: null, at: null },
      { n: 3, s: 'ünïcödé ✓', j: [], at: new Date('2024-05-01T10:00:00.000Z') },
    ]);
    expect(stored.rows[rows.length - 1]).toEqual({ n: 5_009, s: 'x'.repeat(300), j: { i: 4_999 }, at: null });
  });

  it('fails with PostgreSQL’s error naming the bad value, and the transaction rolls back', async () => {
    await expect(
      withTransaction(db.pool, (client) =>
        copyRows(
          client,
          't',
          ['n', 's'],
          [
            [100, 'ok'],
            ['not a number', 'x'],
          ],
        ),
      ),
    ).rejects.toThrow(/invalid input syntax for type integer: "not a number"/);
    expect((await db.pool.query('SELECT 1 FROM t WHERE n = -1')).rowCount).toBe(0);
  });
});
