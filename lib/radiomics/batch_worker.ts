/**
 * Web Worker of the batch extraction (`batch.ts`): receives one case at a time, reads image and
 * mask, extracts the features of every image type and posts them back. Any error (unreadable
 * file, grid mismatch, empty ROI …) is posted as a failure with its message; the worker stays alive.
 *
 * Messages in: {@link WorkerJob}. Messages out: {@link WorkerResult}.
 */
import { readNifti } from "./image.ts";
import { type BatchSettings, extractCase } from "./param_file.ts";

/** A job posted to the worker. */
export interface WorkerJob {
  readonly id: string;
  readonly image: string;
  readonly mask: string;
  readonly settings: BatchSettings;
}

/** The worker's answer. */
export type WorkerResult =
  | {
    readonly id: string;
    readonly ok: true;
    readonly features: Record<string, number>;
    readonly ms: number;
    readonly warnings?: readonly string[];
  }
  | { readonly id: string; readonly ok: false; readonly error: string; readonly ms: number };

/** The worker global scope, typed as far as this worker uses it. */
interface WorkerScope {
  onmessage: ((e: MessageEvent<WorkerJob>) => void) | null;
  postMessage(message: WorkerResult): void;
}
const scope = self as unknown as WorkerScope;
scope.onmessage = async (e: MessageEvent<WorkerJob>) => {
  const job = e.data;
  const t0 = performance.now();
  try {
    const image = await readNifti(job.image);
    const mask = await readNifti(job.mask);
    const warnings: string[] = [];
    const features = extractCase(image, mask, job.settings, (w) => warnings.push(w));
    scope.postMessage(
      { id: job.id, ok: true, features, ms: performance.now() - t0, warnings } satisfies WorkerResult,
    );
  } catch (err) {
    const m = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    scope.postMessage({ id: job.id, ok: false, error: m, ms: performance.now() - t0 } satisfies WorkerResult);
  }
};
