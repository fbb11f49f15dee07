import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EXAMPLES = join(import.meta.dirname, '../../examples');

/** The PALS example study written into `dir` with its data beside it (data.file made relative to the copy). */
export function writePalsStudy(dir: string, name = 'study.yaml'): string {
  const yaml = readFileSync(join(EXAMPLES, 'pals/study.yaml'), 'utf8').replace('file: ../demo-survey.csv', 'file: demo-survey.csv');
  writeFileSync(join(dir, name), yaml);
  copyFileSync(join(EXAMPLES, 'demo-survey.csv'), join(dir, 'demo-survey.csv'));
  return join(dir, name);
}
