/**
 * Public API of mixed methods as data: one participant across survey and interview (the participant link and
 * profile), joint displays (statistics by themes, case comparison, side by side), quantitizing and qualitizing,
 * and proposing interviewees from survey results. Results are plain objects with stable keys; how they are
 * printed (display-tables.ts) is kept apart.
 */
export { loadRespondents, respondentsOf, valueAt, asGroups, findVariable, type Respondents, type RespondentVariable, type RespondentsOptions, type VariableKind } from './respondents.ts';
export { loadCodedParticipants, evidenceRows, type CodedParticipants, type CodedSegment, type EvidenceUnit } from './coded-participants.ts';
export { linkParticipants, normaliseId, type LinkCheck, type LinkedProject } from './participant-link.ts';
export { participantProfile, type ParticipantProfile, type ProfileQuote } from './participant-profile.ts';
export { scoreSummary, pickQuotes, type ScoreSummary, type DisplayQuote } from './display-parts.ts';
export { statisticsByThemes, type StatisticsByThemes, type StatisticsByThemesRow, type StatisticsByThemesOptions } from './statistics-by-themes.ts';
export { caseComparison, NOT_LINKED, MISSING, type CaseComparison, type CaseComparisonOptions } from './case-comparison.ts';
export { sideBySide, type SideBySide, type SideBySideResolved } from './side-by-side.ts';
export { quantitize, quantitizedTable, quantitizedRows, slug, QUANTITIZE_MEASURES, type Quantitized, type QuantitizedVariable, type QuantitizeMeasure, type QuantitizeOptions } from './quantitize.ts';
export { qualitize, type Qualitized } from './qualitize.ts';
export { selectInterviewees, mulberry32, SELECTION_STRATEGIES, type Selection, type SelectionOptions, type SelectionStrategy } from './select-interviewees.ts';
export * from './display-tables.ts';
export { FITS, readLinkSpec, readDisplay, listDisplays, type Fit, type ParticipantLinkSpec, type SideBySideRow } from '../qual/commands/mixed.ts';
