/**
 * Formula neutralisation: the one rule for every text cell Staffwell writes to a CSV or XLSX file.
 *
 * A spreadsheet opening a CSV runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a tab or
 * carriage return before one of them is dropped first), so a code name, coder name, quote or participant id
 * such as `=HYPERLINK(...)` or `-2+3+cmd|' /C calc'!A0` would run when a colleague opens the export (CSV
 * injection, OWASP). The rule:
 *
 * - A text value that starts with one of `= + - @`, a tab or a carriage return — after any number of leading
 *   apostrophes — and is not a plain number (`-3`, `+5`, `-0.25`, `1e5`) is written with one apostrophe in
 *   front: `=1+1` → `'=1+1`, `'=x` → `''=x`. Spreadsheets show the apostrophe; none runs the cell.
 * - Numbers are never touched (a negative score is written `-1.5`), nor is any other text.
 * - Staffwell's readers (CSV and XLSX) undo it: a value that starts with an apostrophe followed by text this
 *   rule would have neutralised loses that one apostrophe. Writing then reading gives back every value exactly
 *   (the rule is a bijection: a value that needs no apostrophe never starts with one followed by such text).
 */

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** True if a spreadsheet could execute `s` (after leading apostrophes), i.e. the writer adds an apostrophe. */
export function needsNeutralising(s: string): boolean {
  let i = 0;
  while (s.charCodeAt(i) === 39 /* ' */) i++;
  const c = s.charCodeAt(i);
  // = + - @ tab CR
  if (!(c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13)) return false;
  return !PLAIN_NUMBER.test(s);
}

/** The text to write for a text value (see the rule above). */
export function neutraliseFormula(s: string): string {
  return needsNeutralising(s) ? `'${s}` : s;
}

/** The value a cell written by `neutraliseFormula` stood for (the readers' side of the rule). */
export function restoreFormula(s: string): string {
  return s.charCodeAt(0) === 39 && needsNeutralising(s.slice(1)) ? s.slice(1) : s;
}
