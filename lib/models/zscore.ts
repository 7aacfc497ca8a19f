/**
 * Z-score standardisation as a fitted preprocessing step.
 *
 * Definition: z = (x − center) / scale, center = mean of the training column, scale = its standard
 * deviation with divisor n − 1 (R's `sd()`, `scale(x)`), or n when `sdDenominator: "n"`.
 * The fitted object holds only `mean_` and `sd_`, learned from the rows passed to `fit`; test rows
 * meet only `transform`, so they can never contribute to the centering or scaling.
 * Reference: R base::scale; scikit-learn StandardScaler (which uses divisor n).
 */
import { checkMatrix, type Matrix, type Vec } from "./matrix_types.ts";

/** Options of {@link ZScore}. */
export interface ZScoreOptions {
  /** Divisor of the SD: "n-1" (default, R's sd) or "n" (population SD). */
  readonly sdDenominator?: "n-1" | "n";
  /**
   * What to do with a constant training column (SD 0): "error" (default) throws naming the column;
   * "unit" keeps scale 1 so the column becomes x − mean (all zeros in training).
   */
  readonly constant?: "error" | "unit";
  /** Column names used in messages (optional). */
  readonly names?: readonly string[];
}

/** Z-score transformer (unfitted): stores options; `fit` learns centers and scales. */
export class ZScore {
  readonly options: Required<Omit<ZScoreOptions, "names">> & { names?: readonly string[] };
  constructor(options: ZScoreOptions = {}) {
    const sdDenominator = options.sdDenominator ?? "n-1";
    if (sdDenominator !== "n-1" && sdDenominator !== "n") {
      throw new Error(
        `ZScore option "sdDenominator": expected "n-1" or "n", got ${JSON.stringify(sdDenominator)}`,
      );
    }
    const constant = options.constant ?? "error";
    if (constant !== "error" && constant !== "unit") {
      throw new Error(
        `ZScore option "constant": expected "error" or "unit", got ${JSON.stringify(constant)}`,
      );
    }
    this.options = { sdDenominator, constant, names: options.names };
  }

  /** Learn column means and SDs from the training rows `X` (not mutated). */
  fit(X: Matrix): FittedZScore {
    const p = checkMatrix(X, "ZScore.fit X", { minRows: 2 });
    const n = X.length;
    const mean = new Array<number>(p).fill(0);
    for (const r of X) for (let j = 0; j < p; j++) mean[j] += r[j];
    for (let j = 0; j < p; j++) mean[j] /= n;
    const ss = new Array<number>(p).fill(0);
    for (const r of X) {
      for (let j = 0; j < p; j++) {
        const d = r[j] - mean[j];
        ss[j] += d * d;
      }
    }
    const div = this.options.sdDenominator === "n-1" ? n - 1 : n;
    const sd = ss.map((s, j) => {
      const v = Math.sqrt(s / div);
      if (!(v > 0)) {
        if (this.options.constant === "unit") return 1;
        const name = this.options.names?.[j] ?? `column ${j + 1}`;
        throw new Error(
          `ZScore.fit: ${name} is constant in the training rows (SD 0); drop it or use constant: "unit"`,
        );
      }
      return v;
    });
    return new FittedZScore(mean, sd, this.options.sdDenominator);
  }
}

/** A fitted z-score: learned `mean_`, `sd_`; `transform` applies them to any rows. */
export class FittedZScore {
  constructor(readonly mean_: Vec, readonly sd_: Vec, readonly sdDenominator: "n-1" | "n") {}

  /** z = (x − mean_) / sd_ for every row of X (new matrix). */
  transform(X: Matrix): number[][] {
    const p = this.mean_.length;
    if (X.length > 0) checkMatrix(X, "FittedZScore.transform X");
    return X.map((r, i) => {
      if (r.length !== p) {
        throw new Error(`FittedZScore.transform row ${i + 1}: expected ${p} columns, got ${r.length}`);
      }
      const out = new Array<number>(p);
      for (let j = 0; j < p; j++) out[j] = (r[j] - this.mean_[j]) / this.sd_[j];
      return out;
    });
  }

  /** x = z·sd_ + mean_ (back to the original scale). */
  inverseTransform(Z: Matrix): number[][] {
    return Z.map((r) => r.map((z, j) => z * this.sd_[j] + this.mean_[j]));
  }
}
