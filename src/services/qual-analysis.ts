import { StaffwellError } from '../errors.ts';
import { agreementReport, type AgreementReport } from '../qual/intercoder.ts';
import { findCode } from '../qual/lookup.ts';
import { codeMatrix, cooccurrence, type CodeMatrix, type Cooccurrence } from '../qual/matrices.ts';
import type { QualProject } from '../qual/project.ts';
import { saturationCurve, type SaturationPoint } from '../qual/saturation.ts';
import { oneOf } from './one-of.ts';
import { qualCoderIds } from './qual-retrieval.ts';

/** Analyses across a project: code matrices, co-occurrence, saturation, inter-coder agreement. One snapshot each. */

export interface QualMatrixOptions {
  /** Columns: participants or sites. */
  cols: 'participants' | 'sites';
  /** Cells hold the coded text too (a framework matrix). */
  text?: boolean;
  /** Coders by name (default all). */
  coders?: readonly string[];
  /** Leave out empty rows and columns. */
  dropEmpty?: boolean;
}

export function qualMatrix(project: QualProject, options: QualMatrixOptions): Promise<CodeMatrix> {
  oneOf(options.cols, ['participants', 'sites'], 'cols');
  return project.store.read(async (r) =>
    codeMatrix(r, {
      by: options.cols,
      text: options.text,
      dropEmpty: options.dropEmpty,
      coderIds: options.coders ? await qualCoderIds(r, options.coders) : undefined,
    }),
  );
}

export function qualCooccurrence(project: QualProject, options: { scope?: 'overlap' | 'turn'; coders?: readonly string[] } = {}): Promise<Cooccurrence> {
  const scope = options.scope ?? 'overlap';
  oneOf(scope, ['overlap', 'turn'], 'scope');
  return project.store.read(async (r) => cooccurrence(r, { scope, coderIds: options.coders ? await qualCoderIds(r, options.coders) : undefined }));
}

export function qualSaturation(project: QualProject, options: { order?: 'import' | 'interview-date'; coders?: readonly string[] } = {}): Promise<SaturationPoint[]> {
  const order = options.order ?? 'import';
  oneOf(order, ['import', 'interview-date'], 'order');
  return project.store.read(async (r) => saturationCurve(r, { order, coderIds: options.coders ? await qualCoderIds(r, options.coders) : undefined }));
}

export function qualAgreement(
  project: QualProject,
  options: { coders: readonly string[]; unit?: 'character' | 'turn'; codes?: readonly string[] },
): Promise<AgreementReport> {
  if (options.coders.length !== 2) {
    throw new StaffwellError('invalid-option', 'name exactly two coders', { field: 'coders', value: options.coders.join(','), hint: 'e.g. "Coder A,Coder B"' });
  }
  if (options.coders[0] === options.coders[1]) {
    throw new StaffwellError('invalid-option', 'name two different coders', { field: 'coders', value: options.coders.join(','), hint: 'agreement compares one coder with another' });
  }
  const unit = options.unit ?? 'character';
  oneOf(unit, ['character', 'turn'], 'unit');
  return project.store.read(async (r) => {
    const codes = options.codes ? await r.listCodes() : [];
    return agreementReport(r, {
      coders: [options.coders[0], options.coders[1]],
      unit,
      codeIds: options.codes?.map((c) => findCode(codes, c, 'codes').id),
    });
  });
}

