// Builds a rule of the audience rule language (libs/activation/domain audience-rules.ts) from a flat
// list of conditions joined by all/any; each condition may be negated.
import { useApi } from '../useApi';

export type ConditionKind = 'trait' | 'feature' | 'segment' | 'score' | 'event';

/** One row of the builder; `field` and `value` mean what `kind` says (see toRule). */
export interface Condition {
  id: number;
  kind: ConditionKind;
  field: string;
  op: string;
  value: string;
  /** Days for an event condition. */
  withinDays: string;
  negate: boolean;
}

export interface RuleDraft {
  combinator: 'and' | 'or';
  conditions: Condition[];
}

const ORDER_OPS = ['gt', 'gte', 'lt', 'lte'];
const OP_LABELS: Record<string, string> = {
  eq: '=',
  neq: '≠',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  contains: 'contains',
  exists: 'exists',
};
const SCORES = ['churn_risk', 'engagement_score', 'intent_score', 'churn_risk_band'];
const BANDS = ['low', 'medium', 'high'];

function opsFor(c: Condition): string[] {
  switch (c.kind) {
    case 'trait':
      return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists'];
    case 'feature':
      return [...ORDER_OPS, 'eq', 'neq'];
    case 'segment':
      return ['eq', 'neq'];
    case 'score':
      return c.field === 'churn_risk_band' ? ['eq', 'neq'] : ORDER_OPS;
    case 'event':
      return [];
  }
}

let nextId = 1;
export function newCondition(kind: ConditionKind): Condition {
  const defaults: Record<ConditionKind, Pick<Condition, 'field' | 'op' | 'value'>> = {
    trait: { field: '', op: 'eq', value: '' },
    feature: { field: '', op: 'gte', value: '' },
    segment: { field: 'features', op: 'eq', value: '' },
    score: { field: 'churn_risk', op: 'gte', value: '0.5' },
    event: { field: '', op: '', value: '1' },
  };
  return { id: nextId++, kind, withinDays: '30', negate: false, ...defaults[kind] };
}

const asNumber = (text: string): number | null => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isFinite(n) ? n : null;
};

/** A trait value as typed: numbers and booleans become JSON numbers and booleans. */
function traitValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  return asNumber(text) ?? text;
}

/** The condition as a rule node, or null while it is incomplete. */
function conditionRule(c: Condition): unknown {
  const name = c.field.trim();
  if (!name) return null;
  switch (c.kind) {
    case 'trait': {
      const field = `traits.${name}`;
      if (c.op === 'exists') return { field, op: 'exists' };
      if (c.value === '') return null;
      if (c.op === 'contains') return { field, op: 'contains', value: c.value };
      if (ORDER_OPS.includes(c.op)) {
        const n = asNumber(c.value);
        return n === null ? null : { field, op: c.op, value: n };
      }
      return { field, op: c.op, value: traitValue(c.value) };
    }
    case 'feature':
    case 'score': {
      const field = `${c.kind === 'feature' ? 'features' : 'scores'}.${name}`;
      if (name === 'churn_risk_band') return c.value ? { field, op: c.op, value: c.value } : null;
      const n = asNumber(c.value);
      return n === null ? null : { field, op: c.op, value: n };
    }
    case 'segment':
      return c.value ? { field: `segments.${name}`, op: c.op, value: c.value } : null;
    case 'event': {
      const atLeast = asNumber(c.value);
      const days = asNumber(c.withinDays);
      return atLeast === null || days === null ? null : { event: name, atLeast, withinDays: days };
    }
  }
}

/** The draft as a rule, or null when no condition is complete yet. */
export function toRule(draft: RuleDraft): unknown {
  const parts = draft.conditions
    .map((c) => {
      const rule = conditionRule(c);
      return rule && c.negate ? { not: rule } : rule;
    })
    .filter((r) => r !== null);
  if (parts.length === 0) return null;
  return { [draft.combinator]: parts };
}

interface RuleBuilderProps {
  draft: RuleDraft;
  onChange: (draft: RuleDraft) => void;
  disabled?: boolean;
}

export function RuleBuilder({ draft, onChange, disabled }: RuleBuilderProps) {
  // Segment ids to pick from: the sizes endpoint lists the active model's segments cheaply.
  const segments = useApi<{ segments: Array<{ id: string; name: string }> }>(
    '/segmentation/sizes?source=features&days=1',
  );
  const update = (id: number, patch: Partial<Condition>) =>
    onChange({ ...draft, conditions: draft.conditions.map((c) => (c.id === id ? { ...c, ...patch } : c)) });

  return (
    <div className="rule-builder" data-testid="rule-builder">
      <div className="toolbar">
        <label>
          Match{' '}
          <select
            value={draft.combinator}
            disabled={disabled}
            onChange={(e) => onChange({ ...draft, combinator: e.target.value as 'and' | 'or' })}
            data-testid="rule-combinator"
          >
            <option value="and">all of</option>
            <option value="or">any of</option>
          </select>{' '}
          these conditions
        </label>
      </div>
      {draft.conditions.map((c) => (
        <div className="condition" key={c.id} data-testid="rule-condition" data-kind={c.kind}>
          <span className="kind">{c.kind}</span>
          <label className="negate">
            <input
              type="checkbox"
              checked={c.negate}
              disabled={disabled}
              onChange={(e) => update(c.id, { negate: e.target.checked })}
            />
            not
          </label>
          <FieldInput
            condition={c}
            disabled={disabled}
            onChange={(field) => update(c.id, fieldPatch(c, field))}
          />
          {c.kind === 'event' ? (
            <>
              at least
              <input
                className="short"
                type="number"
                min={1}
                value={c.value}
                disabled={disabled}
                onChange={(e) => update(c.id, { value: e.target.value })}
                data-testid="rule-value"
              />
              times in the last
              <input
                className="short"
                type="number"
                min={1}
                max={365}
                value={c.withinDays}
                disabled={disabled}
                onChange={(e) => update(c.id, { withinDays: e.target.value })}
              />
              days
            </>
          ) : (
            <>
              <select
                value={c.op}
                disabled={disabled}
                onChange={(e) => update(c.id, { op: e.target.value })}
                data-testid="rule-op"
              >
                {opsFor(c).map((op) => (
                  <option key={op} value={op}>
                    {OP_LABELS[op]}
                  </option>
                ))}
              </select>
              {c.op === 'exists' ? null : (
                <ValueInput
                  condition={c}
                  disabled={disabled}
                  segments={segments.data?.segments ?? []}
                  onChange={(value) => update(c.id, { value })}
                />
              )}
            </>
          )}
          <button
            type="button"
            className="link"
            disabled={disabled}
            onClick={() => onChange({ ...draft, conditions: draft.conditions.filter((x) => x.id !== c.id) })}
            data-testid="rule-remove"
          >
            remove
          </button>
        </div>
      ))}
      <div className="toolbar">
        Add:
        {(['trait', 'feature', 'segment', 'score', 'event'] as const).map((kind) => (
          <button
            key={kind}
            type="button"
            disabled={disabled}
            onClick={() => onChange({ ...draft, conditions: [...draft.conditions, newCondition(kind)] })}
            data-testid={`rule-add-${kind}`}
          >
            + {kind}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Switching between the band and a numeric score changes which operators and values make sense. */
function fieldPatch(c: Condition, field: string): Partial<Condition> {
  if (c.kind !== 'score') return { field };
  if (field === 'churn_risk_band') return { field, op: 'eq', value: 'high' };
  return c.field === 'churn_risk_band' ? { field, op: 'gte', value: '0.5' } : { field };
}

function FieldInput({
  condition: c,
  disabled,
  onChange,
}: {
  condition: Condition;
  disabled?: boolean;
  onChange: (field: string) => void;
}) {
  if (c.kind === 'score') {
    return (
      <select
        value={c.field}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid="rule-field"
      >
        {SCORES.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
    );
  }
  const placeholder: Record<ConditionKind, string> = {
    trait: 'trait, e.g. plan',
    feature: 'feature, e.g. engagement.sessions_30d',
    segment: 'source, e.g. features',
    score: '',
    event: 'event, e.g. Order Completed',
  };
  return (
    <input
      value={c.field}
      placeholder={placeholder[c.kind]}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      data-testid="rule-field"
    />
  );
}

function ValueInput({
  condition: c,
  disabled,
  segments,
  onChange,
}: {
  condition: Condition;
  disabled?: boolean;
  segments: Array<{ id: string; name: string }>;
  onChange: (value: string) => void;
}) {
  const options =
    c.kind === 'score' && c.field === 'churn_risk_band'
      ? BANDS.map((b) => ({ id: b, name: b }))
      : c.kind === 'segment' && c.field.trim() === 'features' && segments.length > 0
        ? segments
        : null;
  if (options) {
    return (
      <select
        value={c.value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        data-testid="rule-value"
      >
        <option value="">choose…</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    );
  }
  const numeric = c.kind === 'feature' || c.kind === 'score';
  return (
    <input
      className={numeric ? 'short' : undefined}
      type={numeric ? 'number' : 'text'}
      step="any"
      value={c.value}
      placeholder={c.kind === 'segment' ? 'segment id' : 'value'}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      data-testid="rule-value"
    />
  );
}
