import { binomTest } from '../inference/binom-test.ts';
import { propTest } from '../inference/prop-test.ts';
import { fisherTest2x2 } from '../inference/fisher-test-2x2.ts';
import { riskDifference } from '../inference/risk-difference.ts';
import { riskRatio } from '../inference/risk-ratio.ts';
import { oddsRatio } from '../inference/odds-ratio.ts';
import { cohensH } from '../inference/cohens-h.ts';
import { cohensDVsNorm } from '../inference/cohens-d.ts';
import { wilsonInterval } from '../inference/wilson-interval.ts';
import { tTestOneSample, } from '../inference/t-test-one-sample.ts';
import { welchFromSummary } from '../inference/t-test-two-sample.ts';
import { dropMissing, mean, variance } from '../inference/sample.ts';
import type { MeanNorm, NormEntry, PrevalenceNorm } from '../norms/norm.ts';
import type { AnalysisSpec } from './study-file.ts';
import { numericVariable, type StudyContext } from './study-variables.ts';
import type { NormInfo, NormMeansResult, PrevalenceComparison, PrevalenceResult } from './study-results.ts';

type Spec<T extends AnalysisSpec['type']> = Extract<AnalysisSpec, { type: T }>;

export function normInfo(n: NormEntry): NormInfo {
  const c = n.citation;
  const p = n.population;
  return {
    id: n.id,
    label: n.label,
    instrument: n.instrument,
    scale: n.scale ?? null,
    scoring: n.scoring,
    threshold: n.threshold,
    population: `${p.description} (${p.country}${p.n !== null ? `, n = ${p.nApproximate ? 'about ' : ''}${p.n}` : ''}${p.period ? `, ${p.period}` : ''})`,
    citation: `${c.authors[0].split(',')[0]}${c.authors.length > 1 ? ' et al.' : ''} (${c.year}). ${c.title}. ${c.source}.${c.doi ? ` doi:${c.doi}` : ''}`,
  };
}

/**
 * The sample's count of one classification level against published prevalences: exact binomial test
 * (Clopper–Pearson CI) and Wilson CI; when the norm has its own n, the two samples compared (prop.test,
 * Fisher's exact test, risk difference and ratio, odds ratio, Cohen's h). Caveats say where the norm's criterion
 * or scoring differs from the study's or is not known.
 */
export function runPrevalence(ctx: StudyContext, a: Spec<'prevalence'>, id: string, _at: string): PrevalenceResult {
  const dot = a.classification.indexOf('.');
  const name = a.classification.slice(0, dot);
  const part = a.classification.slice(dot + 1);
  const def = ctx.study.definitions[name];
  const cl = ctx.scores.get(name)!.classifications.find((c) => c.id === part)!;
  const band = cl.bands.find((b) => b.label === a.level)!;
  let x = 0;
  let n = 0;
  for (let i = 0; i < cl.codes.length; i++) {
    if (cl.codes[i] < 0) continue;
    n++;
    if (cl.codes[i] === band.code) x++;
  }
  const alternative = a.alternative ?? 'two.sided';
  const studyCriterion =
    cl.cutoff !== undefined
      ? `${def.id} ${cl.of} (${cl.scoring} scoring) ${cl.cutoff} or more = "${cl.bands[1].label}"`
      : `${def.id} ${cl.id} band "${a.level}"`;
  const p1 = x / n;
  const comparisons = a.norms.map((normId): PrevalenceComparison => {
    const norm = ctx.study.normEntries.find((e) => e.id === normId) as PrevalenceNorm;
    const caveats: string[] = [];
    let comparable = true;
    if (norm.instrument !== def.id) {
      comparable = false;
      caveats.push(`The norm is for instrument ${norm.instrument}; the study scores ${def.id}.`);
    }
    if (norm.scale !== undefined && norm.scale !== cl.id) {
      comparable = false;
      caveats.push(
        `Different criterion: the norm counts ${norm.scale}${norm.threshold ? ` (${norm.threshold})` : ''}, scored as "${norm.scoring}"; the study counts ${studyCriterion}.`,
      );
    } else if (norm.threshold === null) {
      comparable = false;
      caveats.push(`The norm's threshold is not stated in its source as read (scoring: "${norm.scoring}"); the study counts ${studyCriterion}.`);
    }
    const p0 = norm.percent / 100;
    const binomial = binomTest(x, n, { p: p0, alternative });
    const normN = norm.n ?? norm.population.n;
    let two: PrevalenceComparison['two_sample'] = null;
    let cases: number | null = norm.cases ?? null;
    let derived = false;
    if (normN !== null && normN !== undefined) {
      if (cases === null) {
        cases = Math.round(p0 * normN);
        derived = true;
        caveats.push(`The norm's number of cases is not published: ${cases} of ${normN} is derived from ${norm.percent}%.`);
      }
      if (norm.population.nApproximate && norm.n === undefined) caveats.push(`The norm's sample size is approximate (about ${normN}).`);
      const table: [[number, number], [number, number]] = [
        [x, n - x],
        [cases, normN - cases],
      ];
      two = {
        table,
        prop_test: propTest([x, cases], [n, normN], { alternative }),
        fisher: fisherTest2x2(table, { alternative }),
        risk_difference: riskDifference(table),
        risk_ratio: riskRatio(table),
        odds_ratio: oddsRatio(table),
        cohens_h: cohensH(p1, cases / normN),
      };
    }
    return {
      norm: {
        ...normInfo(norm),
        percent: norm.percent,
        n: normN ?? null,
        cases,
        cases_derived: derived,
        ci_wilson: cases !== null && normN != null && normN > 0 ? wilsonInterval(cases, normN) : null,
        n_approximate: norm.n === undefined && norm.population.nApproximate === true,
      },
      comparable,
      caveats,
      binomial,
      two_sample: two,
      cohens_h: cohensH(p1, p0),
    };
  });
  const b0 = binomTest(x, n, { p: 0.5 });
  return {
    id,
    type: 'prevalence',
    classification: a.classification,
    level: a.level,
    cutoff: cl.cutoff ?? null,
    count: x,
    n,
    proportion: p1,
    ci_clopper_pearson: b0.ci!,
    ci_wilson: wilsonInterval(x, n),
    comparisons,
  };
}

/**
 * A score's mean against published means: one-sample t against the norm mean, Welch's t against the norm
 * sample from its summary statistics (when it has an SD and n), Cohen's d (by the norm SD when published, else
 * the sample SD).
 */
export function runNormMeans(ctx: StudyContext, a: Spec<'norm-means'>, id: string, at: string): NormMeansResult {
  const v = numericVariable(ctx, a.score, `${at}.score`);
  const x = dropMissing(v.values);
  const m = mean(x);
  const sd = Math.sqrt(variance(x, m));
  const alternative = a.alternative ?? 'two.sided';
  const dot = a.score.indexOf('.');
  const name = dot > 0 ? a.score.slice(0, dot) : '';
  const part = dot > 0 ? a.score.slice(dot + 1) : a.score;
  const def = ctx.study.definitions[name];
  const comparisons = a.norms.map((normId) => {
    const norm = ctx.study.normEntries.find((e) => e.id === normId) as MeanNorm;
    const caveats: string[] = [];
    let comparable = true;
    if (!def || norm.instrument !== def.id) {
      comparable = false;
      caveats.push(`The norm is for instrument ${norm.instrument}${def ? `; the study scores ${def.id}` : ''}.`);
    } else if (norm.scale !== undefined && norm.scale !== part) {
      comparable = false;
      caveats.push(`The norm is for ${norm.scale}; the study score is ${part}.`);
    }
    for (const note of norm.notes ?? []) if (/do not compare|not a workforce norm|metric/i.test(note)) caveats.push(`Norm note: ${note}`);
    const one = tTestOneSample(x, { mu: norm.mean, alternative });
    const welch =
      norm.sd !== null && norm.n !== null
        ? welchFromSummary({ mean: m, sd, n: x.length }, { mean: norm.mean, sd: norm.sd, n: norm.n }, { alternative })
        : null;
    if (!welch) caveats.push(`The norm publishes no ${norm.sd === null ? 'SD' : 'n'}: only the one-sample test against its mean is possible.`);
    const d =
      norm.sd !== null
        ? { value: cohensDVsNorm({ mean: m }, { mean: norm.mean, sd: norm.sd }), standardiser: 'norm SD' as const }
        : { value: (m - norm.mean) / sd, standardiser: 'sample SD' as const };
    return { norm: { ...normInfo(norm), mean: norm.mean, sd: norm.sd, n: norm.n }, comparable, caveats, one_sample: one, welch, cohens_d: d };
  });
  return { id, type: 'norm-means', score: a.score, sample: { n: x.length, mean: m, sd }, comparisons };
}
