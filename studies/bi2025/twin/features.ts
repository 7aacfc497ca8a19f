/**
 * Twin radiomics features: a synthetic stand-in for the study's 3D Slicer / pyradiomics output until
 * features are extracted from synthetic images.
 *
 * Layout: three phases (plain, arterial, venous) × (original + 8 wavelet bands) × the IBSI families
 * of pyradiomics (shape on the original image only): 3 × 851 = 2,553 features per patient, named
 * `phase_filter_family_feature` (lib/features/names.ts).
 *
 * Generative model (all draws from forks of one seeded Rng, so the output depends only on the seed
 * and the latent matrix):
 * - Patient factors: the cohort's latent tumour variables (aggressiveness, heterogeneity,
 *   vascularity; passed in, standardised here), a tumour-size factor (0.4·aggressiveness + noise),
 *   a per-phase enhancement factor (arterial/venous tied to vascularity) and 16 shared plus 4
 *   per-phase nuisance factors (acquisition, noise texture, partial volume).
 * - Blocks of near-duplicates: the features of each (filter, family) are dealt into blocks of 2–7;
 *   every block has one loading vector on the factors (unit variance score s); a feature is
 *   t = ρ·s + √(1 − ρ²)·ε with ρ ~ U(0.93, 0.999), so features in a block correlate ≈ ρ². The same
 *   block in other phases reuses the loadings with phase-specific perturbation (cross-phase
 *   correlation), shape features are shared across phases almost exactly.
 * - Signal: about 12 % of the blocks load on one latent variable (loading 0.35–0.75, texture on
 *   heterogeneity, first-order/enhancement on vascularity, shape/size on aggressiveness); the rest
 *   carry no outcome information.
 * - Marginals: by feature kind — normal, log-normal (volumes, energies, variances: right skew),
 *   sinh-heavy tails (skewness, cluster shade/prominence) or logistic in (0, 1) (normalised and
 *   probability-like features); locations/scales plausible for CT in HU.
 * - Measurement error: every reading adds δ ~ N(0, τ²) to t before the marginal transform, 64 % of
 *   its variance shared by the block's features (δ = τ(0.8·δ_block + 0.6·δ_own)); τ is
 *   small (0.03–0.3) for 70 % of the features and large (0.45–1.2) for the rest, so the
 *   reproducibility screen (ICC ≥ 0.80) removes a realistic share. Reader B has 1.3× the error and
 *   a systematic shift on 15 % of the features. The main table is reader A's first reading.
 * - Repeats: `nRepeat` (default 40) patients drawn at random get readings A1 (= the main table),
 *   A2 (two weeks later) and B.
 */
import { createRng, type Rng } from "../../../lib/random/mod.ts";
import { FAMILIES, featureName, FILTERS, PHASES } from "../../../lib/features/mod.ts";

/** Input: one patient id and the latent tumour variables (one row per patient). */
export interface LatentRow {
  readonly id: string;
  readonly latent: readonly number[];
}

/** Options of {@link synthFeatures}. */
export interface SynthFeatureOptions {
  /** Seed (default 20250411). */
  readonly seed?: number;
  /**
   * Seed of the feature model itself: which features form blocks, which carry signal, their loadings,
   * marginal distributions and measurement-error sizes (default: `seed`). Keep it fixed and change
   * `seed` to draw new patients from the same model (e.g. an external cohort).
   */
  readonly modelSeed?: number;
  /** Patients with repeat readings (default 40). */
  readonly nRepeat?: number;
  /** Share of blocks loading on a latent variable (default 0.12). */
  readonly signalShare?: number;
  /** Share of poorly reproducible features (default 0.3). */
  readonly unreliableShare?: number;
}

/** Generated features: main table and repeat readings. */
export interface TwinFeatures {
  readonly names: readonly string[];
  readonly ids: readonly string[];
  /** ids.length × names.length, reader A first reading. */
  readonly values: readonly (readonly number[])[];
  readonly repeats: {
    readonly ids: readonly string[];
    readonly readerA1: readonly (readonly number[])[];
    readonly readerA2: readonly (readonly number[])[];
    readonly readerB: readonly (readonly number[])[];
  };
  /** Ground truth for tests and teaching: which features carry latent signal (index of latent or −1). */
  readonly truth: { readonly signalLatent: readonly number[]; readonly tau: readonly number[] };
}

type Kind = "normal" | "lognormal" | "heavy" | "unit" | "negunit";

interface Marginal {
  readonly kind: Kind;
  readonly loc: number;
  readonly scale: number;
}

const UNIT = new Set([
  "Sphericity",
  "Elongation",
  "Flatness",
  "Uniformity",
  "Correlation",
  "Id",
  "Idm",
  "Idmn",
  "Idn",
  "Imc2",
  "MCC",
  "JointEnergy",
  "MaximumProbability",
  "RunPercentage",
  "ZonePercentage",
  "GrayLevelNonUniformityNormalized",
  "RunLengthNonUniformityNormalized",
  "SizeZoneNonUniformityNormalized",
  "DependenceNonUniformityNormalized",
  "InverseVariance",
  "SmallAreaEmphasis",
  "ShortRunEmphasis",
  "SmallDependenceEmphasis",
]);
const HEAVY = new Set([
  "Skewness",
  "ClusterShade",
  "ClusterProminence",
  "Kurtosis",
  "Busyness",
  "Complexity",
]);
const NORMAL = new Set([
  "Mean",
  "Median",
  "10Percentile",
  "90Percentile",
  "Minimum",
  "Maximum",
  "RootMeanSquared",
  "Entropy",
  "JointEntropy",
  "SumEntropy",
  "DifferenceEntropy",
  "RunEntropy",
  "ZoneEntropy",
  "DependenceEntropy",
  "JointAverage",
  "SumAverage",
]);

function marginalFor(filter: string, family: string, feature: string, phase: string, rng: Rng): Marginal {
  const wave = filter !== "original";
  const u = () => rng.uniform();
  if (family === "shape") {
    if (UNIT.has(feature)) return { kind: "unit", loc: 0.4 + u(), scale: 0.5 };
    if (feature.endsWith("Volume")) return { kind: "lognormal", loc: Math.log(120000), scale: 0.9 };
    if (feature === "SurfaceArea") return { kind: "lognormal", loc: Math.log(15000), scale: 0.6 };
    if (feature === "SurfaceVolumeRatio") return { kind: "lognormal", loc: Math.log(0.15), scale: 0.3 };
    return { kind: "lognormal", loc: Math.log(40 + 60 * u()), scale: 0.3 };
  }
  if (UNIT.has(feature)) return { kind: "unit", loc: -1 + 2 * u(), scale: 0.4 + 0.4 * u() };
  if (feature === "Imc1") return { kind: "negunit", loc: -1.5 + u(), scale: 0.4 };
  if (HEAVY.has(feature)) return { kind: "heavy", loc: feature === "Kurtosis" ? 3 : 0, scale: 0.5 + 2 * u() };
  if (NORMAL.has(feature)) {
    if (family === "firstorder" && !feature.includes("Entropy")) {
      const base = wave ? 0 : phase === "plain" ? 38 : phase === "arterial" ? 95 : 82;
      return {
        kind: "normal",
        loc: base + (wave ? 5 : 15) * (u() - 0.5),
        scale: wave ? 4 + 6 * u() : 10 + 15 * u(),
      };
    }
    return { kind: "normal", loc: 2 + 4 * u(), scale: 0.3 + 0.5 * u() };
  }
  if (feature.includes("Energy")) {
    return { kind: "lognormal", loc: Math.log(1e6) + 6 * u(), scale: 0.8 + 0.6 * u() };
  }
  return { kind: "lognormal", loc: Math.log(0.5 + 200 * u() ** 3), scale: 0.25 + 0.8 * u() };
}

function applyMarginal(m: Marginal, t: number): number {
  switch (m.kind) {
    case "normal":
      return m.loc + m.scale * t;
    case "lognormal":
      return Math.exp(m.loc + m.scale * t);
    case "heavy":
      return m.loc + m.scale * Math.sinh(0.9 * t);
    case "unit":
      return 1 / (1 + Math.exp(-(m.loc + m.scale * t)));
    case "negunit":
      return -1 / (1 + Math.exp(-(m.loc + m.scale * t)));
  }
}

const N_SHARED = 16;
const N_PHASE = 4;

/** Standardise each latent column (mean 0, SD 1) so the generator does not depend on its units. */
function standardizeLatent(rows: readonly LatentRow[]): number[][] {
  const q = rows[0].latent.length;
  const n = rows.length;
  const out = rows.map((r) => [...r.latent]);
  for (let j = 0; j < q; j++) {
    const m = out.reduce((s, r) => s + r[j], 0) / n;
    const sd = Math.sqrt(out.reduce((s, r) => s + (r[j] - m) ** 2, 0) / Math.max(1, n - 1)) || 1;
    for (const r of out) r[j] = (r[j] - m) / sd;
  }
  return out;
}

/**
 * Generate the twin radiomics features for the given patients (see module documentation).
 * @param latentRows one row per patient: id and latent tumour variables (≥ 1 of them, usually 3:
 *   aggressiveness, heterogeneity, vascularity, in that order)
 */
export function synthFeatures(
  latentRows: readonly LatentRow[],
  options: SynthFeatureOptions = {},
): TwinFeatures {
  if (latentRows.length < 2) {
    throw new Error(`synthFeatures: need at least 2 patients, got ${latentRows.length}`);
  }
  const q = latentRows[0].latent.length;
  latentRows.forEach((r, i) => {
    if (r.latent.length !== q) {
      throw new Error(
        `synthFeatures row ${i + 1} (${r.id}): expected ${q} latent values, got ${r.latent.length}`,
      );
    }
    r.latent.forEach((v, j) => {
      if (!Number.isFinite(v)) {
        throw new Error(
          `synthFeatures row ${i + 1} (${r.id}), latent ${j + 1}: expected a finite number, got ${v}`,
        );
      }
    });
  });
  const seed = options.seed ?? 20250411;
  const nRepeat = Math.min(options.nRepeat ?? 40, latentRows.length);
  const signalShare = options.signalShare ?? 0.12;
  const unreliableShare = options.unreliableShare ?? 0.3;
  const root = createRng(seed);
  const modelRoot = createRng(options.modelSeed ?? seed);
  const n = latentRows.length;
  const L = standardizeLatent(latentRows);
  const aggr = 0;
  const het = Math.min(1, q - 1);
  const vasc = Math.min(2, q - 1);

  // Patient factors: [latent q | size | shared N_SHARED | phase enhancement (3) | phase nuisance 3×N_PHASE].
  const fr = root.fork("factors");
  const nF = q + 1 + N_SHARED + 3 + 3 * N_PHASE;
  const F = L.map((lat) => {
    const f = new Array<number>(nF).fill(0);
    lat.forEach((v, j) => (f[j] = v));
    f[q] = 0.4 * lat[aggr] + Math.sqrt(1 - 0.16) * fr.normal();
    for (let m = 0; m < N_SHARED; m++) f[q + 1 + m] = fr.normal();
    const e0 = q + 1 + N_SHARED;
    f[e0] = fr.normal();
    f[e0 + 1] = 0.5 * lat[vasc] + Math.sqrt(0.75) * fr.normal();
    f[e0 + 2] = 0.4 * lat[vasc] + Math.sqrt(0.84) * fr.normal();
    for (let m = 0; m < 3 * N_PHASE; m++) f[e0 + 3 + m] = fr.normal();
    return f;
  });
  const sizeIdx = q;
  const sharedIdx = (m: number) => q + 1 + m;
  const enhIdx = (ph: number) => q + 1 + N_SHARED + ph;
  const phNuisIdx = (ph: number, m: number) => q + 1 + N_SHARED + 3 + ph * N_PHASE + m;

  // Blocks per (filter, family), phase-independent loadings.
  interface Block {
    readonly members: string[];
    readonly loadings: Map<number, number>; // factor → weight (before per-phase perturbation)
    readonly signal: number; // latent index or −1
    readonly phaseShift: number[][]; // per phase: extra nuisance weights
  }
  const br = modelRoot.fork("blocks");
  const blockOf = new Map<string, { block: Block; rho: number }>();
  const blocks: Block[] = [];
  for (const filter of FILTERS) {
    for (const [family, feats] of Object.entries(FAMILIES)) {
      if (family === "shape" && filter !== "original") continue;
      const order = br.shuffle(feats);
      let at = 0;
      while (at < order.length) {
        const size = Math.min(order.length - at, br.int(2, 7));
        const members = order.slice(at, at + size);
        at += size;
        const loadings = new Map<number, number>();
        const nShared = br.int(1, 3);
        for (let c = 0; c < nShared; c++) loadings.set(sharedIdx(br.int(0, N_SHARED - 1)), br.normal());
        if (family === "shape" || family === "glszm" || members.some((m) => m.includes("NonUniformity"))) {
          loadings.set(sizeIdx, 0.6 + 0.8 * br.uniform());
        }
        let signal = -1;
        if (br.uniform() < signalShare) {
          signal = family === "shape"
            ? aggr
            : family === "firstorder"
            ? (br.uniform() < 0.6 ? vasc : het)
            : (br.uniform() < 0.75 ? het : aggr);
          loadings.set(signal, (br.uniform() < 0.5 ? -1 : 1) * (0.35 + 0.4 * br.uniform()));
        }
        const phaseShift = PHASES.map(() =>
          Array.from({ length: N_PHASE }, () => (family === "shape" ? 0.05 : 0.35) * br.normal())
        );
        const block: Block = { members, loadings, signal, phaseShift };
        blocks.push(block);
        for (const m of members) {
          blockOf.set(`${filter}|${family}|${m}`, { block, rho: 0.93 + 0.069 * br.uniform() });
        }
      }
    }
  }

  // Feature catalogue in canonical order.
  const names: string[] = [];
  const specs: {
    block: Block;
    rho: number;
    phase: number;
    marginal: Marginal;
    tau: number;
    shiftB: number;
    key: string;
  }[] = [];
  const mr = modelRoot.fork("marginals");
  const er = modelRoot.fork("errors");
  PHASES.forEach((phase, ph) => {
    for (const filter of FILTERS) {
      for (const [family, feats] of Object.entries(FAMILIES)) {
        if (family === "shape" && filter !== "original") continue;
        for (const feature of feats) {
          const key = `${filter}|${family}|${feature}`;
          const { block, rho } = blockOf.get(key)!;
          names.push(featureName({ phase, filter, family, feature }));
          const unreliable = er.uniform() < unreliableShare;
          const tau = unreliable ? 0.45 + 0.75 * er.uniform() : 0.03 + 0.27 * er.uniform();
          const shiftB = er.uniform() < 0.15 ? (er.uniform() < 0.5 ? -1 : 1) * (0.2 + 0.4 * er.uniform()) : 0;
          specs.push({
            block,
            rho,
            phase: ph,
            marginal: marginalFor(filter, family, feature, phase, mr),
            tau,
            shiftB,
            key,
          });
        }
      }
    }
  });
  const p = names.length;

  // Block scores per patient and phase (unit variance), then latent feature values t.
  const blockScore = new Map<Block, number[][]>(); // block → [phase][patient]
  for (const b of blocks) {
    const perPhase = PHASES.map((_, ph) => {
      const w = new Map(b.loadings);
      w.set(enhIdx(ph), (w.get(enhIdx(ph)) ?? 0) + (b.signal === vasc ? 0.3 : 0.15));
      b.phaseShift[ph].forEach((s, m) => w.set(phNuisIdx(ph, m), s));
      let norm = 0;
      for (const v of w.values()) norm += v * v;
      norm = Math.sqrt(norm);
      return F.map((f) => {
        let s = 0;
        for (const [k, v] of w) s += f[k] * v;
        return s / norm;
      });
    });
    blockScore.set(b, perPhase);
  }
  const tr = root.fork("idiosyncratic");
  // Shape features are the same tumour in every phase: share the idiosyncratic part across phases.
  const sharedEps = new Map<string, number[]>();
  const T: Float64Array[] = specs.map((s) => {
    const score = blockScore.get(s.block)![s.phase];
    let eps: number[];
    if (s.key.includes("|shape|")) {
      if (!sharedEps.has(s.key)) sharedEps.set(s.key, Array.from({ length: n }, () => tr.normal()));
      eps = sharedEps.get(s.key)!.map((e) => 0.97 * e + 0.243 * tr.normal());
    } else {
      eps = Array.from({ length: n }, () => tr.normal());
    }
    const c = Math.sqrt(1 - s.rho * s.rho);
    return Float64Array.from(score, (v, i) => s.rho * v + c * eps[i]);
  });

  // Readings: A1 for everybody, A2 and B for the repeat patients. Measurement error is mostly shared
  // by the features of a block (a contour change moves related features together):
  // δ = τ·(0.8·δ_block + 0.6·δ_own), Var δ = τ².
  const blockIndex = new Map(blocks.map((b, k) => [b, k]));
  const readingNoise = (label: string) => {
    const r = root.fork(label);
    const shared = blocks.map(() => PHASES.map(() => Float64Array.from({ length: n }, () => r.normal())));
    return { own: r, shared };
  };
  const specBlock = specs.map((s) => blockIndex.get(s.block)!);
  const reading = (
    noise: ReturnType<typeof readingNoise>,
    i: number,
    j: number,
    scale: number,
    shift: number,
  ) => {
    const s = specs[j];
    const d = 0.8 * noise.shared[specBlock[j]][s.phase][i] + 0.6 * noise.own.normal();
    return round6(applyMarginal(s.marginal, T[j][i] + shift + scale * s.tau * d));
  };
  const nA1 = readingNoise("reader-A1");
  const values = Array.from({ length: n }, () => new Array<number>(p));
  for (let j = 0; j < p; j++) for (let i = 0; i < n; i++) values[i][j] = reading(nA1, i, j, 1, 0);
  const repIdx = root.fork("repeat-patients").shuffle(Array.from({ length: n }, (_, i) => i)).slice(
    0,
    nRepeat,
  ).sort((a, b) => a - b);
  const nA2 = readingNoise("reader-A2");
  const nB = readingNoise("reader-B");
  const readerA2 = repIdx.map((i) => specs.map((_, j) => reading(nA2, i, j, 1, 0)));
  const readerB = repIdx.map((i) => specs.map((s, j) => reading(nB, i, j, 1.3, s.shiftB)));
  return {
    names,
    ids: latentRows.map((r) => r.id),
    values,
    repeats: {
      ids: repIdx.map((i) => latentRows[i].id),
      readerA1: repIdx.map((i) => values[i]),
      readerA2,
      readerB,
    },
    truth: { signalLatent: specs.map((s) => s.block.signal), tau: specs.map((s) => s.tau) },
  };
}

/** Round to 6 significant digits (the precision written to CSV, so memory and file agree). */
function round6(v: number): number {
  return v === 0 ? 0 : Number(v.toPrecision(6));
}
