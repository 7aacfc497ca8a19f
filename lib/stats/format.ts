/**
 * Number formatting for report tables, as journals print them.
 *
 * - {@link formatFixed}: fixed decimals with C `printf("%.*f")` semantics (R's `sprintf`/`formatC`):
 *   the exact binary value is rounded, an exact tie goes to the even digit.
 * - {@link formatP}: p-values: "<0.001" below the threshold, otherwise 3 decimals (AMA/APA style;
 *   NEJM and most oncology journals print p this way).
 * - {@link formatCountPercent}: "n (%)" with the percentage of the column total.
 */
import { checkKnownOptions, optionError } from "../io/options.ts";

/**
 * Format `x` with `digits` decimals exactly as C's `printf("%.{digits}f", x)`: the exact binary value
 * is rounded to nearest, ties (exactly representable halves such as 0.125) to even; negative values
 * keep their sign even when they round to zero ("-0.00"). NaN → "NaN", ±∞ → "Inf"/"-Inf" (as R prints).
 */
export function formatFixed(x: number, digits: number): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    optionError("formatFixed", "digits", "an integer in 0..20", digits);
  }
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Inf" : "-Inf";
  const neg = x < 0 || Object.is(x, -0);
  const a = Math.abs(x);
  if (a >= 1e21) {
    return (neg ? "-" : "") + BigInt(a).toString() + (digits > 0 ? "." + "0".repeat(digits) : "");
  }
  let s = a.toFixed(digits); // nearest, ties away from zero on the exact value
  const exact = a.toFixed(100); // exact decimal expansion for |x| >= 2^-47 (enough for ties at <= 14 digits)
  const point = exact.indexOf(".");
  const tail = exact.slice(point + 1 + digits);
  if (/^50*$/.test(tail)) {
    const truncated = digits > 0 ? exact.slice(0, point + 1 + digits) : exact.slice(0, point);
    const last = Number(truncated[truncated.length - 1]);
    if (last % 2 === 0) s = truncated; // tie: round half to even
  }
  return (neg ? "-" : "") + s;
}

/** Options of {@link formatP}. */
export interface FormatPOptions {
  /** Decimals of p-values at or above the threshold (default 3). */
  digits?: number;
  /** Values below it print as "<threshold" (default 0.001). */
  threshold?: number;
}

/**
 * Journal p-value: "<0.001" when p < `threshold` (default 0.001), otherwise p with `digits`
 * (default 3) decimals, e.g. 0.0539 → "0.054", 1 → "1.000". NaN/null → "NA". Throws when p is outside [0, 1].
 */
export function formatP(p: number | null, options: FormatPOptions = {}): string {
  checkKnownOptions("formatP", options, ["digits", "threshold"]);
  const digits = options.digits ?? 3;
  const threshold = options.threshold ?? 0.001;
  if (!(threshold > 0 && threshold < 1)) optionError("formatP", "threshold", "a number in (0, 1)", threshold);
  if (p === null || Number.isNaN(p)) return "NA";
  if (typeof p !== "number" || p < 0 || p > 1) optionError("formatP", "p", "a probability in [0, 1]", p);
  if (p < threshold) return "<" + String(threshold);
  return formatFixed(p, digits);
}

/**
 * "n (%)": count and percentage of `total` with `digits` decimals (default 1), e.g.
 * `formatCountPercent(32, 215)` → "32 (14.9)". A zero total gives "0 (NA)".
 */
export function formatCountPercent(n: number, total: number, digits = 1): string {
  if (!Number.isInteger(n) || n < 0) optionError("formatCountPercent", "n", "a non-negative integer", n);
  if (!Number.isInteger(total) || total < n) {
    optionError("formatCountPercent", "total", `an integer >= n (${n})`, total);
  }
  if (total === 0) return `${n} (NA)`;
  return `${n} (${formatFixed((100 * n) / total, digits)})`;
}
