/**
 * Nomogram calculator pages: one static, self-contained HTML page per frozen nomogram
 * (`results/models/nomogram_*.json`) that works offline from `file://` (inline CSS and script, no
 * network). An input per predictor (a list of levels for a factor, a number field for a numeric one,
 * with the predictor's training range beside it and as the field's min/max: the axis's `range` in the
 * model JSON, {@link trainingRange}, the same range `deno task score` checks for extrapolation), the points per predictor, the total points, the linear
 * predictor and the probability: logistic P(event), or for a Cox nomogram S(t | x) and 1 − S(t | x) at
 * each stored horizon. The risk shows in the element with id `risk` (Cox: at the first horizon), each
 * horizon in `survival_<t>` / `risk_<t>`, points in `points_<name>` and `total_points`.
 *
 * The page computes with the same code as `deno task score`: the nomogram JSON is embedded unchanged and
 * the arithmetic is the source of {@link nomogramPoints} (lib/models/nomogram_points.ts), which
 * `scoreNomogram` also calls; values are shown with {@link CALCULATOR_DIGITS} decimals (`toFixed`), so
 * a CSV value of `deno task score` rounded the same way equals the page's text.
 *
 * Query parameters prefill the inputs (`?ki67_pct=40&metastasis=positive&radscore=0.5`), so a link
 * reproduces a result; the page shows such a link for the values entered.
 * R analogue: DynNom::DynNom (a shiny server); here no server is needed.
 */
import { join } from "node:path";
import { loadNomogram, type Nomogram, trainingRange } from "../models/nomogram.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { nomogramPoints } from "../models/nomogram_points.ts";

/** Decimals shown on the page: points and total points 1, linear predictor and probabilities 3. */
export const CALCULATOR_DIGITS = { points: 1, lp: 3, probability: 3 } as const;

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Ids of the page's output elements for a nomogram (what a browser test reads). */
export function calculatorOutputIds(nom: Nomogram): string[] {
  const ids = [...nom.axes.map((a) => `points_${a.name}`), "total_points", "lp", "risk"];
  if (nom.model === "cox") {
    for (const b of nom.baselineSurvival ?? []) ids.push(`survival_${b.time}`, `risk_${b.time}`);
  }
  return ids;
}

/** Options of {@link calculatorHtml}. */
export interface CalculatorOptions {
  /** Where the nomogram came from, shown on the page (e.g. "models/nomogram_logistic.json"). */
  readonly source?: string;
  /** Lines of provenance shown under the calculator (seed, commit, date of fit). */
  readonly provenance?: readonly string[];
}

/** The calculator page of one nomogram: a complete HTML document (doctype, charset, inline CSS and JS). */
export function calculatorHtml(nom: Nomogram, options: CalculatorOptions = {}): string {
  const unit = nom.timeUnit ?? "months";
  const rows = nom.axes.map((a) => {
    const id = `in_${a.name}`;
    let input: string;
    let hint: string;
    if (a.type === "factor") {
      input = `<select id="${id}" name="${esc(a.name)}"><option value="">choose…</option>` +
        a.values.map((v) => `<option value="${esc(String(v))}">${esc(String(v))}</option>`).join("") +
        `</select>`;
      hint = a.values.map(String).join(" / ");
    } else {
      const [lo, hi] = trainingRange(a);
      input = `<input type="number" step="any" id="${id}" name="${esc(a.name)}" min="${lo}" max="${hi}">`;
      hint = `${a.range ? "training" : "axis"} range ${lo} to ${hi}`;
    }
    return `<tr><th scope="row"><label for="${id}">${esc(a.label)}</label><div class="hint"><code>${
      esc(a.name)
    }</code> · ${esc(hint)}</div></th><td>${input}</td><td class="num"><output id="points_${
      esc(a.name)
    }">–</output></td></tr>`;
  });
  const outRows = [
    `<tr><th scope="row">Total points</th><td class="num"><output id="total_points">–</output></td></tr>`,
  ];
  outRows.push(
    `<tr><th scope="row">Linear predictor</th><td class="num"><output id="lp">–</output></td></tr>`,
  );
  if (nom.model === "logistic") {
    const label = nom.riskAxes[0]?.label ?? "Risk";
    outRows.push(
      `<tr class="key"><th scope="row">${
        esc(label)
      }</th><td class="num"><output id="risk">–</output></td></tr>`,
    );
  } else {
    for (const b of nom.baselineSurvival ?? []) {
      outRows.push(
        `<tr><th scope="row">${b.time}-${esc(unit.replace(/s$/, ""))} survival S(${b.time})</th>` +
          `<td class="num"><output id="survival_${b.time}">–</output></td></tr>`,
        `<tr><th scope="row">${b.time}-${esc(unit.replace(/s$/, ""))} risk 1 − S(${b.time})</th>` +
          `<td class="num"><output id="risk_${b.time}">–</output></td></tr>`,
      );
    }
    const first = nom.baselineSurvival?.[0];
    outRows.push(
      `<tr class="key"><th scope="row">Risk by ${first?.time ?? "?"} ${esc(unit)}</th>` +
        `<td class="num"><output id="risk">–</output></td></tr>`,
    );
  }
  const method = nom.model === "logistic"
    ? "Risk = 1 / (1 + exp(−lp)), lp = lp₀ + total points / points per unit lp (logistic regression)."
    : "S(t | x) = S₀(t)^exp(lp), lp = lp₀ + total points / points per unit lp (Cox model; S₀ = baseline survival at the horizon).";
  const script = [
    `"use strict";`,
    `const NOM = ${JSON.stringify(nom)};`,
    `const DIGITS = ${JSON.stringify(CALCULATOR_DIGITS)};`,
    `const nomogramPoints = ${nomogramPoints.toString()};`,
    `const trainingRange = ${trainingRange.toString()};`,
    CLIENT_SCRIPT,
  ].join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(nom.title)}: calculator</title>
<style>${CALCULATOR_CSS}</style>
</head>
<body>
<main>
<h1>${esc(nom.title)}</h1>
<p class="lead">Enter one patient's values. Points, total points and ${
    nom.model === "logistic" ? "the risk" : "the survival probabilities"
  } are computed in this page, offline, with the frozen model${
    options.source ? ` <code>${esc(options.source)}</code>` : ""
  } (the same arithmetic as <code>deno task score</code>).</p>
<form id="form" autocomplete="off">
<table class="calc"><thead><tr><th>Predictor</th><th>Value</th><th class="num">Points</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody></table>
</form>
<table class="calc result"><tbody>
${outRows.join("\n")}
</tbody></table>
<p id="status" class="status" role="status"></p>
<p class="link">Link to this result: <a id="permalink" href="?">?</a></p>
<h2>Method</h2>
<p>${esc(method)} Points per predictor = (contribution to lp − its minimum on the axis) × ${
    nom.pointsPerUnitLp.toPrecision(6)
  } (rms::nomogram scaling, widest predictor spans 0–${nom.maxscale}); lp₀ = ${
    nom.lpAtZeroPoints.toPrecision(6)
  }.
Values outside a predictor's training range are extrapolated linearly and flagged. Shown to ${CALCULATOR_DIGITS.points} decimal for points and ${CALCULATOR_DIGITS.probability} for probabilities.
For research use; not a medical device.</p>
${
    options.provenance?.length
      ? `<ul class="prov">${options.provenance.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>`
      : ""
  }
</main>
<script>
${script.replace(/<\/script/gi, "<\\/script")}
</script>
</body>
</html>
`;
}

const CALCULATOR_CSS = `
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:0;background:#fafafa;color:#222}
main{max-width:46rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.35rem}h2{font-size:1.05rem;margin-top:2rem}
.lead,.link,.prov{color:#444;font-size:.92rem}
table.calc{border-collapse:collapse;width:100%;margin:1rem 0;background:#fff}
table.calc th,table.calc td{border-bottom:1px solid #ddd;padding:.45rem .6rem;text-align:left;vertical-align:middle}
table.calc thead th{border-bottom:2px solid #333}
.num{text-align:right;font-variant-numeric:tabular-nums}
.hint{font-weight:normal;color:#666;font-size:.8rem}
input,select{font:inherit;padding:.25rem;width:10rem}
tr.key th,tr.key td{font-weight:bold;font-size:1.1rem;border-top:2px solid #333}
.status{color:#a33;min-height:1.2em}
code{font-size:.88em}
`;

/** The page's behaviour (plain ES2017, runs in any current browser from file://). */
const CLIENT_SCRIPT = `
const fmt = (x, d) => (Number.isFinite(x) ? x.toFixed(d) : "–");
function readInputs() {
  const values = {};
  const missing = [];
  const warnings = [];
  for (const a of NOM.axes) {
    const el = document.getElementById("in_" + a.name);
    const raw = el.value.trim();
    if (raw === "") { missing.push(a.label); continue; }
    if (a.type === "numeric") {
      const x = Number(raw);
      if (!Number.isFinite(x)) { missing.push(a.label); continue; }
      const [lo, hi] = trainingRange(a);
      if (x < lo || x > hi) warnings.push(a.name + " = " + x + " is outside the " + (a.range ? "training" : "axis") + " range [" + lo + ", " + hi + "]: points extrapolated");
      values[a.name] = x;
    } else values[a.name] = raw;
  }
  return { values, missing, warnings };
}
function setText(id, text) { const el = document.getElementById(id); if (el) el.textContent = text; }
function update() {
  const { values, missing, warnings } = readInputs();
  const q = new URLSearchParams();
  for (const a of NOM.axes) if (values[a.name] !== undefined) q.set(a.name, String(values[a.name]));
  const link = document.getElementById("permalink");
  link.href = "?" + q.toString();
  link.textContent = "?" + q.toString();
  for (const a of NOM.axes) {
    setText("points_" + a.name, values[a.name] === undefined ? "–" : fmt(nomogramPoints({ ...NOM, axes: [a] }, values).points[a.name], DIGITS.points));
  }
  const ids = ["total_points", "lp", "risk"].concat((NOM.baselineSurvival || []).flatMap((b) => ["survival_" + b.time, "risk_" + b.time]));
  if (missing.length) {
    for (const id of ids) setText(id, "–");
    setText("status", "Enter: " + missing.join(", "));
    document.body.dataset.state = "incomplete";
    return;
  }
  const s = nomogramPoints(NOM, values);
  for (const a of NOM.axes) setText("points_" + a.name, fmt(s.points[a.name], DIGITS.points));
  setText("total_points", fmt(s.totalPoints, DIGITS.points));
  setText("lp", fmt(s.lp, DIGITS.lp));
  setText("risk", fmt(s.risk, DIGITS.probability));
  for (const b of NOM.baselineSurvival || []) {
    setText("survival_" + b.time, fmt(s.survival[String(b.time)], DIGITS.probability));
    setText("risk_" + b.time, fmt(1 - s.survival[String(b.time)], DIGITS.probability));
  }
  setText("status", warnings.join("; "));
  document.body.dataset.state = "scored";
}
function prefill() {
  const q = new URLSearchParams(location.search);
  const bad = [];
  for (const a of NOM.axes) {
    if (!q.has(a.name)) continue;
    const v = q.get(a.name);
    const el = document.getElementById("in_" + a.name);
    if (a.type === "factor" && !a.values.map(String).includes(v)) { bad.push(a.name + "=" + v + " (levels: " + a.values.join(", ") + ")"); continue; }
    el.value = v;
  }
  for (const k of q.keys()) if (!NOM.axes.some((a) => a.name === k)) bad.push(k + " (not a predictor of this model)");
  update();
  if (bad.length) setText("status", "Ignored query parameters: " + bad.join("; "));
}
document.getElementById("form").addEventListener("input", update);
document.getElementById("form").addEventListener("change", update);
prefill();
`;

/** The index page of a calculator folder: one link per calculator page. */
export function calculatorIndexHtml(pages: readonly { file: string; title: string }[]): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Nomogram calculators</title><style>${CALCULATOR_CSS}</style></head>
<body><main><h1>Nomogram calculators</h1><ul>
${pages.map((p) => `<li><a href="${esc(p.file)}">${esc(p.title)}</a></li>`).join("\n")}
</ul><p class="lead">Static pages: they work offline from the file system. Query parameters prefill the inputs, e.g. <code>?name=value</code>.</p></main></body></html>
`;
}

/**
 * Write one calculator page per `nomogram_*.json` of `modelsDir` into `outDir` (`<stem>.html`, e.g.
 * `nomogram_logistic.html`) and an `index.html`; returns the paths written. Each JSON is checked
 * ({@link loadNomogram}) before anything is written.
 */
export async function writeCalculatorPages(
  modelsDir: string,
  outDir: string,
  options: { provenance?: readonly string[] } = {},
): Promise<string[]> {
  const files: string[] = [];
  for await (const e of Deno.readDir(modelsDir)) {
    if (e.isFile && /^nomogram_.*\.json$/.test(e.name)) files.push(e.name);
  }
  files.sort();
  const noms = await Promise.all(files.map((f) => loadNomogram(join(modelsDir, f))));
  await Deno.mkdir(outDir, { recursive: true });
  const written: string[] = [];
  const pages: { file: string; title: string }[] = [];
  for (let i = 0; i < files.length; i++) {
    const file = files[i].replace(/\.json$/, ".html");
    const path = join(outDir, file);
    await writeFileAtomic(
      path,
      calculatorHtml(noms[i], { source: `models/${files[i]}`, provenance: options.provenance }),
    );
    written.push(path);
    pages.push({ file, title: noms[i].title });
  }
  const index = join(outDir, "index.html");
  await writeFileAtomic(index, calculatorIndexHtml(pages));
  return [...written, index];
}
