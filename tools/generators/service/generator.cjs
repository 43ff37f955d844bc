/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS on purpose: Nx require()s local
   generators, and the workspace has no TypeScript transpiler (swc-node / ts-node) for it to use. */
'use strict';

const path = require('node:path');
const { formatFiles, generateFiles, names, updateJson } = require('@nx/devkit');

const SERVICES_FILE = 'libs/shared/util-config/src/services.ts';
const TSCONFIG_BASE = 'tsconfig.base.json';

const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SCHEMA_PATTERN = /^[a-z_][a-z0-9_]*$/;
// Scopes that exist but are not services: a service of that name would share their tag.
const RESERVED_NAMES = new Set(['shared', 'tools', 'platform', 'console']);
const SERVICE_ENTRY = /\{\s*name:\s*'([^']+)',\s*defaultPort:\s*(\d+),\s*dbSchema:\s*'([^']+)'\s*,?\s*\}/g;
const SERVICES_ARRAY = /export const SERVICES = \[([\s\S]*?)\] as const;/;

class ServiceGeneratorError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ServiceGeneratorError';
  }
}

/** The `{ name, defaultPort, dbSchema }` entries of SERVICES, read from the source file. */
function readServices(tree) {
  const source = tree.read(SERVICES_FILE, 'utf-8');
  if (source === null)
    throw new ServiceGeneratorError(`${SERVICES_FILE} not found: cannot register the service.`);
  const array = SERVICES_ARRAY.exec(source);
  if (!array) {
    throw new ServiceGeneratorError(
      `${SERVICES_FILE} has no "export const SERVICES = [...] as const;" array to add the service to.`,
    );
  }
  return [...array[1].matchAll(SERVICE_ENTRY)].map((m) => ({
    name: m[1],
    defaultPort: Number(m[2]),
    dbSchema: m[3],
  }));
}

function normalizeOptions(tree, options) {
  const name = String(options.name ?? '').trim();
  if (!NAME_PATTERN.test(name)) {
    throw new ServiceGeneratorError(
      `Invalid service name "${name}": use kebab-case (lowercase letters and digits, words joined by "-"), e.g. feature-store.`,
    );
  }
  if (RESERVED_NAMES.has(name)) {
    throw new ServiceGeneratorError(`"${name}" is a reserved scope, not a service name.`);
  }
  for (const folder of [`apps/${name}`, `libs/${name}`]) {
    if (tree.exists(folder)) {
      throw new ServiceGeneratorError(
        `Service "${name}" already exists: ${folder}/ is there. Pick another name or remove the folder first.`,
      );
    }
  }

  const services = readServices(tree);
  const existing = services.find((s) => s.name === name);
  if (existing) {
    // SERVICES is what the platform runs; a generated service must agree with it, not fork it.
    if (options.port !== undefined && Number(options.port) !== existing.defaultPort) {
      throw new ServiceGeneratorError(
        `"${name}" is already in SERVICES with port ${existing.defaultPort}; drop --port or change ${SERVICES_FILE}.`,
      );
    }
    if (options.schema !== undefined && options.schema !== existing.dbSchema) {
      throw new ServiceGeneratorError(
        `"${name}" is already in SERVICES with schema "${existing.dbSchema}"; drop --schema or change ${SERVICES_FILE}.`,
      );
    }
    return { name, port: existing.defaultPort, schema: existing.dbSchema, inServices: true };
  }

  const port =
    options.port === undefined
      ? Math.max(2999, ...services.map((s) => s.defaultPort)) + 1
      : Number(options.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new ServiceGeneratorError(`Invalid port ${options.port}: must be a whole number from 1 to 65535.`);
  }
  const portOwner = services.find((s) => s.defaultPort === port);
  if (portOwner) {
    throw new ServiceGeneratorError(`Port ${port} is already the default port of "${portOwner.name}".`);
  }
  const schema = options.schema ?? name.replace(/-/g, '_');
  if (!SCHEMA_PATTERN.test(schema)) {
    throw new ServiceGeneratorError(
      `Invalid Postgres schema "${schema}": use lowercase letters, digits and "_", starting with a letter or "_".`,
    );
  }
  const schemaOwner = services.find((s) => s.dbSchema === schema);
  if (schemaOwner) {
    throw new ServiceGeneratorError(`Postgres schema "${schema}" already belongs to "${schemaOwner.name}".`);
  }
  return { name, port, schema, inServices: false };
}

function addServiceEntry(tree, { name, port, schema }) {
  const source = tree.read(SERVICES_FILE, 'utf-8');
  const match = SERVICES_ARRAY.exec(source);
  const bodyStart = match.index + match[0].indexOf('[') + 1;
  const bodyEnd = bodyStart + match[1].length;
  const body = source.slice(bodyStart, bodyEnd).replace(/\s+$/, '');
  const separator = body === '' || body.endsWith(',') ? '' : ',';
  const entry = `  { name: '${name}', defaultPort: ${port}, dbSchema: '${schema}' },`;
  tree.write(
    SERVICES_FILE,
    `${source.slice(0, bodyStart)}${body}${separator}\n${entry}\n${source.slice(bodyEnd)}`,
  );
}

function addPathAliases(tree, name) {
  updateJson(tree, TSCONFIG_BASE, (json) => {
    json.compilerOptions ??= {};
    json.compilerOptions.paths ??= {};
    const paths = json.compilerOptions.paths;
    for (const lib of ['contracts', 'data-access-db']) {
      paths[`@cdp/${name}/${lib}`] ??= [`./libs/${name}/${lib}/src/index.ts`];
    }
    return json;
  });
}

/**
 * Creates a service shaped like ingestion (app, contracts lib, data-access lib without tables)
 * and registers it: path aliases and SERVICES entry (eslint.config.js derives the scope
 * constraint from the libs/ folder).
 */
async function serviceGenerator(tree, options) {
  const normalized = normalizeOptions(tree, options);
  const { name, schema } = normalized;
  const n = names(name);

  generateFiles(tree, path.join(__dirname, 'files'), '.', {
    tmpl: '',
    name,
    schema,
    className: n.className,
    propertyName: n.propertyName,
    constantName: n.constantName,
  });
  addPathAliases(tree, name);
  if (!normalized.inServices) addServiceEntry(tree, normalized);
  await formatFiles(tree);
}

// Nx calls the default export; the spec imports the named ones.
exports.default = serviceGenerator;
exports.serviceGenerator = serviceGenerator;
exports.ServiceGeneratorError = ServiceGeneratorError;
