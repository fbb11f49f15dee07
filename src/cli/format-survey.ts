/**
 * Readable text for the survey commands' results (the JSON forms are the result objects themselves).
 */
import type { DescribeJson, ReliabilityJson, ReliabilityWarning } from '../psych/results.ts';
import { suppressedLabel } from '../psych/describe-suppression.ts';
import { fmt, formatTextTable } from './format-text-table.ts';

export function formatReliability(scales: readonly ReliabilityJson[], warnings: readonly ReliabilityWarning[], missing: string): string {
  const out: string[] = [];
  for (const s of scales) {
    out.push(
      `${s.name}: ${s.n_items} items${s.reversed.length ? ` (reversed: ${s.reversed.join(', ')})` : ''}; ${s.n_complete} complete responses; missing data ${missing}`,
    );
    out.push(
      formatTextTable(
        ['raw_alpha', 'Feldt 95% CI', 'Duhachek 95% CI', 'std_alpha', 'G6(smc)', 'average_r', 'median_r', 'S/N', 'ase', 'mean', 'sd', 'scoreItems alpha'],
        [
          [
            fmt(s.raw_alpha),
            `[${fmt(s.alpha_ci_feldt[0])}, ${fmt(s.alpha_ci_feldt[1])}]`,
            `[${fmt(s.alpha_ci_duhachek[0])}, ${fmt(s.alpha_ci_duhachek[1])}]`,
            fmt(s.std_alpha),
            fmt(s.g6),
            fmt(s.average_r),
            fmt(s.median_r),
            fmt(s.signal_noise, 2),
            fmt(s.ase),
            fmt(s.mean, 2),
            fmt(s.sd, 2),
            fmt(s.scoreitems_alpha),
          ],
        ],
      ).replace(/^/gm, '  '),
    );
    out.push(
      formatTextTable(
        ['item', 'n', 'raw_r', 'std_r', 'r_cor', 'r_drop', 'mean', 'sd', 'alpha if dropped'],
        s.item_stats.map((it) => [
          (it.reversed ? '-' : '') + it.item,
          String(it.n),
          fmt(it.raw_r, 2),
          fmt(it.std_r, 2),
          fmt(it.r_cor, 2),
          fmt(it.r_drop, 2),
          fmt(it.mean, 2),
          fmt(it.sd, 2),
          fmt(it.alpha_if_dropped),
        ]),
        ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
      ).replace(/^/gm, '  '),
    );
  }
  for (const w of warnings) out.push(`warning: ${reliabilityWarningText(w)}`);
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

export function formatDescribe(result: DescribeJson, by: readonly string[], minGroup: number): string {
  const scaleNames = [...new Set(result.groups.flatMap((g) => Object.keys(g.scales)))];
  const rows: string[][] = [];
  for (const g of result.groups) {
    const label = by.map((b) => String(g.by[b] ?? '(missing)'));
    if (g.suppressed) {
      rows.push([...label, String(g.n), ...scaleNames.map(() => 'suppressed')]);
      continue;
    }
    rows.push([
      ...label,
      String(g.n),
      ...scaleNames.map((s) => {
        const v = g.scales[s];
        if (v?.suppressed) return suppressedLabel(v.suppressed, minGroup);
        return v ? `${fmt(v.mean, 2)} (${fmt(v.sd, 2)}) [${fmt(v.ci[0], 2)}, ${fmt(v.ci[1], 2)}] n=${v.n}` : '';
      }),
    ]);
  }
  const head = [...by, 'n', ...scaleNames];
  const cellsHidden = result.groups.some((g) => Object.values(g.scales).some((v) => v.suppressed));
  return (
    formatTextTable(head, rows) +
    `\nCells: mean (sd) [95% CI] n. Groups of fewer than ${minGroup} respondents are suppressed, and further groups where needed so that no suppressed group can be worked out from the totals.\n` +
    (cellsHidden ? `In a shown group, a score that fewer than ${minGroup} of its respondents have is suppressed (<${minGroup}), and further cells of that score where needed so that none can be worked out from the totals.\n` : '')
  );
}

/** A reliability warning as one line; one about several items names them itself. */
export function reliabilityWarningText(w: ReliabilityWarning): string {
  return w.items ? w.message : `scale "${w.scale}", item "${w.item}": ${w.message}`;
}
