import {
  csvRow,
  exportMatrix,
  matrixChunkCsv,
  type FeaturesExportRequest,
  type FeaturesExportResponse,
} from '@cdp/feature-store/contracts';

export interface ExportOptions {
  /** Writes a piece of the output CSV (resolves when it may take more). */
  write(text: string): Promise<void>;
  /** One FEATURES_EXPORT request. */
  send(request: FeaturesExportRequest): Promise<FeaturesExportResponse>;
  names?: string[];
  asOf?: string;
  /** Profiles per request. */
  chunk: number;
  onProgress?(profiles: number): void;
}

export interface ExportSummary {
  profiles: number;
  names: string[];
}

/**
 * Streams the feature matrix as CSV (`profile_id,<feature...>`, profiles in id order): a page is
 * asked for, written, and dropped before the next, so an export of millions of profiles holds one
 * page in memory.
 */
export async function writeFeatureExport(options: ExportOptions): Promise<ExportSummary> {
  let names: string[] | undefined;
  let profiles = 0;
  for await (const chunk of exportMatrix(options.send, {
    limit: options.chunk,
    ...(options.names ? { names: options.names } : {}),
    ...(options.asOf ? { asOf: options.asOf } : {}),
  })) {
    if (!names) {
      names = chunk.names;
      await options.write(csvRow(['profile_id', ...names]));
    }
    await options.write(matrixChunkCsv(chunk));
    profiles += chunk.profileIds.length;
    options.onProgress?.(profiles);
  }
  return { profiles, names: names ?? [] };
}
