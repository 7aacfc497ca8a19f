/**
 * Points nomograms as data (rms style: fit → nomogram(fit, options) → axes; drawing is separate, in
 * lib/plot/nomogram.ts), for logistic fits (risk axis = plogis(lp)) and Cox fits (survival-probability
 * axes S(t | x) = S0(t)^exp(lp) at chosen times, e.g. 6-, 12- and 24-month PFS), plus a frozen JSON form
 * that scores new patients without refitting.
 *
 * Scaling (rms::nomogram, maxscale = 100): each predictor's contribution to the linear predictor,
 * c_j(v) = Σ_{terms of j} β·x(v), is evaluated over its axis values (factors: all levels, 0 for the
 * reference); R_j = max − min over those values; the predictor with the widest range R_max spans
 * 0..maxscale: points_per_unit_lp = maxscale / R_max, points_j(v) = (c_j(v) − min_j)·points_per_unit_lp,
 * so every axis starts at 0. Total points T map back as lp = lp_at_zero_points + T / points_per_unit_lp
 * with lp_at_zero_points = intercept + Σ_j min_j. The linear-predictor axis places each lp value at
 * (lp − lp_at_zero_points)·points_per_unit_lp; a risk axis places each probability r at the points of
 * fun⁻¹(r) (exact inverse: logit for plogis, log(log S / log S0(t)) for Cox survival), keeping only the
 * ticks whose lp lies in the lp range shown (rms drops the others).
 *
 * References: Harrell, Regression Modeling Strategies (2nd ed., 2015) §10.10; R: rms::nomogram
 * (fun = plogis; for cph, fun = function(lp) surv(t, lp)); Iasonos et al. (2008) J Clin Oncol 26:1364.
 */
import {
  type DataInput,
  designMatrix,
  getColumn,
  isMissing,
  nRows,
  numericCell,
  type PredictorSpec,
  referenceLevel,
} from "./design.ts";
import type { FittedLogistic } from "./logistic.ts";
import type { FittedCox } from "./cox.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { nomogramPoints } from "./nomogram_points.ts";
import { checkOpenUnit } from "../io/options.ts";

/** One predictor axis: values (numbers, or level strings for factors) and their points. */
export interface PredictorAxis {
  readonly name: string;
  readonly label: string;
  readonly type: "numeric" | "factor";
  readonly values: readonly (number | string)[];
  readonly points: readonly number[];
  /** Contribution to the linear predictor per unit (numeric) or per level (factor, 0 for reference). */
  readonly coefficients: Readonly<Record<string, number>>;
  /** Minimum contribution over the axis values (subtracted so the axis starts at 0). */
  readonly minContribution: number;
  /**
   * Numeric predictors: the training range [min, max] (over the training rows of `data`, or the
   * `ranges` given), the one range the calculator's number field and `deno task score`'s extrapolation
   * check use ({@link trainingRange}). Absent for factors and for nomograms built from `values` alone.
   */
  readonly range?: readonly [number, number];
}

/**
 * The range a numeric value of axis `a` is checked against (one source of truth for `deno task score`
 * and the calculator pages): the axis's training `range` when stored, else [min, max] of its axis values
 * (nomogram JSON written before the range was stored, or built from explicit `values`).
 */
export function trainingRange(a: PredictorAxis): readonly [number, number] {
  if (a.range) return a.range;
  const vs = a.values as number[];
  return [Math.min(...vs), Math.max(...vs)];
}

/** A probability axis: ticks (probabilities) and the total points where each lies. */
export interface RiskAxis {
  readonly label: string;
  /** "risk" = P(event) (logistic), "survival" = S(t | x) (Cox). */
  readonly kind: "risk" | "survival";
  /** Horizon of a Cox survival axis. */
  readonly time?: number;
  readonly values: readonly number[];
  readonly points: readonly number[];
}

/** A nomogram as data: everything needed to draw it and to score patients. JSON-serialisable. */
export interface Nomogram {
  readonly kind: "nomogram";
  readonly version: 1;
  readonly model: "logistic" | "cox";
  readonly title: string;
  readonly predictors: readonly PredictorSpec[];
  readonly terms: readonly string[];
  /** Coefficients per term (no intercept). */
  readonly coefficients: readonly number[];
  /** Logistic intercept (0 for Cox, whose baseline lives in `baselineSurvival`). */
  readonly intercept: number;
  readonly maxscale: number;
  readonly pointsPerUnitLp: number;
  readonly lpAtZeroPoints: number;
  readonly axes: readonly PredictorAxis[];
  /** Total-points axis ticks. */
  readonly totalPoints: readonly number[];
  readonly lpAxis: { readonly lp: readonly number[]; readonly points: readonly number[] };
  readonly riskAxes: readonly RiskAxis[];
  /** Cox: baseline survival S0(t) at covariates all zero, per horizon. */
  readonly baselineSurvival?: readonly { readonly time: number; readonly survival: number }[];
  /** Time unit of the horizons (e.g. "months"). */
  readonly timeUnit?: string;
  /** Free-text provenance (data set, date of fit, software). */
  readonly notes?: readonly string[];
}

/** Options of {@link nomogram}. */
export interface NomogramOptions {
  /** Axis values of numeric predictors; default: pretty ticks over `ranges` (or the data range). */
  readonly values?: Readonly<Record<string, readonly number[]>>;
  /**
   * Training [min, max] of numeric predictors: default ticks cover it and it is stored as the axis's
   * `range` (the extrapolation limits of scoring and the calculator).
   */
  readonly ranges?: Readonly<Record<string, readonly [number, number]>>;
  /**
   * Training data: the [min, max] over its rows of a numeric predictor not named in `ranges` (ticks
   * and the stored `range`, as `ranges`).
   */
  readonly data?: DataInput;
  /** Points of the widest predictor (default 100). */
  readonly maxscale?: number;
  /** Probabilities shown on the risk/survival axes (default 0.05, 0.1, 0.2, …, 0.9, 0.95). */
  readonly funAt?: readonly number[];
  /** Linear-predictor ticks (default: pretty ticks over the achievable range). */
  readonly lpAt?: readonly number[];
  /** Cox: horizons of the survival axes (e.g. [6, 12, 24]); required for Cox fits. */
  readonly times?: readonly number[];
  /** Cox: unit of `times` for axis labels (default "months"). */
  readonly timeUnit?: string;
  /** Logistic risk-axis label (default "Risk"). */
  readonly funLabel?: string;
  /** Cox axis label template, `{t}` and `{unit}` replaced (default "{t}-{unit} PFS probability"). */
  readonly survivalLabel?: string;
  readonly title?: string;
  readonly notes?: readonly string[];
}

/** Nice tick values covering [lo, hi] (R's pretty(): steps 1, 2, 5 × 10^k, about `n` intervals). */
export function prettyTicks(lo: number, hi: number, n = 5): number[] {
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) {
    throw new Error(`prettyTicks: range must be finite, got [${lo}, ${hi}]`);
  }
  if (hi < lo) [lo, hi] = [hi, lo];
  if (hi === lo) return [lo];
  const raw = (hi - lo) / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw * 0.999) ?? 10 * mag;
  const start = Math.floor(lo / step + 1e-9) * step;
  const out: number[] = [];
  for (
    let v = start;
    v <= hi + step * 1e-9 || out.length === 0 || out[out.length - 1] < hi - step * 1e-9;
    v += step
  ) {
    out.push(+v.toPrecision(12));
    if (out.length > 1000) break;
  }
  return out;
}

const qlogis = (p: number) => Math.log(p / (1 - p));

/** What the nomogram needs from a fit. */
interface LinearSource {
  model: "logistic" | "cox";
  predictors: readonly PredictorSpec[];
  terms: readonly string[];
  coefficients: readonly number[];
  intercept: number;
  baseline?: (times: readonly number[]) => number[];
}

function isCox(fit: FittedLogistic | FittedCox): fit is FittedCox {
  return typeof (fit as FittedCox).baselineSurvival === "function";
}

function sourceOf(fit: FittedLogistic | FittedCox): LinearSource {
  if (isCox(fit)) {
    return {
      model: "cox",
      predictors: fit.covariates_,
      terms: fit.terms_,
      coefficients: fit.coef_,
      intercept: 0,
      baseline: (t) => fit.baselineSurvival(t),
    };
  }
  const j0 = fit.terms_.indexOf("(Intercept)");
  return {
    model: "logistic",
    predictors: fit.predictors_,
    terms: fit.terms_.filter((_, j) => j !== j0),
    coefficients: fit.coef_.filter((_, j) => j !== j0),
    intercept: j0 >= 0 ? fit.coef_[j0] : 0,
  };
}

function coefMap(src: LinearSource, p: PredictorSpec): Record<string, number> {
  const out: Record<string, number> = {};
  if (p.type === "numeric") {
    const j = src.terms.indexOf(p.name);
    if (j < 0) {
      throw new Error(
        `nomogram: predictor "${p.name}" has no term in the fit (terms: ${src.terms.join(", ")})`,
      );
    }
    out[p.name] = src.coefficients[j];
  } else {
    const ref = referenceLevel(p);
    for (const l of p.levels) {
      if (l === ref) {
        out[l] = 0;
        continue;
      }
      const j = src.terms.indexOf(`${p.name}=${l}`);
      if (j < 0) throw new Error(`nomogram: factor level "${p.name}=${l}" has no term in the fit`);
      out[l] = src.coefficients[j];
    }
  }
  return out;
}

function contribution(p: PredictorSpec, coefs: Readonly<Record<string, number>>, v: number | string): number {
  return p.type === "numeric" ? coefs[p.name] * Number(v) : coefs[String(v)];
}

/**
 * Build the nomogram of a logistic or Cox fit (rms::nomogram scaling, see module doc).
 *
 * ```ts
 * const nom = nomogram(coxFit, { times: [6, 12, 24], data: train });   // Cox: 6/12/24-month PFS axes
 * const nom2 = nomogram(logitFit, { values: { age: [20, 40, 60, 80] } });
 * scoreNomogram(nom, patients);                                        // points and probabilities
 * ```
 */
export function nomogram(fit: FittedLogistic | FittedCox, options: NomogramOptions = {}): Nomogram {
  return nomogramFromSource(sourceOf(fit), options);
}

function nomogramFromSource(src: LinearSource, options: NomogramOptions): Nomogram {
  const maxscale = options.maxscale ?? 100;
  if (!(maxscale > 0)) throw new Error(`option "maxscale": must be > 0, got ${maxscale}`);
  const axesRaw = src.predictors.map((p) => {
    const coefs = coefMap(src, p);
    let values: (number | string)[];
    let range: readonly [number, number] | undefined;
    if (p.type === "numeric") {
      range = options.ranges?.[p.name];
      if (!range && options.data) {
        const xs = getColumn(options.data, p.name, "nomogram data").filter((v) => !isMissing(v)).map((v, i) =>
          numericCell(v, p.name, i + 1, "nomogram data")
        );
        if (xs.length > 0) range = [Math.min(...xs), Math.max(...xs)];
      }
    }
    if (p.type === "factor") values = [...p.levels];
    else if (options.values?.[p.name]) values = [...options.values[p.name]];
    else {
      if (!range) {
        throw new Error(
          `nomogram: numeric predictor "${p.name}" needs axis values: give options.values.${p.name}, options.ranges.${p.name} or options.data`,
        );
      }
      values = prettyTicks(range[0], range[1], 6);
    }
    if (values.length === 0) throw new Error(`nomogram: predictor "${p.name}" has no axis values`);
    const contrib = values.map((v) => contribution(p, coefs, v));
    const min = Math.min(...contrib);
    const max = Math.max(...contrib);
    return { p, coefs, values, contrib, min, range: max - min, training: range };
  });
  const rMax = Math.max(...axesRaw.map((a) => a.range));
  if (!(rMax > 0)) {
    throw new Error("nomogram: every predictor has a zero contribution range; nothing to scale");
  }
  const ppu = maxscale / rMax;
  const lpz = src.intercept + axesRaw.reduce((s, a) => s + a.min, 0);
  const axes: PredictorAxis[] = axesRaw.map((a) => ({
    name: a.p.name,
    label: a.p.label ?? a.p.name,
    type: a.p.type,
    values: a.values,
    points: a.contrib.map((c) => (c - a.min) * ppu),
    coefficients: a.coefs,
    minContribution: a.min,
    ...(a.training ? { range: [a.training[0], a.training[1]] as const } : {}),
  }));
  const maxTotal = axes.reduce((s, a) => s + Math.max(...a.points), 0);
  const totalPoints = prettyTicks(0, maxTotal, 8);
  const lpLo = lpz, lpHi = lpz + maxTotal / ppu;
  const lpAt = options.lpAt ?? prettyTicks(lpLo, lpHi, 6).filter((v) => v >= lpLo - 1e-9 && v <= lpHi + 1e-9);
  const lpAxis = { lp: [...lpAt], points: lpAt.map((l) => (l - lpz) * ppu) };
  const range: [number, number] = options.lpAt ? [Math.min(...lpAt), Math.max(...lpAt)] : [lpLo, lpHi];
  const inRange = (lp: number) => lp >= range[0] - 1e-12 && lp <= range[1] + 1e-12;
  const funAt = options.funAt ?? [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
  for (const r of funAt) checkOpenUnit("nomogram", "funAt", r);
  const riskAxes: RiskAxis[] = [];
  let baselineSurvival: { time: number; survival: number }[] | undefined;
  if (src.model === "logistic") {
    const vals = funAt.filter((r) => inRange(qlogis(r)));
    riskAxes.push({
      label: options.funLabel ?? "Risk",
      kind: "risk",
      values: vals,
      points: vals.map((r) => (qlogis(r) - lpz) * ppu),
    });
  } else {
    const times = options.times;
    if (!times || times.length === 0) {
      throw new Error(
        `nomogram: option "times" (horizons of the survival axes, e.g. [6, 12, 24]) is required for a Cox fit`,
      );
    }
    const s0 = src.baseline!(times);
    baselineSurvival = times.map((t, k) => ({ time: t, survival: s0[k] }));
    const unit = options.timeUnit ?? "months";
    const tmpl = options.survivalLabel ?? "{t}-{unit} PFS probability";
    times.forEach((t, k) => {
      if (!(s0[k] > 0 && s0[k] < 1)) {
        throw new Error(
          `nomogram: baseline survival at t = ${t} is ${
            s0[k]
          }; a survival axis needs 0 < S0(t) < 1 (no event before t, or t beyond follow-up)`,
        );
      }
      const lpOf = (s: number) => Math.log(Math.log(s) / Math.log(s0[k]));
      const vals = [...funAt].sort((a, b) => b - a).filter((s) => inRange(lpOf(s)));
      riskAxes.push({
        label: tmpl.replace("{t}", String(t)).replace("{unit}", unit.replace(/s$/, "")),
        kind: "survival",
        time: t,
        values: vals,
        points: vals.map((s) => (lpOf(s) - lpz) * ppu),
      });
    });
  }
  return {
    kind: "nomogram",
    version: 1,
    model: src.model,
    title: options.title ?? (src.model === "cox" ? "Cox model nomogram" : "Logistic model nomogram"),
    predictors: src.predictors,
    terms: src.terms,
    coefficients: src.coefficients,
    intercept: src.intercept,
    maxscale,
    pointsPerUnitLp: ppu,
    lpAtZeroPoints: lpz,
    axes,
    totalPoints,
    lpAxis,
    riskAxes,
    ...(baselineSurvival ? { baselineSurvival, timeUnit: options.timeUnit ?? "months" } : {}),
    ...(options.notes ? { notes: options.notes } : {}),
  };
}

/** Points, linear predictor and probabilities of one patient. */
export interface NomogramScore {
  /** Points per predictor (by name). */
  readonly points: Readonly<Record<string, number>>;
  readonly totalPoints: number;
  readonly lp: number;
  /** Logistic: P(event). Cox: 1 − S(t | x) at the first horizon (see `survival` for all). */
  readonly risk: number;
  /** Cox: S(t | x) per horizon (keys are the horizons). */
  readonly survival?: Readonly<Record<string, number>>;
  /** Values outside the training range (extrapolated linearly). */
  readonly warnings: readonly string[];
}

/**
 * Score patients with a nomogram: points_j = (c_j(x_j) − min_j)·points_per_unit_lp (numeric values
 * between axis ticks interpolate linearly, which is exact for linear terms), total points, lp =
 * lp_at_zero_points + total / points_per_unit_lp, and risk = plogis(lp) (logistic) or
 * S(t | x) = S0(t)^exp(lp) per horizon (Cox). Uses only the nomogram's stored numbers (no refit).
 */
export function scoreNomogram(
  nom: Nomogram,
  patients: DataInput,
  options: {
    source?: string;
    /** Row number of the first patient in messages (default 1; 2 for a CSV, the line under its header as a spreadsheet shows it). */
    rowBase?: number;
    /**
     * Numeric values outside the training range ({@link trainingRange}): "warn" (default) scores them
     * with a warning; "refuse" throws naming the row, column, value and range.
     */
    extrapolation?: "warn" | "refuse";
  } = {},
): NomogramScore[] {
  checkNomogram(nom);
  const source = options.source ?? "patients";
  const base = options.rowBase ?? 1;
  const n = nRows(patients);
  // validate cells with the design builder (names row and column on bad values)
  designMatrix(patients, nom.predictors, { intercept: false, source, rowBase: base });
  const cols = nom.axes.map((a) => getColumn(patients, a.name, source));
  const out: NomogramScore[] = [];
  for (let i = 0; i < n; i++) {
    const values: Record<string, number | string> = {};
    const warnings: string[] = [];
    nom.axes.forEach((a, j) => {
      const cell = cols[j][i];
      if (a.type === "numeric") {
        const x = numericCell(cell as number | string, a.name, i + base, source);
        const [lo, hi] = trainingRange(a);
        const what = a.range ? "training range" : "axis range";
        if ((x < lo || x > hi) && options.extrapolation === "refuse") {
          throw new Error(
            `${source} row ${
              i + base
            }, column "${a.name}": ${x} is outside the model's ${what} [${lo}, ${hi}]; not scored (allow it with --allow-extrapolation)`,
          );
        }
        if (x < lo || x > hi) {
          warnings.push(`${a.name} = ${x} is outside the ${what} [${lo}, ${hi}]: points extrapolated`);
        }
        values[a.name] = x;
      } else {
        if (a.coefficients[String(cell)] === undefined) {
          throw new Error(
            `${source} row ${i + base}, column "${a.name}": expected one of ${
              JSON.stringify(a.values)
            }, got ${JSON.stringify(cell ?? null)}`,
          );
        }
        values[a.name] = String(cell);
      }
    });
    // the arithmetic is shared with the calculator pages (lib/report/calculator.ts embeds nomogramPoints)
    const s = nomogramPoints(nom, values);
    out.push({ ...s, warnings });
  }
  return out;
}

/** Check that an object is a well-formed frozen nomogram; throws naming the first bad field. */
export function checkNomogram(x: unknown, source = "nomogram"): asserts x is Nomogram {
  const o = x as Record<string, unknown>;
  if (!o || typeof o !== "object") throw new Error(`${source}: expected a JSON object`);
  if (o.kind !== "nomogram") {
    throw new Error(`${source}: field "kind" must be "nomogram", got ${JSON.stringify(o.kind)}`);
  }
  if (o.version !== 1) {
    throw new Error(`${source}: unsupported version ${JSON.stringify(o.version)} (expected 1)`);
  }
  if (o.model !== "logistic" && o.model !== "cox") {
    throw new Error(`${source}: field "model" must be "logistic" or "cox", got ${JSON.stringify(o.model)}`);
  }
  for (const f of ["pointsPerUnitLp", "lpAtZeroPoints", "maxscale", "intercept"]) {
    if (typeof o[f] !== "number" || !Number.isFinite(o[f] as number)) {
      throw new Error(`${source}: field "${f}" must be a finite number, got ${JSON.stringify(o[f])}`);
    }
  }
  if (!Array.isArray(o.axes) || !Array.isArray(o.predictors)) {
    throw new Error(`${source}: fields "axes" and "predictors" must be arrays`);
  }
  for (const a of o.axes as { name?: unknown; range?: unknown }[]) {
    const r = a?.range;
    if (r === undefined) continue;
    if (
      !Array.isArray(r) || r.length !== 2 || !r.every((v) => typeof v === "number" && Number.isFinite(v)) ||
      r[0] > r[1]
    ) {
      throw new Error(
        `${source}: axis ${JSON.stringify(a.name)} field "range" must be [min, max] with min <= max, got ${
          JSON.stringify(r)
        }`,
      );
    }
  }
  if (o.model === "cox" && (!Array.isArray(o.baselineSurvival) || o.baselineSurvival.length === 0)) {
    throw new Error(`${source}: a Cox nomogram needs "baselineSurvival" (S0 at the horizons)`);
  }
}

/** Save a nomogram as frozen JSON (atomic write). */
export async function saveNomogram(path: string, nom: Nomogram): Promise<void> {
  checkNomogram(nom);
  await writeFileAtomic(path, JSON.stringify(nom, null, 2) + "\n");
}

/** Load a frozen nomogram JSON (validated). */
export async function loadNomogram(path: string): Promise<Nomogram> {
  const text = await Deno.readTextFile(path);
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  checkNomogram(obj, path);
  return obj;
}

/** Nomogram from explicit coefficients (no fit object), e.g. to rebuild a published model. */
export function nomogramFromCoefficients(
  spec: {
    model: "logistic" | "cox";
    predictors: readonly PredictorSpec[];
    terms: readonly string[];
    coefficients: readonly number[];
    intercept?: number;
    baselineSurvival?: readonly { time: number; survival: number }[];
  },
  options: NomogramOptions = {},
): Nomogram {
  const bs = spec.baselineSurvival;
  return nomogramFromSource({
    model: spec.model,
    predictors: spec.predictors,
    terms: spec.terms,
    coefficients: spec.coefficients,
    intercept: spec.intercept ?? 0,
    baseline: bs
      ? (times) =>
        times.map((t) => {
          const b = bs.find((x) => x.time === t);
          if (!b) throw new Error(`nomogramFromCoefficients: no baseline survival given for t = ${t}`);
          return b.survival;
        })
      : undefined,
  }, { ...options, times: options.times ?? bs?.map((b) => b.time) });
}
