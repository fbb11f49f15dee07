/**
 * Generates the bundled qualitative demo study in examples/qual/ (all people, organisations and events are
 * fictional, written for Staffwell; any resemblance to real people is coincidental):
 *
 *   int-01-teams.vtt     one-to-one interview, Microsoft Teams WebVTT (closed voice tags, guid/n-m cue ids)
 *   int-02-teams.vtt     one-to-one interview, Microsoft Teams WebVTT (unclosed voice tags, entities)
 *   int-03-zoom.vtt      one-to-one interview by videoconference, Zoom WebVTT ("Name: text", numeric ids)
 *   int-04-teams.docx    one-to-one interview, Teams .docx layout ("Name  00:00:03" header paragraphs)
 *   fg-01.srt            focus group, SRT (BOM, CRLF, "Name:" on the first cue of each turn)
 *   participants.csv, speakers.csv, replacements.csv
 *
 * Deterministic: no clock, no randomness; the .docx zip entries carry a fixed timestamp.
 * Run from the repository root:  node --import tsx scripts/make-qual-demo.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync, strToU8 } from 'fflate';

export interface DemoTurn {
  who: string;
  text: string;
  /** Silence before this turn in seconds (default 0.8). */
  pause?: number;
}

export interface DemoTranscript {
  file: string;
  participant: string;
  turns: DemoTurn[];
}

const HM = 'Helen Marsh';

// ---------------------------------------------------------------------------------------------------------------
// Interview 1 — imaging support worker, Northgate General (Teams .vtt)
const PR = 'Priya Raman';
const INT01: DemoTurn[] = [
  { who: HM, text: 'Thanks for making time for this, Priya. Before we start, are you still happy for me to record?' },
  { who: PR, text: "Yes, that's fine. I've read the information sheet." },
  { who: HM, text: 'Great. Could you start by telling me a bit about your role and how long you have been doing it?' },
  { who: PR, text: "So I'm an imaging support worker at Northgate General, band 3, and I've been in the department about four years now. Before that I was a healthcare assistant on Maple Ward for a couple of years." },
  { who: HM, text: 'What does a typical day look like for you?' },
  { who: PR, text: "Honestly there isn't really a typical day. In theory I'm prepping patients, getting them changed, doing the safety checklist for MRI, cannulating if I'm signed off for it. In practice I'm also on reception when they're short, I'm chasing porters, I'm restocking. You become the person who fills whatever gap there is." },
  { who: HM, text: 'How clear is it to you where your role starts and stops?' },
  { who: PR, text: "Not very. Some radiographers are brilliant about it. Sarah Jones, who's one of the superintendents, sat down with me when I started and wrote out what I could and couldn't do. But it changes with who's on. One day you're trusted to position someone, the next day somebody tells you off for touching the patient." },
  { who: PR, text: "And that's hard, because the patients don't see any of that. They just see a uniform.", pause: 1.2 },
  { who: HM, text: 'You mentioned Sarah sitting down with you. Can you say more about the support you get?' },
  { who: PR, text: "Sarah's been amazing, she's the reason I stayed. The CT lead, Marcus, is good too. The rest of the support is really each other. There's a group chat for the support workers and we cover for each other a lot, swap shifts when somebody's kids are ill, that kind of thing." },
  { who: HM, text: 'And from management?' },
  { who: PR, text: "Dave Whitlock is our manager and he means well, but he's stretched across two sites, here and Hillcrest. You'd email him and hear back in a fortnight. It's not personal, it's just how thin everyone is." },
  { who: HM, text: 'Can you tell me about a time when the work was emotionally difficult?' },
  { who: PR, text: "There was a gentleman, Mr Okafor, who came in for a scan that he was really frightened of. He'd been told it might be cancer and he kept asking me what the pictures showed. And I'm not allowed to say anything, which is right, but you're standing there holding his hand and you know the radiographer's face has changed." },
  { who: PR, text: "I went and sat in the car afterwards for ten minutes. Then I went back in because there were another six patients waiting.", pause: 6.5 },
  { who: HM, text: 'How do you usually deal with moments like that?' },
  { who: PR, text: "Talk to the others in the break room, mostly. Sometimes you don't get a break. I did use the staff support line once, after the pandemic, and that helped, but you have to book it yourself and it's always during your shift." },
  { who: HM, text: 'Thinking about the future, how do you see your career developing?' },
  { who: PR, text: "I'd love to do the assistant practitioner course, and maybe the radiography degree apprenticeship after that. The problem is there were two funded places across the whole trust last year. Northgate NHS Foundation Trust is big, and two places for all of us." },
  { who: HM, text: 'How did that feel?' },
  { who: PR, text: "Like you're running on the spot. You can be really good at your job and there's nowhere to go. A few of the band 2s have left for retail because the money is the same and you don't take it home with you." },
  { who: HM, text: 'What keeps you in the job?' },
  { who: PR, text: "The patients, honestly. When you calm somebody down and they get through a scan they were dreading, and they thank you on the way out. That's the bit that matters. And the team. If the team went I'd go." },
  { who: HM, text: 'Is there anything you would change if you could?' },
  { who: PR, text: "Write the role down properly, the same for everyone, so the radiographers know what we're trained for. And protected time for the training, not just a place on a course you have to do on your days off." },
  { who: HM, text: "That's really helpful. Is there anything else you'd like to add before we finish?" },
  { who: PR, text: "Just that we're not just the people who push the wheelchairs. I think that's it." },
  { who: HM, text: 'Thank you, Priya. I will stop the recording there.' },
];

// ---------------------------------------------------------------------------------------------------------------
// Interview 2 — PALS officer, Riverside Community Hospital (Teams .vtt, unclosed voice tags)
const TW = 'Tom Whitfield';
const INT02: DemoTurn[] = [
  { who: HM, text: "Thanks for joining, Tom. Can you tell me what your job involves?" },
  { who: TW, text: "I'm a patient advice and liaison officer, PALS for short, at Riverside Community Hospital. Band 5. People come to us when something's gone wrong or they can't get an answer, and we try to sort it out before it becomes a formal complaint." },
  { who: HM, text: 'How long have you been in the role?' },
  { who: TW, text: 'Seven years in PALS. Before that I was a ward clerk.' },
  { who: HM, text: 'What is the emotional side of the job like?' },
  { who: TW, text: "Heavy, if I'm honest. Most people who ring us are frightened or angry or grieving, and often all three. You are the face of the organisation for them & it isn't your fault, but you still have to hold it." },
  { who: TW, text: "Last spring, in March 2024, I had a daughter, Mrs Kaur, ringing every day about her dad on Ward 7. Every day for five weeks. By the end I knew his obs better than the nurses did.", pause: 1.1 },
  { who: HM, text: 'How did that affect you?' },
  { who: TW, text: "I slept badly. I'd think about him at the weekend. When he died I felt it, and I'd never met him. That sounds strange, maybe." },
  { who: HM, text: "It doesn't sound strange. Who do you talk to when it gets like that?" },
  { who: TW, text: "Zoë Hart, who I share the office with. We debrief at the end of the day, properly, not just a moan. Zoë's got a rule that you say one thing that went well before you go home." },
  { who: HM, text: 'Is there any formal supervision?' },
  { who: TW, text: "Not really. Nurses get clinical supervision, we don't, because we're not clinical. But we carry a lot of the same stuff. I asked for it and was told there's no budget." },
  { who: HM, text: 'You mentioned the boundary with complaints. How clear is your role?' },
  { who: TW, text: "On paper it's clear. In reality wards ring us to deliver bad news for them, or to tell families about visiting rules, because they don't want the argument. So we end up as a buffer. Siobhan O'Neil, the matron on the medical wards, is good, she'll come down herself. Not everyone does." },
  { who: HM, text: 'What do you value most about the work?' },
  { who: TW, text: "Fairness. Being the person who makes sure someone's heard. When a family says we were the only ones who listened, that stays with me. It's why I haven't left." },
  { who: HM, text: 'And what would make it more sustainable?' },
  { who: TW, text: "Proper supervision, for a start. Some recognition that emotional work is work. And not being the last person in the building at six o'clock because nobody else will ring the family back." },
  { who: HM, text: "Thank you, Tom. That's everything I wanted to ask." },
  { who: TW, text: 'No problem. Thanks for doing this.' },
];

// ---------------------------------------------------------------------------------------------------------------
// Interview 3 — psychological wellbeing practitioner, by videoconference (Zoom .vtt)
const GA = 'Grace Adeyemi';
const INT03: DemoTurn[] = [
  { who: HM, text: 'Hi Grace, can you hear me okay?' },
  { who: GA, text: "Yes, you're fine. Sorry, my camera's a bit dark." },
  { who: HM, text: "No problem at all. To start, could you describe your role?" },
  { who: GA, text: "I'm a psychological wellbeing practitioner with Northgate Talking Therapies, so IAPT. I do guided self-help for people with mild to moderate anxiety and depression, mostly by phone and video now. I'm based at Riverside but I work from home three days a week." },
  { who: HM, text: 'What is your caseload like at the moment?' },
  { who: GA, text: "About forty-five open cases, and I'm expected to do six or seven contacts a day plus two assessments. The targets are on a dashboard. Everyone can see who's under." },
  { who: HM, text: 'How does that feel day to day?' },
  { who: GA, text: "Like a conveyor belt sometimes. You finish a call with someone who's told you something really painful and the next one's in four minutes. There's no time to process. You just reset your face and go." },
  { who: GA, text: "Working from home makes it worse in a way, because there's no one in the next room. You close the laptop and you're in your kitchen with it.", pause: 7.2 },
  { who: HM, text: 'What support do you have?' },
  { who: GA, text: "Case management supervision every week with Jean-Luc Moreau, who's a senior PWP. He's good, he'll ask how I am and mean it. But the supervision is mostly about risk and step-ups, it's not really space for us." },
  { who: HM, text: 'And your peers?' },
  { who: GA, text: "My friend Amira started on the same training cohort as me, and we text each other between calls. That's probably the main thing keeping me going, to be honest." },
  { who: HM, text: 'Where do you see yourself in a few years?' },
  { who: GA, text: "I applied for the high intensity CBT training twice. Jean-Luc supported it both times but there were only a handful of places. Lots of PWPs leave after two or three years because there's no ladder unless you get on that course." },
  { who: HM, text: 'How would you describe what matters to you in this work?' },
  { who: GA, text: "Making help easier to reach. My mum would never have gone to a doctor about her mood. If somebody like her gets six sessions and starts sleeping again, that's worth a lot." },
  { who: HM, text: 'If you could change one thing, what would it be?' },
  { who: GA, text: "Fewer contacts a day, so there's breathing space between people. And measuring recovery, not just throughput." },
  { who: HM, text: "Thank you, Grace, that's been really helpful." },
];

// ---------------------------------------------------------------------------------------------------------------
// Interview 4 — imaging support worker, Hillcrest Imaging Centre (Teams .docx)
const KD = 'Kieran Doyle';
const INT04: DemoTurn[] = [
  { who: HM, text: 'Thanks for agreeing to talk to me, Kieran. How long have you been at Hillcrest?' },
  { who: KD, text: "About eighteen months. It's my first NHS job. I was in a warehouse before." },
  { who: HM, text: 'What was starting like?' },
  { who: KD, text: "The induction was two days of e-learning and then straight onto the floor. Everyone was kind but everyone was busy, so you learn by watching. Bex, one of the other support workers, basically adopted me for the first month." },
  { who: HM, text: 'How would you describe your role now?' },
  { who: KD, text: "Band 2, so officially I'm getting patients ready, cleaning the rooms between scans, stock. But we're short of radiographers, so you get asked to do more and more, and nobody has actually said whether it's okay." },
  { who: HM, text: 'Can you give me an example?' },
  { who: KD, text: "Taking a history for the MRI checklist. I've been shown how, but nobody's signed me off. If something got missed, who's responsible? I asked Dave Whitlock and he said he'd find out. That was in the spring." },
  { who: HM, text: 'How does that uncertainty affect you?' },
  { who: KD, text: "I worry about it on the way home. It's not the work, I like the work, it's not knowing if you're covered." },
  { who: HM, text: 'Tell me about the shifts.' },
  { who: KD, text: "Hillcrest Imaging Centre runs late lists till ten at night, and weekends. The late ones are quiet, which is nice, but there's only two of us and a radiographer. If a patient kicks off you're on your own." },
  { who: HM, text: 'Who do you turn to for support?' },
  { who: KD, text: "The WhatsApp group, mostly. And Bex. There's a wellbeing hub at the trust but it's at Northgate General, forty minutes away, so nobody from here uses it." },
  { who: HM, text: 'What would help you stay in the role?' },
  { who: KD, text: "Knowing what I'm allowed to do. And a way up, I'd like to go for band 3 but nobody's told me what I'd need." },
  { who: HM, text: 'Thank you, Kieran. Anything else before we stop?' },
  { who: KD, text: "No, I think that's everything. Cheers." },
];

// ---------------------------------------------------------------------------------------------------------------
// Focus group — imaging support workers from three sites (SRT)
const DM = 'Dan Mercer';
const LP = 'Leanne Price';
const FB = 'Femi Bello';
const JC = 'Joanne Clarke';
const FG01: DemoTurn[] = [
  { who: HM, text: "Welcome, everyone, and thanks for coming. As I said, there are no right or wrong answers. I'd like to start with a simple one: what does your job involve?" },
  { who: DM, text: "I'm at Northgate General in CT. Getting people on and off the table, cannulas, a lot of reassuring people." },
  { who: LP, text: "I'm at Hillcrest, I'm an assistant practitioner now, band 4, so I can do some plain film on my own. I was a support worker for six years first." },
  { who: FB, text: "Riverside Community Hospital, general X-ray. I'm band 2. Mostly porter-type stuff if I'm honest, plus the paperwork." },
  { who: JC, text: "Hillcrest as well, ultrasound mainly. Chaperoning, prepping rooms, booking." },
  { who: HM, text: 'Leanne, you said you moved up to assistant practitioner. How did that happen?' },
  { who: LP, text: "I pushed. I asked every year at appraisal for three years. Then a place came up because someone dropped out and Sara Jones put my name forward." },
  { who: DM, text: "That's the thing though, it's luck. I've asked too and I keep getting told next year." },
  { who: FB, text: "Same. At Riverside nobody even knows the course exists." },
  { who: HM, text: 'What about knowing what you are and are not allowed to do?' },
  { who: JC, text: "It depends on the sonographer. Some want you in the room, some don't. You learn who's who." },
  { who: DM, text: "At Northgate it's written down for CT but not for MRI, so if you get moved you're guessing." },
  { who: FB, text: "We haven't got anything written down at all." },
  { who: HM, text: 'Can you talk about the emotional side of the work?' },
  { who: JC, text: "Early pregnancy scans. When it's bad news, the sonographer has to go on to the next patient, and it's me who walks the couple out past the waiting room full of bumps. Nobody trains you for that." },
  { who: LP, text: "Yeah. I still think about some of them." },
  { who: DM, text: "For us it's trauma. Kids after accidents. You switch off while you're doing it and it hits you later." },
  { who: FB, text: "I'm newer so maybe I haven't had the worst yet. But the shouting gets to me, people angry about waits, and they take it out on whoever's at the desk." },
  { who: HM, text: 'Where do you get support?' },
  { who: LP, text: "Each other. We've got a WhatsApp between Hillcrest and Northgate General support workers now, Joanne set it up." },
  { who: JC, text: "Because the official stuff doesn't fit our hours. Everything's nine to five at the main site." },
  { who: DM, text: "Dave tries, to be fair. But he's one man for three sites." },
  { who: FB, text: "I didn't know about the group. Can I be added?" },
  { who: JC, text: "Course you can." },
  { who: HM, text: 'If you could say one thing to the people who run the trust, what would it be?' },
  { who: DM, text: "Give us a career path that's not luck." },
  { who: LP, text: "Write down the role, properly, for every modality." },
  { who: FB, text: "Notice us. We're part of the team too." },
  { who: JC, text: "Give us somewhere to go after a bad one, even just twenty minutes and a quiet room." },
  { who: HM, text: "Thank you all. That's a really good place to finish." },
];

export const DEMO_TRANSCRIPTS: DemoTranscript[] = [
  { file: 'int-01-teams.vtt', participant: 'P01', turns: INT01 },
  { file: 'int-02-teams.vtt', participant: 'P02', turns: INT02 },
  { file: 'int-03-zoom.vtt', participant: 'P03', turns: INT03 },
  { file: 'int-04-teams.docx', participant: 'P04', turns: INT04 },
  { file: 'fg-01.srt', participant: 'P05;P06;P07;P08', turns: FG01 },
];

/** display name -> participant id ("interviewer" for the researcher). */
const SPEAKER_IDS: Record<string, string> = {
  [HM]: 'interviewer',
  [PR]: 'P01',
  [TW]: 'P02',
  [GA]: 'P03',
  [KD]: 'P04',
  [DM]: 'P05',
  [LP]: 'P06',
  [FB]: 'P07',
  [JC]: 'P08',
};

// ---------------------------------------------------------------------------------------------------------------
// Timing and writers

interface TimedChunk {
  who: string;
  text: string;
  startMs: number;
  endMs: number;
  turn: number;
  part: number;
}

/** Splits a turn into caption chunks of at most `maxWords` words, preferring sentence and clause ends. */
function chunkText(text: string, maxWords: number): string[] {
  if (!Number.isFinite(maxWords)) return [text];
  const words = text.split(/\s+/);
  const chunks: string[] = [];
  let cur: string[] = [];
  for (const w of words) {
    cur.push(w);
    const atBreak = /[.?!]$/.test(w) || (/,$/.test(w) && cur.length >= maxWords / 2);
    if (cur.length >= maxWords || (atBreak && cur.length >= 4)) {
      chunks.push(cur.join(' '));
      cur = [];
    }
  }
  if (cur.length > 0) chunks.push(cur.join(' '));
  return chunks;
}

/** Deterministic speech timing: 2.6 words a second, pauses between turns. */
function timeTurns(turns: DemoTurn[], maxWords: number): TimedChunk[] {
  const out: TimedChunk[] = [];
  let t = 2000;
  turns.forEach((turn, i) => {
    t += Math.round((turn.pause ?? 0.8) * 1000);
    chunkText(turn.text, maxWords).forEach((c, part) => {
      const dur = Math.max(900, Math.round((c.split(/\s+/).length / 2.6) * 1000));
      out.push({ who: turn.who, text: c, startMs: t, endMs: t + dur, turn: i, part });
      t += dur + 40;
    });
  });
  return out;
}

function ts(ms: number, mark: '.' | ','): string {
  const h = Math.floor(ms / 3600000);
  const m = Math.floor((ms % 3600000) / 60000);
  const s = Math.floor((ms % 60000) / 1000);
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${p(h, 2)}:${p(m, 2)}:${p(s, 2)}${mark}${p(ms % 1000, 3)}`;
}

function vttEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Microsoft Teams WebVTT: guid/n-m cue ids, `<v Name>` voice spans (closed or, in older exports, unclosed). */
export function teamsVtt(turns: DemoTurn[], guid: string, closeVoice: boolean): string {
  const lines = ['WEBVTT', '', `NOTE ${NOTICE}`, ''];
  for (const c of timeTurns(turns, 14)) {
    lines.push(`${guid}/${c.turn + 11}-${c.part}`);
    lines.push(`${ts(c.startMs, '.')} --> ${ts(c.endMs, '.')}`);
    lines.push(`<v ${c.who}>${vttEscape(c.text)}${closeVoice ? '</v>' : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Zoom cloud-recording WebVTT: numeric ids, `Name: text` in every cue, cues of about 10 words. */
export function zoomVtt(turns: DemoTurn[]): string {
  const lines = ['WEBVTT', '', `NOTE ${NOTICE}`, ''];
  timeTurns(turns, 10).forEach((c, i) => {
    lines.push(String(i + 1));
    lines.push(`${ts(c.startMs, '.')} --> ${ts(c.endMs, '.')}`);
    lines.push(`${c.who}: ${vttEscape(c.text)}`);
    lines.push('');
  });
  return lines.join('\n');
}

/** SRT with a BOM and CRLF line endings; the speaker is named on the first cue of each turn only. */
export function srt(turns: DemoTurn[]): string {
  const lines: string[] = [];
  timeTurns(turns, 12).forEach((c, i) => {
    lines.push(String(i + 1));
    lines.push(`${ts(c.startMs, ',')} --> ${ts(c.endMs, ',')}`);
    lines.push(c.part === 0 ? `${c.who}: ${c.text}` : c.text);
    lines.push('');
  });
  return '\ufeff' + lines.join('\r\n');
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A minimal Word document (WordprocessingML in a zip) with one paragraph per string: only the parts Word and
 * mammoth need, and optionally a title in the document properties (no author or other metadata). Deterministic
 * (fixed zip timestamps). An empty string writes an empty paragraph.
 */
export function minimalDocx(paragraphs: readonly string[], title?: string): Uint8Array {
  const body = paragraphs
    .map((p) => (p === '' ? '<w:p/>' : `<w:p><w:r><w:t xml:space="preserve">${xmlEscape(p)}</w:t></w:r></w:p>`))
    .join('');
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    `<w:body>${body}<w:sectPr/></w:body></w:document>`;
  const contentTypes =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
    (title === undefined ? '' : '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>') +
    '</Types>';
  const rels =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
    (title === undefined ? '' : '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>') +
    '</Relationships>';
  const core =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/">' +
    `<dc:title>${xmlEscape(title ?? '')}</dc:title></cp:coreProperties>`;
  // Local-time constructor: fflate writes DOS times from local fields, so this is the same in every time zone.
  const mtime = new Date(2026, 0, 1, 12, 0, 0);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(contentTypes),
    '_rels/.rels': strToU8(rels),
    'word/document.xml': strToU8(document),
  };
  if (title !== undefined) files['docProps/core.xml'] = strToU8(core);
  return zipSync(files, { mtime, level: 6 });
}

/** Teams .docx layout (newer form): a "Name  00:00:03" paragraph, then what was said. */
export function teamsDocxParagraphs(turns: DemoTurn[]): string[] {
  const paras = [`${HM} started transcription`];
  for (const c of timeTurns(turns, Infinity)) {
    paras.push(`${c.who}  ${ts(c.startMs, '.').slice(0, 8)}`);
    paras.push(c.text);
  }
  return paras;
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

const NOTICE = 'fictional demo data written for Staffwell: no real people or organisations';

const PARTICIPANTS = [
  ['participant_id', 'site', 'role', 'staff_group', 'band', 'years_in_role', 'data_collection'],
  ['P01', 'Site A', 'Imaging support worker', 'Healthcare support worker', '3', '4', 'interview (Teams)'],
  ['P02', 'Site B', 'Patient advice and liaison officer', 'Administrative and clerical', '5', '7', 'interview (Teams)'],
  ['P03', 'Site B', 'Psychological wellbeing practitioner', 'Psychological professions', '5', '3', 'interview (Zoom)'],
  ['P04', 'Site C', 'Imaging support worker', 'Healthcare support worker', '2', '1.5', 'interview (Teams)'],
  ['P05', 'Site A', 'Imaging support worker', 'Healthcare support worker', '3', '5', 'focus group'],
  ['P06', 'Site C', 'Assistant practitioner (imaging)', 'Healthcare support worker', '4', '1', 'focus group'],
  ['P07', 'Site B', 'Imaging support worker', 'Healthcare support worker', '2', '2', 'focus group'],
  ['P08', 'Site C', 'Imaging support worker', 'Healthcare support worker', '3', '6', 'focus group'],
];

/**
 * The anonymisation log the researcher keeps (apart from the data). Deliberately incomplete so that
 * `suggestNames` has something to find: "Marcus", "Bex", "Amira", "Joanne" (said in the focus group) are
 * not listed, and the focus group transcript misspells "Sarah Jones" as "Sara Jones" (a transcription slip that
 * search-and-replace misses; the UK Data Service warns about exactly this).
 */
const REPLACEMENTS = [
  ['original', 'replacement', 'category'],
  ['Northgate NHS Foundation Trust', '[the trust]', 'trust'],
  ['Northgate General', '[Site A]', 'site'],
  ['Riverside Community Hospital', '[Site B]', 'site'],
  ['Riverside', '[Site B]', 'site'],
  ['Hillcrest Imaging Centre', '[Site C]', 'site'],
  ['Hillcrest', '[Site C]', 'site'],
  ['Northgate Talking Therapies', '[the talking therapies service]', 'site'],
  ['Northgate', '[the trust]', 'trust'],
  ['Maple Ward', '[a medical ward]', 'ward'],
  ['Ward 7', '[a ward]', 'ward'],
  ['Sarah Jones', '[superintendent radiographer]', 'colleague'],
  ['Sarah', '[superintendent radiographer]', 'colleague'],
  ['Dave Whitlock', '[imaging manager]', 'colleague'],
  ['Dave', '[imaging manager]', 'colleague'],
  ['Zoë Hart', '[PALS colleague]', 'colleague'],
  ['Zoë', '[PALS colleague]', 'colleague'],
  ["Siobhan O'Neil", '[matron]', 'colleague'],
  ['Jean-Luc Moreau', '[senior PWP]', 'colleague'],
  ['Jean-Luc', '[senior PWP]', 'colleague'],
  ['Mr Okafor', '[patient]', 'patient'],
  ['Mrs Kaur', '[relative]', 'person'],
  ['March 2024', '[month, year]', 'date'],
  ['Priya', '[P01]', 'person'],
  ['Tom', '[P02]', 'person'],
  ['Grace', '[P03]', 'person'],
  ['Kieran', '[P04]', 'person'],
  ['Leanne', '[P06]', 'person'],
];

function csv(rows: string[][]): string {
  return rows.map((r) => r.map((v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',')).join('\n') + '\n';
}

export function speakerRows(): string[][] {
  const rows = [['file', 'display_name', 'participant_id']];
  for (const t of DEMO_TRANSCRIPTS) {
    const seen = new Set<string>();
    for (const turn of t.turns) {
      if (seen.has(turn.who)) continue;
      seen.add(turn.who);
      rows.push([t.file, turn.who, SPEAKER_IDS[turn.who]!]);
    }
  }
  return rows;
}

export function makeQualDemo(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const [i1, i2, i3, i4, fg] = DEMO_TRANSCRIPTS;
  writeFileSync(join(dir, i1!.file), teamsVtt(i1!.turns, '5b2f9c1e-7a4d-4e8b-9f21-0c6d3a8e1b47', true));
  writeFileSync(join(dir, i2!.file), teamsVtt(i2!.turns, 'a91d3e60-2c5f-4b7a-8e14-6f0b9d2c7e35', false));
  writeFileSync(join(dir, i3!.file), zoomVtt(i3!.turns));
  writeFileSync(join(dir, i4!.file), minimalDocx(teamsDocxParagraphs(i4!.turns), `Interview 4 (${NOTICE})`));
  writeFileSync(join(dir, fg!.file), srt(fg!.turns));
  writeFileSync(join(dir, 'participants.csv'), csv(PARTICIPANTS));
  writeFileSync(join(dir, 'speakers.csv'), csv(speakerRows()));
  writeFileSync(join(dir, 'replacements.csv'), csv(REPLACEMENTS));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  makeQualDemo(join(process.cwd(), 'examples', 'qual'));
  console.log('wrote examples/qual/ (' + NOTICE + ')');
}
