/**
 * Synthetic CT crops for the study's digital twin: for each patient a non-contrast ("plain"),
 * arterial and venous phase volume (Int16, Hounsfield units) around one tumour, the tumour mask of
 * reader A, and for a subset of patients (40 by default, as the paper's ICC screening) a second
 * segmentation by reader A and one by reader B (slightly perturbed masks).
 *
 * ## Generative model (all randomness from the Rng passed in; one forked stream per patient)
 *
 * Latent tumour variables (cohort columns `latent_aggressiveness` a, `latent_heterogeneity` h,
 * `latent_vascularity` v, roughly standard normal) drive the image so that radiomics features carry
 * the outcome signal, as in the twin's feature generator:
 *
 * - Shape: radius r(u) = R · (1 + Σ_k A_k · Y_k(u)) along unit direction u, with K = 6 smooth
 *   lobulation terms Y_k(u) = cos(l_k · angle(u, d_k) + φ_k) about random axes d_k; amplitude
 *   A = 0.05 + 0.06 · softplus(a) (aggressive → lobulated, irregular, low sphericity). R (mm) =
 *   (0.16 + 0.20 · f) × the crop's smallest extent × exp(0.05 ε), f = clamp((max_diameter_cm − 2)/14,
 *   0, 1) when the cohort gives the size, else f = 0.5; centre jittered by N(0, 1 mm).
 * - Texture: tumour baseline 38 HU plus a smooth random field (white noise on a coarse lattice every
 *   3 voxels, trilinear interpolation) of SD 6 + 7 · softplus(h + 0.5a) HU, and necrotic low-density
 *   spheres (12 HU, about 1.5 · softplus(a + h) of them) — heterogeneous texture for
 *   aggressive/heterogeneous tumours.
 * - Enhancement: arterial +max(5, 35 + 22 · v) HU × (1 + 0.35 g), venous +(55 + 8 · v) HU ×
 *   (1 + 0.15 g), g a second smooth field (lattice every 4 voxels: patchy vascularity); necrosis does
 *   not enhance. A partial-volume ramp over ~1 voxel blends tumour and background. Background soft
 *   tissue 45 HU (+25 arterial, +45 venous) with a fat band (−90 HU) along one side.
 * - Noise: independent Gaussian noise SD 10 HU per phase (quantum noise), values rounded to Int16.
 * - Masks: reader A1 = the true tumour (r(u) threshold). Repeat masks use the same radius function
 *   with a smooth boundary perturbation of ± 0.6 voxel (A2) and a bias + 0.4 voxel ± 0.8 (B),
 *   mimicking intra- and inter-reader variability.
 *
 * Grid: `size` voxels (default 48 × 48 × 32) at `spacing` mm (default 1 × 1 × 1), axis-aligned,
 * written as NIfTI-1 .nii.gz by `writeNifti` (lib/radiomics/image.ts).
 */
import { join } from "node:path";
import { createRng, type Rng } from "../../../lib/random/mod.ts";
import { type Image, imageFromArray, writeNifti } from "../../../lib/radiomics/mod.ts";
import { numberColumn, readCsvSync, textColumn, toCsv } from "../../../lib/data/mod.ts";
import { writeFileAtomic } from "../../../lib/io/mod.ts";

/** The three contrast phases. */
export type Phase = "plain" | "arterial" | "venous";
export const PHASES: readonly Phase[] = ["plain", "arterial", "venous"];

/** Segmentations: reader A first and second time, reader B. */
export type Reader = "A1" | "A2" | "B";

/** The per-patient inputs (cohort columns). */
export interface TumourLatents {
  readonly id: string;
  readonly latent_aggressiveness: number;
  readonly latent_heterogeneity: number;
  readonly latent_vascularity: number;
  /** Optional: tumour size (cm); scales the radius within the crop. */
  readonly max_diameter_cm?: number;
}

/** Options of {@link synthPatientImages}. */
export interface SynthImageOptions {
  /** Grid size (default [48, 48, 32]). */
  readonly size?: readonly [number, number, number];
  /** Voxel spacing mm (default [1, 1, 1]). */
  readonly spacing?: readonly [number, number, number];
  /** Produce the repeat masks A2 and B (default false). */
  readonly repeats?: boolean;
}

/** One patient's images and masks. */
export interface PatientImages {
  readonly id: string;
  readonly phases: Readonly<Record<Phase, Image>>;
  readonly masks: Partial<Record<Reader, Image>>;
}

const softplus = (x: number) => Math.log1p(Math.exp(x));

/** Smooth random field: N(0,1) on a lattice every `step` voxels, trilinear interpolation. */
function smoothField(rng: Rng, dims: readonly [number, number, number], step: number): Float32Array {
  const L = dims.map((n) => Math.ceil(n / step) + 2) as [number, number, number];
  const lat = new Float64Array(L[0] * L[1] * L[2]);
  for (let i = 0; i < lat.length; i++) lat[i] = rng.normal();
  const out = new Float32Array(dims[0] * dims[1] * dims[2]);
  let o = 0;
  for (let z = 0; z < dims[2]; z++) {
    const fz = z / step, z0 = Math.floor(fz), tz = fz - z0;
    for (let y = 0; y < dims[1]; y++) {
      const fy = y / step, y0 = Math.floor(fy), ty = fy - y0;
      for (let x = 0; x < dims[0]; x++, o++) {
        const fx = x / step, x0 = Math.floor(fx), tx = fx - x0;
        let acc = 0;
        for (let c = 0; c < 8; c++) {
          const dx = c & 1, dy = (c >> 1) & 1, dz = (c >> 2) & 1;
          const w = (dx ? tx : 1 - tx) * (dy ? ty : 1 - ty) * (dz ? tz : 1 - tz);
          acc += w * lat[(x0 + dx) + L[0] * ((y0 + dy) + L[1] * (z0 + dz))];
        }
        out[o] = acc;
      }
    }
  }
  return out;
}

function unitVector(rng: Rng): [number, number, number] {
  const v = [rng.normal(), rng.normal(), rng.normal()];
  const n = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / n, v[1] / n, v[2] / n];
}

/** Radius function r(u) of the tumour (see the module documentation). */
function radiusFunction(rng: Rng, R: number, amp: number): (u: readonly number[]) => number {
  const terms = Array.from(
    { length: 6 },
    () => ({
      d: unitVector(rng),
      l: 2 + rng.int(0, 3),
      phi: 2 * Math.PI * rng.uniform(),
      w: amp * (0.5 + rng.uniform()),
    }),
  );
  return (u) => {
    let s = 1;
    for (const t of terms) {
      const c = Math.max(-1, Math.min(1, u[0] * t.d[0] + u[1] * t.d[1] + u[2] * t.d[2]));
      s += t.w * Math.cos(t.l * Math.acos(c) + t.phi);
    }
    return R * Math.max(0.3, s);
  };
}

/**
 * Images and masks of one patient, deterministic in `rng` (pass `rng.fork(id)` so patients are
 * independent of their order). See the module documentation for the model.
 */
export function synthPatientImages(
  p: TumourLatents,
  rng: Rng,
  options: SynthImageOptions = {},
): PatientImages {
  const dims = (options.size ?? [48, 48, 32]) as [number, number, number];
  const sp = (options.spacing ?? [1, 1, 1]) as [number, number, number];
  for (const k of ["latent_aggressiveness", "latent_heterogeneity", "latent_vascularity"] as const) {
    if (!Number.isFinite(p[k])) {
      throw new RangeError(`patient ${p.id}: "${k}" must be a finite number, got ${p[k]}`);
    }
  }
  const a = p.latent_aggressiveness, h = p.latent_heterogeneity, v = p.latent_vascularity;
  const nvox = dims[0] * dims[1] * dims[2];
  // radius in mm: size fits the crop (≤ 0.36 of the smallest extent)
  const extent = Math.min(dims[0] * sp[0], dims[1] * sp[1], dims[2] * sp[2]);
  const maxR = 0.36 * extent, minR = 0.16 * extent;
  const d = p.max_diameter_cm;
  const frac = d !== undefined && Number.isFinite(d) ? Math.min(1, Math.max(0, (d - 2) / 14)) : 0.5;
  const R = (minR + (maxR - minR) * frac) * Math.exp(0.05 * rng.normal());
  const amp = 0.05 + 0.06 * softplus(a);
  const rTrue = radiusFunction(rng.fork("shape"), R, amp);
  const centre = [0, 1, 2].map((ax) => (dims[ax] - 1) / 2 * sp[ax] + rng.normal(0, 1.0));

  const field = smoothField(rng.fork("texture"), dims, 3);
  const vascField = smoothField(rng.fork("vascular"), dims, 4);
  const texSd = 6 + 7 * softplus(h + 0.5 * a);
  const nNecrosis = Math.max(0, Math.round(softplus(a + h) * 1.5 + rng.normal(0, 0.5)));
  const necro = Array.from({ length: nNecrosis }, () => {
    const u = unitVector(rng);
    const rr = R * 0.5 * rng.uniform();
    return { c: [0, 1, 2].map((ax) => centre[ax] + u[ax] * rr), r: R * (0.15 + 0.2 * rng.uniform()) };
  });
  const artEnh = Math.max(5, 35 + 22 * v), venEnh = 55 + 8 * v;
  const fatAxis = rng.int(0, 1), fatSide = rng.uniform() < 0.5;

  // per-voxel signed distance-like quantity: ρ = |x − c| / r(u)
  const rho = new Float32Array(nvox);
  const dirs = new Float32Array(nvox * 3);
  let o = 0;
  for (let z = 0; z < dims[2]; z++) {
    for (let y = 0; y < dims[1]; y++) {
      for (let x = 0; x < dims[0]; x++, o++) {
        const q = [x * sp[0] - centre[0], y * sp[1] - centre[1], z * sp[2] - centre[2]];
        const n = Math.hypot(q[0], q[1], q[2]);
        const u = n > 0 ? [q[0] / n, q[1] / n, q[2] / n] : [1, 0, 0];
        dirs[3 * o] = u[0], dirs[3 * o + 1] = u[1], dirs[3 * o + 2] = u[2];
        rho[o] = n / rTrue(u);
      }
    }
  }
  const tumour = new Uint8Array(nvox);
  for (let i = 0; i < nvox; i++) if (rho[i] <= 1) tumour[i] = 1;

  const phases = {} as Record<Phase, Image>;
  for (const ph of PHASES) {
    const nrng = rng.fork(`noise-${ph}`);
    const out = new Int16Array(nvox);
    let i = 0;
    for (let z = 0; z < dims[2]; z++) {
      for (let y = 0; y < dims[1]; y++) {
        for (let x = 0; x < dims[0]; x++, i++) {
          const pos = [x, y, z][fatAxis] * sp[fatAxis];
          const inFat = fatSide
            ? pos < 0.12 * dims[fatAxis] * sp[fatAxis]
            : pos > 0.88 * dims[fatAxis] * sp[fatAxis];
          let val = inFat ? -90 : 45 + (ph === "arterial" ? 25 : ph === "venous" ? 45 : 0);
          // soft transition at the tumour edge (partial volume over ~1 voxel)
          const t = Math.min(1, Math.max(0, (1.08 - rho[i]) / 0.16));
          if (t > 0) {
            let tv = 38 + texSd * field[i];
            let necrotic = false;
            for (const n of necro) {
              const dd = Math.hypot(x * sp[0] - n.c[0], y * sp[1] - n.c[1], z * sp[2] - n.c[2]);
              if (dd < n.r) necrotic = true;
            }
            if (necrotic) tv = 12 + 4 * field[i];
            else if (ph === "arterial") tv += artEnh * (1 + 0.35 * vascField[i]);
            else if (ph === "venous") tv += venEnh * (1 + 0.15 * vascField[i]);
            val = (1 - t) * val + t * tv;
          }
          val += nrng.normal(0, 10);
          out[i] = Math.max(-1024, Math.min(3071, Math.round(val)));
        }
      }
    }
    phases[ph] = imageFromArray(out, dims, sp, [0, 0, 0], `${p.id}/${ph}`);
  }

  const masks: Partial<Record<Reader, Image>> = {
    A1: imageFromArray(tumour, dims, sp, [0, 0, 0], `${p.id}/mask_A1`),
  };
  if (options.repeats) {
    for (const [reader, bias, sd] of [["A2", 0, 0.6], ["B", 0.4, 0.8]] as const) {
      const pf = smoothField(rng.fork(`reader-${reader}`), dims, 6);
      const m = new Uint8Array(nvox);
      for (let k = 0; k < nvox; k++) {
        // boundary moved by (bias + sd·field) voxels along the radius
        const shift = (bias + sd * pf[k]) * Math.min(sp[0], sp[1], sp[2]) / R;
        if (rho[k] <= 1 + shift) m[k] = 1;
      }
      masks[reader] = imageFromArray(m, dims, sp, [0, 0, 0], `${p.id}/mask_${reader}`);
    }
  }
  return { id: p.id, phases, masks };
}

/** Options of {@link writeTwinImages}. */
export interface WriteTwinImagesOptions extends SynthImageOptions {
  /** Patients with repeat segmentations (default 40), chosen at random from the cohort. */
  readonly nRepeat?: number;
  /** Progress after each patient. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** One manifest row (paths relative to the manifest's folder). */
export interface ManifestRow {
  readonly patient: string;
  readonly phase: Phase;
  readonly image: string;
  readonly mask: string;
  readonly reader: Reader;
}

/**
 * Write every patient's phases and masks as `<outDir>/<id>/<phase>.nii.gz` and
 * `<outDir>/<id>/mask_<reader>.nii.gz`, and `<outDir>/manifest.csv` (patient, phase, image, mask,
 * reader; one row per patient × phase × reader). Deterministic in `seed` (one `fork(id)` stream per
 * patient; the repeat subset from `fork("repeats")`). Returns the manifest rows.
 */
export async function writeTwinImages(
  cohortRows: readonly TumourLatents[],
  outDir: string,
  seed: number,
  options: WriteTwinImagesOptions = {},
): Promise<ManifestRow[]> {
  const root = createRng(seed).fork("twin-images");
  const nRep = Math.min(options.nRepeat ?? 40, cohortRows.length);
  const repeatIds = new Set(root.fork("repeats").shuffle(cohortRows.map((r) => r.id)).slice(0, nRep));
  const rows: ManifestRow[] = [];
  let done = 0;
  for (const p of cohortRows) {
    const imgs = synthPatientImages(p, root.fork(p.id), { ...options, repeats: repeatIds.has(p.id) });
    const dir = join(outDir, p.id);
    await Deno.mkdir(dir, { recursive: true });
    for (const [reader, m] of Object.entries(imgs.masks) as [Reader, Image][]) {
      await writeNifti(join(dir, `mask_${reader}.nii.gz`), m);
    }
    for (const ph of PHASES) {
      await writeNifti(join(dir, `${ph}.nii.gz`), imgs.phases[ph]);
      for (const reader of Object.keys(imgs.masks) as Reader[]) {
        rows.push({
          patient: p.id,
          phase: ph,
          image: `${p.id}/${ph}.nii.gz`,
          mask: `${p.id}/mask_${reader}.nii.gz`,
          reader,
        });
      }
    }
    options.onProgress?.(++done, cohortRows.length);
  }
  await writeFileAtomic(join(outDir, "manifest.csv"), manifestCsv(rows));
  return rows;
}

/** Manifest CSV text. */
export function manifestCsv(rows: readonly ManifestRow[]): string {
  return toCsv(["patient", "phase", "image", "mask", "reader"], rows as unknown as Record<string, unknown>[]);
}

/**
 * The latent tumour columns of a cohort CSV (`cohort.csv` of the study: id, latent_aggressiveness,
 * latent_heterogeneity, latent_vascularity, and max_diameter_cm when present), for
 * {@link writeTwinImages}. Errors name the file, row and column.
 */
export function readCohortLatents(path: string): TumourLatents[] {
  const t = readCsvSync(path);
  const ids = textColumn(t, "id");
  const a = numberColumn(t, "latent_aggressiveness"),
    h = numberColumn(t, "latent_heterogeneity"),
    v = numberColumn(t, "latent_vascularity");
  const d = t.header.includes("max_diameter_cm") ? numberColumn(t, "max_diameter_cm") : null;
  return ids.map((id, i) => ({
    id,
    latent_aggressiveness: a[i],
    latent_heterogeneity: h[i],
    latent_vascularity: v[i],
    ...(d ? { max_diameter_cm: d[i] } : {}),
  }));
}
