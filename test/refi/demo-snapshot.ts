/**
 * A small synthetic REFI demo project (no real data): two coders, a code hierarchy with a grouping-only parent,
 * variables of every type, two participants, two interview extracts (one with an accented name and an emoji, i.e.
 * a character outside the Basic Multilingual Plane), segments by both coders, memos on every kind of target, and
 * nested themes (a superordinate theme, kinds given and defaulted, a theme with no codes) and a grounded-theory
 * model (phases, one empty; a category in no phase; relationships; a property and a note REFI-QDA has no place for).
 */
import type { ProjectSnapshot } from '../../src/qual/snapshot.ts';

const doc1 =
  'Interviewer: How has the winter been on the ward?\n' +
  'P01: Honestly, exhausting. We were two nurses short most nights and José covered extra shifts 😩.\n' +
  'Interviewer: What helped?\n' +
  'P01: The team huddles. Our manager listened, and that mattered.\n';
const doc2 =
  'Interviewer: Tell me about support at work.\n' +
  'P02: Supervision is regular, but the rota changes at short notice.\n' +
  'P02: I sleep badly before night shifts.\n';

function at(text: string, needle: string): [number, number] {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`demo: "${needle}" not found`);
  return [start, start + needle.length];
}

function seg(id: string, documentId: string, text: string, needle: string, codeId: string, coderId: string, createdAt: string) {
  const [start, end] = at(text, needle);
  return { id, documentId, codeId, start, end, text: text.slice(start, end), coderId, createdAt };
}

export function demoSnapshot(): ProjectSnapshot {
  return {
    name: 'Staff wellbeing demo',
    description: 'Synthetic demonstration project for REFI-QDA exchange tests.',
    users: [
      { id: 'u-amira', name: 'Coder A' },
      { id: 'u-ben', name: 'Coder B' },
    ],
    codes: [
      { id: 'c-work', name: 'Workload', codable: false, color: '#AA3377', description: 'Theme: demands of the job' },
      { id: 'c-staff', name: 'Staffing shortages', parentId: 'c-work', color: '#CC6677', description: 'Rota gaps, unfilled shifts' },
      { id: 'c-rota', name: 'Rota changes', parentId: 'c-work' },
      { id: 'c-support', name: 'Support', color: '#228833' },
      { id: 'c-mgr', name: 'Manager support', parentId: 'c-support' },
      { id: 'c-sleep', name: 'Sleep & fatigue <night shifts>', description: 'Includes "tiredness"' },
    ],
    variables: [
      { id: 'v-site', name: 'Site', type: 'text' },
      { id: 'v-ee', name: 'MBI_EE', type: 'float', description: 'Emotional exhaustion score' },
      { id: 'v-years', name: 'Years in post', type: 'integer' },
      { id: 'v-nights', name: 'Works nights', type: 'boolean' },
      { id: 'v-date', name: 'Interview date', type: 'date' },
    ],
    participants: [
      {
        id: 'p01',
        name: 'P01',
        description: 'Band 5 nurse',
        attributes: { 'v-site': 'Site B', 'v-ee': 31.5, 'v-years': 4, 'v-nights': true, 'v-date': '2025-01-14' },
        documentIds: ['d1'],
      },
      { id: 'p02', name: 'P02', attributes: { 'v-site': 'Site A', 'v-ee': null, 'v-nights': false }, documentIds: ['d2'] },
    ],
    documents: [
      { id: 'd1', name: 'P01 interview', text: doc1, createdBy: 'u-amira', createdAt: '2025-01-15T09:30:00.000Z', attributes: { 'v-site': 'Site B' } },
      { id: 'd2', name: 'P02 interview', text: doc2, description: 'Second interview, shortened', createdAt: '2025-01-16T10:00:00Z' },
    ],
    segments: [
      seg('s1', 'd1', doc1, 'We were two nurses short most nights', 'c-staff', 'u-amira', '2025-01-20T10:00:00Z'),
      seg('s2', 'd1', doc1, 'two nurses short most nights and José covered extra shifts 😩', 'c-staff', 'u-ben', '2025-01-21T11:00:00Z'),
      seg('s3', 'd1', doc1, 'Honestly, exhausting.', 'c-sleep', 'u-ben', '2025-01-21T11:05:00Z'),
      seg('s4', 'd1', doc1, 'Our manager listened, and that mattered.', 'c-mgr', 'u-amira', '2025-01-20T10:10:00Z'),
      seg('s5', 'd1', doc1, 'Our manager listened', 'c-mgr', 'u-ben', '2025-01-21T11:10:00Z'),
      seg('s6', 'd2', doc2, 'the rota changes at short notice', 'c-rota', 'u-amira', '2025-01-22T09:00:00Z'),
      seg('s7', 'd2', doc2, 'I sleep badly before night shifts.', 'c-sleep', 'u-amira', '2025-01-22T09:05:00Z'),
      seg('s8', 'd2', doc2, 'I sleep badly before night shifts.', 'c-sleep', 'u-ben', '2025-01-23T09:05:00Z'),
    ],
    memos: [
      { id: 'm-proj', title: 'Analysis plan', text: 'Framework analysis; double-code 20 %.\nAgree codebook first.', target: { kind: 'project' }, authorId: 'u-amira', createdAt: '2025-01-10T08:00:00Z' },
      { id: 'm-code', title: 'Staffing definition', text: 'Include agency cover & bank shifts.', target: { kind: 'code', id: 'c-staff' }, authorId: 'u-ben' },
      { id: 'm-doc', title: 'Context', text: 'Interview during winter pressures.', target: { kind: 'document', id: 'd1' } },
      { id: 'm-seg', title: 'Boundary', text: 'B included the emoji; A did not.', target: { kind: 'segment', id: 's2' }, authorId: 'u-amira' },
      { id: 'm-part', title: 'Participant note', text: 'Recently returned from leave.', target: { kind: 'participant', id: 'p01' }, createdAt: '2025-01-15T12:00:00Z' },
      { id: 'm-theme', title: 'Why a superordinate theme', text: 'Strain holds both shortage and nights.', target: { kind: 'theme', id: 't-strain' }, authorId: 'u-ben' },
      { id: 'm-cat', title: 'Depletion memo', text: 'Check against the MBI scores.', target: { kind: 'category', id: 'g-deplete' } },
    ],
    themes: [
      { id: 't-strain', name: 'Strain of the job', kind: 'superordinate', description: 'Demands that outrun resources <and> "cover"', codeIds: ['c-work'] },
      { id: 't-short', name: 'Running short', parentId: 't-strain', codeIds: ['c-staff', 'c-rota'] },
      { id: 't-nights', name: 'Nights take their toll', kind: 'subtheme', parentId: 't-short', description: 'Sleep before and after nights', codeIds: ['c-sleep'] },
      { id: 't-held', name: 'Being held', parentId: 't-strain', codeIds: [] },
      { id: 't-support', name: 'Support that works', description: 'Managers who listen', codeIds: ['c-mgr', 'c-support'] },
    ],
    model: {
      categories: [
        { id: 'g-demand', name: 'Unmet demand', description: 'More work than hands', codeIds: ['c-staff', 'c-rota'], properties: [] },
        { id: 'g-deplete', name: 'Depletion', codeIds: ['c-sleep'], properties: [{ id: 'pr-1', name: 'duration', dimensionLow: 'a shift', dimensionHigh: 'months', description: 'not exported to REFI-QDA' }] },
        { id: 'g-buffer', name: 'Buffering', codeIds: ['c-mgr'], properties: [] },
        { id: 'g-alone', name: 'Category in no phase', codeIds: [], properties: [] },
      ],
      relationships: [
        { id: 'r-1', fromId: 'g-demand', toId: 'g-deplete', type: 'leads to' },
        { id: 'r-2', fromId: 'g-buffer', toId: 'g-deplete', type: 'softens <"in phase">', note: 'not exported to REFI-QDA' },
      ],
      phases: [
        { id: 'ph-1', name: 'Conditions', categoryIds: ['g-demand'] },
        { id: 'ph-2', name: 'Consequences', categoryIds: ['g-deplete', 'g-buffer'] },
        { id: 'ph-3', name: 'Empty phase', categoryIds: [] },
      ],
    },
  };
}
