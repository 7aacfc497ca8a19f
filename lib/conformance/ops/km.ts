/** Conformance op `km`: Kaplan–Meier (optionally reverse, optionally by group) → lib/eval/km.ts. */
import type { ResolvedCase } from "../case.ts";
import { kaplanMeier, type KaplanMeierFit, kaplanMeierStrata } from "../../eval/km.ts";

function rows(f: KaplanMeierFit): Record<string, unknown> {
  return {
    time: f.time,
    n_risk: f.nRisk,
    n_event: f.nEvent,
    n_censor: f.nCensor,
    surv: f.surv,
    std_err: f.stdErr,
    lower: f.lower,
    upper: f.upper,
    median: f.median,
    median_lower: f.medianLower,
    median_upper: f.medianUpper,
  };
}

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params as Record<string, unknown>;
  const t = c.table();
  const time = t.num(String(p.time));
  const status = t.num(String(p.status));
  const options = {
    reverse: Boolean(p.reverse ?? false),
    confLevel: Number(p.conf_level ?? 0.95),
    confType: (p.conf_type ?? "log-log") as "log-log" | "log" | "plain",
    source: c.file,
  };
  if (p.group !== undefined) {
    const strata = kaplanMeierStrata(time, status, t.text(String(p.group)), {
      ...options,
      levels: p.group_levels as string[] | undefined,
    });
    return {
      strata: Object.fromEntries(Object.entries(strata).map(([k, f]) => [k, { level: k, ...rows(f) }])),
    };
  }
  return rows(kaplanMeier(time, status, options));
}
