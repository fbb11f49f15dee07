/**
 * Generates the mixed-methods example in examples/mixed/: a synthetic staff survey and fictional interviews of
 * some of its respondents (an explanatory sequential design). Everything is made up for Staffwell: no real
 * person, answer or interview is in it; any resemblance to real people is coincidental.
 *
 *   survey.csv            138 respondents of a fictional trust: site, staff group, consent to be interviewed,
 *                         GHQ-12 (codes 0..3), two open-text questions
 *   study.yaml            the survey study (GHQ-12 caseness, by site)
 *   study-quantitized.yaml  the same study over survey-quantitized.csv (written by `staffwell mixed quantitize`):
 *                         Fisher's exact test of a theme's presence by GHQ caseness
 *   int-S###.vtt          interviews of the 12 respondents `staffwell mixed select` proposes (extreme cases on
 *                         the GHQ-12 total among those who consented), plus a pilot interview (PILOT) that is not
 *                         in the survey, so the link check has something to report
 *   participants.csv, speakers.csv, replacements.csv, codings.json
 *
 * Deterministic (seeded; no clock). The interviewees are chosen with the library's own selection, so the
 * example's interviews are of exactly the people the README's `mixed select` step proposes.
 * Run from the repository root:  node --import tsx scripts/make-mixed-example.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadRespondents, valueAt } from '../src/mixed/respondents.ts';
import { selectInterviewees } from '../src/mixed/select-interviewees.ts';
import { loadStudy } from '../src/study/study-file.ts';
import { zoomVtt, type DemoTurn } from './make-qual-demo.ts';
import { createRng } from './random.ts';

const NOTICE = 'fictional example data written for Staffwell: no real people or organisations';
export const N_RESPONDENTS = 138;
/** The selection the README runs (`staffwell mixed select`): keep these in step with it. */
export const SELECTION = { strategy: 'extreme', scores: ['ghq.total'], n: 6, consent: 'consent_interview', seed: 16 } as const;

const SITES = ['Northgate General', 'Riverside Community Hospital', 'Hillcrest Imaging Centre'];
const SITE_LABEL: Record<string, string> = { 'Northgate General': '[Site A]', 'Riverside Community Hospital': '[Site B]', 'Hillcrest Imaging Centre': '[Site C]' };
const GROUPS = ['Nursing', 'Allied health', 'Healthcare support', 'Administrative'];

const IMPROVE = [
  'More staff on each shift',
  'Being able to take my breaks',
  'A quiet room to decompress after a hard day',
  'Managers who ask how we are and mean it',
  'Fewer last-minute rota changes',
  'Protected time for training',
  'Somewhere to park that does not cost a fortune',
  'Hot food on night shifts',
  'Being listened to when we raise problems',
  'Flexible working that is actually approved',
];
const BEST = ['My team', 'The patients', 'Knowing I made a difference', 'The people I work with', 'Learning something new every week', 'Good humour on the ward'];

function csv(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';
}

/** The survey: strain is latent; GHQ items are 0..3 codes around it; answers to the open questions now and then. */
export function surveyRows(): string[][] {
  const rng = createRng(20261203);
  const head = ['resp_id', 'site', 'staff_group', 'consent_interview', ...Array.from({ length: 12 }, (_, i) => `ghq_${i + 1}`), 'improve_wellbeing', 'best_thing'];
  const rows: string[][] = [head];
  for (let r = 0; r < N_RESPONDENTS; r++) {
    const site = SITES[r % 3]!;
    const strain = rng.normal() * 0.7 + (site === SITES[0] ? 0.25 : 0) + 0.8;
    const items = Array.from({ length: 12 }, () => String(Math.max(0, Math.min(3, Math.round(strain + rng.normal() * 0.6)))));
    if (rng.uniform() < 0.02) items[rng.int(0, 11)] = '';
    const improve = rng.uniform() < 0.6 ? rng.pick(IMPROVE) + (rng.uniform() < 0.3 ? '. ' + rng.pick(IMPROVE).toLowerCase() : '') : '';
    const best = rng.uniform() < 0.45 ? rng.pick(BEST) : '';
    rows.push([`S${String(r + 1).padStart(3, '0')}`, site, rng.pick(GROUPS), rng.uniform() < 0.7 ? 'yes' : 'no', ...items, improve, best]);
  }
  return rows;
}

export const STUDY_YAML = `# Synthetic mixed-methods example (examples/mixed/README.md): a staff survey whose respondents were then
# interviewed. Made-up data; no real person in it.
name: Staff wellbeing survey and interviews (synthetic mixed-methods example)
data:
  file: survey.csv
  id: resp_id
  groups: [site, staff_group]
suppression: { minGroup: 5 }
instruments:
  - name: ghq
    instrument: ghq12
    items: "ghq_{n}"
    codes: [0, 1, 2, 3]
    cutoffs: { caseness: 4 }
analyses:
  - { id: describe-ghq, type: describe, scores: [ghq.total], by: [site] }
  - { id: ghq-caseness, type: prevalence, classification: ghq.caseness, level: case, norms: [ghq12-nhs-trust-staff-wall-1997] }
  - { id: caseness-by-site, type: crosstab, rows: ghq.caseness, cols: site }
`;

export const QUANTITIZED_YAML = `# The survey with the interviews' themes as variables (written by
#   staffwell mixed quantitize project.qual.sqlite --out survey-quantitized.csv)
# Respondents who were not interviewed have empty theme columns (unknown, not absent) and drop out of the test.
name: Theme presence by GHQ caseness (synthetic mixed-methods example)
data:
  file: survey-quantitized.csv
  id: resp_id
suppression: { minGroup: 5 }
instruments:
  - name: ghq
    instrument: ghq12
    items: "ghq_{n}"
    codes: [0, 1, 2, 3]
    cutoffs: { caseness: 4 }
analyses:
  - { id: running-on-empty-by-caseness, type: crosstab, rows: theme_running_on_empty_present, cols: ghq.caseness, test: fisher }
  - { id: strain-talk-by-ghq, type: correlation, scores: [ghq.total, theme_running_on_empty_segments], method: spearman }
`;

// ---- interviews

interface Snippet {
  code: string;
  /** Said before the coded part (may hold names: pseudonymised, never quoted). */
  lead?: string;
  quote: string;
  key?: boolean;
}

const STRAINED: Snippet[][] = [
  [
    { code: 'Workload/Never enough staff', lead: 'We were two down again on Tuesday.', quote: 'There are never enough of us on the rota, so you just run from one job to the next.', key: true },
    { code: 'Workload/Never enough staff', quote: 'The list keeps growing and nobody ever takes anything off it.' },
    { code: 'Workload/No breaks', quote: "Some shifts I don't sit down once in twelve hours.", key: true },
    { code: 'Workload/No breaks', quote: 'My break is a biscuit standing up at the nurses station.' },
  ],
  [
    { code: 'Rest and recovery/Poor sleep', quote: 'I lie awake going over the day, every little thing I might have missed.', key: true },
    { code: 'Rest and recovery/Days off spent recovering', quote: "On my days off I just sleep. I've got nothing left for my family." },
    { code: 'Rest and recovery/Poor sleep', quote: 'I wake up at four with my heart going and the handover already in my head.' },
    { code: 'Emotional exhaustion', quote: 'By Thursday I feel completely drained, like there is nothing left in the tank.', key: true },
  ],
  [
    { code: 'Emotional exhaustion', quote: 'I sat in the car park and cried before I could drive home.' },
    { code: 'Thinking of leaving', quote: "I've started looking at jobs outside the health service.", key: true },
    { code: 'Thinking of leaving', quote: 'If something came up tomorrow with normal hours, I would take it.' },
    { code: 'Support/Peer support', lead: 'Kemi on nights is the reason I am still here.', quote: 'The others on my shift are the only thing holding it together.', key: true },
  ],
];

const WELL: Snippet[][] = [
  [
    { code: 'Control over work', quote: 'I can plan my own clinic list, and that makes a huge difference.', key: true },
    { code: 'Control over work', quote: 'If I need to swap a shift I just sort it out with the team.' },
    { code: 'Manageable busyness', quote: "It's busy, but it's the good kind of busy, and it ends when I go home." },
  ],
  [
    { code: 'Support/Manager support', lead: 'Dawn Pryce has managed us for three years.', quote: 'My manager checks in every week and actually listens.', key: true },
    { code: 'Support/Peer support', quote: "There's always someone to have a cup of tea with after a bad call.", key: true },
    { code: 'Support/Peer support', quote: 'We look out for each other; nobody is left on their own with a difficult patient.' },
  ],
  [
    { code: 'Meaningful work', quote: 'When a patient thanks you on the way out, that is what keeps me going.', key: true },
    { code: 'Meaningful work', quote: 'I go home most days knowing I did something that mattered.' },
    { code: 'Manageable busyness', quote: 'Some weeks are heavy, but we get through them together.' },
  ],
];

/** What the low scorer who is not fine says (a discordance for the side-by-side display). */
const DISCORDANT: Snippet = { code: 'Emotional exhaustion', lead: 'On paper I suppose I look fine.', quote: "I'm tired in a way that a weekend doesn't fix anymore.", key: true };

const FIRST = ['Alex', 'Jordan', 'Sam', 'Morgan', 'Robin', 'Casey', 'Jamie', 'Taylor', 'Riley', 'Avery', 'Quinn', 'Rowan', 'Elliot'];
const LAST = ['Hartley', 'Osei', 'Brennan', 'Lowther', 'Nakamura', 'Fairclough', 'Adebayo', 'Kowalski', 'Sinclair', 'Mahmood', 'Pemberton', 'Castell', 'Ward'];
const INTERVIEWER = 'Ruth Okoro';

export interface ExampleInterview {
  file: string;
  participantId: string;
  displayName: string;
  site: string;
  turns: DemoTurn[];
  snippets: Snippet[];
}

export function interviews(selected: readonly { id: string; strained: boolean; site: string }[]): ExampleInterview[] {
  const rng = createRng(1603);
  const people = [...selected, { id: 'PILOT', strained: true, site: SITES[0]! }];
  const lowest = selected.filter((p) => !p.strained).at(-1)?.id;
  return people.map((p, i) => {
    const first = FIRST[i]!;
    const name = `${first} ${LAST[i]!}`;
    const bank = p.strained ? STRAINED : WELL;
    const snippets = bank.map((group) => group[rng.int(0, group.length - 1)]!);
    if (p.strained && rng.uniform() < 0.5) snippets.push(WELL[1]![1]!); // some strained staff still feel held by peers
    if (p.id === lowest) snippets.push(DISCORDANT);
    const say = (s: Snippet) => [s.lead, s.quote].filter(Boolean).join(' ');
    const prompts = ['How has work been for you lately?', 'Can you say more about that?', 'Who or what helps when things get hard?', 'Is there anything else about how you are doing?'];
    const turns: DemoTurn[] = [
      { who: INTERVIEWER, text: `Thanks for talking to me today, ${first}. You filled in the staff survey earlier this year, and I'd like to hear more about what work is like for you.` },
      { who: name, text: `That's fine. I'm in ${p.site === SITES[2] ? 'imaging' : 'a ward team'} at ${p.site}.` },
    ];
    snippets.forEach((s, k) => {
      turns.push({ who: INTERVIEWER, text: prompts[k % prompts.length]! });
      turns.push({ who: name, text: say(s), pause: 1 });
    });
    turns.push({ who: INTERVIEWER, text: `Thank you, ${first}. That's everything from me.` });
    return { file: `int-${p.id}.vtt`, participantId: p.id, displayName: name, site: p.site, turns, snippets };
  });
}

export function codings(ivs: readonly ExampleInterview[]): unknown {
  const codePaths = [...new Set([...STRAINED, ...WELL].flat().concat(DISCORDANT).map((s) => s.code))];
  const codes: { name: string; parent?: string }[] = [];
  for (const path of codePaths) {
    const parts = path.split('/');
    for (let k = 0; k < parts.length; k++) {
      const name = parts[k]!;
      const parent = k > 0 ? parts.slice(0, k).join('/') : undefined;
      if (!codes.some((c) => c.name === name && c.parent === parent)) codes.push({ name, ...(parent ? { parent } : {}) });
    }
  }
  return {
    _comment: `Codings of examples/mixed (${NOTICE}). Applied by \`staffwell qual apply PROJECT examples/mixed/codings.json\` after the import; quotes match the pseudonymised text.`,
    codes,
    segments: ivs.flatMap((iv) => iv.snippets.map((s) => ({ document: iv.file, code: s.code, quote: s.quote, coder: 'Coder A', ...(s.key ? { keyQuote: true } : {}) }))),
    themes: [
      { name: 'Running on empty', description: 'Work takes more than rest gives back', codes: ['Workload', 'Rest and recovery', 'Emotional exhaustion'] },
      { name: 'Looking for the exit', description: 'Thinking of leaving the job or the service', codes: ['Thinking of leaving'] },
      { name: 'Held by the team', description: 'Colleagues and managers who carry each other', codes: ['Support'] },
      { name: 'Room to decide', description: 'Control over how and when the work is done', codes: ['Control over work', 'Manageable busyness'] },
    ],
  };
}

export async function makeMixedExample(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'survey.csv'), csv(surveyRows()));
  writeFileSync(join(dir, 'study.yaml'), STUDY_YAML);
  writeFileSync(join(dir, 'study-quantitized.yaml'), QUANTITIZED_YAML);
  const study = loadStudy(join(dir, 'study.yaml'));
  const respondents = await loadRespondents(study, { variables: ['ghq.total', 'ghq.caseness', 'site'] });
  const sel = selectInterviewees(respondents, { ...SELECTION, scores: [...SELECTION.scores] });
  const caseness = respondents.variables.find((v) => v.ref === 'ghq.caseness')!;
  const site = respondents.variables.find((v) => v.ref === 'site')!;
  const rowOf = new Map(respondents.ids.map((id, r) => [id, r]));
  const ivs = interviews(sel.selected.map((s) => ({ id: s.id, strained: valueAt(caseness, rowOf.get(s.id)!) === 'case', site: String(valueAt(site, rowOf.get(s.id)!)) })));
  for (const iv of ivs) writeFileSync(join(dir, iv.file), zoomVtt(iv.turns).replace(/^NOTE .*$/m, `NOTE ${NOTICE}`));
  writeFileSync(join(dir, 'participants.csv'), csv([['participant_id', 'site', 'interview'], ...ivs.map((iv) => [iv.participantId, SITE_LABEL[iv.site]!, iv.participantId === 'PILOT' ? 'pilot' : 'main'])]));
  writeFileSync(join(dir, 'speakers.csv'), csv([['file', 'display_name', 'participant_id'], ...ivs.flatMap((iv) => [[iv.file, INTERVIEWER, 'interviewer'], [iv.file, iv.displayName, iv.participantId]])]));
  const names = ivs.map((iv) => iv.displayName.split(' ')[0]!);
  writeFileSync(
    join(dir, 'replacements.csv'),
    csv([
      ['original', 'replacement', 'category'],
      ...Object.entries(SITE_LABEL).map(([o, r]) => [o, r, 'site']),
      ['Dawn Pryce', '[manager]', 'colleague'],
      ['Kemi', '[colleague]', 'colleague'],
      ...names.map((n) => [n, '[participant]', 'person']),
    ]),
  );
  writeFileSync(join(dir, 'codings.json'), JSON.stringify(codings(ivs), null, 1) + '\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await makeMixedExample(join(process.cwd(), 'examples', 'mixed'));
  console.log(`wrote examples/mixed/ (${NOTICE})`);
}
