/**
 * A study's preparation step: the module named by `study.yaml` key `prepare` (a path relative to the
 * study folder), run by `reproduce` and `verify` before the notebooks. It exports
 * `prepareRunInputs(features, options)`, which makes what the notebooks read besides the study folder
 * (e.g. a feature table extracted from the study's images, cached) and returns the notebook parameters,
 * the extra files to hash into the manifest and the images' provenance. The bundled paper's module is
 * `studies/bi2025/twin/run_inputs.ts` (its twin's synthetic CTs and their extraction). A study without
 * `prepare` runs on its folder alone ({@link NO_RUN_INPUTS}).
 */
import { isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ImageProvenance } from "./image_provenance.ts";
import type { StudySpec } from "./spec.ts";

/** What a preparation step hands to the notebooks and the manifest. */
export interface RunInputs {
  /** Notebook parameters (e.g. `features`: the path of the feature table). */
  readonly params: Readonly<Record<string, string>>;
  /** Files to hash into the results manifest as inputs. */
  readonly extraInputs: readonly string[];
  /** Every image and mask behind the feature tables, with sha256 and the extraction settings. */
  readonly images: readonly ImageProvenance[];
}

/** What `reproduce` passes to a preparation step. */
export interface PrepareOptions {
  /** Workspace root. */
  readonly root: string;
  /** Study (data) folder. */
  readonly dataDir: string;
  /** The study's analysis seed (or the run's `--seed`). */
  readonly seed: number;
  /** Cache folder (locked by the caller for the duration). */
  readonly cacheDir: string;
  /** Extraction workers (default: all cores). */
  readonly workers?: number;
  readonly log?: (message: string) => void;
}

/** A preparation module's one export. */
export type PrepareRunInputs = (features: string, options: PrepareOptions) => Promise<RunInputs>;

/** The inputs of a study with no preparation step. */
export const NO_RUN_INPUTS: RunInputs = { params: {}, extraInputs: [], images: [] };

/**
 * Load the preparation step of a study (`spec.prepare`, relative to `studyDir`), or null when the spec
 * names none. Errors name `study.yaml: prepare`, the module and what is missing.
 */
export async function loadPrepareStep(studyDir: string, spec: StudySpec): Promise<PrepareRunInputs | null> {
  if (spec.prepare === null) return null;
  const path = isAbsolute(spec.prepare) ? spec.prepare : resolve(join(studyDir, spec.prepare));
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(path).href);
  } catch (e) {
    throw new Error(`${join(studyDir, "study.yaml")}: prepare: cannot load ${path}: ${(e as Error).message}`);
  }
  const f = mod.prepareRunInputs;
  if (typeof f !== "function") {
    throw new Error(
      `${
        join(studyDir, "study.yaml")
      }: prepare: ${path} does not export a function prepareRunInputs(features, options)`,
    );
  }
  return f as PrepareRunInputs;
}
