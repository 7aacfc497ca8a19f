/**
 * Image–mask checks before extraction. Each problem is an error naming both files and the header
 * field or voxel: grid size (dim[1..3]), spacing (pixdim) and affine within tolerance, mask values
 * (only 0 and the label, integers), an empty mask; a mask touching the image border is a warning
 * (the ROI may be cut off), returned rather than thrown.
 */
import { type Image, ImageError } from "./image.ts";

/** Options of {@link checkImageMask}. */
export interface CheckOptions {
  /** ROI label (default 1). */
  readonly label?: number;
  /** Tolerance on spacing and affine entries, relative to the spacing (default 1e-4). */
  readonly tolerance?: number;
  /** Throw when the mask touches the image border instead of warning (default false). */
  readonly borderIsError?: boolean;
  /** Allow mask values other than 0 and the label (they count as background; default false). */
  readonly allowOtherLabels?: boolean;
}

/** Result: voxel count and warnings (cause + remedy). */
export interface CheckReport {
  readonly roiVoxels: number;
  readonly warnings: string[];
}

/** Check that `mask` fits `image` (see module doc). Throws {@link ImageError} on the first problem. */
export function checkImageMask(image: Image, mask: Image, options: CheckOptions = {}): CheckReport {
  const label = options.label ?? 1;
  const tol = options.tolerance ?? 1e-4;
  const pair = `${image.source} / ${mask.source}`;
  for (let a = 0; a < 3; a++) {
    if (image.dims[a] !== mask.dims[a]) {
      throw new ImageError(
        `${pair} header dim[${a + 1}]: image has ${image.dims[a]}, mask has ${mask.dims[a]} (grid sizes ${
          image.dims.join("×")
        } vs ${mask.dims.join("×")})`,
      );
    }
  }
  for (let a = 0; a < 3; a++) {
    if (Math.abs(image.spacing[a] - mask.spacing[a]) > tol * image.spacing[a]) {
      throw new ImageError(
        `${pair} header pixdim[${a + 1}]: image spacing ${image.spacing[a]} mm, mask ${mask.spacing[a]} mm`,
      );
    }
  }
  const scale = Math.max(...image.spacing);
  for (let i = 0; i < 12; i++) {
    if (Math.abs(image.affine[i] - mask.affine[i]) > tol * scale * (i % 4 === 3 ? 10 : 1)) {
      const r = Math.floor(i / 4), c = i % 4;
      throw new ImageError(
        `${pair} header ${"xyz"[r]} row of the affine (srow_${"xyz"[r]}[${c}] / qform): image ${
          image.affine[i]
        }, mask ${mask.affine[i]}; the mask is not on the image grid (resample it first)`,
      );
    }
  }
  const [nx, ny, nz] = mask.dims;
  const d = mask.data;
  const allowOther = options.allowOtherLabels === true;
  let count = 0, border = -1;
  for (let i = 0, z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++, i += nx) {
      const c = countRow(d, i, nx, mask.slope, mask.inter, label, allowOther);
      if (c < 0) {
        const x = -1 - c;
        throw new ImageError(
          `${mask.source} voxel (${x}, ${y}, ${z}): mask value ${
            d[i + x] * mask.slope + mask.inter
          }, expected 0 or the label ${label} (set allowOtherLabels to treat other values as background)`,
        );
      }
      count += c;
      if (border < 0 && c > 0) {
        if (y === 0 || z === 0 || y === ny - 1 || z === nz - 1) {
          border = i + firstInRow(d, i, mask.slope, mask.inter, label);
        } else if (d[i] * mask.slope + mask.inter === label) border = i;
        else if (d[i + nx - 1] * mask.slope + mask.inter === label) border = i + nx - 1;
      }
    }
  }
  if (count === 0) {
    throw new ImageError(`${mask.source}: the mask has no voxel with label ${label} (empty ROI)`);
  }
  const warnings: string[] = [];
  if (border >= 0) {
    const x = border % nx, y = Math.floor(border / nx) % ny, z = Math.floor(border / (nx * ny));
    const msg =
      `${mask.source} voxel (${x}, ${y}, ${z}): the ROI touches the image border, so it may be cut off; check the field of view or the segmentation`;
    if (options.borderIsError) throw new ImageError(msg);
    warnings.push(msg);
  }
  return { roiVoxels: count, warnings };
}

/**
 * One x-row of {@link checkImageMask}: the number of voxels d · slope + inter equal to `label` in
 * d[i .. i + nx), or −1 − x for the first voxel x that is neither 0 nor the label (unless
 * `allowOther`). A function per row so that V8 does not deoptimise an on-stack-replaced inner loop
 * at every row's end.
 */
function countRow(
  d: ArrayLike<number>,
  i: number,
  nx: number,
  slope: number,
  inter: number,
  label: number,
  allowOther: boolean,
): number {
  let count = 0;
  for (let x = 0; x < nx; x++) {
    const v = d[i + x] * slope + inter;
    if (v === label) count++;
    else if (v !== 0 && !allowOther) return -1 - x;
  }
  return count;
}

/** The first x from d[i] on whose value d · slope + inter equals `label` (the row has one). */
function firstInRow(
  d: ArrayLike<number>,
  i: number,
  slope: number,
  inter: number,
  label: number,
): number {
  let x = 0;
  while (d[i + x] * slope + inter !== label) x++;
  return x;
}
