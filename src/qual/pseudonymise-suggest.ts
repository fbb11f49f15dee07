/**
 * Suggestions of names, places and other capitalised identifiers that are not yet on the replacement list.
 * Suggestions only: a person confirms each one before it is added (automatic detection both misses and
 * over-marks; UK Data Service and tool documentation advise human review).
 */
import { findReplacementMatches, type PseudonymiseOptions, type Replacement } from './pseudonymise.ts';

export interface NameSuggestion {
  /** The capitalised word or sequence as written, e.g. "Marcus", "Maple Ward", "Ward 7". */
  candidate: string;
  /** Occurrences counted (sentence-initial occurrences of single words included). */
  count: number;
  /** Start offsets (UTF-16) of each occurrence in the text. */
  offsets: number[];
  /**
   * Why it is suggested: `capitalised` (a capitalised word or sequence not at the start of a sentence, or recurring
   * at sentence starts (3+) while never written in lower case nor shaped like a gerund or adverb); `part-of-known` (a word of a listed name appearing on
   * its own, e.g. "Sarah" when "Sarah Jones" is listed); `near-known` (a likely misspelling of a listed name).
   */
  reason: 'capitalised' | 'part-of-known' | 'near-known';
  /** The listed original it resembles (`part-of-known`, `near-known`). */
  similarTo?: string;
}

export interface SuggestNamesOptions extends PseudonymiseOptions {
  /** More words never to suggest (compared in lower case). */
  stopWords?: Iterable<string>;
  /** Suggest `capitalised` candidates only if seen at least this often. Default 1. */
  minCount?: number;
}

/**
 * Capitalised words that are not names: function words and discourse markers (capitalised at the start of a
 * sentence or turn), days, months, NHS and service vocabulary, roles and titles, transcript labels. Lower case.
 */
export const DEFAULT_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    // function words, pronouns, discourse markers
    'a an the and but or nor so yet if then than because as at by for from in into of off on onto out over to up ' +
    'with without within about above after again against all also although always am any are around be been before ' +
    'being below between both can cannot could did do does doing done down during each either else even ever every ' +
    'few further had has have having he her here hers herself him himself his how however i i\'m i\'ve i\'d i\'ll ' +
    'it it\'s its itself just least less let let\'s like many may maybe me might mine more most much must my myself ' +
    'never no not now obviously once only other others otherwise our ours ourselves perhaps probably quite rather ' +
    'really same she should since some somebody someone something sometimes somewhere still such sure that that\'s ' +
    'their theirs them themselves there there\'s therefore these they they\'re this those though through thus too ' +
    'under unless until upon us very was we we\'re we\'ve were what what\'s whatever when whenever where whereas ' +
    'wherever whether which while who whoever whom whose why will with would yes yeah yep you you\'re you\'ve your ' +
    'yours yourself yourselves oh ok okay okay. right well um umm erm er uh uhm mm mhm hmm ah aw gosh wow honestly ' +
    'actually basically definitely absolutely literally certainly especially generally usually normally initially ' +
    'finally personally hopefully unfortunately fortunately thankfully interestingly anyway anyways so. thanks thank ' +
    'please sorry hello hi hey bye cheers great good fine lovely brilliant fair true exactly totally absolutely ' +
    'one two three four five six seven eight nine ten first second third last next another don\'t didn\'t doesn\'t ' +
    'isn\'t wasn\'t weren\'t aren\'t can\'t couldn\'t wouldn\'t shouldn\'t won\'t haven\'t hasn\'t hadn\'t ' +
    'because. anything everything nothing everyone everybody nobody anyone anybody again. said says say think ' +
    'know mean guess suppose feel felt see look ' +
    // calendar
    'monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays thursdays fridays ' +
    'saturdays sundays january february march april may june july august september october november december ' +
    'christmas easter weekend bank holiday ' +
    // NHS, services, roles, titles, transcript vocabulary
    'nhs trust trusts foundation hospital hospitals ward wards unit team teams department clinic service services ' +
    'band bands manager managers matron sister nurse nurses doctor doctors consultant consultants radiographer ' +
    'radiographers radiologist radiology imaging mri ct x-ray ultrasound pals iapt pwp pwps cbt gp gps a&e ' +
    'icu hr covid covid-19 coronavirus lockdown zoom teams microsoft outlook whatsapp google facebook english ' +
    'british uk england scotland wales ireland interviewer interviewee participant facilitator moderator ' +
    'researcher respondent speaker mr mrs ms mx miss dr prof sir madam god lord jesus ' +
    'datix rota agenda reception admin healthcare health care staff wellbeing'
  ).split(/\s+/),
);

/** Sequences never suggested even though capitalised (pay bands, generic labels). */
const STOP_PATTERNS: readonly RegExp[] = [/^band \d+[a-d]?$/i, /^(?:agenda for change|foundation trust|covid-?19)$/i, /^p\d+$/i];

const CONNECTORS = new Set(['of', 'de', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'da', 'di', 'bin', 'al']);
const TITLES = new Set(['Dr', 'Mr', 'Mrs', 'Ms', 'Mx', 'St', 'Prof']);

interface Token {
  start: number;
  end: number;
  text: string;
  kind: 'cap' | 'upper' | 'num' | 'lower' | 'other';
  sentenceStart: boolean;
  /** Not a sentence start, but the start of reported speech, or just after a dash or a bracketed note. */
  speechStart: boolean;
}

function classify(t: string): Token['kind'] {
  if (/^\p{N}+[\p{L}]?$/u.test(t)) return 'num';
  if (/^[\p{Lu}\p{N}&-]{2,}s?$/u.test(t)) return 'upper'; // NHS, PWPs, A&E
  if (/^[\p{Lu}\p{Lt}]/u.test(t)) return /\p{Ll}/u.test(t) ? 'cap' : t.length >= 2 ? 'upper' : 'other';
  if (/^\p{Ll}/u.test(t)) return 'lower';
  return 'other';
}

function isSentenceStart(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && /[\s"“‘'(\[\u2014*_-]/u.test(text[k]!)) {
    if (text[k] === '\n') return true;
    k--;
  }
  if (k < 0) return true;
  return /[.!?…:;]/.test(text[k]!);
}

/**
 * Whether a word (not at a sentence start) begins a stretch of speech inside a sentence, where a capital may be the
 * speaker's and not a name's: just after an opening quotation mark (reported speech: `she said, "Taking bloods is
 * your job"`), after a dash (a false start: `I was – Taking`) or after a bracketed note (`[laughs] Taking`).
 */
function isSpeechStart(text: string, start: number): boolean {
  let k = start - 1;
  while (k >= 0 && /\s/u.test(text[k]!)) k--;
  if (k < 0) return false;
  const c = text[k]!;
  if (c === ']' || c === '\u2013' || c === '\u2014' || c === '“' || c === '‘') return true;
  const before = k > 0 ? text[k - 1]! : ' ';
  if (c === '-') return /\s/u.test(before); // a spaced hyphen used as a dash
  if (c === '"' || c === "'") return /[\s,:(]/u.test(before); // an opening straight quote
  return false;
}

/**
 * Word shapes that are seldom names when they start a sentence: gerunds and participles ("Taking", "Working"),
 * adverbs ("Luckily"). Only applied at sentence starts: "Reading" or "Ealing" inside a sentence is still a place.
 */
const COMMON_SHAPE = /^\p{L}{2,}(?:ing|ly)$/u;

/** Optimal string alignment distance (edits and adjacent transpositions), capped for speed. */
export function editDistance(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > 2) return 3;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => Array.from({ length: m + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[n]![m]!;
}

/**
 * Fuzzy rule for misspelt names: two words (compared in lower case) are near if they differ by exactly one edit
 * (insertion, deletion, substitution or transposition of neighbours) and the longer has at least 5 letters —
 * "Sara"/"Sarah", "Jonse"/"Jones", "Priya"/"Pryia". Shorter names differ by one letter from too many words
 * ("Tom"/"Tim"/"Ton").
 */
export function isNearName(a: string, b: string): boolean {
  const x = a.toLocaleLowerCase('en-GB');
  const y = b.toLocaleLowerCase('en-GB');
  if (x === y || Math.max(x.length, y.length) < 5) return false;
  return editDistance(x, y) === 1;
}

/**
 * Suggests capitalised words and sequences that may identify someone or somewhere and are not on the list
 * `known` (originals, or replacement entries). A candidate is a run of capitalised words (with connectors
 * like "of"/"van", upper-case words such as "NHS" inside, and a trailing number: "Ward 7"), leading function
 * words trimmed ("So Marcus" → "Marcus", "Dr Patel" kept), possessive "'s" removed. A single word is suggested when it appears
 * capitalised somewhere not at the start of a sentence or turn, or at sentence starts at least three times while
 * never written in lower case nor shaped like a gerund or adverb ("Taking", "Luckily"). At the start of reported
 * speech, after a dash or a bracketed note, a word written in lower case elsewhere or shaped so counts as at a
 * sentence start (`said, "Taking bloods..."`), any other as inside one (`said, "Marcus, come here"`). A sequence's
 * first word at such a start is dropped when it is that kind of word ("Taking Maple Ward" → "Maple Ward"). (A name
 * only ever said first in a sentence, once, is missed: read the text too.) Stop words (`DEFAULT_STOP_WORDS`), `Band 5`-like roles and text already matched by a
 * listed entry are never suggested; words of listed names on their own and near-misspellings of listed names are
 * flagged (`part-of-known`, `near-known`; misspellings only of people's names: entries with category person,
 * colleague, patient or none). Order: `near-known`, `part-of-known`, `capitalised`; then by count
 * (descending) and first offset.
 */
export function suggestNames(
  text: string,
  known: readonly (string | Replacement)[],
  options: SuggestNamesOptions = {},
): NameSuggestion[] {
  const entries: Replacement[] = known.map((k) => (typeof k === 'string' ? { original: k, replacement: '' } : k));
  const stop = new Set(DEFAULT_STOP_WORDS);
  for (const w of options.stopWords ?? []) stop.add(w.toLocaleLowerCase('en-GB'));
  const minCount = options.minCount ?? 1;

  // Text already covered by the list (what replaces it does not matter here, so one known word given twice, as
  // an original and as a replacement's text, is not a conflict).
  const masked = new Uint8Array(text.length);
  for (const m of findReplacementMatches(text, entries.map((e) => ({ original: e.original, replacement: '', caseSensitive: e.caseSensitive, wholeWord: e.wholeWord })), options)) {
    masked.fill(1, m.start, m.end);
  }

  const tokens: Token[] = [];
  const lowerWords = new Set<string>();
  const re = /[\p{L}\p{M}\p{N}]+(?:['’\-&][\p{L}\p{M}\p{N}]+)*/gu;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let t = m[0];
    if (/['’][sS]$/.test(t)) t = t.slice(0, -2);
    const start = m.index;
    const end = start + t.length;
    const kind = classify(t);
    if (kind === 'lower') lowerWords.add(t.toLocaleLowerCase('en-GB'));
    let isMasked = false;
    for (let k = start; k < end; k++) if (masked[k]) { isMasked = true; break; }
    if (isMasked) {
      tokens.push({ start, end, text: t, kind: 'other', sentenceStart: false, speechStart: false });
      continue;
    }
    const sentenceStart = isSentenceStart(text, start);
    tokens.push({ start, end, text: t, kind, sentenceStart, speechStart: !sentenceStart && isSpeechStart(text, start) });
  }

  const knownOriginals = entries.map((e) => e.original.trim().replace(/\s+/g, ' '));
  // Words of listed names for the misspelling check: only from people (person, colleague, patient, or entries
  // without a category), and never stop words ("March" in "March 2024" must not make "Marsh" a near miss).
  const knownWords = new Map<string, string>(); // lower-case word -> original
  entries.forEach((e, k) => {
    if (e.category !== undefined && e.category !== 'person' && e.category !== 'colleague' && e.category !== 'patient') return;
    for (const w of knownOriginals[k]!.split(' ')) {
      const lw = w.toLocaleLowerCase('en-GB');
      if (/\p{L}/u.test(lw) && !stop.has(lw)) knownWords.set(lw, knownOriginals[k]!);
    }
  });
  const knownLower = new Set(knownOriginals.map((o) => o.toLocaleLowerCase('en-GB')));

  /** `sentenceStart`: a single word whose capital may be the sentence's (or the speech's, for a common word). */
  type Occ = { start: number; key: string; single: boolean; sentenceStart: boolean };
  const occs: Occ[] = [];
  const isStop = (t: Token) => stop.has(t.text.toLocaleLowerCase('en-GB'));
  const commonAtStart = (t: Token) => lowerWords.has(t.text.toLocaleLowerCase('en-GB')) || COMMON_SHAPE.test(t.text);
  const gapIs = (a: Token, b: Token, ok: RegExp) => ok.test(text.slice(a.end, b.start));

  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'cap') continue;
    // Grow a sequence.
    const seq: Token[] = [tokens[i]!];
    let j = i + 1;
    while (j < tokens.length) {
      const prev = seq.at(-1)!;
      const t = tokens[j]!;
      const gapOk = gapIs(prev, t, /^ $/) || (TITLES.has(prev.text) && gapIs(prev, t, /^\. $/));
      if (!gapOk) break;
      if (t.kind === 'cap') { seq.push(t); j++; continue; }
      if (t.kind === 'num') { seq.push(t); j++; break; }
      if ((t.kind === 'upper' || (t.kind === 'lower' && CONNECTORS.has(t.text))) && j + 1 < tokens.length
        && tokens[j + 1]!.kind === 'cap' && gapIs(t, tokens[j + 1]!, /^ $/)) {
        seq.push(t, tokens[j + 1]!);
        j += 2;
        continue;
      }
      break;
    }
    i = j - 1;
    // Trim stop words at the front (sentence-initial "So", "Well", "The"), but keep titles ("Dr Patel") and
    // "Ward 7" (a stop word followed by a number identifies a place); "Maple Ward" keeps its last word.
    while (seq.length > 1 && isStop(seq[0]!) && !TITLES.has(seq[0]!.text) && seq[1]!.kind !== 'num') seq.shift();
    // A sentence-initial first word that is written in lower case elsewhere in the text, or shaped like a gerund or
    // adverb ("Taking Maple Ward" -> "Maple Ward"), is the sentence's capital, not part of the name; kept when what
    // is left would be no name at all ("Maple Ward" never becomes "Ward").
    if (seq.length > 1 && (seq[0]!.sentenceStart || seq[0]!.speechStart) && !TITLES.has(seq[0]!.text) && seq[1]!.kind !== 'num' && commonAtStart(seq[0]!)) {
      const rest = seq.slice(1);
      if (rest.some((t) => t.kind === 'cap' && !isStop(t))) seq.splice(0, 1);
    }
    while (seq.length > 1 && seq.at(-1)!.kind !== 'num' && seq.at(-1)!.kind !== 'cap') seq.pop();
    const first = seq[0]!;
    const last = seq.at(-1)!;
    const key = text.slice(first.start, last.end).replace(/\s+/g, ' ');
    if (STOP_PATTERNS.some((p) => p.test(key))) continue;
    const single = seq.length === 1;
    if (single && (isStop(first) || first.kind !== 'cap')) continue;
    if (!single && seq.every((t) => t.kind !== 'num' && (isStop(t) || t.kind !== 'cap'))) continue;
    if (knownLower.has(key.toLocaleLowerCase('en-GB'))) continue;
    occs.push({ start: first.start, key, single, sentenceStart: first.sentenceStart || (first.speechStart && commonAtStart(first)) });
  }

  const groups = new Map<string, Occ[]>();
  for (const o of occs) {
    const g = groups.get(o.key);
    if (g) g.push(o);
    else groups.set(o.key, [o]);
  }
  const out: NameSuggestion[] = [];
  for (const [key, list] of groups) {
    const offsets = list.map((o) => o.start);
    const lower = key.toLocaleLowerCase('en-GB');
    // near-known / part-of-known, whatever the position
    const words = key.split(' ');
    let reason: NameSuggestion['reason'] | null = null;
    let similarTo: string | undefined;
    const whole = knownOriginals.find((o) => o.toLocaleLowerCase('en-GB').split(' ').includes(lower) || (words.length > 1 && ` ${o.toLocaleLowerCase('en-GB')} `.includes(` ${lower} `)));
    if (whole !== undefined) {
      reason = 'part-of-known';
      similarTo = whole;
    } else {
      outer: for (const w of words) {
        for (const [kw, orig] of knownWords) {
          if (isNearName(w, kw)) {
            reason = 'near-known';
            similarTo = orig;
            break outer;
          }
        }
      }
    }
    if (reason === null) {
      const mid = list.filter((o) => !(o.single && o.sentenceStart)).length;
      const atStart = list.length - mid;
      const qualifies = mid >= 1 || (atStart >= 3 && !lowerWords.has(lower) && !COMMON_SHAPE.test(key));
      if (!qualifies || list.length < minCount) continue;
      reason = 'capitalised';
    }
    out.push(similarTo === undefined ? { candidate: key, count: list.length, offsets, reason } : { candidate: key, count: list.length, offsets, reason, similarTo });
  }
  const rank = { 'near-known': 0, 'part-of-known': 1, capitalised: 2 } as const;
  return out.sort((a, b) => rank[a.reason] - rank[b.reason] || b.count - a.count || a.offsets[0]! - b.offsets[0]!);
}
