import type { DbClient } from '@cdp/shared/util-db';

/**
 * The embedded log's tables and functions, created idempotently at start.
 *
 * - `messages`: the log. `seq` comes from a sequence taken under a transaction-scoped advisory
 *   lock (the publish lock), so publishes commit in `seq` order and a reader that sees seq N has
 *   seen every stored seq < N: consumers can keep a plain cursor. `dedup_id` carries the msgId
 *   for the duplicate window (unique); it is cleared when the id is reused after the window,
 *   while `msg_id` keeps it for delivery.
 * - `consumers`: one row per durable + subject, with the cursor up to which messages have been
 *   claimed into `pending`.
 * - `pending`: claimed, unacked messages of a consumer. `locked_until` NULL means ready; set, it
 *   means "not before": in flight (with `owner`, the visibility timeout) or waiting for a retry
 *   (without owner, the backoff). An ack deletes the row.
 * - `dead_letters`: copies of messages that failed `maxDeliver` times or permanently.
 * - `rpc_responders`, `rpc_calls`: request/reply between processes (see embedded-rpc.ts). UNLOGGED:
 *   requests live for seconds and do not outlive a crash of the server on NATS either.
 */

/** The version of the functions below; bump it when one changes. */
export const SCHEMA_VERSION = 2;

export function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_$]{0,62}$/i.test(name)) {
    throw new Error(`invalid schema name for the embedded bus: ${JSON.stringify(name)}`);
  }
  return `"${name}"`;
}

/** FNV-1a, as a positive int4: advisory lock classes derived from the schema name. */
export function lockClass(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & 0x7fffffff;
}

/** Advisory lock keys (class, key) of one schema. */
export interface LockKeys {
  /** (ns, 0): the publish lock; (ns, 1): the DDL lock; (ns, owner): a live bus instance. */
  ns: number;
  /** (consumers, consumer id): serialises the fetches of one consumer. */
  consumers: number;
}

export function lockKeys(schema: string): LockKeys {
  const ns = lockClass(`cdp-bus:${schema}`);
  let consumers = lockClass(`cdp-bus-consumers:${schema}`);
  if (consumers === ns) consumers = (consumers + 1) & 0x7fffffff;
  return { ns, consumers };
}

function ddl(s: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${s};

CREATE SEQUENCE IF NOT EXISTS ${s}.messages_seq;

CREATE TABLE IF NOT EXISTS ${s}.messages (
  seq bigint PRIMARY KEY,
  subject text NOT NULL,
  msg_id text,
  dedup_id text,
  key text,
  headers json NOT NULL,
  data json,
  published_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX IF NOT EXISTS messages_dedup_id ON ${s}.messages (dedup_id) WHERE dedup_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_subject_seq ON ${s}.messages (subject, seq);

CREATE TABLE IF NOT EXISTS ${s}.consumers (
  id serial PRIMARY KEY,
  durable text NOT NULL,
  subject text NOT NULL,
  claimed_to bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (durable, subject)
);

CREATE TABLE IF NOT EXISTS ${s}.pending (
  consumer integer NOT NULL,
  seq bigint NOT NULL,
  key text,
  deliveries integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  owner integer,
  PRIMARY KEY (consumer, seq)
);
CREATE INDEX IF NOT EXISTS pending_ready ON ${s}.pending (consumer, seq) WHERE locked_until IS NULL;
CREATE INDEX IF NOT EXISTS pending_locked ON ${s}.pending (consumer, locked_until)
  WHERE locked_until IS NOT NULL;
CREATE INDEX IF NOT EXISTS pending_key_locked ON ${s}.pending (consumer, key, seq)
  WHERE key IS NOT NULL AND locked_until IS NOT NULL;

CREATE TABLE IF NOT EXISTS ${s}.dead_letters (
  id bigserial PRIMARY KEY,
  consumer integer NOT NULL,
  durable text NOT NULL,
  seq bigint NOT NULL,
  subject text NOT NULL,
  msg_id text,
  key text,
  headers json NOT NULL,
  data json,
  error text NOT NULL,
  deliveries integer NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS dead_letters_seq ON ${s}.dead_letters (seq);

-- Responders of request subjects: one row per respond() subscription of a bus (instance is the
-- bus's owner id). Live while that bus holds its liveness lock and its heartbeat keeps pushing
-- expires_at (~3 beats ahead) into the future.
CREATE UNLOGGED TABLE IF NOT EXISTS ${s}.rpc_responders (
  id bigserial PRIMARY KEY,
  instance integer NOT NULL,
  subject text NOT NULL,
  queue text NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS rpc_responders_subject ON ${s}.rpc_responders (subject);

-- Requests on their way to a responder (one row per queue group) and their replies.
CREATE UNLOGGED TABLE IF NOT EXISTS ${s}.rpc_calls (
  id bigserial PRIMARY KEY,
  call_id uuid NOT NULL,
  responder bigint NOT NULL,
  requester integer NOT NULL,
  subject text NOT NULL,
  headers json NOT NULL,
  payload json,
  deadline timestamptz NOT NULL,
  claimed boolean NOT NULL DEFAULT false,
  replied boolean NOT NULL DEFAULT false,
  reply json
);
CREATE INDEX IF NOT EXISTS rpc_calls_call_id ON ${s}.rpc_calls (call_id);
CREATE INDEX IF NOT EXISTS rpc_calls_unclaimed ON ${s}.rpc_calls (responder) WHERE NOT claimed;
CREATE INDEX IF NOT EXISTS rpc_calls_deadline ON ${s}.rpc_calls (deadline);

-- lz4 (where the server has it) compresses large payloads several times faster than pglz.
DO $lz4$
BEGIN
  ALTER TABLE ${s}.messages ALTER COLUMN data SET COMPRESSION lz4;
  ALTER TABLE ${s}.dead_letters ALTER COLUMN data SET COMPRESSION lz4;
  ALTER TABLE ${s}.rpc_calls ALTER COLUMN payload SET COMPRESSION lz4;
  ALTER TABLE ${s}.rpc_calls ALTER COLUMN reply SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
  NULL;
END
$lz4$;

CREATE TABLE IF NOT EXISTS ${s}.meta (
  name text PRIMARY KEY,
  value text NOT NULL
);

-- Stores a batch of messages; one row per input, in input order: the seq and whether the
-- msgId was already stored within the window (then nothing was stored for it).
CREATE OR REPLACE FUNCTION ${s}.publish(
  p_subjects text[], p_msg_ids text[], p_keys text[], p_headers json[], p_data json[],
  p_window_ms bigint, p_lock_class integer, p_channel text
) RETURNS TABLE (seq bigint, duplicate boolean)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_seqs bigint[];
BEGIN
  -- Seqs are taken under the lock and the lock is released only after commit, so publishes
  -- become visible in seq order.
  PERFORM pg_advisory_xact_lock(p_lock_class, 0);
  -- An id older than the window leaves it: a new message with that id is stored again.
  UPDATE ${s}.messages m SET dedup_id = NULL
   WHERE m.dedup_id = ANY (p_msg_ids)
     AND m.published_at < now() - make_interval(secs => p_window_ms / 1000.0);
  v_seqs := ARRAY(SELECT nextval('${s}.messages_seq') FROM generate_series(1, cardinality(p_subjects)));
  INSERT INTO ${s}.messages AS m (seq, subject, msg_id, dedup_id, key, headers, data)
  SELECT u.seq, u.subject, u.msg_id, u.msg_id, u.key, u.headers, u.data
    FROM unnest(v_seqs, p_subjects, p_msg_ids, p_keys, p_headers, p_data)
      AS u(seq, subject, msg_id, key, headers, data)
  ON CONFLICT (dedup_id) WHERE dedup_id IS NOT NULL DO NOTHING;
  -- Wakes the consumers of these subjects (a payload is at most 8000 bytes: '' wakes all).
  PERFORM pg_notify(p_channel, CASE WHEN octet_length(x.subject) < 4000 THEN x.subject ELSE '' END)
     FROM (SELECT DISTINCT unnest(p_subjects) AS subject) x;
  RETURN QUERY
    SELECT coalesce(d.seq, u.seq), coalesce(d.seq <> u.seq, false)
      FROM unnest(v_seqs, p_msg_ids) WITH ORDINALITY AS u(seq, msg_id, ord)
      LEFT JOIN ${s}.messages d ON u.msg_id IS NOT NULL AND d.dedup_id = u.msg_id
     ORDER BY u.ord;
END
$fn$;

-- Ready pending rows of a consumer, oldest first: a keyed row only when no earlier row of its
-- key is in flight or waiting for a retry (per-key order across fetches and processes).
CREATE OR REPLACE FUNCTION ${s}.eligible(p_consumer integer, p_limit integer)
RETURNS bigint[]
LANGUAGE plpgsql STABLE AS $fn$
BEGIN
  RETURN ARRAY(
    SELECT p.seq
      FROM ${s}.pending p
     WHERE p.consumer = p_consumer AND p.locked_until IS NULL
       AND (p.key IS NULL OR NOT EXISTS (
             SELECT 1 FROM ${s}.pending e
              WHERE e.consumer = p_consumer AND e.key = p.key AND e.seq < p.seq
                AND e.locked_until IS NOT NULL))
     ORDER BY p.seq
     LIMIT p_limit);
END
$fn$;

-- One fetch of a consumer: claims new messages past the cursor into pending when there is
-- not enough ready work, then locks up to p_limit ready rows for p_owner and returns them.
-- Fetches of one consumer are serialised by an advisory lock, so each sees the last one's
-- locks; the whole fetch is one round trip. A row already delivered p_max_deliver times without
-- being settled (its handler timed out, or its process died, every time) is dead-lettered
-- instead: a message that kills its consumer does not do so forever.
CREATE OR REPLACE FUNCTION ${s}.fetch(
  p_consumer integer, p_subject text, p_pattern text, p_limit integer, p_claim_cap integer,
  p_owner integer, p_ack_wait_ms bigint, p_lock_class integer, p_max_deliver integer, p_durable text
) RETURNS TABLE (seq bigint, subject text, msg_id text, key text, headers json, data json, deliveries integer)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_seqs bigint[];
  v_cursor bigint;
  v_hi bigint;
  v_claimed integer;
  v_last bigint;
  v_next bigint;
  v_backlog integer;
BEGIN
  PERFORM pg_advisory_xact_lock(p_lock_class, p_consumer);
  -- Rows whose visibility timeout or backoff has passed are ready again.
  UPDATE ${s}.pending p SET locked_until = NULL, owner = NULL
   WHERE p.consumer = p_consumer AND p.locked_until IS NOT NULL AND p.locked_until <= clock_timestamp();
  v_seqs := ${s}.eligible(p_consumer, p_limit);
  IF cardinality(v_seqs) < p_limit THEN
    -- Claim more only while the ready backlog (rows waiting behind their key) is small.
    SELECT count(*) INTO v_backlog
      FROM (SELECT 1 FROM ${s}.pending p WHERE p.consumer = p_consumer AND p.locked_until IS NULL
             LIMIT p_claim_cap) b;
    IF v_backlog < p_claim_cap THEN
      SELECT c.claimed_to INTO v_cursor FROM ${s}.consumers c WHERE c.id = p_consumer;
      IF p_pattern IS NULL THEN
        WITH hi AS (SELECT max(m.seq) AS hi FROM ${s}.messages m),
        fresh AS MATERIALIZED (
          SELECT m.seq, m.key FROM ${s}.messages m
           WHERE m.subject = p_subject AND m.seq > v_cursor AND m.seq <= (SELECT hi.hi FROM hi)
           ORDER BY m.seq LIMIT p_limit),
        ins AS (
          INSERT INTO ${s}.pending (consumer, seq, key)
          SELECT p_consumer, f.seq, f.key FROM fresh f ON CONFLICT DO NOTHING)
        SELECT (SELECT hi.hi FROM hi), count(*)::integer, max(f.seq)
          INTO v_hi, v_claimed, v_last FROM fresh f;
      ELSE
        WITH hi AS (SELECT max(m.seq) AS hi FROM ${s}.messages m),
        fresh AS MATERIALIZED (
          SELECT m.seq, m.key FROM ${s}.messages m
           WHERE m.seq > v_cursor AND m.seq <= (SELECT hi.hi FROM hi) AND m.subject ~ p_pattern
           ORDER BY m.seq LIMIT p_limit),
        ins AS (
          INSERT INTO ${s}.pending (consumer, seq, key)
          SELECT p_consumer, f.seq, f.key FROM fresh f ON CONFLICT DO NOTHING)
        SELECT (SELECT hi.hi FROM hi), count(*)::integer, max(f.seq)
          INTO v_hi, v_claimed, v_last FROM fresh f;
      END IF;
      -- Every seq <= hi is visible now or never will be (publishes commit in seq order).
      IF v_claimed >= p_limit THEN
        v_next := v_last;
      ELSIF v_claimed > 0 OR coalesce(v_hi, 0) - v_cursor >= 1000 THEN
        v_next := greatest(v_cursor, coalesce(v_hi, 0));
      ELSE
        v_next := v_cursor;
      END IF;
      IF v_next > v_cursor THEN
        UPDATE ${s}.consumers c SET claimed_to = v_next WHERE c.id = p_consumer;
      END IF;
      IF v_claimed > 0 THEN
        v_seqs := ${s}.eligible(p_consumer, p_limit);
      END IF;
    END IF;
  END IF;
  IF cardinality(v_seqs) = 0 THEN
    RETURN;
  END IF;
  WITH gone AS (
    DELETE FROM ${s}.pending p
     WHERE p.consumer = p_consumer AND p.seq = ANY (v_seqs) AND p.deliveries >= p_max_deliver
    RETURNING p.seq, p.deliveries)
  INSERT INTO ${s}.dead_letters (consumer, durable, seq, subject, msg_id, key, headers, data, error, deliveries)
  SELECT p_consumer, p_durable, m.seq, m.subject, m.msg_id, m.key, m.headers, m.data,
         'delivered ' || gone.deliveries || ' times without an ack: the handler did not finish within '
           || 'the visibility timeout, or its process died', gone.deliveries
    FROM gone JOIN ${s}.messages m ON m.seq = gone.seq
   ORDER BY m.seq;
  RETURN QUERY
    UPDATE ${s}.pending p
       SET deliveries = p.deliveries + 1,
           locked_until = clock_timestamp() + make_interval(secs => p_ack_wait_ms / 1000.0),
           owner = p_owner
      FROM ${s}.messages m
     WHERE p.consumer = p_consumer AND p.seq = ANY (v_seqs) AND m.seq = p.seq
    RETURNING p.seq, m.subject, m.msg_id, m.key, m.headers, m.data, p.deliveries;
END
$fn$;

-- Sends a request to one live responder of each queue group of p_subject, picked at random: a
-- row in rpc_calls each and a NOTIFY to its bus ('c' || row id). Returns how many groups got it
-- (0: nobody answers). A responder is live while its bus holds its liveness lock (gone at once
-- when its process dies) and beats (one that hangs or lost its network stops, and expires).
-- The picked responder rows stay KEY SHARE locked until commit: a responder that stops meanwhile
-- deletes its row only after this call is stored, and its drain then finds the call.
CREATE OR REPLACE FUNCTION ${s}.rpc_call(
  p_call_id uuid, p_subject text, p_headers json, p_payload json, p_timeout_ms bigint,
  p_requester integer, p_lock_class integer, p_channel_prefix text
) RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  v_live bigint[];
  v_picked bigint[];
  v_locked bigint[];
  v_target record;
  v_id bigint;
  v_groups integer := 0;
BEGIN
  v_live := ARRAY(
    SELECT l.objid::bigint FROM pg_locks l
     WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.granted
       AND l.classid::bigint = p_lock_class
       AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()));
  FOR attempt IN 1..3 LOOP
    v_picked := ARRAY(
      SELECT DISTINCT ON (r.queue) r.id
        FROM ${s}.rpc_responders r
       WHERE r.subject = p_subject AND r.instance::bigint = ANY (v_live)
         AND r.expires_at > now()
       ORDER BY r.queue, random());
    IF cardinality(v_picked) = 0 THEN
      RETURN 0;
    END IF;
    -- A row deleted meanwhile (its responder stopped) is skipped here: pick again.
    v_locked := ARRAY(SELECT r.id FROM ${s}.rpc_responders r WHERE r.id = ANY (v_picked) FOR KEY SHARE);
    EXIT WHEN cardinality(v_locked) = cardinality(v_picked);
  END LOOP;
  FOR v_target IN SELECT r.id, r.instance FROM ${s}.rpc_responders r WHERE r.id = ANY (v_locked) LOOP
    INSERT INTO ${s}.rpc_calls (call_id, responder, requester, subject, headers, payload, deadline)
    VALUES (p_call_id, v_target.id, p_requester, p_subject, p_headers, p_payload,
            now() + make_interval(secs => p_timeout_ms / 1000.0))
    RETURNING id INTO v_id;
    PERFORM pg_notify(p_channel_prefix || v_target.instance, 'c' || v_id);
    v_groups := v_groups + 1;
  END LOOP;
  RETURN v_groups;
END
$fn$;

-- Puts dead letters back into their consumer's pending rows (deliveries start again); one
-- whose message is no longer in the log is published again. Returns how many were replayed.
CREATE OR REPLACE FUNCTION ${s}.replay(p_ids bigint[], p_lock_class integer, p_channel text)
RETURNS integer
LANGUAGE plpgsql AS $fn$
DECLARE
  v_letter record;
  v_count integer := 0;
  v_seq bigint;
BEGIN
  FOR v_letter IN
    DELETE FROM ${s}.dead_letters d WHERE d.id = ANY (p_ids)
    RETURNING d.consumer, d.seq, d.subject, d.msg_id, d.key, d.headers, d.data
  LOOP
    v_count := v_count + 1;
    IF EXISTS (SELECT 1 FROM ${s}.messages m WHERE m.seq = v_letter.seq) THEN
      INSERT INTO ${s}.pending (consumer, seq, key)
      VALUES (v_letter.consumer, v_letter.seq, v_letter.key)
      ON CONFLICT (consumer, seq) DO UPDATE SET deliveries = 0, locked_until = NULL, owner = NULL;
    ELSE
      PERFORM pg_advisory_xact_lock(p_lock_class, 0);
      v_seq := nextval('${s}.messages_seq');
      INSERT INTO ${s}.messages (seq, subject, msg_id, key, headers, data)
      VALUES (v_seq, v_letter.subject, v_letter.msg_id, v_letter.key, v_letter.headers, v_letter.data);
    END IF;
  END LOOP;
  IF v_count > 0 THEN
    PERFORM pg_notify(p_channel, '');
  END IF;
  RETURN v_count;
END
$fn$;
`;
}

/**
 * Creates the schema, tables and functions unless they exist, under an advisory lock so that
 * processes starting together do not race.
 */
export async function ensureSchema(client: DbClient, schema: string, keys: LockKeys): Promise<void> {
  const s = quoteIdent(schema);
  const connection = await client.pool.connect();
  try {
    await connection.query('BEGIN');
    await connection.query('SELECT pg_advisory_xact_lock($1, 1)', [keys.ns]);
    const current = await connection
      .query<{ value: string }>(`SELECT value FROM ${s}.meta WHERE name = 'version'`)
      .then((r) => Number(r.rows[0]?.value ?? 0))
      .catch(() => 0);
    if (current < SCHEMA_VERSION) {
      // Any error above aborted the transaction: start over now that we know.
      await connection.query('ROLLBACK');
      await connection.query('BEGIN');
      await connection.query('SELECT pg_advisory_xact_lock($1, 1)', [keys.ns]);
      await connection.query(ddl(s));
      await connection.query(
        `INSERT INTO ${s}.meta (name, value) VALUES ('version', $1)
         ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`,
        [String(SCHEMA_VERSION)],
      );
    }
    await connection.query('COMMIT');
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}
