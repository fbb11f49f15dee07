/**
 * Colours that stay distinguishable with the common colour-vision deficiencies: Okabe & Ito's qualitative
 * palette (Okabe, M. & Ito, K., 2008, "Color Universal Design"), and ColorBrewer's PuOr and RdBu diverging
 * schemes (Brewer, C. A., colorbrewer2.org: both marked colour-blind safe), taken from Plot's own schemes.
 */
import * as Plot from '@observablehq/plot';

export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const;

/** Grey for neutral answers and for "suppressed" text. */
export const NEUTRAL = '#BDBDBD';
export const MUTED = '#6B6B6B';

/** k colours from low (orange) to high (purple), the middle one grey when k is odd. */
export function divergingColors(k: number): string[] {
  if (k <= 0) return [];
  if (k === 1) return [NEUTRAL];
  const range = Plot.scale({ color: { type: 'ordinal', scheme: 'PuOr', domain: Array.from({ length: k }, (_, i) => i) } }).range as string[];
  const colors = [...range].reverse();
  if (k % 2 === 1) colors[(k - 1) / 2] = NEUTRAL;
  return colors;
}

/** k light-to-dark colours of one hue (benchmark bands, counts), from the colour-blind-safe Blues scheme. */
export function sequentialColors(k: number): string[] {
  if (k <= 0) return [];
  const n = Math.max(k, 3);
  const range = Plot.scale({ color: { type: 'ordinal', scheme: 'Blues', domain: Array.from({ length: n }, (_, i) => i) } }).range as string[];
  return range.slice(n - k);
}
