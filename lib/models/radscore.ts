/**
 * Radscore and the radiomics signature (Bi et al. 2025, "Radiomics signature" section; Figure 3).
 *
 * Radscore = b₀ + Σⱼ bⱼ·zⱼ over the features kept by the LASSO (nonzero coefficients at the chosen
 * λ), with zⱼ the z-scored feature values (training mean and SD) and (b₀, b) the LASSO intercept and
 * coefficients on that z scale. The radiomics signature (RS) is the logistic regression
 * logit P(y = 1) = a + c·Radscore fitted on the training rows (R: glm(y ~ radscore, binomial)).
 */
import type { ReportTable } from "../report/table.ts";
import { reportTable } from "../report/table.ts";
import { type FittedLogistic, LogisticRegression } from "./logistic.ts";
import type { Matrix, Vec } from "./matrix_types.ts";

/** One Radscore term. */
export interface RadscoreTerm {
  readonly name: string;
  readonly coef: number;
}

/** A Radscore formula: intercept plus named terms, applied to z-scored features. */
export class Radscore {
  constructor(readonly intercept_: number, readonly terms_: readonly RadscoreTerm[]) {}

  /** Build from an intercept, a coefficient vector and the names of its columns (zeros dropped). */
  static fromCoefficients(intercept: number, coef: Vec, names: readonly string[]): Radscore {
    if (coef.length !== names.length) {
      throw new Error(`Radscore: ${coef.length} coefficients for ${names.length} names`);
    }
    return new Radscore(intercept, coef.flatMap((c, j) => (c !== 0 ? [{ name: names[j], coef: c }] : [])));
  }

  /**
   * Radscore of each row of `Z` (z-scored features) whose columns are named `columns`; only the
   * terms' columns are read.
   */
  score(Z: Matrix, columns: readonly string[]): number[] {
    const idx = this.terms_.map((t) => {
      const j = columns.indexOf(t.name);
      if (j < 0) {
        throw new Error(
          `Radscore: column "${t.name}" missing from the data (${columns.length} columns given)`,
        );
      }
      return j;
    });
    return Z.map((r, i) => {
      let s = this.intercept_;
      this.terms_.forEach((t, q) => {
        const v = r[idx[q]];
        if (!Number.isFinite(v)) {
          throw new Error(`Radscore row ${i + 1}, column "${t.name}": expected a finite number, got ${v}`);
        }
        s += t.coef * v;
      });
      return s;
    });
  }

  /** The formula as text: "Radscore = b0 + b1 × name1 − ...". */
  formula(digits = 4): string {
    const parts = this.terms_.map((t) =>
      `${t.coef < 0 ? "−" : "+"} ${Math.abs(t.coef).toFixed(digits)} × ${t.name}`
    );
    return `Radscore = ${this.intercept_.toFixed(digits)} ${parts.join(" ")}`;
  }

  /** Coefficient table (terms ordered by |coef|, largest first). */
  table(title = "Radscore coefficients (LASSO, z-scored features)"): ReportTable {
    const rows = [...this.terms_].sort((a, b) =>
      Math.abs(b.coef) - Math.abs(a.coef) || a.name.localeCompare(b.name)
    )
      .map((t) => ({ feature: t.name, coefficient: t.coef }));
    return reportTable(title, [{ feature: "(Intercept)", coefficient: this.intercept_ }, ...rows], {
      columns: [{ key: "feature", label: "Feature" }, {
        key: "coefficient",
        label: "Coefficient",
        digits: 4,
      }],
      notes: ["Radscore = intercept + Σ coefficient × z-scored feature (training mean and SD)."],
    });
  }

  toJSON(): { intercept: number; terms: RadscoreTerm[] } {
    return { intercept: this.intercept_, terms: [...this.terms_] };
  }
}

/** Fit the radiomics signature: logistic regression of y (0/1) on the Radscore (training rows). */
export function fitRadiomicsSignature(
  radscore: Vec,
  y: Vec,
  options: { profile?: boolean } = {},
): FittedLogistic {
  if (radscore.length !== y.length) {
    throw new Error(`fitRadiomicsSignature: ${radscore.length} Radscores for ${y.length} outcomes`);
  }
  return new LogisticRegression({
    outcome: "y",
    predictors: [{ name: "radscore", type: "numeric" }],
    profile: options.profile ?? false,
    source: "radscore",
  }).fit({ y: [...y], radscore: [...radscore] });
}
