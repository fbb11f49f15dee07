/**
 * Cohen's h for two proportions: h = 2·asin(√p1) − 2·asin(√p2) (Cohen 1988, §6.2). NaN outside [0, 1].
 */
export function cohensH(p1: number, p2: number): number {
  if (!(p1 >= 0 && p1 <= 1 && p2 >= 0 && p2 <= 1)) return NaN;
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p2));
}
