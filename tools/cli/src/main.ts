import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { RequestContract } from '@cdp/shared/contracts';
import {
  EVENTS_STATS,
  SOURCE_CREATE,
  SOURCE_DISABLE,
  SOURCE_GET,
  SOURCE_LIST,
  SOURCE_ROTATE_KEY,
} from '@cdp/ingestion/contracts';
import {
  EXPORT_MAX_LIMIT,
  FEATURES_BACKFILL_START,
  FEATURES_BACKFILL_STATUS,
  FEATURES_EXPORT,
  FEATURES_GET,
  FEATURES_LIST,
  FEATURES_TRAINING_SET,
  featuresExportRequestSchema,
  TRAINING_SET_MAX_ROWS,
} from '@cdp/feature-store/contracts';
import {
  clusteringAlgorithmSchema,
  modelSummarySchema,
  namingSchema,
  SEGMENT_ASSIGNMENT_GET,
  SEGMENT_RENAME,
  SEGMENT_SIZES,
  SEGMENTS_MODEL_GET,
  SEGMENTS_MODELS_LIST,
  SEGMENTS_TRAIN,
  SEGMENTS_TRAIN_STATUS,
  type ClusteringAlgorithm,
  type SegmentsTrainRequest,
  type TrainStatus,
} from '@cdp/clustering/contracts';
import { identifierRefSchema, PROFILE_DELETE, PROFILE_GET, PROFILE_UNMERGE } from '@cdp/identity/contracts';
import {
  MODEL_GET,
  MODEL_PROMOTE,
  MODEL_ROLLBACK,
  MODEL_TRAINING_ROWS,
  MODELS_LIST,
  MODELS_TRAIN,
  MODELS_TRAIN_STATUS,
  SCORES_GET,
  SCORES_RESCORE,
  TRAINING_ROWS_MAX_LIMIT,
  type PredictionJob,
} from '@cdp/prediction/contracts';
import {
  AUDIENCE_CREATE,
  AUDIENCE_DELETE,
  AUDIENCE_ESTIMATE,
  AUDIENCE_MEMBERS,
  AUDIENCE_UPDATE,
  AUDIENCES_LIST,
  CAMPAIGN_CREATE,
  CAMPAIGN_REPORT,
  CAMPAIGN_RUN,
  CAMPAIGN_SET_STATUS,
  CAMPAIGNS_LIST,
  CONSENT_GET,
  CONSENT_SET,
  DELIVERIES_LIST,
  DELIVERIES_REPLAY,
  DELIVERY_STATUSES,
  DESTINATION_CREATE,
  DESTINATION_ENABLE,
  DESTINATIONS_LIST,
} from '@cdp/activation/contracts';
import {
  PARTNER_CREATE,
  PARTNER_KEYS,
  PARTNER_REPORT,
  PARTNER_SHARE,
  PARTNERS_LIST,
} from '@cdp/ad-feeds/contracts';
import { BusError, createBus, sendRequest, type Bus } from '@cdp/shared/util-messaging';
import { cliBusConfig } from './bus-config.js';
import {
  errorDetailLines,
  formatAudience,
  formatAudiences,
  formatEstimate,
  formatMembers,
  MEMBERS_CSV_HEADER,
  MEMBERS_PAGE,
  membersCsv,
  pageMembers,
  parseWhole,
  readJsonArgument,
  readJsonObject,
  type AudienceMember,
} from './commands/audiences.js';
import {
  formatCampaign,
  formatCampaigns,
  formatReport,
  formatRun,
  parseCampaignCreate,
  parseConfidence,
  type CampaignCreateFlags,
} from './commands/campaigns.js';
import {
  CHANNELS,
  CONSENT_ACTIONS,
  formatConsent,
  formatDeliveries,
  formatDestination,
  formatDestinations,
  formatReplay,
  parseConsentSet,
  parseDeliveriesList,
  type DeliveriesListFlags,
} from './commands/deliveries.js';
import { formatDeadLetters } from './commands/dlq.js';
import { formatEventStats } from './commands/events.js';
import {
  backfillProgress,
  formatBackfill,
  formatCatalog,
  formatFeatures,
  isProfileId,
} from './commands/features.js';
import {
  defaultChunk,
  explainUnanswered,
  openCsvOutput,
  parseChunk,
  parseNames,
  streamProgress,
  type CsvOutput,
} from './commands/csv-output.js';
import { writeFeatureExport } from './commands/features-export.js';
import { readTrainingRows, writeTrainingSet } from './commands/features-training-set.js';
import { formatImportReport, importFile } from './commands/import.js';
import { formatProfile } from './commands/profiles.js';
import {
  csvSource,
  formatAssignment,
  formatSizes,
  formatModel,
  formatModels,
  parseCount,
  parseK,
  readCsvRows,
  trainProgress,
} from './commands/segments.js';
import {
  formatActiveChange,
  formatModelDetail,
  formatPredictionModels,
  formatScores,
  parseModelId,
  parseProfileId,
  parseTarget,
  parseTrainRequest,
  predictionJobProgress,
  trainResult,
  writeTrainingRows,
  type ModelsTrainFlags,
} from './commands/models.js';
import {
  formatKeys,
  formatNewPartner,
  formatPartnerReport,
  formatPartners,
  formatShares,
  parseIab,
  parsePartnerCreate,
  parsePartnerKeys,
  type PartnerCreateFlags,
  type PartnerKeysFlags,
} from './commands/partners.js';
import { formatNewKey, formatSources } from './commands/sources.js';
import { loadCliConfig } from './config.js';
import { collectStatus, formatStatus } from './commands/status.js';

const program = new Command()
  .name('cdp')
  .description('Operator CLI of the customer data platform (npm run cdp -- <command>)')
  .option('--data-dir <dir>', 'the platform data folder (default: $CDP_DATA_DIR or .cdp)')
  .showHelpAfterError();

program
  .command('status')
  .description('health of every service of a running platform; exits 1 unless all are ready')
  .option('--json', 'print one JSON object: { "services": { "<name>": { "url", "ready" } } }')
  .option('--timeout <ms>', 'how long to wait for each service', '3000')
  .action(async (options: { json?: boolean; timeout: string }) => {
    const config = loadCliConfig(process.env, program.opts<{ dataDir?: string }>().dataDir);
    const report = await collectStatus(config, Number(options.timeout));
    process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : `${formatStatus(report)}\n`);
    if (!Object.values(report.services).every((s) => s.ready)) process.exitCode = 1;
  });

async function withBus<T>(fn: (bus: Bus) => Promise<T>): Promise<T> {
  const config = loadCliConfig(process.env, program.opts<{ dataDir?: string }>().dataDir);
  const bus = await createBus(cliBusConfig(process.env, config));
  try {
    return await fn(bus);
  } finally {
    await bus.close();
  }
}

const dlq = program
  .command('dlq')
  .description('dead letters: messages a consumer gave up on, with the error');

dlq
  .command('list')
  .description('list dead letters (oldest first)')
  .option('--json', 'print one JSON object: { "deadLetters": [...] }')
  .option('--limit <n>', 'at most this many', '100')
  .action(async (options: { json?: boolean; limit: string }) => {
    const letters = await withBus((bus) => bus.deadLetters.list(Number(options.limit)));
    process.stdout.write(
      options.json ? `${JSON.stringify({ deadLetters: letters })}\n` : `${formatDeadLetters(letters)}\n`,
    );
  });

dlq
  .command('replay')
  .description('publish dead letters to their consumer again and remove them')
  .argument('[id]', 'the dead letter to replay')
  .option('--all', 'replay every dead letter')
  .option('--json', 'print one JSON object: { "replayed": N }')
  .action(async (id: string | undefined, options: { all?: boolean; json?: boolean }) => {
    if (!id && !options.all) program.error('dlq replay needs an <id> or --all');
    const replayed = await withBus(async (bus) => {
      if (options.all) return bus.deadLetters.replayAll();
      await bus.deadLetters.replay(id ?? '');
      return 1;
    });
    process.stdout.write(
      options.json ? `${JSON.stringify({ replayed })}\n` : `replayed ${replayed} dead letter(s)\n`,
    );
  });

/**
 * Requests over `bus` (10 s unless told): a service that is not running is said so, not a bare
 * NO_RESPONDERS.
 */
function requester(bus: Bus) {
  return async <Req, Res>(
    contract: RequestContract<Req, Res>,
    payload: Req,
    service: string,
    timeoutMs = 10_000,
  ): Promise<Res> => {
    try {
      return await sendRequest(bus, contract, payload, timeoutMs);
    } catch (error) {
      throw explainUnanswered(error, service);
    }
  };
}

/** One request on a bus of its own (see `requester`). */
async function ask<Req, Res>(
  contract: RequestContract<Req, Res>,
  payload: Req,
  service: string,
): Promise<Res> {
  return withBus((bus) => requester(bus)(contract, payload, service));
}

function print(json: boolean | undefined, value: unknown, text: string): void {
  process.stdout.write(json ? `${JSON.stringify(value)}\n` : `${text}\n`);
}

const sources = program.command('sources').description('where events come from, and their write keys');

sources
  .command('create')
  .description("a new source; prints its write key (and a webhook source's signing secret) once")
  .argument('<name>', 'a unique name, e.g. "web-app"')
  .addOption(
    new Option('--kind <kind>', 'how it sends').choices(['http', 'webhook', 'import']).default('http'),
  )
  .option('--json', 'print one JSON object: { "id", "writeKey", ... }')
  .action(async (name: string, options: { kind: 'http' | 'webhook' | 'import'; json?: boolean }) => {
    const created = await ask(SOURCE_CREATE, { name, kind: options.kind }, 'ingestion');
    const { id, writeKey, ...rest } = created;
    print(options.json, { id, writeKey, ...rest }, formatNewKey(created));
  });

sources
  .command('list')
  .description('every source (never the write keys)')
  .option('--json', 'print one JSON object: { "sources": [...] }')
  .action(async (options: { json?: boolean }) => {
    const result = await ask(SOURCE_LIST, {}, 'ingestion');
    print(options.json, result, formatSources(result.sources));
  });

sources
  .command('rotate-key')
  .description('a new write key for a source; the old key is refused from now on')
  .argument('<source>', "the source's name or id")
  .option('--json', 'print one JSON object: { "id", "writeKey", ... }')
  .action(async (source: string, options: { json?: boolean }) => {
    const rotated = await ask(SOURCE_ROTATE_KEY, { source }, 'ingestion');
    const { id, writeKey, ...rest } = rotated;
    print(options.json, { id, writeKey, ...rest }, formatNewKey(rotated));
  });

sources
  .command('disable')
  .description("refuse a source's write key and webhooks from now on (its stored events stay)")
  .argument('<source>', "the source's name or id")
  .option('--json', 'print one JSON object: the source')
  .action(async (source: string, options: { json?: boolean }) => {
    const disabled = await ask(SOURCE_DISABLE, { source }, 'ingestion');
    print(options.json, disabled, `source "${disabled.name}" is disabled`);
  });

const events = program.command('events').description('the raw event store');

events
  .command('stats')
  .description('stored raw events per source and type, duplicates refused, last receipt')
  .option('--json', 'print one JSON object: { "sources": [...], "totals": {...} }')
  .action(async (options: { json?: boolean }) => {
    const stats = await ask(EVENTS_STATS, {}, 'ingestion');
    print(options.json, stats, formatEventStats(stats));
  });

program
  .command('import')
  .description(
    'import a CSV or NDJSON file of events or profiles (as identify calls), streamed, with a progress bar',
  )
  .argument('<file>', 'a .csv or .ndjson/.jsonl file')
  .requiredOption('--source <name>', 'the source the rows are stored under (name or id)')
  .addOption(
    new Option('--kind <kind>', 'what each row is').choices(['events', 'profiles']).default('events'),
  )
  .addOption(new Option('--format <format>', 'default: from the file extension').choices(['csv', 'ndjson']))
  .option('--id-column <column>', 'profiles: the user id column (default: userId, user_id, User ID or id)')
  .option(
    '--list-columns <columns>',
    'profiles: comma-separated columns holding lists (default: interests, tags, categories, segments)',
  )
  .option('--errors <file>', 'write every rejected row (line and errors) to this file as NDJSON')
  .option('--json', 'print one JSON object: { "rows", "imported", "rejected", "errors": [...] }')
  .action(
    async (
      file: string,
      options: {
        source: string;
        kind: 'events' | 'profiles';
        format?: 'csv' | 'ndjson';
        idColumn?: string;
        listColumns?: string;
        errors?: string;
        json?: boolean;
      },
    ) => {
      const source = await ask(SOURCE_GET, { source: options.source }, 'ingestion');
      if (!source.enabled) throw new Error(`source "${source.name}" is disabled`);
      const report = await withBus((bus) =>
        importFile(bus, {
          file,
          sourceId: source.id,
          kind: options.kind,
          format: options.format,
          idColumn: options.idColumn,
          listColumns: options.listColumns
            ?.split(',')
            .map((c) => c.trim())
            .filter(Boolean),
          tty: !options.json && process.stderr.isTTY === true,
        }),
      );
      if (options.errors) {
        writeFileSync(options.errors, report.rejectedRows.map((r) => `${JSON.stringify(r)}\n`).join(''));
      }
      const { rejectedRows, ...totals } = report;
      print(
        options.json,
        { source: source.name, sourceId: source.id, ...totals, errors: rejectedRows.slice(0, 100) },
        formatImportReport(report, source.name),
      );
      // Good rows are kept whatever happens to the bad ones; a file with no good row at all is a failure.
      if (report.rows > 0 && report.imported === 0) process.exitCode = 1;
    },
  );

const profiles = program.command('profiles').description('the people identity resolution built');

profiles
  .command('get')
  .description('the profile an identifier belongs to: identifiers, traits, first/last seen, merges')
  .argument('<identifier>', '<type>:<value>, e.g. email:ann@example.com, user_id:42, anonymous_id:…')
  .option('--json', 'print one JSON object: the profile')
  .action(async (identifier: string, options: { json?: boolean }) => {
    const profile = await ask(PROFILE_GET, { identifier }, 'identity');
    print(options.json, profile, formatProfile(profile));
  });

profiles
  .command('unmerge')
  .description("split a wrong merge: replay the profile's history without the link that merged it")
  .argument('<profileId>', 'the profile the merge went into')
  .requiredOption('--link <mergeId>', 'the merge to undo (see `profiles get`)')
  .option('--json', 'print one JSON object: { "profiles": [{ "profileId", "identifiers" }] }')
  .action(async (profileId: string, options: { link: string; json?: boolean }) => {
    const result = await ask(PROFILE_UNMERGE, { profileId, mergeId: options.link }, 'identity');
    print(
      options.json,
      result,
      result.profiles
        .map((p) => `${p.profileId}: ${p.identifiers.map((i) => `${i.type}:${i.value}`).join(', ')}`)
        .join('\n'),
    );
  });

profiles
  .command('delete')
  .description(
    'erase a person from every store (identifiers, traits, raw events) and drop their later events; audited',
  )
  .argument('<identifier>', '<type>:<value> of any of their identifiers')
  .option('--actor <who>', 'who asked, for the audit log (default: $USER)')
  .option('--reason <why>', 'why, for the audit log (e.g. a ticket id)')
  .option('--json', 'print one JSON object: { "profileId", "auditId", "identifiers" }')
  .action(async (identifier: string, options: { actor?: string; reason?: string; json?: boolean }) => {
    const actor = options.actor ?? process.env['USER'] ?? 'cli';
    const result = await ask(PROFILE_DELETE, { identifier, actor, reason: options.reason }, 'identity');
    print(
      options.json,
      result,
      `erased profile ${result.profileId} (${result.identifiers} identifiers); audit ${result.auditId}`,
    );
  });

const features = program.command('features').description('behaviour features per profile');

features
  .command('get')
  .description("a profile's feature vector: online values, or as of a time (nothing after it counts)")
  .argument('<profile>', 'a profile id, or any identifier as <type>:<value> (e.g. email:ann@example.com)')
  .option('--names <names>', 'comma-separated feature names (default: all)')
  .option('--as-of <time>', 'ISO 8601 time for a point-in-time read')
  .option('--json', 'print one JSON object: { "profileId", "asOf", "features": { "<name>": value } }')
  .action(async (ref: string, options: { names?: string; asOf?: string; json?: boolean }) => {
    const profileId = isProfileId(ref)
      ? ref
      : (await ask(PROFILE_GET, { identifier: ref }, 'identity')).profileId;
    const names = parseNames(options.names);
    const result = await ask(
      FEATURES_GET,
      {
        profileIds: [profileId],
        ...(names ? { names } : {}),
        ...(options.asOf ? { asOf: options.asOf } : {}),
      },
      'feature-store',
    );
    const [profile] = result.profiles;
    if (!profile) throw new Error(`the feature store answered without profile ${profileId}`);
    print(options.json, profile, formatFeatures(profile));
  });

features
  .command('list')
  .description('the feature catalog: name, group, type, window, version, description')
  .option('--json', 'print one JSON object: { "features": [...] }')
  .action(async (options: { json?: boolean }) => {
    const result = await ask(FEATURES_LIST, {}, 'feature-store');
    print(options.json, result, formatCatalog(result.features));
  });

features
  .command('backfill')
  .description(
    "recompute every profile's daily measures from the event history (fills a new definition), with progress",
  )
  .option('--feature <names>', 'comma-separated feature names to verify (default: all)')
  .option('--verify', 'compare the online values with the recompute and write nothing')
  .option('--json', 'print one JSON object: the job status')
  .action(async (options: { feature?: string; verify?: boolean; json?: boolean }) => {
    const names = parseNames(options.feature);
    const status = await withBus(async (bus) => {
      const { jobId } = await sendRequest(
        bus,
        FEATURES_BACKFILL_START,
        { ...(names ? { features: names } : {}), ...(options.verify ? { verifyOnly: true } : {}) },
        10_000,
      );
      const progress = backfillProgress(process.stderr.isTTY === true && !options.json);
      try {
        for (;;) {
          const current = await sendRequest(bus, FEATURES_BACKFILL_STATUS, { jobId }, 10_000);
          progress.update(current);
          if (current.state !== 'running') return current;
          await new Promise((r) => setTimeout(r, 500));
        }
      } finally {
        progress.stop();
      }
    });
    print(options.json, status, formatBackfill(status));
    if (status.state === 'failed')
      throw new Error(`the backfill failed: ${status.error ?? 'no reason given'}`);
    if (options.verify && status.mismatches > 0) process.exitCode = 1;
  });

/** Runs a command writing a CSV to `out`: on failure no file is left under that name. */
async function intoCsv<T>(out: string, fn: (output: CsvOutput) => Promise<T>): Promise<T> {
  const output = openCsvOutput(out);
  let result: T;
  try {
    result = await fn(output);
  } catch (error) {
    await output.abort();
    throw error;
  }
  await output.close();
  return result;
}

features
  .command('training-set')
  .description(
    'a training set: the features of each (profile, timestamp, label) row as of its timestamp (nothing later counts), streamed to a CSV',
  )
  .requiredOption(
    '--rows <file>',
    'CSV with the header profile,timestamp,label: a profile id or <type>:<value>, an ISO 8601 time with offset, the label',
  )
  .requiredOption('--out <file>', 'the CSV to write: profile_id,timestamp,label,<feature...> (- for stdout)')
  .option('--names <names>', 'comma-separated feature names (default: all)')
  .option(
    '--chunk <n>',
    `rows per request, at most ${TRAINING_SET_MAX_ROWS} (default: as many as one reply carries)`,
  )
  .action(async (options: { rows: string; out: string; names?: string; chunk?: string }) => {
    const names = parseNames(options.names);
    const chunk = parseChunk(options.chunk, TRAINING_SET_MAX_ROWS);
    const bytesTotal = statSync(options.rows).size;
    let bytesRead = 0;
    const progress = streamProgress(process.stderr.isTTY === true, 'training set', 'rows', true);
    const summary = await intoCsv(options.out, (output) =>
      withBus(async (bus) => {
        const call = requester(bus);
        const columns = names?.length ?? (await call(FEATURES_LIST, {}, 'feature-store')).features.length;
        return writeTrainingSet({
          rows: readTrainingRows(createReadStream(options.rows), options.rows, (b) => (bytesRead = b)),
          file: options.rows,
          write: output.write,
          send: (request) => call(FEATURES_TRAINING_SET, request, 'feature-store', 120_000),
          resolve: async (identifier) => {
            try {
              return (await call(PROFILE_GET, { identifier }, 'identity')).profileId;
            } catch (error) {
              if (error instanceof BusError && error.code === 'NOT_FOUND') return null;
              throw error;
            }
          },
          ...(names ? { names } : {}),
          chunk: chunk ?? defaultChunk(columns, TRAINING_SET_MAX_ROWS),
          onProgress: (rows) => progress.update(rows, bytesTotal > 0 ? bytesRead / bytesTotal : 1),
        });
      }).finally(() => progress.stop()),
    );
    process.stderr.write(
      `wrote ${summary.rows} rows × ${summary.names.length} features to ${options.out === '-' ? 'stdout' : options.out}\n`,
    );
  });

features
  .command('export')
  .description(
    "every profile's features as one CSV (profile_id,<feature...>, in id order), a page at a time, for training",
  )
  .requiredOption('--out <file>', 'the CSV to write (- for stdout)')
  .option('--names <names>', 'comma-separated feature names (default: all)')
  .option('--as-of <time>', 'ISO 8601 time: read the event history up to it instead of the online values')
  .option(
    '--chunk <n>',
    `profiles per request, at most ${EXPORT_MAX_LIMIT} (default: as many as one reply carries)`,
  )
  .action(async (options: { out: string; names?: string; asOf?: string; chunk?: string }) => {
    const names = parseNames(options.names);
    const chunk = parseChunk(options.chunk, EXPORT_MAX_LIMIT);
    if (
      options.asOf !== undefined &&
      !featuresExportRequestSchema.shape.asOf.safeParse(options.asOf).success
    ) {
      throw new Error(
        `--as-of must be an ISO 8601 time with an offset (e.g. 2024-05-01T00:00:00Z), not "${options.asOf}"`,
      );
    }
    const progress = streamProgress(process.stderr.isTTY === true, 'export', 'profiles', false);
    const summary = await intoCsv(options.out, (output) =>
      withBus(async (bus) => {
        const call = requester(bus);
        const columns = names?.length ?? (await call(FEATURES_LIST, {}, 'feature-store')).features.length;
        return writeFeatureExport({
          write: output.write,
          send: (request) => call(FEATURES_EXPORT, request, 'feature-store', 120_000),
          ...(names ? { names } : {}),
          ...(options.asOf ? { asOf: options.asOf } : {}),
          chunk: chunk ?? defaultChunk(columns, EXPORT_MAX_LIMIT),
          onProgress: (profiles) => progress.update(profiles),
        });
      }).finally(() => progress.stop()),
    );
    process.stderr.write(
      `wrote ${summary.profiles} profiles × ${summary.names.length} features to ${options.out === '-' ? 'stdout' : options.out}\n`,
    );
  });

const segments = program
  .command('segments')
  .description('segmentations: train one, read its segments and quality, who is in which segment');

segments
  .command('train')
  .description(
    'train a segmentation on the feature store (or on a CSV), with progress; prints the model, warnings first',
  )
  .option('--k <k>', 'a fixed k (e.g. 4) or the range k is chosen from by silhouette (default 2..10)')
  .addOption(
    new Option('--algorithm <name>', 'the clustering algorithm (default kmeans)').choices(
      clusteringAlgorithmSchema.options,
    ),
  )
  .addOption(
    new Option('--naming <how>', 'engagement tiers or personas from what sets each segment apart').choices(
      namingSchema.options,
    ),
  )
  .option(
    '--features <names>',
    'comma-separated feature names (default: the behaviour set); with --csv, the columns to use (default: all)',
  )
  .option('--csv <file>', 'train on the rows of this CSV (a header, one row per subject) instead')
  .option('--id-column <name>', 'with --csv: the column of row ids (default: the first)')
  .option('--source <name>', 'with --csv: what the rows are, e.g. ads-csv (default: csv-<file name>)')
  .option('--seed <n>', 'random seed, for a reproducible fit')
  .option('--stability-runs <n>', 'bootstrap refits for the stability score (default 5; 0 skips it)')
  .option('--name <text>', 'a name for the segmentation (default: from the source)')
  .option('--json', 'print one JSON object: the model, with its segments and quality')
  .action(
    async (options: {
      k?: string;
      algorithm?: ClusteringAlgorithm;
      naming?: SegmentsTrainRequest['naming'];
      features?: string;
      csv?: string;
      idColumn?: string;
      source?: string;
      seed?: string;
      stabilityRuns?: string;
      name?: string;
      json?: boolean;
    }) => {
      if (!options.csv && (options.idColumn !== undefined || options.source !== undefined))
        throw new Error('--id-column and --source describe a --csv file; add --csv <file>');
      const names = parseNames(options.features);
      // Read before connecting: a bad file or flag fails at once, without a service round trip.
      const rows = options.csv
        ? readCsvRows(options.csv, {
            source: options.source ?? csvSource(options.csv),
            ...(options.idColumn ? { idColumn: options.idColumn } : {}),
            ...(names ? { columns: names } : {}),
          })
        : undefined;
      const request: SegmentsTrainRequest = {
        ...(options.k !== undefined ? { k: parseK(options.k) } : {}),
        ...(options.algorithm ? { algorithm: options.algorithm } : {}),
        ...(options.naming ? { naming: options.naming } : {}),
        ...(rows ? { rows } : names ? { features: names } : {}),
        ...(options.seed !== undefined ? { seed: parseCount('--seed', options.seed) } : {}),
        ...(options.stabilityRuns !== undefined
          ? { stabilityRuns: parseCount('--stability-runs', options.stabilityRuns) }
          : {}),
        ...(options.name !== undefined ? { name: options.name } : {}),
      };
      // One bus message carries the rows; NATS refuses more than 1 MiB (its max_payload).
      const bytes = Buffer.byteLength(JSON.stringify(request));
      if (bytes > 960 * 1024)
        throw new Error(
          `${options.csv} is ${(bytes / 1_048_576).toFixed(1)} MiB as a train request; one bus message carries at most 1 MiB ` +
            '(about 5,000 rows of 15 columns): train on a sample of the rows, or import them as profiles',
        );
      const model = await withBus(async (bus) => {
        const call = requester(bus);
        // Inline rows can be megabytes of JSON for the service to validate: more than the usual 10 s.
        const { jobId } = await call(SEGMENTS_TRAIN, request, 'clustering', 60_000);
        const progress = trainProgress(process.stderr.isTTY === true && !options.json);
        let status: TrainStatus;
        try {
          for (;;) {
            status = await call(SEGMENTS_TRAIN_STATUS, { jobId }, 'clustering');
            progress.update(status);
            if (status.state !== 'running') break;
            await new Promise((r) => setTimeout(r, 500));
          }
        } finally {
          progress.stop();
        }
        if (status.state === 'failed')
          throw new Error(`the training failed: ${status.error ?? 'no reason given'}`);
        if (!status.modelId) throw new Error(`training job ${jobId} finished without a model id`);
        return call(SEGMENTS_MODEL_GET, { modelId: status.modelId }, 'clustering');
      });
      print(options.json, model, formatModel(model));
    },
  );

segments
  .command('list')
  .description('every segmentation model with its quality; weak ones flagged')
  .option('--source <name>', 'only models of this source (features, or a CSV source such as ads-csv)')
  .option('--json', 'print one JSON object: { "models": [...] }')
  .action(async (options: { source?: string; json?: boolean }) => {
    const result = await ask(
      SEGMENTS_MODELS_LIST,
      options.source ? { source: options.source } : {},
      'clustering',
    );
    print(options.json, result, formatModels(result.models));
  });

segments
  .command('show')
  .description("a model's segments, traits, quality warnings and k selection (default: the active model)")
  .argument('[modelId]', 'a model id (see `segments list`)')
  .option('--source <name>', 'the active model of this source (default: features)')
  .option('--json', 'print one JSON object: the model')
  .action(async (modelId: string | undefined, options: { source?: string; json?: boolean }) => {
    if (modelId !== undefined && !modelSummarySchema.shape.id.safeParse(modelId).success)
      throw new Error(`a model id is a UUID (see \`cdp segments list\`), not "${modelId}"`);
    const model = await ask(
      SEGMENTS_MODEL_GET,
      { ...(modelId ? { modelId } : {}), ...(options.source ? { source: options.source } : {}) },
      'clustering',
    );
    print(options.json, model, formatModel(model));
  });

segments
  .command('rename')
  .description('rename a segment; the name is kept by retrains that keep the segment')
  .argument('<segmentId>', 'the segment (see `segments show`)')
  .argument('<name>', 'the new name')
  .option('--json', 'print one JSON object: { "segmentId", "name" }')
  .action(async (segmentId: string, name: string, options: { json?: boolean }) => {
    const result = await ask(SEGMENT_RENAME, { segmentId, name }, 'clustering');
    print(options.json, result, `segment ${result.segmentId} is now "${result.name}"`);
  });

segments
  .command('sizes')
  .description("how many subjects each of the active model's segments held at the end of each recent day")
  .option('--source <name>', 'the active model of this source (default: features)')
  .option('--days <n>', 'how many days back (default 30)', '30')
  .option('--json', 'print one JSON object: { "modelId", "segments": [...], "points": [{ "at", "sizes" }] }')
  .action(async (options: { source?: string; days: string; json?: boolean }) => {
    const result = await ask(
      SEGMENT_SIZES,
      { days: parseCount('--days', options.days), ...(options.source ? { source: options.source } : {}) },
      'clustering',
    );
    print(options.json, result, formatSizes(result));
  });

segments
  .command('get')
  .description("a profile's (or imported row's) segment in each segmentation, and its history")
  .argument(
    '<subject>',
    'a profile id, an identifier as <type>:<value> (e.g. email:ann@example.com), or <source>:<row id> for CSV rows',
  )
  .option('--json', 'print one JSON object: { "subjectId", "current": [...], "history": [...] }')
  .action(async (subject: string, options: { json?: boolean }) => {
    const result = await withBus(async (bus) => {
      const call = requester(bus);
      // `ads-csv:17` and `email:ann@example.com` look alike: an identifier no profile has is
      // taken as an imported row's subject id.
      let subjectId = subject;
      if (!isProfileId(subject) && identifierRefSchema.safeParse(subject).success) {
        try {
          subjectId = (await call(PROFILE_GET, { identifier: subject }, 'identity')).profileId;
        } catch (error) {
          if (!(error instanceof BusError && error.code === 'NOT_FOUND')) throw error;
        }
      }
      return call(SEGMENT_ASSIGNMENT_GET, { subjectId }, 'clustering');
    });
    print(options.json, result, formatAssignment(result));
  });

/**
 * Polls a prediction job (a training or a rescoring) until it ends, its phase and progress on
 * stderr; a failed job throws with its error.
 */
async function followPredictionJob(
  call: ReturnType<typeof requester>,
  jobId: string,
  what: 'training' | 'rescoring',
  json: boolean | undefined,
): Promise<PredictionJob> {
  const progress = predictionJobProgress(process.stderr.isTTY === true && !json, what);
  let job: PredictionJob;
  try {
    for (;;) {
      job = await call(MODELS_TRAIN_STATUS, { jobId }, 'prediction');
      progress.update(job);
      if (job.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    progress.stop();
  }
  if (job.state === 'failed') throw new Error(`the ${what} failed: ${job.error ?? 'no reason given'}`);
  return job;
}

const models = program
  .command('models')
  .description('prediction models (churn, engagement): train, compare, promote, roll back');

models
  .command('train')
  .description(
    'train a model on the feature store history, with progress; promotes it if it beats the active one',
  )
  .argument('<target>', 'what it predicts: churn or engagement')
  .option('--horizon-days <n>', 'days after a cut-off the label looks at (default 30)')
  .option('--every-days <n>', 'days between cut-offs (default 7)')
  .option('--history-days <n>', 'how far back the first cut-off may be, in days (default 180)')
  .option('--rounds <n>', 'boosting rounds (default 200)')
  .option('--validation-share <x>', 'share of the latest cut-offs that validate, 0..1 (default 0.25)')
  .option('--features <a,b,...>', 'comma-separated feature names (default: every numeric feature)')
  .option(
    '--promote <auto|always|never>',
    'auto (default): only if it beats the active model on this validation set',
  )
  .option(
    '--json',
    'print one JSON object: the model, with "jobId", "promoted", "decision" and "scored" from the job',
  )
  .action(async (target: string, options: ModelsTrainFlags & { json?: boolean }) => {
    // Checked before connecting: a bad flag fails at once, naming the flag.
    const request = parseTrainRequest(target, options);
    const { job, model } = await withBus(async (bus) => {
      const call = requester(bus);
      const { jobId } = await call(MODELS_TRAIN, request, 'prediction');
      const done = await followPredictionJob(call, jobId, 'training', options.json);
      if (!done.modelId) throw new Error(`training job ${jobId} finished without a model id`);
      return { job: done, model: await call(MODEL_GET, { modelId: done.modelId }, 'prediction') };
    });
    const result = trainResult(model, job);
    print(
      options.json,
      result,
      formatModelDetail(model, { outcome: { promoted: result.promoted, decision: result.decision } }),
    );
  });

models
  .command('list')
  .description('every prediction model with its validation AUC and rows; the active ones marked')
  .option('--target <t>', 'only models of this target (churn or engagement)')
  .option('--json', 'print one JSON object: { "models": [...] }')
  .action(async (options: { target?: string; json?: boolean }) => {
    const target = options.target === undefined ? undefined : parseTarget(options.target);
    const result = await ask(MODELS_LIST, target ? { target } : {}, 'prediction');
    print(options.json, result, formatPredictionModels(result.models));
  });

models
  .command('show')
  .description(
    'a model in full: metrics, class balance, top features, calibration, cut-offs, params (default: the active churn model)',
  )
  .argument('[modelId]', 'a model id (see `models list`)')
  .option('--target <t>', 'the active model of this target (default: churn)')
  .option('--json', 'print one JSON object: the model')
  .action(async (modelId: string | undefined, options: { target?: string; json?: boolean }) => {
    const target = options.target === undefined ? undefined : parseTarget(options.target);
    const model = await ask(
      MODEL_GET,
      modelId === undefined
        ? { target: target ?? 'churn' }
        : { modelId: parseModelId(modelId), ...(target ? { target } : {}) },
      'prediction',
    );
    print(options.json, model, formatModelDetail(model, { full: true }));
  });

models
  .command('promote')
  .description("make a model its target's active one (whatever its metrics) and rescore every profile")
  .argument('<modelId>', 'the model (see `models list`)')
  .option(
    '--json',
    'print one JSON object: { "target", "activeModelId", "activeVersion", "previousModelId", "jobId" }',
  )
  .action(async (modelId: string, options: { json?: boolean }) => {
    const change = await ask(MODEL_PROMOTE, { modelId: parseModelId(modelId) }, 'prediction');
    print(options.json, change, formatActiveChange(change));
  });

models
  .command('rollback')
  .description('go back to the model that was active before the current one, and rescore every profile')
  .argument('<target>', 'churn or engagement')
  .option(
    '--json',
    'print one JSON object: { "target", "activeModelId", "activeVersion", "previousModelId", "jobId" }',
  )
  .action(async (target: string, options: { json?: boolean }) => {
    const change = await ask(MODEL_ROLLBACK, { target: parseTarget(target) }, 'prediction');
    print(options.json, change, formatActiveChange(change));
  });

models
  .command('rows')
  .description(
    'the labelled rows a model learnt from and was validated on, as the CSV `features training-set --rows` reads',
  )
  .argument('<modelId>', 'the model (see `models list`)')
  .requiredOption('--out <file>', 'the CSV to write: profile,timestamp,label,set (- for stdout)')
  .action(async (modelId: string, options: { out: string }) => {
    const id = parseModelId(modelId);
    const progress = streamProgress(process.stderr.isTTY === true, 'training rows', 'rows', false);
    const rows = await intoCsv(options.out, (output) =>
      withBus(async (bus) => {
        const call = requester(bus);
        return writeTrainingRows({
          modelId: id,
          write: output.write,
          send: (request) => call(MODEL_TRAINING_ROWS, request, 'prediction', 60_000),
          // Four short columns a row: as many as one reply carries with room to spare.
          limit: defaultChunk(4, TRAINING_ROWS_MAX_LIMIT),
          onProgress: (done) => progress.update(done),
        });
      }).finally(() => progress.stop()),
    );
    process.stderr.write(`wrote ${rows} rows to ${options.out === '-' ? 'stdout' : options.out}\n`);
  });

const scores = program
  .command('scores')
  .description("profiles' churn risk, engagement and purchase intent scores");

scores
  .command('get')
  .description("a profile's churn risk and band, engagement and intent scores, and what drove each")
  .argument('<profileId>', 'a profile id (see `profiles get`)')
  .option(
    '--json',
    'print one JSON object: { "profileId", "asOf", "updatedAt", "churn", "engagement", "intent", "traits" }',
  )
  .action(async (profileId: string, options: { json?: boolean }) => {
    const result = await ask(SCORES_GET, { profileId: parseProfileId(profileId) }, 'prediction');
    print(options.json, result, formatScores(result));
  });

scores
  .command('rescore')
  .description('rescore every profile with the active models, with progress')
  .option('--json', 'print one JSON object: the rescoring job ({ "jobId", "state", "scored", ... })')
  .action(async (options: { json?: boolean }) => {
    const job = await withBus(async (bus) => {
      const call = requester(bus);
      const { jobId } = await call(SCORES_RESCORE, {}, 'prediction');
      return followPredictionJob(call, jobId, 'rescoring', options.json);
    });
    print(options.json, job, `rescored ${job.scored ?? 0} profiles (job ${job.jobId})`);
  });

/** An activation request that may compute over every profile (a rule, a page of members): 60 s. */
async function askActivation<Req, Res>(contract: RequestContract<Req, Res>, payload: Req): Promise<Res> {
  return withBus((bus) => requester(bus)(contract, payload, 'activation', 60_000));
}

const RULE_HELP =
  'the rule as JSON, e.g. \'{"field":"scores.churn_risk","op":"gte","value":0.6}\', or @rule.json for a file';

const audiences = program
  .command('audiences')
  .description('audiences: the profiles a rule holds, kept up to date as profiles change');

audiences
  .command('create')
  .description('a new audience from a rule; prints its size and the rule in words')
  .argument('<name>', 'a unique name, e.g. "High churn risk"')
  .requiredOption('--rule <json|@file>', RULE_HELP)
  .option('--description <text>', 'what it is for')
  .option('--json', 'print one JSON object: the audience')
  .action(async (name: string, options: { rule: string; description?: string; json?: boolean }) => {
    // Read before connecting: a missing file or bad JSON fails at once, naming --rule.
    const rule = readJsonArgument('--rule', options.rule);
    const audience = await askActivation(AUDIENCE_CREATE, {
      name,
      rule,
      ...(options.description !== undefined ? { description: options.description } : {}),
    });
    print(options.json, audience, formatAudience(audience, 'created'));
  });

audiences
  .command('update')
  .description('a new rule for an audience: every membership is recomputed')
  .argument('<audience>', "the audience's name or id")
  .requiredOption('--rule <json|@file>', RULE_HELP)
  .option('--json', 'print one JSON object: the audience')
  .action(async (audience: string, options: { rule: string; json?: boolean }) => {
    const rule = readJsonArgument('--rule', options.rule);
    const updated = await askActivation(AUDIENCE_UPDATE, { audience, rule });
    print(options.json, updated, formatAudience(updated, 'updated'));
  });

audiences
  .command('delete')
  .description(
    'delete an audience: its members exit first (feeds and Segment hear of it); refused while a campaign uses it',
  )
  .argument('<audience>', "the audience's name or id")
  .option('--json', 'print one JSON object: { "audienceId", "name", "exited" }')
  .action(async (audience: string, options: { json?: boolean }) => {
    const deleted = await askActivation(AUDIENCE_DELETE, { audience });
    print(options.json, deleted, `deleted audience "${deleted.name}" (${deleted.exited} member(s) exited)`);
  });

audiences
  .command('list')
  .description('every audience: size, rule in words, rule version, when membership was computed')
  .option('--json', 'print one JSON object: { "audiences": [...] }')
  .action(async (options: { json?: boolean }) => {
    const result = await ask(AUDIENCES_LIST, {}, 'activation');
    print(options.json, result, formatAudiences(result.audiences));
  });

audiences
  .command('estimate')
  .description('how many profiles a rule would hold now, without saving it')
  .requiredOption('--rule <json|@file>', RULE_HELP)
  .option('--json', 'print one JSON object: { "size", "profiles", "share", "ruleText", "ms" }')
  .action(async (options: { rule: string; json?: boolean }) => {
    const rule = readJsonArgument('--rule', options.rule);
    const estimate = await askActivation(AUDIENCE_ESTIMATE, { rule });
    print(options.json, estimate, formatEstimate(estimate));
  });

audiences
  .command('members')
  .description("an audience's current members, oldest entry first, as a table or a CSV")
  .argument('<audience>', "the audience's name or id")
  .option('--limit <n>', 'at most this many members (default 100)')
  .option('--all', 'every member')
  .option('--out <file>', 'write the CSV profile_id,entered_at to this file (- for stdout)')
  .option(
    '--json',
    'print one JSON object: { "audienceId", "size", "members": [...] } (with --out: { "audienceId", "size", "written", "out" })',
  )
  .action(
    async (audience: string, options: { limit?: string; all?: boolean; out?: string; json?: boolean }) => {
      if (options.all && options.limit !== undefined) throw new Error('give --limit or --all, not both');
      if (options.out === '-' && options.json)
        throw new Error('--out - writes the CSV to stdout: leave out --json');
      const limit = options.all
        ? undefined
        : options.limit === undefined
          ? 100
          : parseWhole('--limit', options.limit, 1);
      const { out } = options;
      if (out !== undefined) {
        const summary = await intoCsv(out, (output) =>
          withBus(async (bus) => {
            const call = requester(bus);
            await output.write(MEMBERS_CSV_HEADER);
            return pageMembers({
              audience,
              ...(limit !== undefined ? { limit } : {}),
              pageSize: MEMBERS_PAGE,
              send: (request) => call(AUDIENCE_MEMBERS, request, 'activation', 60_000),
              onPage: (members) => output.write(membersCsv(members)),
            });
          }),
        );
        process.stderr.write(
          `wrote ${summary.fetched} of ${summary.size} members to ${out === '-' ? 'stdout' : out}\n`,
        );
        if (options.json)
          print(
            true,
            { audienceId: summary.audienceId, size: summary.size, written: summary.fetched, out },
            '',
          );
        return;
      }
      const members: AudienceMember[] = [];
      const summary = await withBus((bus) => {
        const call = requester(bus);
        return pageMembers({
          audience,
          ...(limit !== undefined ? { limit } : {}),
          pageSize: MEMBERS_PAGE,
          send: (request) => call(AUDIENCE_MEMBERS, request, 'activation', 60_000),
          onPage: (page) => void members.push(...page),
        });
      });
      print(
        options.json,
        { audienceId: summary.audienceId, size: summary.size, members },
        formatMembers(summary, members),
      );
    },
  );

const destinations = program
  .command('destinations')
  .description('where campaigns send: email (SMTP), SMS, push, webhooks, Segment');

destinations
  .command('create')
  .description('a new destination; its secrets are never printed back')
  .argument('<name>', 'a unique name, e.g. "newsletter-smtp"')
  .requiredOption(
    '--config <json|@file>',
    'the destination as JSON, { "kind": "email"|"sms"|"push"|"webhook"|"segment", ... }, or @file.json',
  )
  .option('--json', 'print one JSON object: the destination (secrets as "***")')
  .action(async (name: string, options: { config: string; json?: boolean }) => {
    const config = readJsonObject('--config', options.config);
    const created = await ask(DESTINATION_CREATE, { name, config }, 'activation');
    print(options.json, created, formatDestination(created));
  });

destinations
  .command('list')
  .description('every destination: kind, enabled or why disabled, deliveries by status')
  .option('--json', 'print one JSON object: { "destinations": [...] }')
  .action(async (options: { json?: boolean }) => {
    const result = await ask(DESTINATIONS_LIST, {}, 'activation');
    print(options.json, result, formatDestinations(result.destinations));
  });

destinations
  .command('enable')
  .description('turn a disabled destination back on (after its endpoint was fixed)')
  .argument('<destination>', "the destination's name or id")
  .option('--json', 'print one JSON object: the destination')
  .action(async (destination: string, options: { json?: boolean }) => {
    const enabled = await ask(DESTINATION_ENABLE, { destination }, 'activation');
    print(options.json, enabled, formatDestination(enabled));
  });

const campaigns = program
  .command('campaigns')
  .description('campaigns: send to an audience through a destination, with caps, quiet hours and a holdout');

campaigns
  .command('create')
  .description('a new campaign (active at once)')
  .argument('<name>', 'a unique name, e.g. "win-back"')
  .requiredOption('--audience <audience>', "the audience's name or id")
  .requiredOption('--destination <destination>', "the destination's name or id")
  .option(
    '--template <json|@file>',
    'the message as JSON (Mustache), e.g. email { "subject", "text", "html" }, sms { "body" }, or @file.json',
  )
  .requiredOption(
    '--trigger <entry|schedule>',
    'entry: each profile that enters the audience; schedule: every member at each run',
  )
  .option('--every-minutes <n>', 'schedule: minutes between runs (default: only `campaigns run`)')
  .option('--start-at <time>', 'schedule: ISO 8601 time with offset of the first run (default: now)')
  .option('--cap-day <n>', 'at most this many sends per profile per day, across campaigns')
  .option('--cap-week <n>', 'at most this many sends per profile per week, across campaigns')
  .option('--quiet-hours <HH:MM-HH:MM>', 'no sends between these local times, e.g. 21:00-08:00')
  .option('--time-zone <IANA>', 'the time zone of profiles without traits.timezone (default UTC)')
  .option('--holdout <share>', 'share of the audience kept out as a control group, 0..0.5 (default 0)')
  .option('--conversion-event <name>', 'the track event that counts as a conversion in the report')
  .option('--conversion-window-days <n>', 'days after a send a conversion counts, 1..90 (default 7)')
  .option('--json', 'print one JSON object: the campaign')
  .action(async (name: string, options: CampaignCreateFlags & { json?: boolean }) => {
    // Checked before connecting: a bad flag fails at once, naming the flag.
    const request = parseCampaignCreate(name, options);
    const created = await ask(CAMPAIGN_CREATE, request, 'activation');
    print(options.json, created, formatCampaign(created));
  });

campaigns
  .command('list')
  .description('every campaign: audience, destination, channel, trigger, status, deliveries by status')
  .option('--json', 'print one JSON object: { "campaigns": [...] }')
  .action(async (options: { json?: boolean }) => {
    const result = await ask(CAMPAIGNS_LIST, {}, 'activation');
    print(options.json, result, formatCampaigns(result.campaigns));
  });

campaigns
  .command('run')
  .description('queue a send to every current member now')
  .argument('<campaign>', "the campaign's name or id")
  .option('--json', 'print one JSON object: { "campaignId", "trigger", "queued", "heldOut" }')
  .action(async (campaign: string, options: { json?: boolean }) => {
    const result = await askActivation(CAMPAIGN_RUN, { campaign });
    print(options.json, result, formatRun(result, campaign));
  });

for (const [command, status, what] of [
  ['pause', 'paused', 'stop sending (queued sends wait; entries while paused are not sent later)'],
  ['resume', 'active', 'start sending again'],
] as const) {
  campaigns
    .command(command)
    .description(what)
    .argument('<campaign>', "the campaign's name or id")
    .option('--json', 'print one JSON object: the campaign')
    .action(async (campaign: string, options: { json?: boolean }) => {
      const result = await ask(CAMPAIGN_SET_STATUS, { campaign, status }, 'activation');
      print(options.json, result, formatCampaign(result));
    });
}

campaigns
  .command('report')
  .description('conversion of the treated against the holdout: uplift with its interval, deliveries')
  .argument('<campaign>', "the campaign's name or id")
  .option('--confidence <level>', 'of the interval, between 0 and 1 (default 0.95)')
  .option('--json', 'print one JSON object: the report')
  .action(async (campaign: string, options: { confidence?: string; json?: boolean }) => {
    const confidence = options.confidence === undefined ? 0.95 : parseConfidence(options.confidence);
    const report = await askActivation(CAMPAIGN_REPORT, { campaign, confidence });
    print(options.json, report, formatReport(report));
  });

const deliveries = program
  .command('deliveries')
  .description('sends of campaigns: their status, errors and dead letters');

deliveries
  .command('list')
  .description('recent deliveries matching the filters, and counts by status')
  .option('--campaign <campaign>', "only this campaign's (name or id)")
  .option('--destination <destination>', "only this destination's (name or id)")
  .option('--status <status>', `only this status: ${DELIVERY_STATUSES.join(', ')}`)
  .option('--profile <profileId>', "only this profile's")
  .option('--limit <n>', 'at most this many, 1..1000 (default 50)')
  .option('--json', 'print one JSON object: { "deliveries": [...], "counts": {...} }')
  .action(async (options: DeliveriesListFlags & { json?: boolean }) => {
    const request = parseDeliveriesList(options);
    const result = await ask(DELIVERIES_LIST, request, 'activation');
    print(options.json, result, formatDeliveries(result));
  });

deliveries
  .command('replay')
  .description('put dead deliveries (retries exhausted) back in their queue')
  .option('--destination <destination>', "only this destination's (name or id)")
  .option('--campaign <campaign>', "only this campaign's (name or id)")
  .option('--include-failed', 'failed sends (refused by the provider, not retried) too')
  .option('--json', 'print one JSON object: { "replayed": N }')
  .action(
    async (options: { destination?: string; campaign?: string; includeFailed?: boolean; json?: boolean }) => {
      const result = await ask(
        DELIVERIES_REPLAY,
        {
          ...(options.destination !== undefined ? { destination: options.destination } : {}),
          ...(options.campaign !== undefined ? { campaign: options.campaign } : {}),
          includeFailed: options.includeFailed === true,
        },
        'activation',
      );
      print(options.json, result, formatReplay(result.replayed));
    },
  );

const consent = program.command('consent').description("profiles' opt-ins, unsubscribes and suppression");

consent
  .command('set')
  .description('record consent for a profile')
  .argument('<profileId>', 'a profile id (see `profiles get`)')
  .argument(
    '<action>',
    `${CONSENT_ACTIONS.join(' | ')}: opt_in, opt_out and unsubscribe need --channel; suppress and unsuppress are for every channel`,
  )
  .option('--channel <channel>', CHANNELS.join(' | '))
  .option(
    '--json',
    'print one JSON object: the consent ({ "profileId", "optIns", "unsubscribed", "globallySuppressed" })',
  )
  .action(async (profileId: string, action: string, options: { channel?: string; json?: boolean }) => {
    const request = parseConsentSet(profileId, action, options.channel);
    const result = await ask(CONSENT_SET, request, 'activation');
    print(options.json, result, formatConsent(result));
  });

consent
  .command('get')
  .description("a profile's opt-ins and unsubscribes per channel, and whether it is suppressed")
  .argument('<profileId>', 'a profile id (see `profiles get`)')
  .option(
    '--json',
    'print one JSON object: the consent ({ "profileId", "optIns", "unsubscribed", "globallySuppressed" })',
  )
  .action(async (profileId: string, options: { json?: boolean }) => {
    const result = await ask(CONSENT_GET, { profileId: parseProfileId(profileId) }, 'activation');
    print(options.json, result, formatConsent(result));
  });

const partners = program
  .command('partners')
  .description('ad platforms that read shared audiences: feed keys, privacy floors, IAB mapping');

partners
  .command('create')
  .description('a new partner; prints its feed key once')
  .argument('<name>', 'a unique name, e.g. "google-dv360"')
  .addOption(
    new Option('--platform <platform>', 'how it wants identifiers')
      .choices(['google', 'meta', 'uid2'])
      .makeOptionMandatory(),
  )
  .addOption(
    new Option('--device-ids <form>', 'mobile advertising ids as given or hashed (default raw)').choices([
      'raw',
      'sha256',
    ]),
  )
  .option('--min-size <n>', 'smallest audience (and overlap) it may read, 1..1000000 (default 100)')
  .option('--dp-epsilon <x>', 'Laplace noise on the counts it sees, 0 < ε ≤ 10 (default: exact counts)')
  .option('--rate <n>', 'requests per second per key, 1..1000000 (default 100)')
  .option('--json', 'print one JSON object: { "partner", "key" }')
  .action(async (name: string, options: PartnerCreateFlags & { json?: boolean }) => {
    // Checked before connecting: a bad flag fails at once, naming the flag.
    const request = parsePartnerCreate(name, options);
    const created = await ask(PARTNER_CREATE, request, 'ad-feeds');
    print(options.json, created, formatNewPartner(created.partner, created.key));
  });

partners
  .command('list')
  .description('every partner: platform, privacy floor, rate, live keys, shared audiences')
  .option('--json', 'print one JSON object: { "partners": [...] }')
  .action(async (options: { json?: boolean }) => {
    const result = await ask(PARTNERS_LIST, {}, 'ad-feeds');
    print(options.json, result, formatPartners(result.partners, new Date()));
  });

partners
  .command('share')
  .description('let a partner read an audience (as IAB taxonomy ids if given), or stop with --remove')
  .argument('<partner>', "the partner's name or id")
  .argument('<audience>', "the audience's name or id (as activation knows it)")
  .option('--iab <ids>', 'IAB Audience Taxonomy 1.1 ids it is reported as, e.g. 123,456')
  .option('--remove', 'stop sharing it')
  .option('--json', 'print one JSON object: the partner')
  .action(
    async (
      partner: string,
      audience: string,
      options: { iab?: string; remove?: boolean; json?: boolean },
    ) => {
      if (options.remove && options.iab !== undefined) throw new Error('--iab is for sharing, not --remove');
      const iab = options.iab === undefined ? [] : parseIab(options.iab);
      const result = await ask(
        PARTNER_SHARE,
        { partner, audience, iab, remove: options.remove === true },
        'ad-feeds',
      );
      print(options.json, result, formatShares(result, audience, options.remove === true));
    },
  );

partners
  .command('keys')
  .description("a partner's feed keys; --rotate makes a new one (printed once), --revoke stops one now")
  .argument('<partner>', "the partner's name or id")
  .option('--rotate', 'a new key; the old ones keep working for --grace-minutes')
  .option('--grace-minutes <n>', 'with --rotate: minutes the old keys still work, 0..10080 (default 60)')
  .option('--revoke <keyId>', 'stop this key now (its id from the table)')
  .option('--json', 'print one JSON object: { "keys": [...], "key": "<new key>" | null }')
  .action(async (partner: string, options: PartnerKeysFlags & { json?: boolean }) => {
    const request = parsePartnerKeys(partner, options);
    const result = await ask(PARTNER_KEYS, request, 'ad-feeds');
    print(options.json, result, formatKeys(result, new Date()));
  });

partners
  .command('report')
  .description('sizes and overlaps of its shared audiences as the partner sees them (floored, noised)')
  .argument('<partner>', "the partner's name or id")
  .option('--json', 'print one JSON object: the report')
  .action(async (partner: string, options: { json?: boolean }) => {
    // Overlaps count every pair of shared audiences: more than the default 10 s on large audiences.
    const report = await withBus((bus) => requester(bus)(PARTNER_REPORT, { partner }, 'ad-feeds', 60_000));
    print(options.json, report, formatPartnerReport(report));
  });

await program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`cdp: ${error instanceof Error ? error.message : String(error)}\n`);
  // A rule the service refuses comes with each problem and its path in `details`: one line each.
  if (error instanceof BusError)
    for (const line of errorDetailLines(error.details)) process.stderr.write(`  ${line}\n`);
  process.exitCode = 1;
});
