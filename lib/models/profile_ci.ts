/**
 * Profile-likelihood confidence limits for one coefficient, solved directly.
 *
 * The limits are the two values b of βⱼ at which the profile deviance — the deviance re-maximised over
 * all other coefficients with βⱼ fixed at b — exceeds its minimum by q = qchisq(level, 1):
 *   D_prof(b) − D̂ = q.
 * We solve √(D_prof(b) − D̂) = √q on each side of β̂ⱼ by Newton's method safeguarded by bisection
 * inside a bracket; the derivative comes from the envelope theorem, dD_prof/db = −2 ∂l/∂βⱼ at the
 * constrained optimum. Iterations stop when the step is below 1e-14·(1 + |b|), i.e. to near machine
 * precision (MASS::confint.glm instead spline-interpolates a profile evaluated on a grid and is off by up
 * to ~1e-3 on the log-odds scale). A side whose profile never reaches q (a separated term under
 * maximum likelihood) gives ±Infinity.
 * Reference: Venzon & Moolgavkar (1988) Appl Stat 37:87–94; R: MASS::confint.glm (profile.glm).
 */
import { glmStartEta, irlsLogistic, SingularDesignError } from "./irls.ts";
import { firthLogistic } from "./firth.ts";

/** The profile at b: criterion (deviance or −2·penalised loglik), its derivative, the constrained fit. */
export interface ProfilePoint {
  readonly dev: number;
  readonly slope: number;
  readonly beta: number[];
}

/** A profile function of one coefficient: constrained fit at b, warm-started from `start`. */
export type ProfileFunction = (b: number, start?: readonly number[]) => ProfilePoint;

/** Options of {@link profileInterval}. */
export interface ProfileOptions {
  /** Confidence level (default 0.95). */
  readonly level?: number;
  /** Chi-square threshold (default qchisq(level, 1)); overrides `level`. */
  readonly threshold?: number;
  /** Give up (return ±Infinity) beyond this many standard errors from the estimate (default 1e4). */
  readonly maxSe?: number;
}

/**
 * Solve D_prof(b) − D̂ = q on one side (`side` −1: lower, +1: upper) of the estimate `bhat` whose
 * Wald standard error is `se` (used for the first bracket).
 */
export function profileLimit(
  f: ProfileFunction,
  bhat: number,
  devhat: number,
  se: number,
  side: -1 | 1,
  q: number,
  startBeta: readonly number[],
  maxSe = 1e4,
): number {
  const sq = Math.sqrt(q);
  const scale = Number.isFinite(se) && se > 0 ? se : 1;
  let warm = startBeta;
  const u = (b: number) => {
    const pt = f(b, warm);
    warm = pt.beta;
    const d = Math.max(pt.dev - devhat, 0);
    const r = Math.sqrt(d);
    // d r / d b = slope / (2 r)
    return { u: r - sq, du: r > 0 ? pt.slope / (2 * r) : NaN, pt };
  };
  // Bracket: lo (u < 0) at the estimate, hi (u > 0) found by expanding the distance.
  let lo = bhat;
  let dist = sq * scale;
  let hi = bhat + side * dist;
  let uh = u(hi);
  let guard = 0;
  while (uh.u < 0) {
    lo = hi;
    dist *= 2;
    if (dist > maxSe * scale || guard++ > 60) return side * Infinity;
    hi = bhat + side * dist;
    uh = u(hi);
  }
  // Safeguarded Newton between lo and hi.
  let b = hi;
  let cur = uh;
  for (let it = 0; it < 200; it++) {
    if (cur.u === 0) return b;
    if (cur.u > 0) hi = b;
    else lo = b;
    let next = Number.isFinite(cur.du) && cur.du !== 0 ? b - cur.u / cur.du : NaN;
    const a = Math.min(lo, hi);
    const c = Math.max(lo, hi);
    if (!(next > a && next < c)) next = (lo + hi) / 2;
    const step = Math.abs(next - b);
    b = next;
    cur = u(b);
    if (step <= 1e-14 * (1 + Math.abs(b)) || Math.abs(hi - lo) <= 4e-16 * (1 + Math.abs(b))) return b;
  }
  return b;
}

/** Profile function of coefficient j of a maximum-likelihood logistic fit (R: profile.glm). */
export function mlProfile(
  X: readonly (readonly number[])[],
  y: readonly number[],
  j: number,
  weights?: readonly number[],
): ProfileFunction {
  const Xr = X.map((xi) => xi.filter((_, k) => k !== j));
  const xj = X.map((xi) => xi[j]);
  const fromData = glmStartEta(y, weights);
  return (b, start) => {
    const offset = xj.map((v) => b * v);
    const st = start ? start.filter((_, k) => k !== j) : undefined;
    // Warm start from the neighbouring constrained fit (as MASS's etastart); when that fails or does
    // not converge (fitted probabilities saturated by a large offset), start again from the data as
    // glm.fit does (μ₀ = (y + 0.5)/2), which keeps every probability inside (0, 1).
    let fit: ReturnType<typeof irlsLogistic> | null = null;
    if (st) {
      try {
        fit = irlsLogistic(Xr, y, { offset, weights, start: st });
      } catch (e) {
        if (!(e instanceof SingularDesignError)) throw e;
      }
    }
    if (!fit || !fit.converged || !Number.isFinite(fit.deviance)) {
      const cold = irlsLogistic(Xr, y, { offset, weights, etaStart: fromData });
      if (!fit || !Number.isFinite(fit.deviance) || cold.deviance <= fit.deviance) fit = cold;
    }
    let s = 0;
    for (let i = 0; i < y.length; i++) s += xj[i] * (weights ? weights[i] : 1) * (y[i] - fit.mu[i]);
    const beta = [...fit.beta.slice(0, j), b, ...fit.beta.slice(j)];
    return { dev: fit.deviance, slope: -2 * s, beta };
  };
}

/** Profile function of coefficient j of a Firth fit: −2 × penalised log-likelihood (R: logistf profile). */
export function firthProfile(
  X: readonly (readonly number[])[],
  y: readonly number[],
  j: number,
): ProfileFunction {
  return (b, start) => {
    const fit = firthLogistic(X, y, { fixed: new Map([[j, b]]), start });
    return { dev: -2 * fit.penalizedLoglik, slope: -2 * fit.score[j], beta: fit.beta };
  };
}

/** Both profile limits [lower, upper] of coefficient j on the log-odds scale. */
export function profileInterval(
  f: ProfileFunction,
  beta: readonly number[],
  j: number,
  devhat: number,
  se: number,
  q: number,
  maxSe = 1e4,
): [number, number] {
  return [
    profileLimit(f, beta[j], devhat, se, -1, q, beta, maxSe),
    profileLimit(f, beta[j], devhat, se, 1, q, beta, maxSe),
  ];
}

/** Profile limits of one coefficient, or the Wald limits with a warning when a constrained refit fails. */
export interface ProfileOrWald {
  readonly limits: [number, number];
  readonly method: "profile" | "wald";
  /** Why the Wald limits stand in (null for profile limits). */
  readonly warning: string | null;
}

/**
 * {@link profileInterval}, falling back to the Wald limits β̂ⱼ ∓ z·se (z = `zq`) with a stated warning
 * when a constrained refit cannot be computed (SingularDesignError), instead of throwing: one term's
 * interval never costs the whole fit. Other errors propagate.
 */
export function profileIntervalOrWald(
  f: ProfileFunction,
  beta: readonly number[],
  j: number,
  devhat: number,
  se: number,
  q: number,
  zq: number,
  term = `x${j + 1}`,
  maxSe = 1e4,
): ProfileOrWald {
  try {
    return { limits: profileInterval(f, beta, j, devhat, se, q, maxSe), method: "profile", warning: null };
  } catch (e) {
    if (!(e instanceof SingularDesignError)) throw e;
    return {
      limits: [beta[j] - zq * se, beta[j] + zq * se],
      method: "wald",
      warning: `term "${term}": the profile-likelihood interval could not be computed (${
        (e as Error).message.split(":")[0]
      } in a constrained refit); the Wald interval is reported in its place`,
    };
  }
}
