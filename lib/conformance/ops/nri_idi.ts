/** Conformance op `nri_idi`: continuous and categorical NRI and IDI → lib/eval/nri_idi.ts. */
import type { ResolvedCase } from "../case.ts";
import { type NriEstimate, nriIdi, type NriResult } from "../../eval/nri_idi.ts";

function est(e: NriEstimate): Record<string, number> {
  return {
    estimate: e.estimate,
    se: e.se,
    z: e.z,
    p_value: e.pValue,
    lower: e.lower,
    upper: e.upper,
    se_pencina2008: e.sePencina2008,
    z_pencina2008: e.zPencina2008,
    p_pencina2008: e.pPencina2008,
  };
}

function nri(r: NriResult): Record<string, unknown> {
  return {
    nri: est(r.nri),
    nri_events: est(r.nriEvents),
    nri_nonevents: est(r.nriNonevents),
    n_up_events: r.nUpEvents,
    n_down_events: r.nDownEvents,
    n_up_nonevents: r.nUpNonevents,
    n_down_nonevents: r.nDownNonevents,
    p_up_events: r.pUpEvents,
    p_down_events: r.pDownEvents,
    p_up_nonevents: r.pUpNonevents,
    p_down_nonevents: r.pDownNonevents,
  };
}

export function run(c: ResolvedCase): Record<string, unknown> {
  const p = c.params as Record<string, unknown>;
  const t = c.table();
  const r = nriIdi(t.num(String(p.outcome)), t.num(String(p.old)), t.num(String(p.new)), {
    cutoffs: p.cutoffs as number[] | undefined,
    confLevel: Number(p.conf_level ?? 0.95),
  });
  const out: Record<string, unknown> = {
    n: r.n,
    n_events: r.nEvents,
    n_nonevents: r.nNonevents,
    continuous: nri(r.continuous),
    idi: {
      idi: r.idi.idi,
      se: r.idi.se,
      z: r.idi.z,
      p_value: r.idi.pValue,
      lower: r.idi.lower,
      upper: r.idi.upper,
      improve_sens: r.idi.improveSens,
      improve_spec: r.idi.improveSpec,
      discrimination_slope_old: r.idi.discriminationSlopeOld,
      discrimination_slope_new: r.idi.discriminationSlopeNew,
    },
  };
  if (r.categorical) {
    out.categorical = {
      n_categories: r.categorical.nCategories,
      reclassification_events: r.categorical.reclassificationEvents,
      reclassification_nonevents: r.categorical.reclassificationNonevents,
      ...nri(r.categorical),
    };
  }
  return out;
}
