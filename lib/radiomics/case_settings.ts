/**
 * Checks of batch extraction settings ({@link CaseSettings}, the `--params` JSON of `deno task extract
 * --manifest`): unknown keys are errors naming the key (a misspelt `binwidth` is never silently
 * ignored), and every value is range-checked with the key named, before any case is read:
 * `resampledSpacing` 3 numbers in [0, 100] mm (0 keeps an axis), `discretisation.binWidth` > 0,
 * `discretisation.binCount` an integer in 1..{@link MAX_BIN_COUNT}, `label` an integer in 1..65535,
 * LoG sigmas in (0, 20] mm.
 */
import type { CaseSettings } from "./filters/features.ts";
import { MAX_BIN_COUNT, ParamsError } from "./params.ts";

export { MAX_BIN_COUNT } from "./params.ts";

const KEYS = [
  "resampledSpacing",
  "interpolator",
  "roundIntensities",
  "discretisation",
  "resegmentRange",
  "filters",
  "families",
  "label",
];
const FAMILIES = [
  "morphology",
  "local_intensity",
  "intensity_statistics",
  "intensity_histogram",
  "intensity_volume_histogram",
  "glcm",
  "glrlm",
  "glszm",
  "gldzm",
  "ngtdm",
  "ngldm",
];

function fail(src: string, key: string, msg: string): never {
  throw new ParamsError(`${src} "${key}": ${msg}`);
}

function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], src: string, at: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) {
      fail(src, at ? `${at}.${k}` : k, `unknown key (known${at ? ` in ${at}` : ""}: ${allowed.join(", ")})`);
    }
  }
}

function finite(
  v: unknown,
  src: string,
  key: string,
  lo: number,
  hi: number,
  opts: { integer?: boolean; openLo?: boolean } = {},
): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    fail(src, key, `expected a number, got ${JSON.stringify(v)}`);
  }
  const okLo = opts.openLo ? v > lo : v >= lo;
  if (!okLo || v > hi || (opts.integer && !Number.isInteger(v))) {
    fail(
      src,
      key,
      `expected ${opts.integer ? "an integer" : "a number"} in ${
        opts.openLo ? "(" : "["
      }${lo}, ${hi}], got ${v}`,
    );
  }
  return v;
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Check a parsed settings object (see the module documentation); returns it typed. `src` names the file. */
export function checkCaseSettings(obj: unknown, src = "<settings>"): CaseSettings {
  if (!isMap(obj)) {
    throw new ParamsError(`${src}: expected a JSON object of extraction settings (keys: ${KEYS.join(", ")})`);
  }
  onlyKeys(obj, KEYS, src, "");
  const o = obj;
  if (o.resampledSpacing != null) {
    const r = o.resampledSpacing;
    if (!Array.isArray(r) || r.length !== 3) {
      fail(src, "resampledSpacing", `expected 3 numbers (mm), got ${JSON.stringify(r)}`);
    }
    r.forEach((v, a) => finite(v, src, `resampledSpacing[${a}]`, 0, 100));
  }
  if (o.interpolator != null && o.interpolator !== "linear" && o.interpolator !== "bspline") {
    fail(src, "interpolator", `expected "linear" or "bspline", got ${JSON.stringify(o.interpolator)}`);
  }
  if (o.roundIntensities != null && typeof o.roundIntensities !== "boolean") {
    fail(src, "roundIntensities", `expected true or false, got ${JSON.stringify(o.roundIntensities)}`);
  }
  if (o.discretisation != null) {
    const d = o.discretisation;
    if (!isMap(d)) {
      fail(
        src,
        "discretisation",
        `expected {"method": "fbs", "binWidth": w} or {"method": "fbn", "binCount": n}`,
      );
    }
    if (d.method === "fbs") {
      onlyKeys(d, ["method", "binWidth", "lowerBound"], src, "discretisation");
      finite(d.binWidth, src, "discretisation.binWidth", 0, 1e6, { openLo: true });
      if (d.lowerBound != null) finite(d.lowerBound, src, "discretisation.lowerBound", -1e12, 1e12);
    } else if (d.method === "fbn") {
      onlyKeys(d, ["method", "binCount"], src, "discretisation");
      finite(d.binCount, src, "discretisation.binCount", 1, MAX_BIN_COUNT, { integer: true });
    } else if (d.method === "none") onlyKeys(d, ["method"], src, "discretisation");
    else {fail(
        src,
        "discretisation.method",
        `expected "fbs", "fbn" or "none", got ${JSON.stringify(d.method)}`,
      );}
  }
  if (o.resegmentRange != null) {
    const r = o.resegmentRange;
    if (
      !Array.isArray(r) || r.length !== 2 || typeof r[0] !== "number" || typeof r[1] !== "number" ||
      Number.isNaN(r[0]) || Number.isNaN(r[1]) || !(r[0] <= r[1])
    ) {
      fail(src, "resegmentRange", `expected [lo, hi] with lo <= hi, got ${JSON.stringify(r)}`);
    }
  }
  if (o.filters != null) {
    const f = o.filters;
    if (!isMap(f)) fail(src, "filters", `expected {"original": true, "wavelet": {...}, "logSigmas": [...]}`);
    onlyKeys(f, ["original", "wavelet", "logSigmas"], src, "filters");
    if (f.original != null && typeof f.original !== "boolean") {
      fail(src, "filters.original", `expected true or false`);
    }
    if (f.wavelet != null) {
      if (!isMap(f.wavelet)) fail(src, "filters.wavelet", `expected an object`);
      onlyKeys(f.wavelet, ["wavelet", "bands", "oddPadding"], src, "filters.wavelet");
    }
    if (f.logSigmas != null) {
      if (!Array.isArray(f.logSigmas)) fail(src, "filters.logSigmas", `expected a list of sigmas (mm)`);
      f.logSigmas.forEach((v, i) => finite(v, src, `filters.logSigmas[${i}]`, 0, 20, { openLo: true }));
    }
  }
  if (o.families != null) {
    if (!Array.isArray(o.families)) fail(src, "families", `expected a list of ${FAMILIES.join(", ")}`);
    for (const f of o.families) {
      if (!FAMILIES.includes(f)) {
        fail(src, "families", `unknown family ${JSON.stringify(f)} (known: ${FAMILIES.join(", ")})`);
      }
    }
  }
  if (o.label != null) finite(o.label, src, "label", 1, 65535, { integer: true });
  return o as CaseSettings;
}

/** Read and check a settings JSON file (errors name the file and the key). */
export function readCaseSettings(path: string): CaseSettings {
  let obj: unknown;
  try {
    obj = JSON.parse(Deno.readTextFileSync(path));
  } catch (e) {
    throw new ParamsError(
      `${path}: ${e instanceof SyntaxError ? "not valid JSON" : "cannot read"} (${(e as Error).message})`,
    );
  }
  return checkCaseSettings(obj, path);
}
