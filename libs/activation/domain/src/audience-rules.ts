// The audience rule language (issue #9): a JSON rule over one profile's traits, feature-store values,
// segments, prediction scores and event history. Parsing gives errors a marketer can act on (the JSON
// path and what was wrong); evaluation is pure, so the same rule gives the same answer online and in a
// backfill; `ruleDependencies` says which inputs a rule reads, so membership is recomputed only when
// one of them changes.

import { z } from 'zod';

export const FIELD_NAMESPACES = ['traits', 'features', 'scores', 'segments'] as const;
export type FieldNamespace = (typeof FIELD_NAMESPACES)[number];

export const SCORE_NAMES = ['churn_risk', 'churn_risk_band', 'engagement_score', 'intent_score'] as const;
export type ScoreName = (typeof SCORE_NAMES)[number];

export const CHURN_RISK_BANDS = ['low', 'medium', 'high'] as const;

export const COMPARISON_OPS = [
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'not_in',
  'exists',
  'contains',
] as const;
export type ComparisonOp = (typeof COMPARISON_OPS)[number];

/** Deepest nesting accepted; the rule itself is level 1, each and/or/not adds one. */
export const MAX_RULE_DEPTH = 10;
/** Most nodes accepted in one rule: every and/or/not, comparison and event rule counts one. */
export const MAX_RULE_NODES = 200;
export const MAX_WITHIN_DAYS = 365;

const DAY_MS = 86_400_000;

/**
 * Where a comparison reads its value:
 * - `traits.<path>`: a profile trait; dots walk into nested objects (`traits.address.city`);
 * - `features.<name>`: a feature-store value, the name taken whole (`features.intent.clicks_30d`);
 * - `scores.<churn_risk|churn_risk_band|engagement_score|intent_score>`: a prediction;
 * - `segments.<source>`: the profile's current segment id from that segmentation source.
 */
export type FieldPath = string;

export interface AndRule {
  and: AudienceRule[];
}
export interface OrRule {
  or: AudienceRule[];
}
export interface NotRule {
  not: AudienceRule;
}
export interface ValueComparison {
  field: FieldPath;
  op: 'eq' | 'neq';
  value: number | string | boolean;
}
export interface OrderComparison {
  field: FieldPath;
  op: 'gt' | 'gte' | 'lt' | 'lte';
  value: number;
}
export interface ListComparison {
  field: FieldPath;
  op: 'in' | 'not_in';
  values: Array<number | string>;
}
export interface ExistsComparison {
  field: FieldPath;
  op: 'exists';
}
export interface ContainsComparison {
  field: FieldPath;
  op: 'contains';
  value: string;
}
export type ComparisonRule =
  ValueComparison | OrderComparison | ListComparison | ExistsComparison | ContainsComparison;
/** "Did `event` at least `atLeast` times in the last `withinDays` days." */
export interface EventRule {
  event: string;
  atLeast: number;
  withinDays: number;
}
export type AudienceRule = AndRule | OrRule | NotRule | ComparisonRule | EventRule;

export interface RuleError {
  /** JSON path of the offending value, e.g. `and[1].op`; `''` is the rule itself. */
  path: string;
  message: string;
}

export type ParseAudienceRuleResult = { ok: true; rule: AudienceRule } | { ok: false; errors: RuleError[] };

/**
 * How many times the profile did `event` at or after `sinceMs` (epoch ms). The window is inclusive:
 * an event exactly at `sinceMs` counts.
 */
export type EventCount = (event: string, sinceMs: number) => number;

export interface ProfileFacts {
  traits: Record<string, unknown>;
  features: Record<string, number | string | null>;
  segments: Record<string, string>;
  scores: Partial<{
    churn_risk: number;
    churn_risk_band: string;
    engagement_score: number;
    intent_score: number;
  }>;
  /** Needed only by rules with event conditions (`needsEvents`). */
  eventCount?: EventCount;
}

export interface RuleDependencies {
  /** Trait paths as written in the rule (`address.city`): a change at the path or above it matters. */
  traits: string[];
  features: string[];
  segments: string[];
  scores: string[];
  events: Array<{ event: string; withinDays: number }>;
}

// ---------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------

type PathPart = string | number;
interface Issue {
  path: PathPart[];
  message: string;
}
interface Walk {
  issues: Issue[];
  nodes: number;
  depthReported: boolean;
  nodesReported: boolean;
}

const SHAPES =
  '{ and: [...] }, { or: [...] }, { not: {...} }, { field, op, ... } or { event, atLeast, withinDays }';
const KIND_KEYS = ['and', 'or', 'not', 'field', 'event'] as const;
const ORDER_OPS: readonly ComparisonOp[] = ['gt', 'gte', 'lt', 'lte'];
const LIST_OPS: readonly ComparisonOp[] = ['in', 'not_in'];
const NUMERIC_SCORES: readonly string[] = ['churn_risk', 'engagement_score', 'intent_score'];
const FIELD_EXAMPLES: Record<FieldNamespace, string> = {
  traits: 'traits.plan',
  features: 'features.intent.clicks_30d',
  scores: 'scores.churn_risk',
  segments: 'segments.features',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);
const quoteList = (values: readonly string[]): string => values.join(', ');

/** Splits `ns.rest` at the first dot; the rest may contain dots (trait paths, feature names). */
function splitField(field: string): { namespace: string; name: string } {
  const dot = field.indexOf('.');
  return dot === -1
    ? { namespace: field, name: '' }
    : { namespace: field.slice(0, dot), name: field.slice(dot + 1) };
}

function fieldProblem(field: string): string | undefined {
  const { namespace, name } = splitField(field);
  if (!(FIELD_NAMESPACES as readonly string[]).includes(namespace)) {
    return `unknown namespace "${namespace}" in "${field}"; valid namespaces: ${quoteList(FIELD_NAMESPACES)} (e.g. "traits.plan")`;
  }
  const ns = namespace as FieldNamespace;
  if (name === '') return `"${field}" needs a name after "${ns}.", e.g. "${FIELD_EXAMPLES[ns]}"`;
  if (ns === 'scores' && !(SCORE_NAMES as readonly string[]).includes(name)) {
    return `unknown score "${name}"; valid scores: ${quoteList(SCORE_NAMES)}`;
  }
  if (name.split('.').some((part) => part === '')) return `"${field}" has an empty name between dots`;
  return undefined;
}

function checkNode(input: unknown, path: PathPart[], depth: number, walk: Walk): void {
  walk.nodes += 1;
  if (walk.nodes > MAX_RULE_NODES) {
    if (!walk.nodesReported) {
      walk.nodesReported = true;
      walk.issues.push({
        path: [],
        message: `rule is too large: more than ${MAX_RULE_NODES} nodes (limit: ${MAX_RULE_NODES} nodes in total, each and/or/not, comparison and event rule counting one)`,
      });
    }
    return;
  }
  if (depth > MAX_RULE_DEPTH) {
    if (!walk.depthReported) {
      walk.depthReported = true;
      walk.issues.push({
        path,
        message: `rule is nested too deep: this rule is at level ${depth} (limit: depth ≤ ${MAX_RULE_DEPTH})`,
      });
    }
    return;
  }
  const issue = (at: PathPart[], message: string): void => void walk.issues.push({ path: at, message });
  if (!isRecord(input)) {
    issue(path, `expected a rule: ${SHAPES}; got ${kindOf(input)}`);
    return;
  }
  const kinds = KIND_KEYS.filter((key) => key in input);
  if (kinds.length === 0 && 'op' in input) kinds.push('field');
  if (kinds.length === 0) {
    const keys = Object.keys(input);
    issue(
      path,
      `expected a rule: ${SHAPES}; got ${keys.length === 0 ? 'an empty object' : `an object with ${keys.map((key) => `"${key}"`).join(', ')}`}`,
    );
    return;
  }
  if (kinds.length > 1) {
    issue(
      path,
      `a rule has exactly one of "and", "or", "not", "field", "event"; this one has ${kinds.map((key) => `"${key}"`).join(' and ')}`,
    );
    return;
  }
  const kind = kinds[0];
  if (kind === 'and' || kind === 'or') {
    unknownKeys(input, [kind], path, `an "${kind}" rule has only "${kind}"`, walk);
    const children = input[kind];
    if (!Array.isArray(children)) {
      issue([...path, kind], `"${kind}" must be a list of rules; got ${kindOf(children)}`);
      return;
    }
    if (children.length === 0) {
      issue([...path, kind], `"${kind}" needs at least one rule; got an empty list`);
      return;
    }
    children.forEach((child, index) => checkNode(child, [...path, kind, index], depth + 1, walk));
    return;
  }
  if (kind === 'not') {
    unknownKeys(input, ['not'], path, 'a "not" rule has only "not"', walk);
    checkNode(input['not'], [...path, 'not'], depth + 1, walk);
    return;
  }
  if (kind === 'event') {
    checkEvent(input, path, walk);
    return;
  }
  checkComparison(input, path, walk);
}

function unknownKeys(
  input: Record<string, unknown>,
  allowed: readonly string[],
  path: PathPart[],
  hint: string,
  walk: Walk,
  explain: (key: string) => string | undefined = () => undefined,
): void {
  for (const key of Object.keys(input)) {
    if (allowed.includes(key)) continue;
    walk.issues.push({ path: [...path, key], message: explain(key) ?? `unknown key "${key}"; ${hint}` });
  }
}

function checkEvent(input: Record<string, unknown>, path: PathPart[], walk: Walk): void {
  const issue = (key: string, message: string): void =>
    void walk.issues.push({ path: [...path, key], message });
  unknownKeys(
    input,
    ['event', 'atLeast', 'withinDays'],
    path,
    'an event rule has "event", "atLeast", "withinDays"',
    walk,
  );
  const { event, atLeast, withinDays } = input;
  if (typeof event !== 'string' || event === '') {
    issue('event', `"event" must be a non-empty event name; got ${kindOf(event)}`);
  }
  if (atLeast === undefined)
    issue('atLeast', '"atLeast" is missing: how many times the event must have happened (≥ 1)');
  else if (!Number.isSafeInteger(atLeast) || (atLeast as number) < 1) {
    issue('atLeast', `"atLeast" must be a whole number ≥ 1; got ${kindOf(atLeast)}`);
  }
  if (withinDays === undefined) {
    issue('withinDays', `"withinDays" is missing: the look-back in days (1 to ${MAX_WITHIN_DAYS})`);
  } else if (
    !Number.isSafeInteger(withinDays) ||
    (withinDays as number) < 1 ||
    (withinDays as number) > MAX_WITHIN_DAYS
  ) {
    issue(
      'withinDays',
      `"withinDays" must be a whole number of days from 1 to ${MAX_WITHIN_DAYS}; got ${kindOf(withinDays)}`,
    );
  }
}

function checkComparison(input: Record<string, unknown>, path: PathPart[], walk: Walk): void {
  const issue = (at: PathPart[], message: string): void =>
    void walk.issues.push({ path: [...path, ...at], message });
  const { field, op } = input;
  if (field === undefined) issue(['field'], `"field" is missing, e.g. "traits.plan"`);
  else if (typeof field !== 'string')
    issue(['field'], `"field" must be a string like "traits.plan"; got ${kindOf(field)}`);
  else {
    const problem = fieldProblem(field);
    if (problem) issue(['field'], problem);
  }
  if (typeof op !== 'string' || !(COMPARISON_OPS as readonly string[]).includes(op)) {
    const got = op === undefined ? '"op" is missing' : `unknown operator ${JSON.stringify(op)}`;
    issue(['op'], `${got}; valid operators: ${quoteList(COMPARISON_OPS)}`);
    unknownKeys(
      input,
      ['field', 'op', 'value', 'values'],
      path,
      'a comparison has "field", "op" and "value" or "values"',
      walk,
    );
    return;
  }
  const takes = LIST_OPS.includes(op as ComparisonOp) ? 'values' : op === 'exists' ? undefined : 'value';
  const allowed = takes ? ['field', 'op', takes] : ['field', 'op'];
  unknownKeys(
    input,
    allowed,
    path,
    `a comparison with "${op}" has ${allowed.map((key) => `"${key}"`).join(', ')}`,
    walk,
    (key) => {
      if (key === 'value' && takes === 'values')
        return `"${op}" takes "values" (a non-empty list), not "value"`;
      if (key === 'values' && takes === 'value') return `"${op}" takes a single "value", not "values"`;
      if ((key === 'value' || key === 'values') && takes === undefined) return `"exists" takes no value`;
      return undefined;
    },
  );
  const { value, values } = input;
  switch (op as ComparisonOp) {
    case 'eq':
    case 'neq':
      if (!isFiniteNumber(value) && typeof value !== 'string' && typeof value !== 'boolean') {
        issue(
          ['value'],
          `"${op}" needs a "value" that is a number, a string or a boolean; got ${kindOf(value)}`,
        );
      }
      break;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (!isFiniteNumber(value)) {
        issue(['value'], `"${op}" compares numbers: "value" must be a number; got ${kindOf(value)}`);
      }
      break;
    case 'in':
    case 'not_in':
      if (!Array.isArray(values)) {
        issue(
          ['values'],
          `"${op}" needs "values", a non-empty list of numbers or strings; got ${kindOf(values)}`,
        );
      } else if (values.length === 0) {
        issue(['values'], `"${op}" needs at least one value; got an empty list`);
      } else {
        values.forEach((item: unknown, index) => {
          if (!isFiniteNumber(item) && typeof item !== 'string') {
            issue(
              ['values', index],
              `each value of "${op}" must be a number or a string; got ${kindOf(item)}`,
            );
          }
        });
      }
      break;
    case 'contains':
      if (typeof value !== 'string' || value === '') {
        issue(
          ['value'],
          `"contains" looks for a substring: "value" must be a non-empty string; got ${kindOf(value)}`,
        );
      }
      break;
    case 'exists':
      break;
  }
  if (typeof field === 'string') checkScoreValues(field, op as ComparisonOp, input, issue);
}

/** Scores have known types, so a rule that can never match them is an error, not an empty audience. */
function checkScoreValues(
  field: string,
  op: ComparisonOp,
  input: Record<string, unknown>,
  issue: (at: PathPart[], message: string) => void,
): void {
  const { namespace, name } = splitField(field);
  if (namespace !== 'scores' || op === 'exists') return;
  const given: Array<{ at: PathPart[]; value: unknown }> = LIST_OPS.includes(op)
    ? Array.isArray(input['values'])
      ? input['values'].map((value: unknown, index) => ({ at: ['values', index], value }))
      : []
    : [{ at: ['value'], value: input['value'] }];
  if (name === 'churn_risk_band') {
    if (ORDER_OPS.includes(op) || op === 'contains') {
      issue(
        ['op'],
        `churn_risk_band is one of ${quoteList(CHURN_RISK_BANDS)}: compare it with eq, neq, in or not_in`,
      );
      return;
    }
    for (const { at, value } of given) {
      if (typeof value === 'string' && !(CHURN_RISK_BANDS as readonly string[]).includes(value)) {
        issue(at, `unknown churn_risk_band "${value}"; valid bands: ${quoteList(CHURN_RISK_BANDS)}`);
      } else if (typeof value !== 'string' && value !== undefined) {
        issue(at, `churn_risk_band is a string (${quoteList(CHURN_RISK_BANDS)}); got ${kindOf(value)}`);
      }
    }
    return;
  }
  if (NUMERIC_SCORES.includes(name)) {
    if (op === 'contains') {
      issue(['op'], `${name} is a number: "contains" does not apply`);
      return;
    }
    for (const { at, value } of given) {
      if (typeof value === 'string' || typeof value === 'boolean') {
        issue(at, `${name} is a number; got ${kindOf(value)}`);
      }
    }
  }
}

function formatPath(path: readonly PathPart[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else
      out += /^[A-Za-z_$][\w$]*$/.test(part) ? (out === '' ? part : `.${part}`) : `[${JSON.stringify(part)}]`;
  }
  return out;
}

function collectIssues(input: unknown): Issue[] {
  const walk: Walk = { issues: [], nodes: 0, depthReported: false, nodesReported: false };
  checkNode(input, [], 1, walk);
  return walk.issues;
}

/**
 * The rule as a zod schema, e.g. to embed in a message or request schema. It validates the recursive
 * structure with the same checks and messages as `parseAudienceRule`. Why not a `z.union` of the five
 * shapes: a union that fails reports "Invalid input" with every branch's issues, so `and[1].op`
 * would be buried under "expected `and`" and "expected `event`"; dispatching on the key the rule
 * uses (`and`, `or`, `not`, `field`/`op`, `event`) says exactly what is wrong, and where.
 */
export const audienceRuleSchema: z.ZodType<AudienceRule> = z
  .custom<AudienceRule>()
  .superRefine((input, ctx) => {
    for (const { path, message } of collectIssues(input)) ctx.addIssue({ code: 'custom', path, message });
  });

/**
 * Validates parsed JSON (not a JSON string) as an audience rule. On success the rule is a copy, so
 * later changes to `input` do not change it. Errors name the JSON path (`and[1].op`; `''` is the rule
 * itself) and what was wrong.
 */
export function parseAudienceRule(input: unknown): ParseAudienceRuleResult {
  const issues = collectIssues(input);
  if (issues.length > 0) {
    return { ok: false, errors: issues.map(({ path, message }) => ({ path: formatPath(path), message })) };
  }
  return { ok: true, rule: structuredClone(input) as AudienceRule };
}

// ---------------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------------

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

function own(record: object, key: string): unknown {
  return Object.hasOwn(record, key) ? (record as Record<string, unknown>)[key] : undefined;
}

/** The value a field reads, or undefined when it is missing or null. */
function readField(field: string, profile: ProfileFacts): unknown {
  const { namespace, name } = splitField(field);
  let value: unknown;
  switch (namespace as FieldNamespace) {
    case 'traits':
      value = profile.traits;
      for (const part of name.split('.')) {
        value = isRecord(value) ? own(value, part) : undefined;
      }
      break;
    case 'features':
      value = own(profile.features, name);
      break;
    case 'scores':
      value = own(profile.scores, name);
      break;
    case 'segments':
      value = own(profile.segments, name);
      break;
  }
  return value ?? undefined;
}

/** A fact as a number: numbers, and strings that are plain decimals ("42", "-1.5", "1e3"). */
function asNumber(fact: unknown): number | undefined {
  if (typeof fact === 'number') return Number.isFinite(fact) ? fact : undefined;
  if (typeof fact === 'string') {
    const trimmed = fact.trim();
    return DECIMAL.test(trimmed) ? Number(trimmed) : undefined;
  }
  return undefined;
}

function equals(fact: unknown, value: number | string | boolean): boolean {
  if (typeof value === 'number') return asNumber(fact) === value;
  return fact === value;
}

function compare(rule: ComparisonRule, fact: unknown): boolean {
  switch (rule.op) {
    case 'exists':
      return true;
    case 'eq':
      return equals(fact, rule.value);
    case 'neq':
      return !equals(fact, rule.value);
    case 'in':
      return rule.values.some((value) => equals(fact, value));
    case 'not_in':
      return !rule.values.some((value) => equals(fact, value));
    case 'contains': {
      const needle = rule.value.toLowerCase();
      const hit = (item: unknown): boolean => typeof item === 'string' && item.toLowerCase().includes(needle);
      return Array.isArray(fact) ? fact.some(hit) : hit(fact);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const number = asNumber(fact);
      if (number === undefined) return false;
      if (rule.op === 'gt') return number > rule.value;
      if (rule.op === 'gte') return number >= rule.value;
      if (rule.op === 'lt') return number < rule.value;
      return number <= rule.value;
    }
  }
}

function evaluate(
  rule: AudienceRule,
  profile: ProfileFacts,
  now: number,
  eventCount: EventCount | undefined,
): boolean {
  if ('and' in rule) return rule.and.every((child) => evaluate(child, profile, now, eventCount));
  if ('or' in rule) return rule.or.some((child) => evaluate(child, profile, now, eventCount));
  if ('not' in rule) return !evaluate(rule.not, profile, now, eventCount);
  if ('event' in rule) {
    // Checked up front by evaluateAudienceRule, so this cannot happen for a rule that needs events.
    if (!eventCount) throw missingEvents(rule);
    return eventCount(rule.event, now - rule.withinDays * DAY_MS) >= rule.atLeast;
  }
  const fact = readField(rule.field, profile);
  return fact !== undefined && compare(rule, fact);
}

function missingEvents(rule: EventRule): Error {
  return new Error(
    `audience rule reads event history ("${rule.event}" in the last ${rule.withinDays} days) but the profile facts have no eventCount; ` +
      'pass ProfileFacts.eventCount for rules where needsEvents(rule) is true',
  );
}

/**
 * Whether a profile is in the audience at `now` (epoch ms). The rule must come from
 * `parseAudienceRule` (or the schema).
 *
 * Semantics:
 * - A field is missing when it is absent or null. Like SQL, every comparison on a missing field is
 *   false, `neq` and `not_in` included, so `{ not: X }` is true when X's field is missing. `exists`
 *   is true for any present value (empty strings and lists included).
 * - `eq`/`neq`/`in`/`not_in` with a number compare numerically: the fact matches if it is a number,
 *   or a string that is a plain decimal ("42", " 42 ", "1.5e2"), equal to it. With a string they
 *   compare exactly (case-sensitive) with string facts only, so the number 42 is not "42". With a
 *   boolean, only that boolean matches. `neq` is "present and not `eq`", `not_in` "present and not `in`".
 * - `gt`/`gte`/`lt`/`lte` compare numerically with numbers and decimal strings; any other fact is false.
 * - `contains` is a case-insensitive substring test on a string fact, or on each string of a list
 *   fact (true if any element contains it); other facts are false.
 * - Trait paths walk nested objects (`traits.address.city`); own properties only.
 * - An event rule is `eventCount(event, now - withinDays × 86 400 000) ≥ atLeast`: the window is
 *   [now − withinDays days, now] and an event exactly at its start counts (see `EventCount`).
 *   When the rule has an event condition and `profile.eventCount` is absent this throws, even if
 *   and/or would not have reached that condition, so a missing input never hides as a stable answer.
 */
export function evaluateAudienceRule(rule: AudienceRule, profile: ProfileFacts, now: number): boolean {
  if (!profile.eventCount) {
    const first = firstEvent(rule);
    if (first) throw missingEvents(first);
  }
  return evaluate(rule, profile, now, profile.eventCount);
}

/** An `EventCount` over an in-memory history: events at or after `sinceMs` (inclusive). */
export function eventCountFrom(history: ReadonlyArray<{ event: string; timestamp: number }>): EventCount {
  return (event, sinceMs) =>
    history.filter((item) => item.event === event && item.timestamp >= sinceMs).length;
}

// ---------------------------------------------------------------------------------------------------
// Dependencies and description
// ---------------------------------------------------------------------------------------------------

function children(rule: AudienceRule): AudienceRule[] {
  if ('and' in rule) return rule.and;
  if ('or' in rule) return rule.or;
  if ('not' in rule) return [rule.not];
  return [];
}

function firstEvent(rule: AudienceRule): EventRule | undefined {
  if ('event' in rule) return rule;
  for (const child of children(rule)) {
    const found = firstEvent(child);
    if (found) return found;
  }
  return undefined;
}

/** Whether evaluating the rule needs `ProfileFacts.eventCount`. */
export function needsEvents(rule: AudienceRule): boolean {
  return firstEvent(rule) !== undefined;
}

/**
 * What the rule reads, sorted and unique, including under `not`: membership can change only when one
 * of these changes (or, for events, when time moves an event out of its window).
 */
export function ruleDependencies(rule: AudienceRule): RuleDependencies {
  const found: Record<FieldNamespace, Set<string>> = {
    traits: new Set(),
    features: new Set(),
    segments: new Set(),
    scores: new Set(),
  };
  const events = new Map<string, { event: string; withinDays: number }>();
  const visit = (node: AudienceRule): void => {
    if ('field' in node) {
      const { namespace, name } = splitField(node.field);
      found[namespace as FieldNamespace].add(name);
    } else if ('event' in node) {
      events.set(JSON.stringify([node.event, node.withinDays]), {
        event: node.event,
        withinDays: node.withinDays,
      });
    }
    children(node).forEach(visit);
  };
  visit(rule);
  const sorted = (set: Set<string>): string[] => [...set].sort();
  return {
    traits: sorted(found.traits),
    features: sorted(found.features),
    segments: sorted(found.segments),
    scores: sorted(found.scores),
    events: [...events.values()].sort((a, b) =>
      a.event === b.event ? a.withinDays - b.withinDays : a.event < b.event ? -1 : 1,
    ),
  };
}

const OP_WORDS: Record<ComparisonOp, string> = {
  eq: 'is',
  neq: 'is not',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  in: 'is one of',
  not_in: 'is not one of',
  exists: 'is set',
  contains: 'contains',
};

function describeField(field: string): string {
  const { namespace, name } = splitField(field);
  switch (namespace as FieldNamespace) {
    case 'traits':
      return `trait ${name}`;
    case 'features':
      return `feature ${name}`;
    case 'segments':
      return `segment of ${name}`;
    case 'scores':
      return name;
  }
}

function describeNode(rule: AudienceRule, nested: boolean): string {
  if ('and' in rule || 'or' in rule) {
    const [word, list] = 'and' in rule ? (['and', rule.and] as const) : (['or', rule.or] as const);
    if (list.length === 1) return describeNode(list[0] as AudienceRule, nested);
    const text = list.map((child) => describeNode(child, true)).join(` ${word} `);
    return nested ? `(${text})` : text;
  }
  if ('not' in rule) {
    const inner = describeNode(rule.not, false);
    return `not (${inner})`;
  }
  if ('event' in rule) {
    const times = rule.atLeast === 1 ? 'time' : 'times';
    const days = rule.withinDays === 1 ? 'day' : 'days';
    return `did ${JSON.stringify(rule.event)} ≥ ${rule.atLeast} ${times} in ${rule.withinDays} ${days}`;
  }
  // Segment ids are identifiers, shown bare; other strings are quoted so spaces and commas stay clear.
  const bare = splitField(rule.field).namespace === 'segments';
  const show = (value: number | string | boolean): string =>
    typeof value === 'string' && !bare ? JSON.stringify(value) : String(value);
  const subject = `${describeField(rule.field)} ${OP_WORDS[rule.op]}`;
  if ('values' in rule) return `${subject} [${rule.values.map(show).join(', ')}]`;
  return 'value' in rule ? `${subject} ${show(rule.value)}` : subject;
}

/**
 * One human-readable line, e.g.
 * `churn_risk ≥ 0.6 and (segment of features is seg_x or did "Order Completed" ≥ 2 times in 30 days)`.
 * Traits read `trait <path>`, features `feature <name>`, scores their bare name, segments `segment of <source>`.
 */
export function describeAudienceRule(rule: AudienceRule): string {
  return describeNode(rule, false);
}
