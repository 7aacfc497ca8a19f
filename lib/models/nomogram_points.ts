/**
 * The scoring arithmetic of a frozen nomogram for one patient, as one self-contained function: it uses
 * nothing outside its own body (no imports, no module-level helpers), so the nomogram calculator page
 * (lib/report/calculator.ts) embeds its source (`Function.prototype.toString`) and computes with the
 * very same code as `deno task score` ({@link scoreNomogram} calls it).
 *
 * Definition (rms::nomogram scaling, see lib/models/nomogram.ts): for each axis j, contribution
 * c_j = β_j·x (numeric) or the level's coefficient (factor, 0 for the reference);
 * points_j = (c_j − min_j)·points_per_unit_lp; total T = Σ_j points_j (summed in axis order);
 * lp = lp_at_zero_points + T / points_per_unit_lp; logistic risk = plogis(lp);
 * Cox S(t | x) = S0(t)^exp(lp) at each stored horizon, risk = 1 − S(t₁ | x) at the first horizon.
 * Reference: Harrell, Regression Modeling Strategies (2nd ed., 2015) §10.10; R: rms::nomogram.
 */

/** The part of a frozen nomogram that scoring reads (structural; a full {@link Nomogram} fits). */
export interface NomogramScoringFields {
  readonly model: "logistic" | "cox";
  readonly pointsPerUnitLp: number;
  readonly lpAtZeroPoints: number;
  readonly axes: readonly {
    readonly name: string;
    readonly type: "numeric" | "factor";
    readonly coefficients: Readonly<Record<string, number>>;
    readonly minContribution: number;
  }[];
  readonly baselineSurvival?: readonly { readonly time: number; readonly survival: number }[];
}

/** Points, total, linear predictor and probabilities of one patient. */
export interface PatientPoints {
  readonly points: Record<string, number>;
  readonly totalPoints: number;
  readonly lp: number;
  /** Logistic: P(event); Cox: 1 − S(t₁ | x) at the first horizon. */
  readonly risk: number;
  /** Cox: S(t | x) keyed by horizon. */
  readonly survival?: Record<string, number>;
}

/**
 * Score one patient whose values are already checked: a number for each numeric axis, a level (one of
 * the axis's coefficient keys) for each factor axis. An unknown level gives NaN points (callers check
 * levels first and name the offending cell).
 */
export function nomogramPoints(
  nom: NomogramScoringFields,
  values: Readonly<Record<string, number | string>>,
): PatientPoints {
  const points: Record<string, number> = {};
  let total = 0;
  for (const a of nom.axes) {
    const v = values[a.name];
    const c = a.type === "numeric" ? a.coefficients[a.name] * (v as number) : a.coefficients[String(v)];
    const pts = (c === undefined ? NaN : c - a.minContribution) * nom.pointsPerUnitLp;
    points[a.name] = pts;
    total += pts;
  }
  const lp = nom.lpAtZeroPoints + total / nom.pointsPerUnitLp;
  if (nom.model === "logistic") {
    const risk = lp >= 0 ? 1 / (1 + Math.exp(-lp)) : Math.exp(lp) / (1 + Math.exp(lp));
    return { points, totalPoints: total, lp, risk };
  }
  const survival: Record<string, number> = {};
  for (const b of nom.baselineSurvival ?? []) survival[String(b.time)] = Math.pow(b.survival, Math.exp(lp));
  const first = nom.baselineSurvival?.[0];
  return { points, totalPoints: total, lp, risk: first ? 1 - survival[String(first.time)] : NaN, survival };
}
