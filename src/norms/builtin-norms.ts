import { StaffwellError } from '../errors.ts';
import { closestNames } from '../data/table.ts';
import { type NormEntry, parseNorms } from './norm.ts';

/**
 * Built-in published norms. Every number here was read in the source named in its `verification`; entries whose
 * numbers could not be verified (HSE Indicator Tool benchmark percentiles, WEMWBS population means from Tennant
 * 2007, CBI PUMA means, NHS CHECK GHQ-12 prevalence) are deliberately absent.
 */
const RAW: unknown[] = [
  {
    id: 'ghq12-nhs-trust-staff-wall-1997',
    label: 'Minor psychiatric disorder, NHS trust staff (19 trusts)',
    kind: 'prevalence',
    instrument: 'ghq12',
    scale: 'caseness',
    percent: 26.8,
    scoring: 'General Health Questionnaire ("a well-established measure of minor psychiatric disorder for which there are comparative data")',
    threshold: null,
    population: { description: 'Employees of 19 NHS trusts, all occupational groups', country: 'England', n: 11000, nApproximate: true },
    citation: {
      authors: ['Wall, T. D.', 'Bolden, R. I.', 'Borrill, C. S.', 'Carter, A. J.', 'Golya, D. A.', 'Hardy, G. E.', 'Haynes, C. E.', 'Rick, J. E.', 'Shapiro, D. A.', 'West, M. A.'],
      year: 1997,
      title: 'Minor psychiatric disorder in NHS trust staff: occupational and gender differences',
      source: 'British Journal of Psychiatry 171:519-523',
      doi: '10.1192/bjp.171.6.519',
    },
    verification: {
      how: 'Abstract read (PubMed 9519089 mirror; Lancaster University portal; Cambridge Core): 26.8% of health service workers vs 17.8% of the general population; sample "over 11 000 employees from 19 NHS trusts".',
      sources: ['https://doi.org/10.1192/bjp.171.6.519', 'https://pubmed.ncbi.nlm.nih.gov/9519089/'],
    },
    notes: [
      'The abstract does not name the GHQ version or the caseness threshold; that it is the GHQ-12 with a 3/4 split is from secondary citation and was NOT verified, so the threshold is left empty.',
      'Highest among managers, doctors, nurses and professions allied to medicine; lower among administrative and ancillary staff.',
    ],
  },
  {
    id: 'ghq12-general-population-wall-1997',
    label: 'Minor psychiatric disorder, general population comparison (as reported by Wall et al. 1997)',
    kind: 'prevalence',
    instrument: 'ghq12',
    scale: 'caseness',
    percent: 17.8,
    scoring: 'General Health Questionnaire, comparison data used by Wall et al. 1997',
    threshold: null,
    population: { description: 'General population comparison sample cited by Wall et al. (source survey not named in the abstract)', country: 'UK', n: null },
    citation: {
      authors: ['Wall, T. D.', 'Bolden, R. I.', 'Borrill, C. S.', 'Carter, A. J.', 'Golya, D. A.', 'Hardy, G. E.', 'Haynes, C. E.', 'Rick, J. E.', 'Shapiro, D. A.', 'West, M. A.'],
      year: 1997,
      title: 'Minor psychiatric disorder in NHS trust staff: occupational and gender differences',
      source: 'British Journal of Psychiatry 171:519-523',
      doi: '10.1192/bjp.171.6.519',
    },
    verification: {
      how: 'Abstract read (PubMed 9519089 mirror; Lancaster University portal).',
      sources: ['https://doi.org/10.1192/bjp.171.6.519'],
    },
  },
  {
    id: 'ghq-mh-social-workers-evans-2006',
    label: 'Significant symptomatology and distress, mental health social workers',
    kind: 'prevalence',
    instrument: 'ghq12',
    scale: 'caseness',
    percent: 47,
    cases: 111,
    n: 237,
    scoring: 'General Health Questionnaire (version and scoring not stated in the abstract)',
    threshold: null,
    population: { description: 'Mental health social workers responding to a national postal survey (610 sent)', country: 'England and Wales', n: 237 },
    citation: {
      authors: ['Evans, S.', 'Huxley, P.', 'Gately, C.', 'Webber, M.', 'Mears, A.', 'Pajak, S.', 'Medina, J.', 'Kendall, T.', 'Katona, C.'],
      year: 2006,
      title: 'Mental health, burnout and job satisfaction among mental health social workers in England and Wales',
      source: 'British Journal of Psychiatry 188:75-80',
      doi: '10.1192/bjp.188.1.75',
    },
    verification: {
      how: 'Abstract read (University of York Pure; Cambridge Core): eligible respondents n = 237; 111 (47%) showed significant symptomatology and distress, twice the level reported by similar surveys of psychiatrists.',
      sources: ['https://doi.org/10.1192/bjp.188.1.75'],
    },
    notes: ['GHQ version and threshold: not verified (the research notes list GHQ-12).'],
  },
  {
    id: 'ghq12-call-centre-charbotel-2009',
    label: 'Psychological distress, call-centre handlers (GHQ-12 Likert > 12)',
    kind: 'prevalence',
    instrument: 'ghq12',
    scale: 'likert_distress',
    percent: 39.4,
    n: 2130,
    scoring: 'GHQ-12, Likert scoring (0-1-2-3)',
    threshold: 'Likert total > 12',
    population: { description: 'Telephone call-centre handlers in companies followed by 47 occupational physicians', country: 'France', n: 2130 },
    citation: {
      authors: ['Charbotel, B.', 'Croidieu, S.', 'Vohito, M.', 'Guerin, A.-C.', 'Renaud, L.', 'Jaussaud, J.', 'Bourboul, C.', 'Imbard, I.', 'Ardiet, D.', 'Bergeret, A.'],
      year: 2009,
      title: 'Working conditions in call-centers, the impact on employee health: a transversal study. Part II',
      source: 'International Archives of Occupational and Environmental Health 82:747-756',
      doi: '10.1007/s00420-008-0351-z',
    },
    verification: {
      how: 'Abstract read (Springer; springermedizin.de): 2,130 call-handlers; "According to the Likert scale, 39.4% of workers had showed psychological distress"; risk factors analysed for "psychological distress (Likert >12)".',
      sources: ['https://doi.org/10.1007/s00420-008-0351-z'],
    },
  },
  {
    id: 'ghq-uk-occupational-goodwin-2013',
    label: 'Common mental disorder, pooled UK occupational studies (GHQ)',
    kind: 'prevalence',
    instrument: 'ghq12',
    scale: 'caseness',
    percent: 29.6,
    ci95: [27.3, 31.9],
    scoring: 'GHQ, studies using the same version and cut-off (pooled weighted prevalence)',
    threshold: null,
    population: { description: 'Meta-analysis of UK occupational studies from 1990 onwards (65 papers found)', country: 'UK', n: null },
    citation: {
      authors: ['Goodwin, L.', 'Ben-Zion, I.', 'Fear, N. T.', 'Hotopf, M.', 'Stansfeld, S. A.', 'Wessely, S.'],
      year: 2013,
      title: 'Are reports of psychological stress higher in occupational studies? A systematic review across occupational and population based studies',
      source: 'PLoS ONE 8(11):e78693',
      doi: '10.1371/journal.pone.0078693',
    },
    verification: {
      how: 'Abstract read on PubMed Central (PMC3817075): occupational 29.6% (95% CI 27.3-31.9) vs population 19.1% (17.3-20.8); after restricting by response rate and sampling 23.9% (20.5-27.4) vs 19.2% (17.1-21.3).',
      sources: ['https://pmc.ncbi.nlm.nih.gov/articles/PMC3817075'],
    },
    notes: [
      'The authors suggest occupational "stress surveys" over-report GHQ caseness: compare a staff survey with occupational rather than population figures where possible.',
      'The numbers were read in the PMC abstract; the author list, title and DOI are as given in the project research notes (psych-and-instruments.md section 4), not re-read here. The pooled GHQ version and cut-off are described in the paper, not the abstract.',
    ],
  },
  {
    id: 'ghq-uk-population-goodwin-2013',
    label: 'Common mental disorder, pooled UK population studies (GHQ)',
    kind: 'prevalence',
    instrument: 'ghq12',
    scale: 'caseness',
    percent: 19.1,
    ci95: [17.3, 20.8],
    scoring: 'GHQ, studies using the same version and cut-off (pooled weighted prevalence)',
    threshold: null,
    population: { description: 'Meta-analysis of UK population studies from 1990 onwards (15 papers found)', country: 'UK', n: null },
    citation: {
      authors: ['Goodwin, L.', 'Ben-Zion, I.', 'Fear, N. T.', 'Hotopf, M.', 'Stansfeld, S. A.', 'Wessely, S.'],
      year: 2013,
      title: 'Are reports of psychological stress higher in occupational studies? A systematic review across occupational and population based studies',
      source: 'PLoS ONE 8(11):e78693',
      doi: '10.1371/journal.pone.0078693',
    },
    verification: {
      how: 'Abstract read on PubMed Central (PMC3817075).',
      sources: ['https://pmc.ncbi.nlm.nih.gov/articles/PMC3817075'],
    },
  },
  {
    id: 'ghq12-nhs-london-covid-lamb-2021',
    label: 'Probable common mental disorder, staff of three London NHS trusts, first COVID-19 wave',
    kind: 'prevalence',
    instrument: 'ghq12',
    scale: 'caseness',
    percent: 58.9,
    ci95: [58.1, 60.8],
    scoring: 'GHQ-12 (scoring and threshold as in the paper)',
    threshold: null,
    population: {
      description: 'Clinical and non-clinical staff of three London NHS trusts (acute and mental health), NHS CHECK baseline, April-June 2020',
      country: 'England',
      n: 4378,
      period: 'April-June 2020',
    },
    citation: {
      authors: ['Lamb, D.', 'Gnanapragasam, S.', 'Greenberg, N.', 'et al.'],
      year: 2021,
      title: 'Psychosocial impact of the COVID-19 pandemic on 4378 UK healthcare workers and ancillary staff: initial baseline data from a cohort study collected during the first wave of the pandemic',
      source: 'Occupational and Environmental Medicine',
      doi: '10.1136/oemed-2020-107276',
    },
    verification: {
      how: 'Abstract read (CORD-19 record of the OEM paper and the medRxiv preprint 10.1101/2021.01.21.20240887): probable CMDs 58.9% (95% CI 58.1 to 60.8), measured by the GHQ-12, n = 4378.',
      sources: ['https://doi.org/10.1136/oemed-2020-107276'],
    },
    notes: ['A pandemic-period figure: not a baseline for ordinary times.'],
  },
  {
    id: 'swemwbs-england-men-ng-fat-2017',
    label: 'SWEMWBS, adults in England, men',
    kind: 'mean',
    instrument: 'swemwbs',
    mean: 23.7,
    median: 23.2,
    sd: null,
    n: null,
    scoring: 'SWEMWBS metric (Rasch-transformed) score; the non-integer median implies the transformed score',
    threshold: null,
    population: { description: 'Health Survey for England 2010-2013, adults 16+, nationally representative (27,169 men and women)', country: 'England', n: 27169, period: '2010-2013' },
    citation: {
      authors: ['Ng Fat, L.', 'Scholes, S.', 'Boniface, S.', 'Mindell, J.', 'Stewart-Brown, S.'],
      year: 2017,
      title: 'Evaluating and establishing national norms for mental wellbeing using the short Warwick-Edinburgh Mental Well-being Scale (SWEMWBS): findings from the Health Survey for England',
      source: 'Quality of Life Research 26(5):1129-1144',
      doi: '10.1007/s11136-016-1454-8',
    },
    verification: {
      how: 'Abstract read (UCL Discovery; Springer/BSL): mean (median) SWEMWBS 23.7 (23.2) for men and 23.2 (23.2) for women; n = 27,169 adults.',
      sources: ['https://doi.org/10.1007/s11136-016-1454-8', 'https://discovery-pp.ucl.ac.uk/id/eprint/1528632'],
    },
    notes: [
      'Staffwell\'s built-in swemwbs gives RAW totals (the metric conversion table is not shipped): do not compare raw totals with this norm.',
      'SD and the number of men are not in the abstract.',
    ],
  },
  {
    id: 'swemwbs-england-women-ng-fat-2017',
    label: 'SWEMWBS, adults in England, women',
    kind: 'mean',
    instrument: 'swemwbs',
    mean: 23.2,
    median: 23.2,
    sd: null,
    n: null,
    scoring: 'SWEMWBS metric (Rasch-transformed) score; the non-integer median implies the transformed score',
    threshold: null,
    population: { description: 'Health Survey for England 2010-2013, adults 16+, nationally representative (27,169 men and women)', country: 'England', n: 27169, period: '2010-2013' },
    citation: {
      authors: ['Ng Fat, L.', 'Scholes, S.', 'Boniface, S.', 'Mindell, J.', 'Stewart-Brown, S.'],
      year: 2017,
      title: 'Evaluating and establishing national norms for mental wellbeing using the short Warwick-Edinburgh Mental Well-being Scale (SWEMWBS): findings from the Health Survey for England',
      source: 'Quality of Life Research 26(5):1129-1144',
      doi: '10.1007/s11136-016-1454-8',
    },
    verification: {
      how: 'Abstract read (UCL Discovery; Springer/BSL).',
      sources: ['https://doi.org/10.1007/s11136-016-1454-8'],
    },
    notes: ['Do not compare Staffwell raw SWEMWBS totals with this metric-score norm.'],
  },
  {
    id: 'wemwbs-teenagers-clarke-2011',
    label: 'WEMWBS, school students aged 13-16',
    kind: 'mean',
    instrument: 'wemwbs',
    scale: 'total',
    mean: 48.8,
    median: 49,
    sd: 6.8,
    n: 1650,
    scoring: 'WEMWBS total (14-70)',
    threshold: null,
    population: { description: 'Pupils aged 13-16 in six schools (response rate 80.8%)', country: 'England and Scotland', n: 1650 },
    citation: {
      authors: ['Clarke, A.', 'Friede, T.', 'Putz, R.', 'Ashdown, J.', 'Martin, S.', 'Blake, A.', 'Adi, Y.', 'Parkinson, J.', 'Flynn, P.', 'Platt, S.', 'Stewart-Brown, S.'],
      year: 2011,
      title: 'Warwick-Edinburgh Mental Well-being Scale (WEMWBS): validated for teenage school students in England and Scotland. A mixed methods assessment',
      source: 'BMC Public Health 11:487',
      doi: '10.1186/1471-2458-11-487',
    },
    verification: {
      how: 'Abstract read (BMC Public Health; studylib copy): 1,650 teenagers completed the questionnaire; mean WEMWBS 48.8 (SD 6.8; median 49).',
      sources: ['https://doi.org/10.1186/1471-2458-11-487'],
    },
    notes: ['n is the number completing the questionnaire; the number with a complete WEMWBS is not in the abstract. Not a workforce norm.'],
  },
  {
    id: 'brs-mixed-sample-smith-2013',
    label: 'Brief Resilience Scale, mixed healthy and patient sample',
    kind: 'mean',
    instrument: 'brs',
    scale: 'total',
    mean: 3.7,
    sd: null,
    n: 844,
    scoring: 'BRS mean (1-5)',
    threshold: null,
    population: { description: 'Mixed sample of healthy people and people with illness', country: 'USA', n: 844 },
    citation: {
      authors: ['Smith, B. W.', 'et al.'],
      year: 2013,
      title: 'Smith et al. (2013), p. 177, as cited by PsyToolkit (primary title not verified)',
      source: 'Cited via PsyToolkit survey library',
    },
    verification: {
      how: 'Secondary: PsyToolkit BRS page quotes an average of 3.70 in 844 participants (Smith et al., 2013, p. 177). The primary chapter was not read.',
      sources: ['https://www.psytoolkit.org/survey-library/resilience-brs.html'],
      secondary: true,
    },
    notes: ['Secondary citation only: the primary publication was not identified or read.'],
  },
];

let cache: NormEntry[] | undefined;

/** The built-in norms, validated once on first use. */
export function builtinNorms(): readonly NormEntry[] {
  cache ??= parseNorms({ norms: RAW }, 'src/norms/builtin-norms.ts');
  return cache;
}

/** A built-in norm by id, or StaffwellError('not-found') suggesting close ids. */
export function findNorm(id: string): NormEntry {
  const e = builtinNorms().find((x) => x.id === id);
  if (e) return e;
  const near = closestNames(id, builtinNorms().map((x) => x.id));
  throw new StaffwellError('not-found', `no built-in norm "${id}"`, {
    value: id,
    hint: near.length ? `did you mean ${near.map((n) => `"${n}"`).join(' or ')}?` : 'run `staffwell norms list` to see the ids',
  });
}
