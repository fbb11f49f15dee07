import type { QualSession } from '../../src/qual/project.ts';
import { addDocument, rangeOf } from './qual-helpers.ts';

/** A small synthetic study: 3 sites, 4 participants, 2 interviews and a focus group, coded by two coders. */
export async function buildStudy(p: QualSession) {
  await p.apply({
    type: 'participant.import',
    variables: [
      { name: 'role', type: 'text' },
      { name: 'band', type: 'integer' },
    ],
    rows: [
      { id: 'P01', site: 'North', attributes: { role: 'support worker', band: 3 } },
      { id: 'P02', site: 'South', attributes: { role: 'PALS officer', band: 5 } },
      { id: 'P03', site: 'North', attributes: { role: 'support worker', band: 2 } },
      { id: 'P04', site: 'East', attributes: { role: 'assistant practitioner', band: 4 } },
    ],
  });
  const d1 = await addDocument(p, 'int-P01.txt', [
    ['Interviewer', 'Tell me about your shifts.'],
    ['P01', 'The rota changes every week and the staffing is thin. I cover reception when we are short.'],
    ['Interviewer', 'Who supports you?'],
    ['P01', 'My team supports me. We have a group chat and cover for each other.'],
  ], { interviewDate: '2026-02-10' });
  const d2 = await addDocument(p, 'int-P02.txt', [
    ['Interviewer', 'What is hard about the job?'],
    ['P02', 'Families are angry and grieving. I slept badly for weeks. The staffing on the wards makes it worse.'],
  ], { interviewDate: '2026-02-03' });
  const d3 = await addDocument(p, 'fg-1.txt', [
    ['Interviewer', 'What keeps you going?'],
    ['P03', 'The team. Honestly the team supports me more than anyone.'],
    ['P04', 'Patients thanking you. And my team, when the rota is kind.'],
  ]);
  const c = async (name: string, parent?: string) => (await p.apply({ type: 'code.create', name, parentId: parent ?? null })).id;
  const work = await c('Workload');
  const staffing = await c('Staffing', work);
  const rota = await c('Rota', work);
  const support = await c('Support');
  const peer = await c('Peer support', support);
  const emotion = await c('Emotional labour');
  const meaning = await c('Meaning');
  const code = async (doc: string, codeId: string, quote: string, coder: string, keyQuote = false) =>
    (await p.apply({ type: 'segment.create', documentId: doc, codeId, ...(await rangeOf(p, doc, quote)), coder, keyQuote })).id;
  await code(d1, rota, 'The rota changes every week', 'Asha');
  await code(d1, staffing, 'the staffing is thin', 'Asha');
  await code(d1, staffing, 'The rota changes every week and the staffing is thin', 'Ben');
  await code(d1, staffing, 'I cover reception when we are short', 'Asha');
  await code(d1, peer, 'My team supports me', 'Asha', true);
  await code(d1, peer, 'My team supports me. We have a group chat', 'Ben');
  await code(d2, emotion, 'Families are angry and grieving', 'Asha', true);
  await code(d2, emotion, 'Families are angry and grieving. I slept badly for weeks.', 'Ben');
  await code(d2, staffing, 'The staffing on the wards makes it worse', 'Asha');
  await code(d3, peer, 'Honestly the team supports me more than anyone', 'Asha');
  await code(d3, meaning, 'Patients thanking you', 'Asha');
  await code(d3, peer, 'And my team, when the rota is kind', 'Asha');
  await code(d3, rota, 'when the rota is kind', 'Asha');
  return { docs: { d1, d2, d3 }, codes: { work, staffing, rota, support, peer, emotion, meaning } };
}
