/**
 * Golden-file comparison helpers. Full-precision numbers in serialised results are rounded to 10 significant
 * digits before comparison, so that a change in the order of floating-point additions (which the R fixture
 * tests check at their own tolerances) does not change a golden file.
 */
export function roundNumbersForGolden(text: string, digits = 10): string {
  return text.replace(/-?\d+\.\d+(?:e[-+]?\d+)?/gi, (m) => {
    const x = Number(m);
    return Number.isFinite(x) ? String(Number(x.toPrecision(digits))) : m;
  });
}
