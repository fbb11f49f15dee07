import * as Plot from '@observablehq/plot';
import type { DescribeResult } from '../study/study-results.ts';
import { CHART_WIDTH, plainLabels, type Chart, type ChartLabels } from './chart.ts';
import { MUTED, OKABE_ITO } from './palette.ts';
import { fmt } from './format-number.ts';

interface Row {
  score: string;
  group: string;
  n: string;
  mean: number;
  lo: number;
  hi: number;
  suppressed: boolean;
}

/** A describe group's label: its `by` values joined ("Site A · Nurse"; a missing value as "(missing)"). */
export function groupLabel(by: Record<string, string | number | null>): string {
  return Object.values(by)
    .map((v) => (v === null ? '(missing)' : String(v)))
    .join(' · ');
}

/** "n = 52", "n < 10" (a primary suppression), "n withheld" (a complementary one). */
function nText(n: string): string {
  if (/^\d+$/.test(n)) return `n = ${n}`;
  if (n.startsWith('<')) return `n < ${n.slice(1)}`;
  return 'n withheld';
}

/**
 * Group means with 95% CIs (psych describe's t interval) of the given scores of a describe analysis with `by`,
 * one panel per score. Suppressed groups keep their row and are labelled "suppressed", never drawn as a mean.
 */
export function groupMeansChart(result: DescribeResult, scores: readonly string[] = result.scores, labels: ChartLabels = plainLabels): Chart | null {
  if (!result.groups || scores.length === 0) return null;
  const groups = result.groups.map((g) => groupLabel(g.by));
  const rows: Row[] = [];
  const hiddenCells: string[] = [];
  const multi = scores.length > 1;
  for (const score of scores) {
    result.groups.forEach((g, i) => {
      const s = g.suppressed ? undefined : g.scales[score];
      // a score hidden in a shown group is drawn like a hidden group: labelled, never a dot
      const hidden = g.suppressed || !!s?.suppressed;
      rows.push({
        score: labels.score(score),
        group: groups[i],
        n: String(g.n),
        mean: s ? s.mean : NaN,
        lo: s ? s.ci[0] : NaN,
        hi: s ? s.ci[1] : NaN,
        suppressed: hidden,
      });
      if (!g.suppressed && s?.suppressed) hiddenCells.push(multi ? `${labels.score(score)}: ${groups[i]}` : groups[i]);
    });
  }
  const shown = rows.filter((r) => !r.suppressed && Number.isFinite(r.mean));
  const suppressed = result.groups.filter((g) => g.suppressed).map((g) => groupLabel(g.by));
  const scoreNames = scores.map((s) => labels.score(s));
  const by = result.by.join(' × ');
  const maxLabel = Math.max(...groups.map((g) => g.length), 8);
  const notes = [`Dots are means, lines their 95% confidence intervals; n per group at the right.`];
  if (suppressed.length) notes.push(`Suppressed (fewer respondents than the study's minimum group size, or hidden beside them so that none can be worked out from a total): ${suppressed.join(', ')}. Their values are not shown.`);
  if (hiddenCells.length) notes.push(`Suppressed scores (fewer respondents of the group have the score than the study's minimum group size, or hidden beside them so that none can be worked out from a total): ${hiddenCells.join(', ')}. Their values are not shown.`);
  const alt =
    `Means with 95% confidence intervals of ${scoreNames.join(', ')} by ${by}: ` +
    scoreNames
      .map((name) => {
        const r = shown.filter((x) => x.score === name);
        return `${name}: ${r.map((x) => `${x.group} ${fmt(x.mean)} [${fmt(x.lo)}, ${fmt(x.hi)}]`).join('; ')}`;
      })
      .join('. ') +
    (suppressed.length ? `. Suppressed groups: ${suppressed.join(', ')}` : '') +
    (hiddenCells.length ? `. Suppressed scores: ${hiddenCells.join(', ')}` : '') +
    '.';
  const lo = Math.min(...shown.map((r) => r.lo).filter(Number.isFinite));
  const hi = Math.max(...shown.map((r) => r.hi).filter(Number.isFinite));
  const pad = Number.isFinite(lo) && Number.isFinite(hi) ? (hi - lo) * 0.08 || 1 : 1;
  const domain: [number, number] = Number.isFinite(lo) ? [lo - pad, hi + pad] : [0, 1];
  return {
    id: `${result.id}.group-means${multi ? '' : `.${scores[0]}`}`,
    kind: 'group-means',
    title: multi ? `Means by ${by}` : `${scoreNames[0]} by ${by}`,
    alt,
    notes,
    legend: null,
    plot: {
      width: CHART_WIDTH,
      height: 50 + (multi ? 30 : 0) * scores.length + 22 * groups.length * scores.length,
      marginLeft: Math.min(200, 14 + 6 * maxLabel),
      marginRight: 60,
      x: { domain, label: multi ? 'Mean score (95% CI)' : `Mean ${scoreNames[0]} (95% CI)`, grid: true },
      y: { domain: groups, label: null, tickSize: 0, round: true },
      fy: multi ? { domain: scoreNames, label: null, axis: null, padding: 0.25 } : undefined,
      marks: [
        ...(multi ? [Plot.text(scoreNames, { fy: (d: string) => d, frameAnchor: 'top-left', dy: -14, text: (d: string) => d, fontWeight: 'bold', textAnchor: 'start' })] : []),
        Plot.ruleY(shown, { fy: multi ? 'score' : undefined, y: 'group', x1: 'lo', x2: 'hi', stroke: OKABE_ITO.blue, strokeWidth: 2 }),
        Plot.dot(shown, { fy: multi ? 'score' : undefined, y: 'group', x: 'mean', fill: OKABE_ITO.blue, r: 4 }),
        Plot.text(
          rows.filter((r) => r.suppressed),
          { fy: multi ? 'score' : undefined, y: 'group', frameAnchor: 'left', dx: 6, text: () => 'suppressed', fill: MUTED, fontStyle: 'italic', textAnchor: 'start' },
        ),
        Plot.text(rows, { fy: multi ? 'score' : undefined, y: 'group', frameAnchor: 'right', dx: 56, text: (r: Row) => nText(r.n), textAnchor: 'end', fill: MUTED }),
      ],
    },
  };
}
