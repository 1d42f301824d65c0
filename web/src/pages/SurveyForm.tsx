// The satisfaction survey (SKM, PermenPAN-RB 14/2017) on a file closed after handover: the
// applicant scores the 9 elements of the service from 1 to 4, says who they are in the
// regulation's terms, and may leave a comment. Answered once; officers see only the totals.
import { useState } from "react";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useAction } from "../useAction";

interface Questions {
  elements: { no: number; name: string }[];
  scale: number[];
  profile: { key: string; label: string; options: { code: string; label: string }[] }[];
}

export function SurveyForm({ applicationId, onAnswered }: { applicationId: number; onAnswered: () => void }) {
  const { t } = useI18n();
  const questions = useFetch(() => api<Questions>("GET", "/api/v1/survey/questions"), []);
  const [scores, setScores] = useState<Record<number, number>>({});
  const [profile, setProfile] = useState<Record<string, string>>({});
  const [comment, setComment] = useState("");
  const send = useAction(async () => {
    await api("POST", `/api/v1/applications/${applicationId}/survey`, {
      scores: Array.from({ length: 9 }, (_, i) => scores[i + 1]),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      gender: profile.gender, age_band: profile.age_band, education: profile.education, occupation: profile.occupation,
    });
    onAnswered();
  });
  return (
    <section aria-labelledby="survey-title" className="survey">
      <h2 id="survey-title">{t("survey.title")}</h2>
      <p>{t("survey.intro")}</p>
      <Loadable state={questions}>
        {(q) => (
          <form onSubmit={send.submit}>
            {q.elements.map((e) => (
              <fieldset key={e.no} className="scale">
                <legend lang="id">{e.no}. {e.name}</legend>
                {q.scale.map((v) => (
                  <label key={v}>
                    <input type="radio" name={`u${e.no}`} value={v} required checked={scores[e.no] === v}
                           onChange={() => setScores({ ...scores, [e.no]: v })} />
                    {" "}{t(`survey.scale.${v}`)}
                  </label>
                ))}
              </fieldset>
            ))}
            {q.profile.map((p) => (
              <p key={p.key}>
                <label htmlFor={`survey-${p.key}`} lang="id">{p.label}</label>
                <select id={`survey-${p.key}`} required value={profile[p.key] ?? ""}
                        onChange={(e) => setProfile({ ...profile, [p.key]: e.target.value })}>
                  <option value="">{t("survey.choose")}</option>
                  {p.options.map((o) => <option key={o.code} value={o.code} lang="id">{o.label}</option>)}
                </select>
              </p>
            ))}
            <p>
              <label htmlFor="survey-comment">{t("survey.comment")}</label>
              <textarea id="survey-comment" maxLength={1000} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
            </p>
            <button type="submit" disabled={send.busy}>{t("survey.submit")}</button>
            {send.error && <p role="alert" className="error">{send.error}</p>}
          </form>
        )}
      </Loadable>
    </section>
  );
}
