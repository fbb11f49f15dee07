/** The service layer: one function per user-level job, called by the CLI and by the HTTP routes alike. */
export * from './qual-project.ts';
export * from './qual-import.ts';
export * from './qual-retrieval.ts';
export * from './qual-analysis.ts';
export * from './qual-export.ts';
export * from './qual-workspace.ts';
export * from './mixed-link.ts';
export * from './mixed-displays.ts';
export * from './mixed-transform.ts';
export * from './report.ts';
export * from './factor-analysis.ts';
