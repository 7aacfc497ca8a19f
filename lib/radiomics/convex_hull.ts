/**
 * 3D convex hull of a point set by incremental construction (Clarkson & Shor 1989; see de Berg et al.,
 * Computational Geometry, 3rd ed., ch. 11): start from a tetrahedron of extreme points, then for each
 * further point remove the faces it sees and close the hole with a cone to the horizon. Points on or
 * within `eps` of the hull are skipped (coplanar points do not change the volume or area).
 *
 * Before the hull, points strictly between two others on the same axis-parallel line are dropped
 * (they cannot be hull vertices), which shrinks the mesh-vertex sets of voxel masks a lot.
 */

/** Hull volume, area and vertex coordinates (xyz triples). */
export interface Hull {
  readonly volume: number;
  readonly area: number;
  readonly vertices: Float64Array;
}

/**
 * Keep, on every axis-parallel line (points sharing the other two coordinates exactly), only its two
 * extreme points along the axis (ties: the lowest index at the low end, the highest at the high end),
 * for each axis in turn; the kept points stay in input order. O(n) per axis with hash maps.
 */
function lineFilter(pts: Float64Array): Float64Array {
  let cur = pts;
  for (let axis = 0; axis < 3; axis++) {
    const [u, v] = [0, 1, 2].filter((a) => a !== axis);
    const n = cur.length / 3;
    const c = cur;
    // line id per point: (u, v) pair → dense integer
    const uMap = new Map<number, Map<number, number>>();
    const line = new Int32Array(n);
    let nl = 0;
    for (let i = 0; i < n; i++) {
      const cu = c[3 * i + u], cv = c[3 * i + v];
      let m = uMap.get(cu);
      if (!m) uMap.set(cu, m = new Map());
      let l = m.get(cv);
      if (l === undefined) m.set(cv, l = nl++);
      line[i] = l;
    }
    const lo = new Int32Array(nl).fill(-1), hi = new Int32Array(nl).fill(-1);
    for (let i = 0; i < n; i++) {
      const l = line[i], w = c[3 * i + axis];
      if (lo[l] < 0 || w < c[3 * lo[l] + axis]) lo[l] = i;
      if (hi[l] < 0 || w >= c[3 * hi[l] + axis]) hi[l] = i;
    }
    const keep = new Uint8Array(n);
    for (let l = 0; l < nl; l++) keep[lo[l]] = 1, keep[hi[l]] = 1;
    let k = 0;
    for (let i = 0; i < n; i++) k += keep[i];
    const out = new Float64Array(k * 3);
    for (let i = 0, o = 0; i < n; i++) {
      if (!keep[i]) continue;
      out[o++] = c[3 * i], out[o++] = c[3 * i + 1], out[o++] = c[3 * i + 2];
    }
    cur = out;
  }
  return cur;
}

/**
 * Convex hull of points (xyz triples). Degenerate (flat) sets give volume 0 and their area 0.
 * Points are first thinned by the line filter and by the Akl–Toussaint heuristic (points inside the
 * hull of the extreme points along the 26 grid directions are dropped).
 */
export function convexHull(points: Float64Array): Hull {
  const L = lineFilter(points);
  const n = L.length / 3;
  if (n < 64) return hullCore(L);
  const ext = new Set<number>();
  for (let a = -1; a <= 1; a++) {
    for (let b = -1; b <= 1; b++) {
      for (let c = -1; c <= 1; c++) {
        if (!a && !b && !c) continue;
        let best = -Infinity, bi = 0;
        for (let i = 0; i < n; i++) {
          const d = a * L[3 * i] + b * L[3 * i + 1] + c * L[3 * i + 2];
          if (d > best) best = d, bi = i;
        }
        ext.add(bi);
      }
    }
  }
  const E = new Float64Array(ext.size * 3);
  let k = 0;
  for (const i of ext) E.set(L.subarray(3 * i, 3 * i + 3), 3 * k++);
  const inner = hullCore(E);
  if (inner.volume === 0) return hullCore(L);
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = L[3 * i], y = L[3 * i + 1], z = L[3 * i + 2];
    let outside = ext.has(i);
    for (let f = 0; !outside && f < inner.planes.length; f += 4) {
      if (
        inner.planes[f] * x + inner.planes[f + 1] * y + inner.planes[f + 2] * z - inner.planes[f + 3] >
          -1e-9 * inner.scale
      ) outside = true;
    }
    if (outside) keep.push(i);
  }
  const K = new Float64Array(keep.length * 3);
  keep.forEach((i, j) => K.set(L.subarray(3 * i, 3 * i + 3), 3 * j));
  return hullCore(K);
}

function hullCore(P: Float64Array): Hull & { planes: number[]; scale: number } {
  const n = P.length / 3;
  const x = (i: number) => P[3 * i], y = (i: number) => P[3 * i + 1], z = (i: number) => P[3 * i + 2];
  if (n < 4) return { volume: 0, area: 0, vertices: P, planes: [], scale: 1 };
  let ext = 0;
  for (let i = 0; i < P.length; i++) ext = Math.max(ext, Math.abs(P[i]));
  const eps = 1e-10 * Math.max(1, ext) ** 2;
  // initial tetrahedron
  let i0 = 0, i1 = 0;
  for (let i = 1; i < n; i++) {
    if (x(i) < x(i0)) i0 = i;
    if (x(i) > x(i1)) i1 = i;
  }
  if (i0 === i1) i1 = i0 === 0 ? 1 : 0;
  const sub = (a: number, b: number) => [x(a) - x(b), y(a) - y(b), z(a) - z(b)];
  const cross = (
    u: number[],
    v: number[],
  ) => [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
  const dot = (u: number[], v: number[]) => u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
  let i2 = -1, best = 0;
  const d01 = sub(i1, i0);
  for (let i = 0; i < n; i++) {
    const c = cross(d01, sub(i, i0));
    const m = dot(c, c);
    if (m > best) best = m, i2 = i;
  }
  if (i2 < 0 || best <= eps) return { volume: 0, area: 0, vertices: P, planes: [], scale: 1 };
  const nrm0 = cross(d01, sub(i2, i0));
  let i3 = -1;
  best = 0;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(dot(nrm0, sub(i, i0)));
    if (d > best) best = d, i3 = i;
  }
  if (i3 < 0 || best <= eps) return { volume: 0, area: 0, vertices: P, planes: [], scale: 1 };
  const cx = (x(i0) + x(i1) + x(i2) + x(i3)) / 4,
    cy = (y(i0) + y(i1) + y(i2) + y(i3)) / 4,
    cz = (z(i0) + z(i1) + z(i2) + z(i3)) / 4;
  // faces: a, b, c with outward normal
  const fa: number[] = [],
    fb: number[] = [],
    fc: number[] = [],
    // unit outward normals (x, y, z components) and offsets
    fnx: number[] = [],
    fny: number[] = [],
    fnz: number[] = [],
    fd: number[] = [],
    alive: boolean[] = [];
  const addFace = (a: number, b: number, c: number) => {
    let nrm = cross(sub(b, a), sub(c, a));
    let d = nrm[0] * x(a) + nrm[1] * y(a) + nrm[2] * z(a);
    if (nrm[0] * cx + nrm[1] * cy + nrm[2] * cz - d > 0) {
      [b, c] = [c, b];
      nrm = nrm.map((v) => -v);
      d = -d;
    }
    const len = Math.hypot(nrm[0], nrm[1], nrm[2]);
    fa.push(a), fb.push(b), fc.push(c), alive.push(true);
    fnx.push(nrm[0] / len), fny.push(nrm[1] / len), fnz.push(nrm[2] / len), fd.push(d / len);
  };
  addFace(i0, i1, i2), addFace(i0, i1, i3), addFace(i0, i2, i3), addFace(i1, i2, i3);
  const epsD = 1e-9 * Math.max(1, ext);
  // process points farthest from the centre first
  const dc = new Float64Array(n);
  for (let i = 0; i < n; i++) dc[i] = (x(i) - cx) ** 2 + (y(i) - cy) ** 2 + (z(i) - cz) ** 2;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => dc[b] - dc[a] || a - b);
  let aliveList: number[] = [0, 1, 2, 3];
  for (const p of order) {
    if (p === i0 || p === i1 || p === i2 || p === i3) continue;
    const px = x(p), py = y(p), pz = z(p);
    const visible: number[] = [];
    for (let q = 0; q < aliveList.length; q++) {
      const f = aliveList[q];
      if (fnx[f] * px + fny[f] * py + fnz[f] * pz - fd[f] > epsD) visible.push(f);
    }
    if (visible.length === 0) continue;
    const edges = new Set<string>();
    const firstNew = alive.length;
    for (const f of visible) {
      alive[f] = false;
      edges.add(fa[f] + ">" + fb[f]), edges.add(fb[f] + ">" + fc[f]), edges.add(fc[f] + ">" + fa[f]);
    }
    for (const f of visible) {
      for (const [a, b] of [[fa[f], fb[f]], [fb[f], fc[f]], [fc[f], fa[f]]]) {
        if (!edges.has(b + ">" + a)) addFace(a, b, p);
      }
    }
    const next: number[] = [];
    for (const f of aliveList) if (alive[f]) next.push(f);
    for (let f = firstNew; f < alive.length; f++) next.push(f);
    aliveList = next;
  }
  let volume = 0, area = 0;
  const used = new Set<number>();
  const planes: number[] = [];
  for (const f of aliveList) {
    planes.push(fnx[f], fny[f], fnz[f], fd[f]);
    const a = fa[f], b = fb[f], c = fc[f];
    const cr = cross(sub(b, a), sub(c, a));
    area += Math.hypot(cr[0], cr[1], cr[2]) / 2;
    volume += dot([x(a), y(a), z(a)], cross([x(b), y(b), z(b)], [x(c), y(c), z(c)])) / 6;
    used.add(a), used.add(b), used.add(c);
  }
  const verts = new Float64Array(used.size * 3);
  let k = 0;
  for (const i of used) verts.set([x(i), y(i), z(i)], 3 * k++);
  return { volume: Math.abs(volume), area, vertices: verts, planes, scale: Math.max(1, ext) };
}

/** Largest distance between two points (xyz triples), O(n²). */
export function maxDistance(points: Float64Array): number {
  const n = points.length / 3;
  let best = 0;
  for (let i = 0; i < n; i++) {
    const ax = points[3 * i], ay = points[3 * i + 1], az = points[3 * i + 2];
    for (let j = i + 1; j < n; j++) {
      const d = (points[3 * j] - ax) ** 2 + (points[3 * j + 1] - ay) ** 2 + (points[3 * j + 2] - az) ** 2;
      if (d > best) best = d;
    }
  }
  return Math.sqrt(best);
}
