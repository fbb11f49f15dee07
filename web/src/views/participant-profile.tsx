import { num } from '../../../src/mixed/display-tables.ts';
import { mixedApi, type ClassificationRule, type MixedStatus, type ParticipantProfile } from '../api.ts';
import { href } from '../router.ts';
import { useLoad } from '../store.ts';

/**
 * One participant across the survey and the interviews (`#/participants/<id>`): their scores and classifications
 * (each with the cut-off or band that put them there) beside their documents, themes and quotes — what
 * `staffwell mixed profile` prints. A working view about one person; only joint displays are released, and
 * those suppress small groups.
 */
export function ParticipantProfilePanel({ participantId, documents }: { participantId: string; documents: readonly { id: string; name: string }[] }) {
  const { data, error } = useLoad(() => mixedApi.profile(participantId), [participantId]);
  const heading = `Profile of ${participantId}`;
  if (error)
    return (
      <section class="profile" aria-label={heading}>
        <h2>{heading}</h2>
        <p role="alert">{error}</p>
      </section>
    );
  if (!data || data.profile.participantId !== participantId) return <p aria-busy="true">Loading the profile of {participantId}…</p>;
  const { profile, rules } = data;
  return (
    <section class="profile" aria-label={heading}>
      <h2>
        {heading}
        {profile.site ? <span class="hint"> · {profile.site}</span> : null}
      </h2>
      <div class="profile-columns">
        <div>
          <h3>Survey</h3>
          <SurveyScores profile={profile} rules={rules} />
        </div>
        <div>
          <h3>Interviews</h3>
          <InterviewEvidence profile={profile} documents={documents} />
        </div>
      </div>
    </section>
  );
}

function SurveyScores({ profile, rules }: { profile: ParticipantProfile; rules: readonly ClassificationRule[] }) {
  if (!profile.survey) return <p>Not in the survey: no survey row has this id (see the link check above).</p>;
  const ruleOf = new Map(rules.map((r) => [r.ref, r]));
  return (
    <>
      <table class="grid profile-scores">
        <thead>
          <tr>
            <th scope="col">Variable</th>
            <th scope="col">Value</th>
            <th scope="col">How it is classified</th>
          </tr>
        </thead>
        <tbody>
          {profile.survey.values.map((v) => {
            const rule = ruleOf.get(v.ref);
            return (
              <tr key={v.ref} data-ref={v.ref} class={v.kind === 'classification' ? 'classification' : undefined}>
                <th scope="row" title={v.label !== v.ref ? v.label : undefined}>
                  {v.ref}
                </th>
                <td>{v.value === null ? '–' : typeof v.value === 'number' ? num(v.value) : v.value}</td>
                <td>{rule && <RuleText rule={rule} value={v.value} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p class="hint">Survey line {profile.survey.line}. Scored as the study scores them (staffwell run).</p>
    </>
  );
}

/** `≥ 4 on ghq.total (ghq scoring)` for the person's level, then every level with its range. */
function RuleText({ rule, value }: { rule: ClassificationRule; value: string | number | null }) {
  const at = rule.levels.find((l) => l.label === value);
  return (
    <>
      {at ? `${at.range} ` : ''}on {rule.of}
      {rule.scoring ? ` (${rule.scoring} scoring)` : ''}
      <div class="hint">{rule.levels.map((l) => `${l.label}: ${l.range}`).join(' · ')}</div>
    </>
  );
}

function InterviewEvidence({ profile, documents }: { profile: ParticipantProfile; documents: readonly { id: string; name: string }[] }) {
  if (profile.segments === 0 && documents.length === 0) return <p>No documents or coded segments yet.</p>;
  return (
    <>
      <p>
        {documents.map((d, i) => (
          <span key={d.id}>
            {i > 0 && ', '}
            <a href={href('document', d.id)}>{d.name}</a>
          </span>
        ))}
        {documents.length > 0 && ' · '}
        {profile.segments} coded segment{profile.segments === 1 ? '' : 's'}
      </p>
      {profile.themes.length > 0 && (
        <ul class="profile-themes" aria-label="Themes">
          {profile.themes.map((t) => (
            <li key={t.themeId} style={{ marginLeft: `${t.depth}rem` }}>
              <a href={href('retrieval', undefined, { theme: t.themeId, participant: profile.participantId })}>{t.theme}</a> <span class="hint">{t.segments} segment{t.segments === 1 ? '' : 's'}</span>
            </li>
          ))}
        </ul>
      )}
      {profile.codes.map((c) => (
        <div key={c.codeId} class="profile-code">
          <h4>{c.code}</h4>
          {c.quotes.map((q) => (
            <blockquote key={q.segmentId}>
              {q.keyQuote && <span title="key quote">★ </span>}
              {q.text} <cite class="hint">{q.documentName}</cite>
            </blockquote>
          ))}
        </div>
      ))}
    </>
  );
}

/** The link in one line: which study, how many participants it matched, and who is not in the survey. */
export function LinkLine({ status }: { status: MixedStatus }) {
  if (!status.linked) {
    return (
      <p class="hint link-line">
        Survey scores show here once the project is linked to a study: <code>{status.command}</code>
      </p>
    );
  }
  const c = status.check;
  return (
    <p class="hint link-line">
      Linked to {status.study} ({status.studyName}; id column {status.idColumn}): {c.matched.length} of {c.participants} participant{c.participants === 1 ? '' : 's'} in the survey
      {c.unmatchedParticipants.length > 0 && `; not in the survey: ${c.unmatchedParticipants.map((u) => u.participantId + (u.nearMatch ? ` (near ${u.nearMatch})` : '')).join(', ')}`}. Choose a participant for their
      profile.
    </p>
  );
}
