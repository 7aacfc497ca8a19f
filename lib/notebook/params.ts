/**
 * Notebook parameters, papermill style: the first cell of every notebook calls
 * `params({ data: "..", seed: 1 })`; a run overrides the defaults through the
 * environment variable NOMOGRAM_PARAMS (a JSON object), which both engines pass to the notebook.
 * Overrides must have the type of their default; unknown keys are an error.
 */

/** Merge the run's parameter overrides into the notebook's defaults. */
export function params<T extends Record<string, string | number | boolean>>(defaults: T): T {
  const raw = Deno.env.get("NOMOGRAM_PARAMS");
  if (!raw) return { ...defaults };
  let over: Record<string, unknown>;
  try {
    over = JSON.parse(raw);
  } catch (e) {
    throw new Error(`NOMOGRAM_PARAMS: not valid JSON (${(e as Error).message})`);
  }
  const out: Record<string, string | number | boolean> = { ...defaults };
  for (const [k, v] of Object.entries(over)) {
    if (!(k in defaults)) continue; // a parameter of another notebook
    if (typeof v !== typeof defaults[k]) {
      throw new Error(`parameter "${k}": expected a ${typeof defaults[k]}, got ${JSON.stringify(v)}`);
    }
    out[k] = v as string | number | boolean;
  }
  return out as T;
}
