import gammaln from '@stdlib/math-base-special-gammaln';
import { pnorm } from './distributions.ts';

/**
 * Quantile of the studentized range as R's qtukey (src/nmath/qtukey.c: Copenhaver & Holland 1988, secant
 * iterations from the qinv start until successive iterates differ by < 1e-4), on `ptukey`. R's answer
 * carries that stopping rule, so it is matched by taking R's steps rather than solving to full precision
 * (@stdlib's own quantile uses another algorithm and differs from R by ~1e-7).
 */
export function qtukey(p: number, nmeans: number, df: number): number {
  if ([p, nmeans, df].some(Number.isNaN) || p < 0 || p >= 1 || df < 2 || nmeans < 2) return NaN;
  if (p === 0) return 0;
  const eps = 0.0001;
  const maxiter = 50;
  let x0 = qinv(p, nmeans, df);
  let valx0 = ptukey(x0, nmeans, df) - p;
  let x1 = valx0 > 0 ? Math.max(0, x0 - 1) : x0 + 1;
  let valx1 = ptukey(x1, nmeans, df) - p;
  let ans = 0;
  for (let iter = 1; iter < maxiter; iter++) {
    ans = x1 - (valx1 * (x1 - x0)) / (valx1 - valx0);
    valx0 = valx1;
    x0 = x1;
    if (ans < 0) ans = 0;
    valx1 = ptukey(ans, nmeans, df) - p;
    x1 = ans;
    if (Math.abs(x1 - x0) < eps) return ans;
  }
  return ans;
}

/** Initial value: Odeh & Evans' normal quantile approximation, corrected for range and df (R's qinv). */
function qinv(p: number, c: number, v: number): number {
  const p0 = 0.322232421088;
  const q0 = 0.99348462606e-1;
  const p1 = -1.0;
  const q1 = 0.588581570495;
  const p2 = -0.342242088547;
  const q2 = 0.531103462366;
  const p3 = -0.204231210125;
  const q3 = 0.10353775285;
  const p4 = -0.453642210148e-4;
  const q4 = 0.38560700634e-2;
  const c1 = 0.8832;
  const c2 = 0.2368;
  const c3 = 1.214;
  const c4 = 1.208;
  const c5 = 1.4142;
  const vmax = 120.0;
  const ps = 0.5 - 0.5 * p;
  const yi = Math.sqrt(Math.log(1.0 / (ps * ps)));
  let t = yi + ((((yi * p4 + p3) * yi + p2) * yi + p1) * yi + p0) / ((((yi * q4 + q3) * yi + q2) * yi + q1) * yi + q0);
  if (v < vmax) t += (t * t * t + t) / v / 4.0;
  let q = c1 - c2 * t;
  if (v < vmax) q += -c3 / v + (c4 * t) / v;
  return t * (q * Math.log(c - 1.0) + c5);
}

/**
 * P(Q <= q) (or P(Q > q) with `lower = false`) for the studentized range of `nmeans` means with `df` degrees of
 * freedom, ported from R's ptukey (src/nmath/ptukey.c, Copenhaver & Holland 1988: Gauss–Legendre quadrature
 * over the chi density of the standard error, with wprob for the range). @stdlib's studentized-range cdf
 * differs from R by up to ~1e-6 relative in the upper tail for some small df (e.g. nmeans 3, df 5), so Tukey's
 * HSD uses this port to match R. The upper tail is 1 − P as in R.
 */
export function ptukey(q: number, nmeans: number, df: number, lower = true): number {
  if ([q, nmeans, df].some(Number.isNaN)) return NaN;
  if (q <= 0) return lower ? 0 : 1;
  if (df < 2 || nmeans < 2) return NaN;
  if (!Number.isFinite(q)) return lower ? 1 : 0;
  const rr = 1;
  const cc = nmeans;
  const val = (ans: number): number => (lower ? ans : 0.5 - ans + 0.5);
  if (df > 25000) return val(wprob(q, rr, cc));
  const eps1 = -30.0;
  const eps2 = 1.0e-14;
  const f2 = df * 0.5;
  let f2lf = f2 * Math.log(df) - df * Math.LN2 - gammaln(f2);
  const f21 = f2 - 1.0;
  const ff4 = df * 0.25;
  const ulen = df <= 100 ? 1.0 : df <= 800 ? 0.5 : df <= 5000 ? 0.25 : 0.125;
  f2lf += Math.log(ulen);
  let ans = 0.0;
  let otsum = 0.0;
  for (let i = 1; i <= 50; i++) {
    otsum = 0.0;
    const twa1 = (2 * i - 1) * ulen;
    for (let jj = 1; jj <= 16; jj++) {
      let j: number;
      let t1: number;
      if (8 < jj) {
        j = jj - 8 - 1;
        t1 = f2lf + f21 * Math.log(twa1 + XLEGQ[j] * ulen) - (XLEGQ[j] * ulen + twa1) * ff4;
      } else {
        j = jj - 1;
        t1 = f2lf + f21 * Math.log(twa1 - XLEGQ[j] * ulen) + (XLEGQ[j] * ulen - twa1) * ff4;
      }
      if (t1 >= eps1) {
        const qsqz = 8 < jj ? q * Math.sqrt((XLEGQ[j] * ulen + twa1) * 0.5) : q * Math.sqrt((-(XLEGQ[j] * ulen) + twa1) * 0.5);
        const wprb = wprob(qsqz, rr, cc);
        otsum += wprb * ALEGQ[j] * Math.exp(t1);
      }
    }
    if (i * ulen >= 1.0 && otsum <= eps2) break;
    ans += otsum;
  }
  if (ans > 1) ans = 1;
  return val(ans);
}

const XLEGQ = [
  0.98940093499164993259615417345, 0.944575023073232576077988415535, 0.865631202387831743880467897712,
  0.755404408355003033895101194847, 0.617876244402643748446671764049, 0.458016777657227386342419442984,
  0.28160355077925891323046050146, 0.950125098376374401853193354250e-1,
];
const ALEGQ = [
  0.27152459411754094851780572456e-1, 0.622535239386478928628438369944e-1, 0.951585116824927848099251076022e-1,
  0.124628971255533872052476282192, 0.149595988816576732081501730547, 0.169156519395002538189312079030,
  0.182603415044923588866763667969, 0.189450610455068496285396723208,
];
const XLEG = [
  0.98156063424671925069054909015, 0.904117256370474856678465866119, 0.769902674194304687036893833213,
  0.587317954286617447296702418941, 0.367831498998180193752691536644, 0.125233408511468915472441369464,
];
const ALEG = [
  0.047175336386511827194615961485, 0.106939325995318430960254718194, 0.160078328543346226334652529543,
  0.20316742672306592174906445581, 0.233492536538354808760849898925, 0.249147045813402785000562436043,
];
const M_1_SQRT_2PI = 0.398942280401432677939946059934;

/** Probability integral of Hartley's form of the range (R's wprob). */
function wprob(w: number, rr: number, cc: number): number {
  const eps1 = -30.0;
  const eps2 = -50.0;
  const eps3 = 60.0;
  const bb = 8.0;
  const qsqz = w * 0.5;
  if (qsqz >= bb) return 1.0;
  let pr = 2 * pnorm(qsqz) - 1;
  pr = pr >= Math.exp(eps2 / cc) ? Math.pow(pr, cc) : 0.0;
  const wincr = w > 3 ? 2 : 3;
  let blb = qsqz;
  const binc = (bb - qsqz) / wincr;
  let bub = blb + binc;
  let einsum = 0.0;
  const cc1 = cc - 1.0;
  for (let wi = 1; wi <= wincr; wi++) {
    let elsum = 0.0;
    const a = 0.5 * (bub + blb);
    const b = 0.5 * (bub - blb);
    for (let jj = 1; jj <= 12; jj++) {
      let j: number;
      let xx: number;
      if (6 < jj) {
        j = 12 - jj + 1;
        xx = XLEG[j - 1];
      } else {
        j = jj;
        xx = -XLEG[j - 1];
      }
      const ac = a + b * xx;
      const qexpo = ac * ac;
      if (qexpo > eps3) break;
      const pplus = 2 * pnorm(ac);
      const pminus = 2 * pnorm(ac, w, 1);
      let rinsum = pplus * 0.5 - pminus * 0.5;
      if (rinsum >= Math.exp(eps1 / cc1)) {
        rinsum = ALEG[j - 1] * Math.exp(-(0.5 * qexpo)) * Math.pow(rinsum, cc1);
        elsum += rinsum;
      }
    }
    elsum *= 2.0 * b * cc * M_1_SQRT_2PI;
    einsum += elsum;
    blb = bub;
    bub += binc;
  }
  pr = einsum + pr;
  if (pr <= Math.exp(eps1 / rr)) return 0;
  pr = Math.pow(pr, rr);
  return pr >= 1 ? 1 : pr;
}
