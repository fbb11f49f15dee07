/** Public API of psych's structure tools: ordinal correlations, sampling adequacy, factor analysis, omega. */
export { polychoric, polychoricPair, polyBinBvn, thresholds } from './polychoric.ts';
export type { PolychoricOptions, PolychoricResult } from './polychoric.ts';
export { tetrachoric } from './tetrachoric.ts';
export type { TetrachoricOptions, TetrachoricResult } from './tetrachoric.ts';
export { corSmooth } from './cor-smooth.ts';
export { kmo } from './kmo.ts';
export type { KmoResult } from './kmo.ts';
export { bartlettSphericity } from './bartlett.ts';
export type { BartlettResult } from './bartlett.ts';
export type { FactorWarning } from './factor-warning.ts';
