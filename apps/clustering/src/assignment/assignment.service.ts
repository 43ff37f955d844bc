import { Injectable } from '@nestjs/common';
import { SEGMENTS_CHANGED, type SegmentChange } from '@cdp/clustering/contracts';
import { SegmentationStore, type AssignmentChange, type StoredSegment } from '@cdp/clustering/data-access-db';
import { compileAssigner, type SegmentationModel } from '@cdp/clustering/domain';
import type { ProfileFeatures } from '@cdp/feature-store/contracts';
import { profileGroupKey } from '@cdp/shared/contracts';
import { MessagingClient } from '@cdp/shared/util-messaging';

/** Subjects written (and their changes published) per transaction in a batch assignment. */
const CHUNK = 20_000;
/** How long a replica trusts its cached model before checking for a newer one. */
const MODEL_CHECK_MS = 5_000;

interface LoadedModel {
  readonly id: string;
  readonly assign: ReturnType<typeof compileAssigner>;
  readonly segments: readonly StoredSegment[];
}

/**
 * Keeps each subject in its nearest segment: everyone after a training, and each profile again
 * whenever its features change (`features.updated`), with the active model compiled once per
 * version. A change is published as `segments.changed` before the assignment commits, so a failed
 * publish is retried with the message, never lost.
 */
@Injectable()
export class AssignmentService {
  private readonly models = new Map<string, { model: LoadedModel | undefined; checkedAt: number }>();

  constructor(
    private readonly store: SegmentationStore,
    private readonly messaging: MessagingClient,
  ) {}

  /** Assigns every row of a new model (labels from the fit), `onProgress` after each chunk. */
  async assignAll(
    modelId: string,
    source: string,
    subjectIds: readonly string[],
    labels: Int32Array,
    segments: readonly StoredSegment[],
    onProgress?: (done: number) => void,
  ): Promise<number> {
    this.models.delete(source);
    const at = new Date();
    let changed = 0;
    for (let from = 0; from < subjectIds.length; from += CHUNK) {
      const subjects = subjectIds.slice(from, from + CHUNK);
      const segmentIds = subjects.map((_, i) => segments[labels[from + i] as number]?.id ?? '');
      const changes = await this.store.assign(source, modelId, subjects, segmentIds, at, (c) =>
        this.publish(modelId, segments, c, at),
      );
      changed += changes.length;
      onProgress?.(Math.min(subjectIds.length, from + CHUNK));
    }
    return changed;
  }

  /** Reassigns profiles whose features changed to the behaviour model's nearest segment. */
  async onFeatures(source: string, vectors: readonly ProfileFeatures[]): Promise<number> {
    const model = await this.active(source);
    if (!model || vectors.length === 0) return 0;
    // Of several vectors of one profile in a batch, the newest counts.
    const latest = new Map<string, ProfileFeatures>();
    for (const vector of vectors) {
      const seen = latest.get(vector.profileId);
      if (!seen || seen.asOf <= vector.asOf) latest.set(vector.profileId, vector);
    }
    const subjects = [...latest.keys()];
    const segmentIds = [...latest.values()].map((vector) => {
      const position = model.assign((name) => vector.features[name]);
      return model.segments[position]?.id ?? '';
    });
    const at = new Date();
    const changes = await this.store.assign(source, model.id, subjects, segmentIds, at, (c) =>
      this.publish(model.id, model.segments, c, at),
    );
    return changes.length;
  }

  /** The active model of `source`, compiled; checked for a newer version every few seconds. */
  private async active(source: string): Promise<LoadedModel | undefined> {
    const now = Date.now();
    const cached = this.models.get(source);
    if (cached && now - cached.checkedAt < MODEL_CHECK_MS) return cached.model;
    const id = await this.store.activeModelId(source);
    let model = cached?.model?.id === id ? cached?.model : undefined;
    const stored = model === undefined && id !== undefined ? await this.store.model(id) : undefined;
    if (stored)
      model = {
        id: stored.id,
        assign: compileAssigner(stored.params as unknown as SegmentationModel),
        segments: await this.store.segments(stored.id),
      };
    this.models.set(source, { model, checkedAt: now });
    return model;
  }

  private async publish(
    modelId: string,
    segments: readonly StoredSegment[],
    changes: readonly AssignmentChange[],
    at: Date,
  ): Promise<void> {
    if (changes.length === 0) return;
    const names = new Map(segments.map((s) => [s.id, s.name]));
    const events: SegmentChange[] = changes.map((c) => ({
      subjectId: c.subjectId,
      modelId,
      segmentId: c.segmentId,
      segmentName: names.get(c.segmentId) ?? '',
      previousSegmentId: c.previousSegmentId,
      at: at.toISOString(),
    }));
    // One message per profile group and slice, all in flight at once: each key appears in one
    // message per batch (or in slices of one group, kept in order), so per-key order holds.
    await this.messaging.publishGrouped(SEGMENTS_CHANGED, events, (e) => profileGroupKey(e.subjectId), {
      sizeOf: () => 220,
      maxItems: 1_000,
    });
  }

  /** A profile merged into another keeps no segment of its own; the survivor is reassigned on its next update. */
  async merged(mergedProfileId: string): Promise<void> {
    await this.store.endAssignments([mergedProfileId], new Date());
  }

  async erase(subjectIds: readonly string[]): Promise<void> {
    await this.store.erase(subjectIds);
  }
}
