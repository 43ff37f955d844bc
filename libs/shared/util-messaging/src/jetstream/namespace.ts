// The bus namespace (JetStreamBusConfig.namespace, NATS_NAMESPACE) is applied at the bus's edge:
// the streams are renamed once at start, and subjects are prefixed on the way out and stripped
// on the way in, so consumers, partitions, dead letters and replies work on plain subjects.
import { natsNamespaceProblem } from '@cdp/shared/util-config';
import type { JetStreamBusConfig } from '../create-bus.js';
import { BusError } from '../errors.js';

/** Subjects as callers name them, and as they travel on NATS. */
export interface SubjectSpace {
  /** `<namespace>.<subject>`, or the subject itself without a namespace. */
  toNats(subject: string): string;
  /** The subject as callers know it: without the namespace token. */
  fromNats(subject: string): string;
}

const NO_NAMESPACE: SubjectSpace = { toNats: (s) => s, fromNats: (s) => s };

export function subjectSpace(namespace: string | undefined): SubjectSpace {
  if (namespace === undefined) return NO_NAMESPACE;
  const prefix = `${namespace}.`;
  return {
    toNats: (subject) => prefix + subject,
    fromNats: (subject) => (subject.startsWith(prefix) ? subject.slice(prefix.length) : subject),
  };
}

/** `CDP_EVENTS` of namespace `e2e-7` is `CDP_EVENTS_E2E-7`. */
export function namespacedStreamName(stream: string, namespace: string): string {
  return `${stream}_${namespace.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`;
}

/** Throws a BusError naming NATS_NAMESPACE when `namespace` is set and not a valid one. */
export function assertNamespace(namespace: string | undefined): void {
  if (namespace === undefined) return;
  const problem = natsNamespaceProblem(namespace);
  if (problem) {
    throw new BusError('INTERNAL', `NATS_NAMESPACE ${problem} (got "${namespace}")`, { namespace });
  }
}

/** The config with its streams moved into its namespace (unchanged without one). */
export function applyNamespace(config: JetStreamBusConfig): JetStreamBusConfig {
  const { namespace } = config;
  assertNamespace(namespace);
  if (namespace === undefined) return config;
  const space = subjectSpace(namespace);
  return {
    ...config,
    stream: {
      ...config.stream,
      name: namespacedStreamName(config.stream.name, namespace),
      subjects: config.stream.subjects.map(space.toNats),
    },
    deadLetter: {
      stream: namespacedStreamName(config.deadLetter.stream, namespace),
      subjectPrefix: space.toNats(config.deadLetter.subjectPrefix),
    },
  };
}
