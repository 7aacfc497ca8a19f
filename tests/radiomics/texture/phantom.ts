/**
 * The IBSI 1 digital phantom as numbers (from the IBSI manual's phantom, written out in
 * ../shared/reference/ibsi1/digital_phantom_values.md), and helpers to compare with reference_values.csv.
 */
import type { TextureRoi } from "../../../lib/radiomics/texture/mod.ts";
import { columnIndex, readCsv } from "../../../lib/data/csv.ts";
import { sharedDir } from "../../assert.ts";

/** Phantom image, file order (x fastest; 5 × 4 × 4). */
export const PHANTOM_IMAGE = [
  1,
  4,
  4,
  1,
  1,
  1,
  4,
  6,
  1,
  1,
  4,
  1,
  6,
  4,
  1,
  4,
  4,
  6,
  4,
  1,
  1,
  4,
  4,
  1,
  1,
  1,
  1,
  6,
  1,
  1,
  1,
  1,
  3,
  1,
  1,
  4,
  4,
  6,
  1,
  1,
  1,
  4,
  4,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  9,
  1,
  1,
  1,
  1,
  6,
  1,
  1,
  1,
  4,
  4,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  6,
  1,
  1,
];

/** Phantom mask, file order. */
export const PHANTOM_MASK = [
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  0,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  0,
  0,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  0,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  0,
  0,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
  1,
];

/** The phantom as a discretised ROI (grey levels 1..6 as they are: FBS 1 / FBN 6 leave them unchanged). */
export function phantomRoi(): TextureRoi {
  const levels = Int32Array.from(PHANTOM_IMAGE, (v, i) => (PHANTOM_MASK[i] ? v : 0));
  return { dims: [5, 4, 4], levels, nLevels: 6 };
}

/** One reference row of reference_values.csv. */
export interface RefRow {
  family: string;
  feature: string;
  code: string;
  dataSet: string;
  valueText: string;
  value: number;
  tolerance: number;
  aggregation: string;
}

export const REFERENCE_CSV = `${sharedDir}reference/ibsi1/reference_values.csv`;

/**
 * Allowed deviation: the CSV tolerance, or, where it is empty, half a unit of the last printed digit
 * (agreement after rounding to the printed digits), plus 1e-9 relative for floating point.
 */
export function allowedDeviation(valueText: string, tolText: string): number {
  if (tolText.trim() !== "") return Number(tolText);
  const [mant, exp] = valueText.toLowerCase().split("e");
  const dot = mant.indexOf(".");
  const decimals = dot < 0 ? 0 : mant.length - dot - 1;
  return 0.5 * Math.pow(10, -decimals + (exp ? Number(exp) : 0));
}

/** Texture reference rows of `dataSet`. */
export async function readTextureReference(dataSet: string): Promise<RefRow[]> {
  const t = await readCsv(REFERENCE_CSV);
  const col = (name: string) => columnIndex(t, name);
  const [fa, fe, co, ds, va, to, ag] = [
    "family",
    "feature",
    "ibsi_code",
    "data_set",
    "value",
    "tolerance",
    "aggregation",
  ].map(col);
  return t.rows
    .filter((r) => TEXTURE.includes(r[fa]) && r[ds] === dataSet && r[va] !== "")
    .map((r) => ({
      family: r[fa],
      feature: r[fe],
      code: r[co],
      dataSet: r[ds],
      valueText: r[va],
      value: Number(r[va]),
      tolerance: allowedDeviation(r[va], r[to]),
      aggregation: r[ag],
    }));
}

const TEXTURE = ["glcm", "glrlm", "glszm", "gldzm", "ngtdm", "ngldm"];
