// The measure language (see `@cdp/feature-store/domain`: definition.ts, measure-state.ts) as SQL over
// `feature_store.events`. Each expression below mirrors one rule of the TypeScript side exactly; the
// offline backfill, point-in-time reads and training rows are all built from `dayMeasuresSql`.
//
// Every statement built here must run with `extra_float_digits` >= 1 (PostgreSQL's default, set
// again by `MEASURE_SETTINGS` in the repositories): `jsNumberTextSql` reads the shortest round-trip
// digits of a float8 from its text output, which a setting of 0 or less would round to 15 digits.
import { canonicalFilter, type EventFilter, type Measure, type ValuePath } from '@cdp/feature-store/domain';
import pg from 'pg';

/**
 * Settings for the current transaction: the float8 text output `jsNumberTextSql` relies on; no JIT
 * (compiling these expression-heavy statements costs seconds, more than running them); and room
 * for the one grouping sort or hash to stay in memory for a chunk of profiles.
 */
export const MEASURE_SETTINGS = `SELECT set_config('extra_float_digits', '1', true), set_config('jit', 'off', true),
  set_config('work_mem', '128MB', true)`;

const literal = (value: string): string => pg.escapeLiteral(value);

const textArray = (values: readonly string[]): string =>
  values.length === 0 ? "'{}'::text[]" : `ARRAY[${values.map(literal).join(', ')}]::text[]`;

/**
 * Whether an event passes a filter: every list given must contain the event's field (`= ANY` of a
 * given empty list is false, like `[].includes`); a missing `event`/`name` (NULL) matches no list.
 */
export function filterSql(filter: EventFilter, e = 'e'): string {
  const conditions: string[] = [];
  if (filter.type) conditions.push(`${e}.type = ANY(${textArray(filter.type)})`);
  if (filter.event) conditions.push(`${e}.event = ANY(${textArray(filter.event)})`);
  if (filter.name) conditions.push(`${e}.name = ANY(${textArray(filter.name)})`);
  return conditions.length === 0 ? 'true' : conditions.map((c) => `coalesce(${c}, false)`).join(' AND ');
}

/** Epoch milliseconds of the event: floor, like `Date.parse` dropping digits below the millisecond. */
export function epochMsSql(e = 'e'): string {
  return `floor(extract(epoch FROM ${e}.ts) * 1000)::bigint`;
}

/** `@day`: the event's UTC date, `YYYY-MM-DD` (also the day its measures are kept under). */
export function daySql(e = 'e'): string {
  return `to_char(${e}.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;
}

/** `@hourPart`: night 0–5, morning 6–11, afternoon 12–17, evening 18–23 of the UTC hour. */
export function hourPartSql(e = 'e'): string {
  return `CASE WHEN extract(hour FROM ${e}.ts AT TIME ZONE 'UTC') < 6 THEN 'night'
    WHEN extract(hour FROM ${e}.ts AT TIME ZONE 'UTC') < 12 THEN 'morning'
    WHEN extract(hour FROM ${e}.ts AT TIME ZONE 'UTC') < 18 THEN 'afternoon' ELSE 'evening' END`;
}

/** `@weekpart`: `weekend` on a UTC Saturday or Sunday (ISO days 6, 7), else `weekday`. */
export function weekpartSql(e = 'e'): string {
  return `CASE WHEN extract(isodow FROM ${e}.ts AT TIME ZONE 'UTC') IN (6, 7) THEN 'weekend' ELSE 'weekday' END`;
}

/**
 * `@deviceClass`: `context.device.type` lower-cased, ios/android/mobile → `mobile`, ipad/tablet →
 * `tablet`, anything else (another string, a non-string, missing) → `desktop`. The JSON type is
 * checked so that a non-string (say the number 1) never reads as its text.
 */
export function deviceClassSql(e = 'e'): string {
  const type = `${e}.context #> '{device,type}'`;
  return `CASE WHEN jsonb_typeof(${type}) <> 'string' THEN 'desktop'
    WHEN lower(${type} #>> '{}') IN ('ios', 'android', 'mobile') THEN 'mobile'
    WHEN lower(${type} #>> '{}') IN ('ipad', 'tablet') THEN 'tablet' ELSE 'desktop' END`;
}

/**
 * `@session`: `<anonymousId or userId>/<floor(epoch ms / 30 min)>`; an empty id counts as missing
 * (the TypeScript side's `anonymousId || userId`), and with neither there is no session (NULL).
 */
export function sessionSql(e = 'e'): string {
  return `coalesce(nullif(${e}.anonymous_id, ''), nullif(${e}.user_id, '')) || '/' ||
    floor(${epochMsSql(e)}::numeric / 1800000)::bigint::text`;
}

/** The columns of the event's top-level fields a path can name, as JSON. */
const TOP_LEVEL: Readonly<Record<string, (e: string) => string>> = Object.freeze({
  messageId: (e: string) => `to_jsonb(${e}.message_id)`,
  type: (e: string) => `to_jsonb(${e}.type)`,
  event: (e: string) => `to_jsonb(${e}.event)`,
  name: (e: string) => `to_jsonb(${e}.name)`,
  userId: (e: string) => `to_jsonb(${e}.user_id)`,
  anonymousId: (e: string) => `to_jsonb(${e}.anonymous_id)`,
  // The stored instant, as `toFeatureEvent` writes it back (the text the event came with is not kept).
  timestamp: (e: string) => `to_jsonb(to_char(${e}.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))`,
  properties: (e: string) => `${e}.properties`,
  traits: (e: string) => `${e}.traits`,
  context: (e: string) => `${e}.context`,
});

/**
 * A step `#>` cannot take as JavaScript would: on an array, PostgreSQL reads `-1` as the last
 * element and ` 1`, `+1`, `01` as index 1, where an own-property lookup finds nothing; `length` is
 * an own property of a JavaScript array (its length) and nothing to `#>`.
 */
const needsGuard = (segment: string): boolean =>
  segment === 'length' || (/^\s*[+-]?\d+$/.test(segment) && !/^(0|[1-9]\d*)$/.test(segment));

function guardedStep(value: string, segment: string): string {
  const key = literal(segment);
  return segment === 'length'
    ? `CASE jsonb_typeof(${value}) WHEN 'object' THEN ${value} -> ${key}
        WHEN 'array' THEN to_jsonb(jsonb_array_length(${value})) END`
    : `CASE WHEN jsonb_typeof(${value}) = 'object' THEN ${value} -> ${key} END`;
}

/**
 * The value a measure reads, as jsonb (NULL when missing): a dotted path walks the event's own
 * properties (`properties.x.y` → `properties #> '{x,y}'`; `context.`, `traits.` alike; `event`,
 * `name`, `userId`, `anonymousId`, `type`, `messageId`, `timestamp` at the top); a derived key
 * becomes its string. A field the events table does not keep reads as missing; an unknown derived
 * key throws, as the TypeScript side does.
 */
export function valueSql(path: ValuePath, e = 'e'): string {
  switch (path) {
    case '@day':
      return `to_jsonb(${daySql(e)})`;
    case '@hourPart':
      return `to_jsonb(${hourPartSql(e)})`;
    case '@weekpart':
      return `to_jsonb(${weekpartSql(e)})`;
    case '@deviceClass':
      return `to_jsonb(${deviceClassSql(e)})`;
    case '@session':
      return `to_jsonb(${sessionSql(e)})`;
  }
  if (path.startsWith('@')) throw new Error(`Unknown derived key ${JSON.stringify(path)}`);
  const [head = '', ...rest] = path.split('.');
  const root = Object.hasOwn(TOP_LEVEL, head) ? TOP_LEVEL[head] : undefined;
  if (!root) return 'NULL::jsonb';
  let value = root(e);
  let plain: string[] = [];
  const flush = () => {
    if (plain.length > 0) value = `(${value} #> ${textArray(plain)})`;
    plain = [];
  };
  for (const segment of rest) {
    if (!needsGuard(segment)) {
      plain.push(segment);
      continue;
    }
    flush();
    value = `(${guardedStep(value, segment)})`;
  }
  flush();
  return value;
}

/** A JSON number as float8 (NULL for anything else): what `sum`, `min` and `max` read. */
export function numberSql(value: string): string {
  return `CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value} #>> '{}')::float8 END`;
}

/**
 * Thousandths rounded half away from zero: sign(v) × floor(|v| × 1000 + 0.5), every operation in
 * float8, the same IEEE doubles as JavaScript's `Math.sign(v) * Math.floor(Math.abs(v) * 1000 + 0.5)`
 * (a −0 becomes 0 in the cast). Then as an exact numeric, so that sums do not round: through
 * bigint below 1e15, beyond it through the double's shortest text (the decimal JavaScript would
 * write). Above 1e305 (× 1000 would overflow: JavaScript's Infinity, an error in PostgreSQL) NULL,
 * read as no number.
 */
export function milliSql(float8: string): string {
  const milli = `(sign(${float8}) * floor(abs(${float8}) * 1000::float8 + 0.5::float8))`;
  return `CASE WHEN abs(${float8}) > 1e305::float8 THEN NULL
    WHEN abs(${milli}) < 1e15::float8 THEN ${milli}::bigint::numeric ELSE ${milli}::text::numeric END`;
}

/** 1–16: the lengths of a form shorter than PostgreSQL's 17 digits at most (VALUES: short to the planner). */
const DIGIT_COUNTS = Array.from({ length: 16 }, (_, i) => `(${i + 1})`).join(', ');

/**
 * JavaScript's `String(n)` of a float8. Where PostgreSQL 15's float8 text (shortest round-trip
 * digits, `extra_float_digits` >= 1) and JavaScript's differ:
 * - PostgreSQL writes exponents from 1e15 and below 1e-4, JavaScript from 1e21 and below 1e-6, and
 *   PostgreSQL pads them to two digits: `1e+20` is `100000000000000000000`, `1e-05` is `0.00001`,
 *   `1.5e-07` is `1.5e-7`; `1e+21` is written alike. Fixed notation (1e-4 to 1e15) is identical.
 * - From 2^54 on, where a midpoint between two doubles can be a short decimal, JavaScript takes the
 *   midpoint when it reads back as the number (ties to even) and PostgreSQL's shortest search never
 *   does (`71686837945890144` in PostgreSQL, `71686837945890140` in JavaScript). There the shorter
 *   digits are searched for: the fewest that read back as the same float8, then the closest to it
 *   (measured against PostgreSQL's digits, not the exact binary value: the two could rank a
 *   near-tie differently), then the even one, as ECMAScript's Number::toString says.
 */
export function jsNumberTextSql(float8: string): string {
  // Fixed notation (most numbers) is already JavaScript's: only the exponent form is taken apart.
  return `CASE WHEN strpos((${float8})::text, 'e') = 0 THEN (${float8})::text ELSE (SELECT CASE
      WHEN x IS NULL THEN t
      WHEN x BETWEEN 0 AND 20 THEN sgn || CASE WHEN length(d) <= x + 1 THEN rpad(d, x + 1, '0')
        ELSE left(d, x + 1) || '.' || substr(d, x + 2) END
      WHEN x BETWEEN -6 AND -1 THEN sgn || '0.' || repeat('0', -x - 1) || d
      ELSE sgn || left(d, 1) || CASE WHEN length(d) > 1 THEN '.' || substr(d, 2) ELSE '' END
        || 'e' || CASE WHEN x > 0 THEN '+' ELSE '-' END || abs(x)
    END
    FROM (
      SELECT t, sgn, coalesce(shorter.d, p.d) AS d, coalesce(shorter.x, p.x) AS x
      FROM (
        SELECT f, t, m[1] AS sgn, m[2] || coalesce(m[3], '') AS d, m[4]::int AS x
        FROM (
          SELECT f, t, CASE WHEN strpos(t, 'e') > 0
            THEN regexp_match(t, '^(-?)([0-9])(?:\\.([0-9]+))?e([-+][0-9]+)$') END AS m
          FROM (SELECT f, f::text AS t FROM (SELECT (${float8}) AS f) AS v) AS v) AS m) AS p
      LEFT JOIN LATERAL (
        SELECT rtrim(c::text, '0') AS d, p.x - j + length(c::text) AS x
        FROM (VALUES ${DIGIT_COUNTS}) AS n(j),
          LATERAL (VALUES (left(p.d, j)::numeric), (left(p.d, j)::numeric + 1)) AS c(c)
        WHERE abs(p.f) >= 18014398509481984::float8 AND j < length(p.d)
          -- Past the largest double (and the midpoint above it) a candidate is no float8 at all.
          AND CASE WHEN (c::text || 'e' || (p.x - j + 1))::numeric < 1.7976931348623158079e308
            THEN (c::text || 'e' || (p.x - j + 1))::float8 = abs(p.f) ELSE false END
        ORDER BY j, abs(c - p.d::numeric / 10::numeric ^ (length(p.d) - j)), c % 2
        LIMIT 1) AS shorter ON true) AS q) END`;
}

/**
 * The string form for `distinct` and `countBy`: a JSON string's text, a JSON number as
 * JavaScript's `String(n)` (`number`: the value as float8, read only when it is a number),
 * anything else (missing, null, booleans, objects, arrays) NULL. Collated "C" (byte order), so
 * sorting by it is code-point order.
 */
export function stringKeySql(value: string, number = `(${value} #>> '{}')::float8`): string {
  return `(CASE jsonb_typeof(${value}) WHEN 'string' THEN ${value} #>> '{}'
    WHEN 'number' THEN ${jsNumberTextSql(number)} END) COLLATE "C"`;
}

/**
 * What a `last` keeps, as `JSON.stringify` writes it (the tie-break after epoch ms and messageId,
 * and the value itself): a JSON scalar, with objects, arrays and a missing value as `null`. jsonb's
 * text of a string escapes as JSON.stringify does; a number is written as JavaScript writes it.
 */
export function lastValueTextSql(value: string, number = `(${value} #>> '{}')::float8`): string {
  return `(CASE jsonb_typeof(${value}) WHEN 'number' THEN ${jsNumberTextSql(number)}
    WHEN 'string' THEN ${value}::text WHEN 'boolean' THEN ${value}::text ELSE 'null' END)`;
}

/** Where `dayMeasuresSql` reads events from: a FROM clause naming the events `e`, and the groups. */
export interface EventSource {
  /** e.g. `feature_store.events e`, or a join with the events as `e`. */
  from: string;
  where?: string;
  /** Columns that, with the day, make a group (e.g. `e.profile_id`), each with its output name. */
  keys: ReadonlyArray<{ sql: string; as: string }>;
}

/** Added to an epoch ms (±8.64e15 at most for a JavaScript date): 17 digits wide, it sorts as text. */
const AT_OFFSET = 9_000_000_000_000_000;
/** Ends the messageId in a pick; the smallest text there is (PostgreSQL text holds no NUL). */
const END = 'chr(1) || chr(1)';
/** A chr(1) of the messageId itself, in a pick. */
const ESCAPED = 'chr(1) || chr(2)';

/**
 * A `last` candidate as one text whose greatest (under "C", code-point order) is compareLast's
 * greatest pick, so that `max` finds it without sorting: the epoch ms (offset, 17 digits), the
 * messageId with every chr(1) written chr(1) chr(2) and then END (so a shorter id sorts first, as
 * in JavaScript, and the first END is where the id ends), then the value's `JSON.stringify` text,
 * which is also the value (JSON text escapes control characters, so it holds no chr(1)).
 */
export function pickSql(value: string, number = `(${value} #>> '{}')::float8`): string {
  return `(lpad((at + ${AT_OFFSET})::text, 17, '0') || replace(id, chr(1), ${ESCAPED}) || ${END}
    || ${lastValueTextSql(value, number)}) COLLATE "C"`;
}

/** The per-event columns a set of measures reads, each computed once, by level. */
class EventColumns {
  /** The events' own columns: filters and values. */
  readonly base: string[] = [];
  /** Values as numbers. */
  readonly numbers: string[] = [];
  /** What the aggregates read: thousandths, string keys, `last` picks. */
  readonly forms: string[] = [];
  /** Per group, filter and key: how many of the group's events match and carry the key. */
  readonly windows: string[] = [];
  /** The windows those columns are over (`WINDOW` clause entries). */
  readonly windowClauses: string[] = [];
  /** The filter columns' names (the aggregates read them with the forms). */
  readonly filters: string[] = [];
  private readonly names = new Map<string, string>();

  /** `groupKeys`: the grouping columns (windows partition by them). */
  constructor(private readonly groupKeys: string) {}

  filter(filter: EventFilter): string {
    const known = this.names.size;
    const name = this.column(`filter:${canonicalFilter(filter)}`, 'f', this.base, () => filterSql(filter));
    if (this.names.size > known) this.filters.push(name);
    return name;
  }

  form(path: ValuePath, kind: 'milli' | 'key' | 'pick'): string {
    const value = this.column(`value:${path}`, 'v', this.base, () => valueSql(path));
    const number = () => this.column(`number:${path}`, 'n', this.numbers, () => numberSql(value));
    const prefix = { milli: 'm', key: 'k', pick: 'p' }[kind];
    const sql = () => {
      switch (kind) {
        case 'milli':
          return milliSql(number());
        // Most values read as keys are strings: their numbers are read where they are numbers.
        case 'key':
          return stringKeySql(value);
        // An event without the value (SQL NULL, not JSON null) is no candidate: `last` keeps the
        // last known value, and max() skips the NULL.
        case 'pick':
          return `CASE WHEN ${value} IS NOT NULL THEN ${pickSql(value)} END`;
      }
    };
    return this.column(`${kind}:${path}`, prefix, this.forms, sql);
  }

  /**
   * Window columns over the group's events that match `f`, by key `k`: how many carry the key, and
   * whether this is the first of them (the one that speaks for the key).
   */
  keyCount(f: string, k: string): { first: string; n: string } {
    const id = `window:${f}:${k}`;
    let window = this.names.get(id);
    if (!window) {
      window = `w${this.names.size}`;
      this.names.set(id, window);
      this.windowClauses.push(`${window} AS (PARTITION BY ${this.groupKeys}, ${f}, ${k})`);
    }
    const name = window;
    return {
      first: this.column(`first:${name}`, 'w', this.windows, () => `row_number() OVER ${name} = 1`),
      n: this.column(`count:${name}`, 'w', this.windows, () => `count(*) OVER ${name}`),
    };
  }

  private column(id: string, prefix: string, level: string[], sql: () => string): string {
    let name = this.names.get(id);
    if (!name) {
      name = `${prefix}${this.names.size}`;
      this.names.set(id, name);
      level.push(`${sql()} AS ${name}`);
    }
    return name;
  }
}

/** A JSON string literal of `text`, as SQL. */
const jsonText = (text: string): string => literal(JSON.stringify(text));

/**
 * A measure's state over a group's events as JSON text (`f`: its filter column), NULL when nothing
 * matched. Written as text, not built as jsonb: building a jsonb per state and group cost eight
 * times as much. A NULL part makes the whole text NULL, which is how min, max, distinct, countBy,
 * last and latest say "no state".
 */
function stateSql(measure: Measure, columns: EventColumns): string {
  const f = columns.filter(measure.filter);
  const matched = `count(*) FILTER (WHERE ${f})`;
  switch (measure.kind) {
    case 'count':
      return `CASE WHEN ${matched} > 0 THEN '{"kind":"count","n":' || ${matched} || '}' END`;
    case 'sum': {
      // Non-numbers add 0, but a matching event still makes the state exist.
      const m = columns.form(measure.value, 'milli');
      return `CASE WHEN ${matched} > 0
        THEN '{"kind":"sum","milli":' || coalesce(sum(${m}) FILTER (WHERE ${f}), 0) || '}' END`;
    }
    case 'min':
    case 'max': {
      // Over numbers only: without one, no state.
      const m = columns.form(measure.value, 'milli');
      return `'{"kind":"${measure.kind}","milli":' || ${measure.kind}(${m}) FILTER (WHERE ${f}) || '}'`;
    }
    case 'distinct': {
      // Sorted by code point (the keys are collated "C"), each once.
      const k = columns.form(measure.value, 'key');
      return `'{"kind":"distinct","values":'
        || array_to_json(array_agg(DISTINCT ${k} ORDER BY ${k}) FILTER (WHERE ${f} AND ${k} IS NOT NULL)) || '}'`;
    }
    case 'countBy': {
      // One event per matched key carries the key's count in the group (windows over the events).
      const k = columns.form(measure.value, 'key');
      const { first, n } = columns.keyCount(f, k);
      return `'{"kind":"countBy","counts":'
        || json_object_agg(${k}, ${n}) FILTER (WHERE ${f} AND ${k} IS NOT NULL AND ${first}) || '}'`;
    }
    case 'last': {
      // The greatest pick is the TypeScript side's compareLast winner; its parts back out of it.
      const pick = `max(${columns.form(measure.value, 'pick')}) FILTER (WHERE ${f})`;
      return `'{"kind":"last","at":' || (left(${pick}, 17)::bigint - ${AT_OFFSET})
        || ',"id":' || to_json(replace(split_part(substr(${pick}, 18), ${END}, 1), ${ESCAPED}, chr(1)))
        || ',"value":' || split_part(substr(${pick}, 18), ${END}, 2) || '}'`;
    }
    case 'latest':
      return `'{"kind":"latest","at":' || max(at) FILTER (WHERE ${f}) || '}'`;
  }
}

/**
 * One statement computing every group's `DayMeasures` from the events: rows of the source's key
 * columns, `day` (text, `YYYY-MM-DD`) and `measures` (JSON text of measure key → state, exactly
 * the shapes of measure-state.ts; cast it to jsonb to store it). A key is present only when an
 * event matched its filter, and a group none of whose events matched any measure is left out.
 * Levels: the events' columns (filters, values), the values as numbers, the forms the states read
 * (only those go on to the sort the grouping needs) with the countBy windows, the aggregates;
 * `OFFSET 0` keeps each level from being merged into the next, so a column several states read is
 * computed once per event.
 */
export function dayMeasuresSql(measures: ReadonlyMap<string, Measure>, source: EventSource): string {
  if (measures.size === 0) throw new Error('dayMeasuresSql needs at least one measure');
  const keys = [...source.keys.map((k) => k.as), 'day'].join(', ');
  const columns = new EventColumns(keys);
  const states = [...measures.values()].map((measure) => stateSql(measure, columns));
  const base = [
    ...source.keys.map((k) => `${k.sql} AS ${k.as}`),
    `${daySql()} AS day`,
    `${epochMsSql()} AS at`,
    `e.message_id COLLATE "C" AS id`,
    ...columns.base,
  ];
  const ev = [...source.keys.map((k) => k.as), 'day', 'at', 'id', ...columns.filters, ...columns.forms];
  const more = (level: readonly string[]) => (level.length > 0 ? `, ${level.join(',\n          ')}` : '');
  return `SELECT * FROM (
  SELECT ${keys}, ${measuresObjectSql([...measures.keys()])} AS measures
  FROM (
    SELECT ${keys},
      ${states.map((s, i) => `${s} AS s${i}`).join(',\n      ')}
    FROM (
      SELECT *${more(columns.windows)}
      FROM (
        SELECT ${ev.join(',\n          ')}
        FROM (
          SELECT *${more(columns.numbers)}
          FROM (
            SELECT ${base.join(',\n              ')}
            FROM ${source.from}
            ${source.where ? `WHERE ${source.where}` : ''}
            OFFSET 0) AS base
          OFFSET 0) AS numbers
        OFFSET 0) AS ev
      ${columns.windowClauses.length > 0 ? `WINDOW ${columns.windowClauses.join(', ')}` : ''}) AS ev
    GROUP BY ${keys}) AS agg) AS days
WHERE measures <> '{}'`;
}

/**
 * The states `s0`, `s1`, … as one JSON object text under their keys: `concat_ws` skips the NULL
 * ones (nothing matched). It takes 100 arguments at most, so a longer list is joined in parts (an
 * empty part is '', not NULL: `nullif` keeps it from adding a comma).
 */
function measuresObjectSql(keys: readonly string[]): string {
  const members = keys.map((key, i) => `${jsonText(key)} || ':' || s${i}`);
  const parts: string[] = [];
  for (let from = 0; from < members.length; from += 99) {
    parts.push(`concat_ws(',', ${members.slice(from, from + 99).join(', ')})`);
  }
  const body =
    parts.length === 1 ? parts[0] : `concat_ws(',', ${parts.map((p) => `nullif(${p}, '')`).join(', ')})`;
  return `'{' || ${body} || '}'`;
}
