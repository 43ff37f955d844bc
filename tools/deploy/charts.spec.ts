// Static checks of the Helm charts under deploy/helm (there is no helm binary in CI): each app
// chart depends on the library chart, its values (defaults and every environment's overrides)
// satisfy its values.schema.json, every `.Values` path its templates read exists, its port is the
// one services.ts gives the service, and its probes hit the health endpoints.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVICES } from '@cdp/shared/util-config';

const root = resolve(import.meta.dirname, '../..');
const helmDir = join(root, 'deploy/helm');
const environmentsDir = join(root, 'deploy/environments');

type Values = Record<string, unknown>;

function isObject(value: unknown): value is Values {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's merge of an override file over values.yaml: maps merge deeply, anything else replaces. */
function mergeValues(base: Values, override: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? mergeValues(current, value) : value;
  }
  return merged;
}

function hasPath(values: Values, path: string): boolean {
  let node: unknown = values;
  for (const key of path.split('.')) {
    if (!isObject(node) || !(key in node)) return false;
    node = node[key];
  }
  return true;
}

function readTemplates(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => /\.(ya?ml|tpl)$/.test(file))
    .map((file) => readFileSync(join(dir, file), 'utf8'));
}

/** The library chart's named templates: each `define` body runs to the next `define`. */
function namedTemplates(sources: string[]): Map<string, string> {
  const defines = new Map<string, string>();
  for (const source of sources) {
    const starts = [...source.matchAll(/\{\{-?\s*define\s+"([^"]+)"\s*-?\}\}/g)];
    starts.forEach((match, i) => {
      const end = i + 1 < starts.length ? starts[i + 1].index : source.length;
      defines.set(match[1], source.slice(match.index, end));
    });
  }
  return defines;
}

/** An app's templates plus every named template they include, transitively. */
function expandTemplates(
  appTemplates: string[],
  library: Map<string, string>,
): { text: string; missing: string[] } {
  const seen = new Set<string>();
  const missing: string[] = [];
  const queue = [...appTemplates];
  const bodies: string[] = [...appTemplates];
  while (queue.length > 0) {
    const text = queue.shift() ?? '';
    for (const [, name] of text.matchAll(/\b(?:include|template)\s+"([^"]+)"/g)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const body = library.get(name);
      if (body === undefined) missing.push(name);
      else {
        bodies.push(body);
        queue.push(body);
      }
    }
  }
  return { text: bodies.join('\n'), missing };
}

/** Every `.Values.a.b` (or `$.Values.a.b`) read inside a `{{ ... }}` action. */
function valuesPaths(templateText: string): string[] {
  const paths = new Set<string>();
  for (const [action] of templateText.matchAll(/\{\{[\s\S]*?\}\}/g)) {
    for (const [, path] of action.matchAll(/\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g))
      paths.add(path.slice(1));
  }
  return [...paths].sort();
}

const ajv = new Ajv({ allErrors: true });

function schemaErrors(schema: object, values: Values): string[] {
  const validate = ajv.compile(schema);
  if (validate(values)) return [];
  return (validate.errors ?? []).map((e) => `${e.dataPath || '(root)'} ${e.message ?? ''}`);
}

interface ChartProblems {
  problems: string[];
}

/** Everything wrong with one app chart, given its files' contents (so a broken example can be fed in). */
function checkChart(input: {
  app: string;
  chartYaml: string;
  valuesYaml: string;
  schemaJson: string;
  templates: string[];
  library: Map<string, string>;
  environments: Record<string, string>;
  expectedPort: number;
}): ChartProblems {
  const problems: string[] = [];
  const chart = parse(input.chartYaml) as Values;
  if (chart.apiVersion !== 'v2') problems.push('Chart.yaml: apiVersion must be v2');
  if (chart.name !== input.app) problems.push(`Chart.yaml: name ${String(chart.name)} is not ${input.app}`);
  const dependencies = Array.isArray(chart.dependencies) ? (chart.dependencies as Values[]) : [];
  const common = dependencies.find((d) => d.name === 'common');
  if (!common) problems.push('Chart.yaml: no dependency on common');
  else if (common.repository !== 'file://../common')
    problems.push('Chart.yaml: common must come from file://../common');

  const values = (parse(input.valuesYaml) ?? {}) as Values;
  const schema = JSON.parse(input.schemaJson) as object;
  for (const error of schemaErrors(schema, values)) problems.push(`values.yaml: ${error}`);

  const { text, missing } = expandTemplates(input.templates, input.library);
  for (const name of missing) problems.push(`templates include "${name}", which common does not define`);
  for (const path of valuesPaths(text)) {
    if (!hasPath(values, path))
      problems.push(`templates read .Values.${path}, which values.yaml does not set`);
  }
  for (const endpoint of ['/health/live', '/health/ready']) {
    if (!text.includes(endpoint)) problems.push(`templates have no probe on ${endpoint}`);
  }

  const service = values.service;
  if (!isObject(service) || service.port !== input.expectedPort) {
    problems.push(`service.port must be ${input.expectedPort} (services.ts)`);
  }

  for (const [environment, overrideYaml] of Object.entries(input.environments)) {
    const merged = mergeValues(values, (parse(overrideYaml) ?? {}) as Values);
    for (const error of schemaErrors(schema, merged)) problems.push(`${environment}: ${error}`);
    const config = merged.config as Values;
    const graceMs = Number(merged.terminationGracePeriodSeconds) * 1000;
    if (!(graceMs > Number(config?.shutdownTimeoutMs) + Number(config?.shutdownDelayMs))) {
      problems.push(
        `${environment}: terminationGracePeriodSeconds must outlast shutdownTimeoutMs + shutdownDelayMs`,
      );
    }
    if (environment === 'prod') {
      const autoscaling = merged.autoscaling as Values;
      const pdb = merged.pdb as Values;
      if (Number(merged.replicaCount) < 2) problems.push('prod: replicaCount must be at least 2');
      if (autoscaling?.enabled !== true || Number(autoscaling.minReplicas) < 2) {
        problems.push('prod: autoscaling must be enabled with minReplicas >= 2');
      }
      if (pdb?.enabled !== true || Number(pdb.minAvailable) < 1)
        problems.push('prod: pdb must be enabled with minAvailable >= 1');
    }
  }
  return { problems };
}

const library = namedTemplates(readTemplates(join(helmDir, 'common/templates')));
const charts = readdirSync(helmDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'common')
  .map((entry) => entry.name)
  .sort();
const environments = existsSync(environmentsDir) ? readdirSync(environmentsDir).sort() : [];

function chartInput(app: string) {
  const dir = join(helmDir, app);
  const overrides: Record<string, string> = {};
  for (const environment of environments) {
    const file = join(environmentsDir, environment, `${app}.yaml`);
    if (existsSync(file)) overrides[environment] = readFileSync(file, 'utf8');
  }
  const port = SERVICES.find((s) => s.name === app)?.defaultPort ?? -1;
  return {
    app,
    chartYaml: readFileSync(join(dir, 'Chart.yaml'), 'utf8'),
    valuesYaml: readFileSync(join(dir, 'values.yaml'), 'utf8'),
    schemaJson: readFileSync(join(dir, 'values.schema.json'), 'utf8'),
    templates: readTemplates(join(dir, 'templates')),
    library,
    environments: overrides,
    expectedPort: port,
  };
}

describe('helm charts', () => {
  it('has one chart per service in services.ts, and a library chart', () => {
    expect(charts).toEqual(SERVICES.map((s) => s.name).sort());
    const common = parse(readFileSync(join(helmDir, 'common/Chart.yaml'), 'utf8')) as Values;
    expect(common).toMatchObject({ apiVersion: 'v2', name: 'common', type: 'library' });
    for (const name of [
      'common.deployment',
      'common.service',
      'common.configmap',
      'common.hpa',
      'common.pdb',
    ]) {
      expect(library.has(name), name).toBe(true);
    }
  });

  it('has dev and prod values for every chart', () => {
    expect(environments).toEqual(expect.arrayContaining(['dev', 'prod']));
    for (const app of charts) {
      expect(Object.keys(chartInput(app).environments).sort(), app).toEqual(environments);
    }
  });

  it.each(charts)('%s: chart, values, schema and templates agree', (app) => {
    expect(checkChart(chartInput(app)).problems).toEqual([]);
  });

  it.each(charts)("%s: the migration Job runs the app's own entry with `migrate`", (app) => {
    const values = parse(chartInput(app).valuesYaml) as { migrations: { job: Values } };
    expect(values.migrations.job).toMatchObject({
      enabled: true,
      command: ['node', `dist/apps/${app}/src/main.js`, 'migrate'],
    });
    expect(existsSync(join(root, 'apps', app, 'src/main.ts')), app).toBe(true);
  });

  it('keeps three replicas of the streams in prod, one on a dev single server', () => {
    for (const app of charts) {
      const { valuesYaml, environments: envs } = chartInput(app);
      const base = parse(valuesYaml) as Values;
      const replicas = (env: string): unknown =>
        (mergeValues(base, parse(envs[env] ?? '') as Values).nats as Values).streamReplicas;
      expect([app, replicas('prod'), replicas('dev')]).toEqual([app, 3, 1]);
    }
  });

  it('reports a broken chart', () => {
    const good = chartInput('identity');
    const broken = checkChart({
      ...good,
      chartYaml: 'apiVersion: v2\nname: identity\nversion: 0.1.0\n',
      valuesYaml: good.valuesYaml
        .replace('port: 3002', 'port: 3999')
        .replace(/\ndatabase:\n(?: {2}.*\n)+/, '\n'),
      templates: [...good.templates, '{{ .Values.nosuch.key }}', '{{ include "common.nosuch" . }}'],
      environments: { prod: 'replicaCount: 1\npdb:\n  enabled: false\n', dev: 'config:\n  logLevel: loud\n' },
    }).problems;
    expect(broken).toEqual(
      expect.arrayContaining([
        'Chart.yaml: no dependency on common',
        "values.yaml: (root) should have required property 'database'",
        'templates include "common.nosuch", which common does not define',
        'templates read .Values.nosuch.key, which values.yaml does not set',
        'templates read .Values.database.existingSecret, which values.yaml does not set',
        'service.port must be 3002 (services.ts)',
        'prod: replicaCount must be at least 2',
        'prod: pdb must be enabled with minAvailable >= 1',
        'dev: .config.logLevel should be equal to one of the allowed values',
      ]),
    );
  });
});
