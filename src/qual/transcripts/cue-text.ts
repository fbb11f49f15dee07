/**
 * Cue payload text (WebVTT / SRT): voice spans, markup and character references.
 */

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ', // a plain space: transcripts are analysed as text, and U+00A0 would break word matching
  lrm: '',
  rlm: '',
  ndash: '\u2013',
  mdash: '\u2014',
  hellip: '\u2026',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  pound: '\u00a3',
  euro: '\u20ac',
  copy: '\u00a9',
};

/**
 * Decodes `&amp;`, `&lt;`, `&gt;`, `&nbsp;` and the other common named references, and numeric references
 * (`&#233;`, `&#xE9;`). An unknown or malformed reference is kept literally (nothing is dropped).
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[body];
    return named === undefined ? whole : named;
  });
}

/** Collapses runs of whitespace (including line breaks inside a cue) to one space and trims. */
export function normaliseSpace(s: string): string {
  return s.replace(/[\s\u00a0]+/g, ' ').trim();
}

export interface VoiceSegment {
  /** The voice annotation (`<v Name>`), entities decoded and trimmed; null for text outside any voice span. */
  voice: string | null;
  text: string;
}

/** `<v Name>`, `<v.loud Name>`, `<v>` (empty annotation). */
const VOICE_OPEN = /^<v(?:\.[^\s>]*)*(?:[ \t\n]+([^>]*))?>$/;

/**
 * Splits a cue payload into voice segments and strips all other markup (`<i>`, `<b>`, `<c.yellow>`, `<lang en>`,
 * `<ruby>`, inline timestamps `<00:00:01.000>`). Voice tags may be unclosed (the span runs to the next voice tag
 * or the end of the cue). A `<` that does not start a tag is kept as text. Whitespace is normalised.
 */
export function splitVoices(payload: string): VoiceSegment[] {
  const segments: VoiceSegment[] = [];
  let voice: string | null = null;
  let buf = '';
  const flush = () => {
    const text = normaliseSpace(decodeEntities(buf));
    if (text !== '') segments.push({ voice, text });
    buf = '';
  };
  const tagRe = /<(\/?)([^<>]*)>/g;
  let last = 0;
  for (let m = tagRe.exec(payload); m !== null; m = tagRe.exec(payload)) {
    const tag = m[0];
    const closing = m[1] === '/';
    const body = m[2]!;
    buf += payload.slice(last, m.index);
    last = m.index + tag.length;
    if (!closing && /^v(?:[.\s]|$)/.test(body)) {
      const vm = VOICE_OPEN.exec(tag);
      flush();
      const name = vm && vm[1] !== undefined ? normaliseSpace(decodeEntities(vm[1])) : '';
      voice = name === '' ? null : name;
    } else if (closing && /^v\s*$/.test(body)) {
      flush();
      voice = null;
    } else if (/^[a-z][a-z0-9]*(?:\.[^\s]*)?(?:\s[^]*)?$/i.test(body) || /^\d+:\d{2}(?::\d{2})?\.\d{3}$/.test(body)) {
      // markup (<i>, </i>, <c.yellow>, <lang en>, <font color=...>) or an inline timestamp: the tag goes, its text stays
    } else {
      buf += tag; // not markup (e.g. "<3 >"): keep literally
    }
  }
  buf += payload.slice(last);
  flush();
  return segments;
}

/**
 * True if `name` looks like a speaker label: 1–63 characters, starts with a letter or digit, at most 6 words, no
 * sentence punctuation (a full stop only after an abbreviation or initial, as in "Dr. A. Patel"), not a time.
 * Display names with "@" (anonymised Teams users), hyphens and apostrophes are allowed, and so are one comma in
 * a capitalised "Last, First" name and one trailing parenthesis such as Zoom's "Helen Marsh (she/her)".
 */
export function isPlausibleSpeakerName(name: string): boolean {
  if (name.length === 0 || name.length > 63) return false;
  if (!/^[\p{L}\p{N}]/u.test(name)) return false;
  const paren = /^(.*?)\s*\(([^()]{1,30})\)$/.exec(name);
  const core = paren ? paren[1]! : name;
  if (paren && (paren[1]!.trim() === '' || /\d{1,2}:\d{2}/.test(paren[2]!))) return false;
  if (/[?!;"“”()\[\]{}<>=/\\|:]/.test(core)) return false;
  const commas = (core.match(/,/g) ?? []).length;
  if (commas > 1 || (commas === 1 && !(/^[^,]+, [^,]+$/.test(core) && looksLikeDisplayName(core.replace(',', ''))))) return false;
  if (/^(?:https?|www|ftp|mailto)$/i.test(core)) return false;
  if (core.split(/\s+/).length > 6) return false;
  if (/\.(?!$)/.test(core.replace(/\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|St|[A-Z])\./g, ''))) return false;
  if (/\d{1,2}:\d{2}/.test(core)) return false;
  return true;
}

/** Every word starts with an upper-case letter or a digit, or contains "@" (anonymised Teams users). */
export function looksLikeDisplayName(name: string): boolean {
  return name
    .replace(/\s*\([^()]*\)$/, '')
    .split(/\s+/)
    .every((w) => /^[\p{Lu}\p{Lt}\p{N}]/u.test(w) || w.includes('@') || /^(?:van|von|de|der|den|da|di|du|le|la|bin|al)$/.test(w));
}

/**
 * Candidate `Name: text` speaker prefix at the start of a cue or line (Zoom, SRT, plain transcripts), also in
 * Markdown bold (`**Name:** text`, `**Name**: text`). The name must pass `isPlausibleSpeakerName`, and the colon
 * must be followed by whitespace or the end (so "10:30" and URLs are not prefixes). Returns null otherwise.
 */
export function splitNamePrefix(text: string): { name: string; rest: string } | null {
  const m = /^\*{0,2}([^\s:*][^:\n*]{0,62}?)\*{0,2}\s*:\*{0,2}(?:[ \t\n]+|$)([\s\S]*)$/u.exec(text);
  if (!m) return null;
  const name = m[1]!.trim();
  if (!isPlausibleSpeakerName(name)) return null;
  return { name, rest: m[2]! };
}
