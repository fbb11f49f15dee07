/**
 * The @stdlib functions that distributions.ts uses, by the name it gives them. `npm run build` bundles exactly
 * these packages into one file, dist/stats/stdlib.cjs (scripts/bundle-stdlib.ts): each is a CommonJS package of
 * many small modules (the F quantile alone pulls in ~400), and resolving and reading them one by one cost a
 * command ~0.1 s at start. From the sources (tests, tsx) there is no bundle and the packages are required.
 */
export const STDLIB_MODULES = {
  tcdf: '@stdlib/stats-base-dists-t-cdf',
  tquantile: '@stdlib/stats-base-dists-t-quantile',
  fcdf: '@stdlib/stats-base-dists-f-cdf',
  fquantile: '@stdlib/stats-base-dists-f-quantile',
  chisqcdf: '@stdlib/stats-base-dists-chisquare-cdf',
  chisqquantile: '@stdlib/stats-base-dists-chisquare-quantile',
  normcdf: '@stdlib/stats-base-dists-normal-cdf',
  normquantile: '@stdlib/stats-base-dists-normal-quantile',
  betaquantile: '@stdlib/stats-base-dists-beta-quantile',
  betainc: '@stdlib/math-base-special-betainc',
  gammainc: '@stdlib/math-base-special-gammainc',
  gammaln: '@stdlib/math-base-special-gammaln',
} as const;

export interface StdlibFunctions {
  tcdf: typeof import('@stdlib/stats-base-dists-t-cdf');
  tquantile: typeof import('@stdlib/stats-base-dists-t-quantile');
  fcdf: typeof import('@stdlib/stats-base-dists-f-cdf');
  fquantile: typeof import('@stdlib/stats-base-dists-f-quantile');
  chisqcdf: typeof import('@stdlib/stats-base-dists-chisquare-cdf');
  chisqquantile: typeof import('@stdlib/stats-base-dists-chisquare-quantile');
  normcdf: typeof import('@stdlib/stats-base-dists-normal-cdf');
  normquantile: typeof import('@stdlib/stats-base-dists-normal-quantile');
  betaquantile: typeof import('@stdlib/stats-base-dists-beta-quantile');
  betainc: typeof import('@stdlib/math-base-special-betainc');
  gammainc: typeof import('@stdlib/math-base-special-gammainc');
  gammaln: typeof import('@stdlib/math-base-special-gammaln');
}
