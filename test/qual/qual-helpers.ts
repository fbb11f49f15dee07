import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProject } from '../../src/qual/open-project.ts';
import { sequentialIds, steppingClock, type ProjectOptions, type QualProject, type QualSession } from '../../src/qual/project.ts';

export interface TempProject {
  project: QualProject;
  /** The project acting as `tester`. */
  session: QualSession;
  dir: string;
  path: string;
  keyPath: string;
  cleanup(): void;
}

/** A fresh project (+ key file) in a temp dir, with deterministic ids and clock; commands act as `tester`. */
export async function tempProject(options: { fault?: (point: string) => void; key?: boolean; authorize?: ProjectOptions['authorize'] } = {}): Promise<TempProject> {
  const dir = mkdtempSync(join(tmpdir(), 'staffwell-qual-'));
  const path = join(dir, 'study.qual.sqlite');
  const keyPath = join(dir, 'study.qual.key.sqlite');
  const project = await createProject(path, {
    keyPath: options.key === false ? undefined : keyPath,
    actor: 'tester',
    newId: sequentialIds('id'),
    now: steppingClock('2026-11-01T09:00:00.000Z'),
    fault: options.fault,
    authorize: options.authorize,
  });
  return {
    project,
    session: project.as('tester'),
    dir,
    path,
    keyPath,
    cleanup() {
      project.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A temp project whose commands crash at the fault point named by `failAt(point)` ('' for none). */
export async function faultyProject(): Promise<TempProject & { failAt(point: string): void }> {
  let at = '';
  const t = await tempProject({
    fault: (point) => {
      if (point === at) throw new Error(`injected crash at ${point}`);
    },
  });
  return { ...t, failAt: (point) => (at = point) };
}

/** Adds a document from turns `[[speaker label or null, text], ...]` through `document.import` (no parsing). */
export async function addDocument(
  session: QualSession,
  name: string,
  turns: [string, string][],
  extra: { site?: string; participantId?: string; interviewDate?: string } = {},
): Promise<string> {
  let text = '';
  const rows = [];
  for (const [speaker, body] of turns) {
    if (text) text += '\n\n';
    text += `${speaker}: `;
    const start = text.length;
    text += body;
    rows.push({ speaker, participantId: speaker === 'Interviewer' ? null : speaker, start, end: text.length, startMs: null, endMs: null });
  }
  const { id } = await session.apply({
    type: 'document.import',
    document: { name, text, format: 'text', site: extra.site, participantId: extra.participantId, interviewDate: extra.interviewDate },
    turns: rows,
    redactions: [],
    key: session.store.hasKey ? { sourceFile: name, originalText: text, speakers: [] } : undefined,
  });
  return id;
}

/** Offsets of the first occurrence of `quote` in the document's text. */
export async function rangeOf(session: QualSession, documentId: string, quote: string): Promise<{ start: number; end: number }> {
  const doc = (await session.store.getDocument(documentId))!;
  const start = doc.text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in ${doc.name}`);
  return { start, end: start + quote.length };
}
