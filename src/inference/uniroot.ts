/**
 * R's uniroot() as used inside stats functions: Brent's zeroin as in R's src/library/stats/src/zeroin.c
 * (R_zeroin2), with R's default tolerance .Machine$double.eps^0.25 and maxiter 1000. Results that R reports
 * through uniroot (fisher.test's conditional MLE and its interval) are only accurate to that tolerance, so they
 * are matched by taking the very same steps, not by solving more precisely.
 */
export const UNIROOT_TOL = Math.pow(2.220446049250313e-16, 0.25);

export function uniroot(
  f: (x: number) => number,
  lower: number,
  upper: number,
  tol = UNIROOT_TOL,
  maxit = 1000,
  fLower = f(lower),
  fUpper = f(upper),
): number {
  return zeroin2(f, lower, upper, fLower, fUpper, tol, maxit);
}

function zeroin2(
  f: (x: number) => number,
  ax: number,
  bx: number,
  faIn: number,
  fbIn: number,
  tol: number,
  maxitIn: number,
): number {
  const EPSILON = 2.220446049250313e-16;
  let a = ax;
  let b = bx;
  let fa = faIn;
  let fb = fbIn;
  let c = a;
  let fc = fa;
  let maxit = maxitIn + 1;
  if (fa === 0) return a;
  if (fb === 0) return b;
  while (maxit--) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * EPSILON * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      let p: number;
      let q: number;
      const cb = c - b;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1.0 - t1;
      } else {
        q = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
        q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) newStep = p / q;
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
