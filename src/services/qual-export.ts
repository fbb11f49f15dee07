import { segmentRows } from '../qual/exports.ts';
import { exportSnapshot } from '../qual/project-snapshot.ts';
import type { QualProject } from '../qual/project.ts';
import { querySegments } from '../qual/queries.ts';
import { exportQdc, exportQdpx } from '../refi/index.ts';

/**
 * Exports of the pseudonymised project (never the key file): REFI-QDA project and codebook, coded segments as
 * rows. Results are bytes or rows; the caller writes them (the CLI atomically to a file, a server to a response).
 */

export function qualExportQdpx(project: QualProject, options: { exportedAt?: string } = {}): Promise<Uint8Array> {
  return project.store.read(async (r) => exportQdpx(await exportSnapshot(r), { exportedAt: options.exportedAt }));
}

export function qualExportQdc(project: QualProject): Promise<string> {
  return project.store.read(async (r) => exportQdc(await exportSnapshot(r)));
}

/** Every coded segment as rows (header first): document, code, coder, participant, site, offsets, text, attributes. */
export function qualSegmentRows(project: QualProject): Promise<string[][]> {
  return project.store.read(async (r) => segmentRows(await querySegments(r)));
}
