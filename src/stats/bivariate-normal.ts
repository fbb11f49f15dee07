/**
 * Bivariate standard normal probabilities exactly as R's mnormt (`sadmvn` / `biv.nt.prob` for d = 2), which
 * psych's polychoric and tetrachoric call: Genz's MVBVU (Drezner & Wesolowsky 1989 with Genz & Ge's double
 * precision changes; mnormt src/biv-nt.f) and MVBVN's combination of upper-orthant probabilities into a
 * rectangle. Accurate to about 1e-15.
 */
import { pnorm } from './distributions.ts';

const TWOPI = 6.283185307179586;
const W = [
  [0.1713244923791705, 0.3607615730481384, 0.4679139345726904],
  [0.04717533638651177, 0.1069393259953183, 0.1600783285433464, 0.2031674267230659, 0.2334925365383547, 0.2491470458134029],
  [
    0.01761400713915212, 0.04060142980038694, 0.06267204833410906, 0.08327674157670475, 0.1019301198172404,
    0.1181945319615184, 0.1316886384491766, 0.1420961093183821, 0.1491729864726037, 0.1527533871307259,
  ],
];
const X = [
  [-0.9324695142031522, -0.6612093864662647, -0.238619186083197],
  [-0.9815606342467191, -0.904117256370475, -0.769902674194305, -0.5873179542866171, -0.3678314989981802, -0.1252334085114692],
  [
    -0.9931285991850949, -0.9639719272779138, -0.9122344282513259, -0.8391169718222188, -0.7463319064601508,
    -0.636053680726515, -0.5108670019508271, -0.3737060887154196, -0.2277858511416451, -0.07652652113349733,
  ],
];

/** P(X > sh, Y > sk) for standard bivariate normal with correlation r (Genz's MVBVU). */
export function bvnUpper(sh: number, sk: number, r: number): number {
  const ng = Math.abs(r) < 0.3 ? 0 : Math.abs(r) < 0.75 ? 1 : 2;
  const w = W[ng];
  const x = X[ng];
  const h = sh;
  let k = sk;
  let hk = h * k;
  let bvn = 0;
  if (Math.abs(r) < 0.925) {
    const hs = (h * h + k * k) / 2;
    const asr = Math.asin(r);
    for (let i = 0; i < w.length; i++) {
      let sn = Math.sin((asr * (x[i] + 1)) / 2);
      bvn += w[i] * Math.exp((sn * hk - hs) / (1 - sn * sn));
      sn = Math.sin((asr * (-x[i] + 1)) / 2);
      bvn += w[i] * Math.exp((sn * hk - hs) / (1 - sn * sn));
    }
    return (bvn * asr) / (2 * TWOPI) + pnorm(-h) * pnorm(-k);
  }
  if (r < 0) {
    k = -k;
    hk = -hk;
  }
  if (Math.abs(r) < 1) {
    const as = (1 - r) * (1 + r);
    let a = Math.sqrt(as);
    const bs = (h - k) ** 2;
    const c = (4 - hk) / 8;
    const d = (12 - hk) / 16;
    bvn = a * Math.exp(-(bs / as + hk) / 2) * (1 - (c * (bs - as) * (1 - (d * bs) / 5)) / 3 + (c * d * as * as) / 5);
    if (hk > -160) {
      const b = Math.sqrt(bs);
      bvn -= Math.exp(-hk / 2) * Math.sqrt(TWOPI) * pnorm(-b / a) * b * (1 - (c * bs * (1 - (d * bs) / 5)) / 3);
    }
    a = a / 2;
    for (let i = 0; i < w.length; i++) {
      let xs = (a * (x[i] + 1)) ** 2;
      let rs = Math.sqrt(1 - xs);
      bvn += a * w[i] * (Math.exp(-bs / (2 * xs) - hk / (1 + rs)) / rs - Math.exp(-(bs / xs + hk) / 2) * (1 + c * xs * (1 + d * xs)));
      xs = (as * (-x[i] + 1) ** 2) / 4;
      rs = Math.sqrt(1 - xs);
      bvn += a * w[i] * Math.exp(-(bs / xs + hk) / 2) * (Math.exp((-hk * (1 - rs)) / (2 * (1 + rs))) / rs - (1 + c * xs * (1 + d * xs)));
    }
    bvn = -bvn / TWOPI;
  }
  if (r > 0) bvn += pnorm(-Math.max(h, k));
  if (r < 0) bvn = -bvn + Math.max(0, pnorm(-h) - pnorm(-k));
  return bvn;
}

/**
 * P(lower1 < X <= upper1, lower2 < Y <= upper2) as mnormt's `sadmvn(lower, upper, 0, [[1, r], [r, 1]])`:
 * infinite limits select MVBVN's case (an equal pair of limits gives 0, both infinite gives pnorm differences).
 */
export function bvnRectangle(lower1: number, upper1: number, lower2: number, upper2: number, r: number): number {
  if (lower1 > upper1 || lower2 > upper2) return NaN;
  if (lower1 === upper1 || lower2 === upper2) return 0;
  const inf = (lo: number, up: number): number =>
    up === Infinity && lo === -Infinity ? -1 : up === Infinity ? 1 : lo === -Infinity ? 0 : 2;
  const i1 = inf(lower1, upper1);
  const i2 = inf(lower2, upper2);
  if (i1 === -1 && i2 === -1) return 1;
  if (i1 === -1) return pnorm(upper2) - pnorm(lower2);
  if (i2 === -1) return pnorm(upper1) - pnorm(lower1);
  const l1 = lower1 === -Infinity ? 0 : lower1;
  const l2 = lower2 === -Infinity ? 0 : lower2;
  const u1 = upper1 === Infinity ? 0 : upper1;
  const u2 = upper2 === Infinity ? 0 : upper2;
  if (i1 === 2 && i2 === 2) return bvnUpper(l1, l2, r) - bvnUpper(u1, l2, r) - bvnUpper(l1, u2, r) + bvnUpper(u1, u2, r);
  if (i1 === 2 && i2 === 1) return bvnUpper(l1, l2, r) - bvnUpper(u1, l2, r);
  if (i1 === 1 && i2 === 2) return bvnUpper(l1, l2, r) - bvnUpper(l1, u2, r);
  if (i1 === 2 && i2 === 0) return bvnUpper(-u1, -u2, r) - bvnUpper(-l1, -u2, r);
  if (i1 === 0 && i2 === 2) return bvnUpper(-u1, -u2, r) - bvnUpper(-u1, -l2, r);
  if (i1 === 1 && i2 === 0) return bvnUpper(l1, -u2, -r);
  if (i1 === 0 && i2 === 1) return bvnUpper(-u1, l2, -r);
  if (i1 === 1 && i2 === 1) return bvnUpper(l1, l2, r);
  return bvnUpper(-u1, -u2, r); // both (-Inf, upper]
}
