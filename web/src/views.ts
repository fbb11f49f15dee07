import type { ComponentType } from 'preact';
import type { Route } from './router.ts';
import { AgreementView } from './views/agreement.tsx';
import { CodebookView } from './views/codebook-view.tsx';
import { CompareCodesView } from './views/compare-codes.tsx';
import { DocumentsView } from './views/documents.tsx';
import { MatrixView } from './views/matrix.tsx';
import { ModelView } from './views/model.tsx';
import { MemosView } from './views/memos.tsx';
import { ParticipantsView } from './views/participants.tsx';
import { RetrievalView, SearchView } from './views/retrieval.tsx';
import { PseudonymiseView } from './views/pseudonymise.tsx';
import { ResultsView } from './views/results.tsx';
import { ThemesView } from './views/themes.tsx';
import { TranscriptView } from './views/transcript.tsx';
import { SurveyDataView } from './views/survey-data.tsx';
import { JointDisplaysView } from './views/joint-displays.tsx';

/**
 * The workspace's views, one entry each: the shell draws a tab for every entry with a `label` and routes
 * `#/<id>/...` to its component. A new area (survey results, joint displays) adds its entry here.
 */
export interface ViewEntry {
  id: string;
  /** Tab label; none: reachable by link only (e.g. one document). */
  label?: string;
  /** Keyboard shortcut to open the tab (with Alt). */
  key?: string;
  /** Which part of the header's navigation the tab sits in (default: interviews). */
  group?: 'interviews' | 'survey';
  /** For a view without a tab: the tab shown as current while it is open (default: Documents). */
  tab?: string;
  component: ComponentType<{ route: Route }>;
}

export const VIEWS: ViewEntry[] = [
  { id: 'documents', label: 'Documents', key: '1', component: DocumentsView },
  { id: 'document', component: TranscriptView },
  { id: 'pseudonymise', label: 'Pseudonymise', component: PseudonymiseView },
  { id: 'codes', label: 'Codebook', key: '2', component: CodebookView },
  { id: 'retrieval', label: 'Retrieval', key: '3', component: RetrievalView },
  // reached from Retrieval ("Compare two codes")
  { id: 'compare', tab: 'retrieval', component: CompareCodesView },
  { id: 'search', label: 'Search', key: '4', component: SearchView },
  { id: 'matrix', label: 'Matrix', key: '5', component: MatrixView },
  { id: 'memos', label: 'Memos', key: '6', component: MemosView },
  { id: 'participants', label: 'Participants', key: '7', component: ParticipantsView },
  { id: 'themes', label: 'Themes', key: '8', component: ThemesView },
  { id: 'agreement', label: 'Agreement', key: '0', component: AgreementView },
  { id: 'model', label: 'Model', key: '9', component: ModelView },
  { id: 'survey', label: 'Survey data', group: 'survey', component: SurveyDataView },
  { id: 'results', label: 'Results', group: 'survey', component: ResultsView },
  // both kinds of data at once; beside the survey views since it needs the link to a study
  { id: 'joint', label: 'Joint displays', group: 'survey', component: JointDisplaysView },
];
