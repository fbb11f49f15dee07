/**
 * Minimisation of a smooth function subject to box constraints lo <= x <= hi: projected BFGS with an Armijo
 * backtracking search along the projected path, the inverse-Hessian approximation restarted whenever the set
 * of variables held at a bound changes. Used where R calls optim(method = "L-BFGS-B") (psych's fa): R stops at
 * its default factr = 1e7 (about 1e-8 relative change in the objective); this runs until the projected gradient
 * is below `gtol`, so its solution is at least as good as R's and is reported with the objective to prove it.
 */
export interface BoxMinimizeResult {
  x: Float64Array;
  value: number;
  iterations: number;
  evaluations: number;
  converged: boolean;
  /** Largest |projected gradient| at the solution. */
  projectedGradient: number;
}

export function boxMinimize(
  fg: (x: Float64Array, grad: Float64Array) => number,
  start: ArrayLike<number>,
  lo: number,
  hi: number,
  options: { gtol?: number; maxit?: number; accept?: number } = {},
): BoxMinimizeResult {
  const { gtol = 1e-11, maxit = 500 } = options;
  const n = start.length;
  const clamp = (v: number): number => (v < lo ? lo : v > hi ? hi : v);
  let x = Float64Array.from(start, clamp);
  let g = new Float64Array(n);
  let f = fg(x, g);
  let evaluations = 1;
  const H = new Float64Array(n * n);
  const resetH = (): void => {
    H.fill(0);
    for (let i = 0; i < n; i++) H[i * n + i] = 1;
  };
  resetH();
  let active = new Uint8Array(n);
  const pgNorm = (xx: Float64Array, gg: Float64Array): number => {
    let m = 0;
    for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(clamp(xx[i] - gg[i]) - xx[i]));
    return m;
  };
  let iterations = 0;
  let pg = pgNorm(x, g);
  let stalled = 0;
  while (iterations < maxit && pg > gtol) {
    iterations++;
    const act = new Uint8Array(n);
    let changed = false;
    for (let i = 0; i < n; i++) {
      act[i] = (x[i] <= lo && g[i] > 0) || (x[i] >= hi && g[i] < 0) ? 1 : 0;
      if (act[i] !== active[i]) changed = true;
    }
    if (changed) resetH();
    active = act;
    const d = new Float64Array(n);
    let slope = 0;
    for (let i = 0; i < n; i++) {
      if (active[i]) continue;
      let s = 0;
      for (let j = 0; j < n; j++) if (!active[j]) s -= H[i * n + j] * g[j];
      d[i] = s;
      slope += s * g[i];
    }
    if (!(slope < 0)) {
      resetH();
      slope = 0;
      for (let i = 0; i < n; i++) {
        d[i] = active[i] ? 0 : -g[i];
        slope += d[i] * g[i];
      }
    }
    let t = 1;
    let accepted = false;
    const xn = new Float64Array(n);
    const gn = new Float64Array(n);
    let fn = f;
    for (let k = 0; k < 60; k++) {
      let dec = 0;
      for (let i = 0; i < n; i++) {
        xn[i] = clamp(x[i] + t * d[i]);
        dec += g[i] * (xn[i] - x[i]);
      }
      // a step whose predicted decrease is below the objective's rounding cannot pass the test: stop halving
      // (near the optimum these hopeless halvings were most of the evaluations)
      if (!(-dec > 2.220446049250313e-16 * Math.abs(f))) break;
      fn = fg(xn, gn);
      evaluations++;
      if (fn <= f + 1e-4 * dec) {
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) {
      if (++stalled > 2) break;
      resetH();
      continue;
    }
    // BFGS update of the inverse Hessian
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    let sy = 0;
    for (let i = 0; i < n; i++) {
      s[i] = xn[i] - x[i];
      y[i] = gn[i] - g[i];
      sy += s[i] * y[i];
    }
    if (sy > 1e-20) {
      const Hy = new Float64Array(n);
      let yHy = 0;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
        yHy += y[i] * v;
      }
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += (1 + yHy * rho) * rho * s[i] * s[j] - rho * (Hy[i] * s[j] + s[i] * Hy[j]);
        }
      }
    }
    const improvement = f - fn;
    x = xn;
    g = gn;
    f = fn;
    pg = pgNorm(x, g);
    if (improvement === 0 && pg > gtol) {
      if (++stalled > 2) break;
    } else stalled = 0;
  }
  // the target gtol is below what the objective's rounding always lets a line search reach; a projected gradient
  // under `accept` (still far tighter than R's factr = 1e7 stop) counts as converged
  return { x, value: f, iterations, evaluations, converged: pg <= Math.max(gtol, options.accept ?? 1e-6), projectedGradient: pg };
}
