import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../../src/mixed/select-interviewees.ts';
import type { QualSession } from '../../src/qual/project.ts';
import { tempProject, type TempProject } from '../qual/qual-helpers.ts';
import { buildStudy } from '../qual/study-fixture.ts';

/**
 * A small synthetic mixed-methods study: a survey of 30 respondents (GHQ-12 coded 0..3, a site, a consent
 * column), of whom P01, P02 and P03 were interviewed; the qualitative project is test/qual's synthetic study
 * (P01–P04; P04 is not in the survey) with two themes.
 */
export const SURVEY_IDS = ['P01', 'P02', 'P03', ...Array.from({ length: 27 }, (_, i) => `R${String(i + 4).padStart(3, '0')}`)];

export function writeSurvey(dir: string): { csv: string; study: string } {
  const rand = mulberry32(7);
  const lines = ['resp_id,site,consent,' + Array.from({ length: 12 }, (_, i) => `ghq_${i + 1}`).join(',')];
  SURVEY_IDS.forEach((id, r) => {
    const strain = r % 3; // 0 low, 1 mid, 2 high
    const items = Array.from({ length: 12 }, () => Math.min(3, Math.floor(rand() * 2 + strain * 0.8)));
    if (id === 'R010') items[3] = NaN; // one missing answer
    lines.push([id, r % 2 ? 'North' : 'South', r % 4 === 0 ? 'no' : 'yes', ...items.map((x) => (Number.isNaN(x) ? '' : String(x)))].join(','));
  });
  const csv = join(dir, 'survey.csv');
  writeFileSync(csv, lines.join('\n') + '\n');
  const study = join(dir, 'study.yaml');
  writeFileSync(
    study,
    [
      'name: Mixed fixture',
      'data:',
      '  file: survey.csv',
      '  id: resp_id',
      '  groups: [site]',
      'suppression: { minGroup: 2 }',
      'instruments:',
      '  - name: ghq',
      '    instrument: ghq12',
      '    items: "ghq_{n}"',
      '    codes: [0, 1, 2, 3]',
      '    cutoffs: { caseness: 4 }',
      'analyses:',
      '  - { id: describe-ghq, type: describe, scores: [ghq.total] }',
      '  - { id: caseness, type: prevalence, classification: ghq.caseness, level: case, norms: [ghq12-nhs-trust-staff-wall-1997] }',
      '',
    ].join('\n'),
  );
  return { csv, study };
}

export async function mixedFixture(): Promise<{ t: TempProject; s: QualSession; study: string; csv: string; ids: Awaited<ReturnType<typeof buildStudy>> & { themes: { strain: string; support: string } } }> {
  const t = await tempProject();
  const s = t.session;
  const ids = await buildStudy(s);
  const { id: strain } = await s.apply({ type: 'theme.create', name: 'Worn down', codeIds: [ids.codes.work, ids.codes.emotion] });
  const { id: support } = await s.apply({ type: 'theme.create', name: 'Held together', codeIds: [ids.codes.support] });
  const files = writeSurvey(t.dir);
  return { t, s, ...files, ids: { ...ids, themes: { strain, support } } };
}
