/**
 * What to do about text found where answer codes are expected. Text that says an answer is missing ("N/A",
 * "Don't know", "Prefer not to say", "-") is declared a missing-value code; text in words ("Agree", "Most of the
 * time") is an answer label, and declaring it missing would throw the answer away, so the advice is to give the
 * labels their codes. Anything else (a typo, "3a") is corrected in the data, or declared missing.
 */

/** Words and phrases that mark a non-answer in survey exports (compared in lower case, spaces squeezed). */
const NON_ANSWERS = new Set([
  'na', 'n/a', 'n.a.', 'nan', 'null', 'none', 'missing', 'blank', 'skip', 'skipped', 'refused', 'no answer',
  'not answered', 'not applicable', "don't know", 'dont know', 'do not know', 'dk', 'unknown', 'prefer not to say',
  'prefer not to answer', 'rather not say', 'not asked', '-', '--', '.', '?', '*',
]);

/** 'non-answer', 'label' (words), or 'other'. */
export function textAnswerKind(text: string): 'non-answer' | 'label' | 'other' {
  const t = text.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ');
  if (NON_ANSWERS.has(t)) return 'non-answer';
  // words: letters (any script), with spaces, hyphens, apostrophes and a closing full stop, and at least two letters
  if (/^\p{L}[\p{L}' -]*\p{L}\.?$/u.test(t)) return 'label';
  return 'other';
}

/**
 * The hint for `text` in an item column. `where` names how the user declares missing codes and labels in the
 * place they work (the default names both the CLI flag and the study file's field).
 */
export function textAnswerHint(text: string, correctIn: 'data' | 'workbook' = 'data'): string {
  switch (textAnswerKind(text)) {
    case 'non-answer':
      return `declare it as a missing-value code (--na, or data.missing in a study file), or correct it in the ${correctIn}`;
    case 'label':
      return `it looks like an answer label: give the labels their codes (--labels FILE, or labels: in a study file), rather than declaring them missing, which would drop the answers`;
    case 'other':
      return `correct it in the ${correctIn}, or declare it as a missing-value code (--na, or data.missing in a study file)`;
  }
}
