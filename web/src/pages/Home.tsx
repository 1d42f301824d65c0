// The applicant's home after sign-in: start an application, anything returned to them first (what
// to fix), then the files in progress with their stage, and the finished ones.
import { Link } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useSession } from "../session";
import { statusText, useDurations, when, type Deadline } from "../format";
import { OfficeStandings } from "./OfficeStandings";

interface Mine {
  id: number;
  registration_number: string | null;
  permit: string;
  phase: string;
  outcome: string;
  step: { no: number; title: string; actor_name: string };
  progress: { position: number; steps: number };
  deadline: Deadline | null;
  returned: { at: string; note: string; reasons: { requirement: string; requirement_name: string; reason: string }[] } | null;
}

export function Home() {
  const { t } = useI18n();
  const { me } = useSession();
  const items = useFetch(() => api<{ items: Mine[] }>("GET", "/api/v1/applications").then((r) => r.items), []);
  return (
    <section>
      <h1>{t("home.title", { name: me?.full_name ?? "" })}</h1>
      <p><Link className="button" to="/ajukan">{t("home.apply")}</Link></p>
      <OfficeStandings />
      <Loadable state={items}>
        {(list) => {
          const returned = list.filter((a) => a.phase === "with_applicant");
          const drafts = list.filter((a) => a.phase === "at_step" && !a.registration_number);
          const running = list.filter((a) => a.phase === "at_step" && a.registration_number);
          const closed = list.filter((a) => a.phase === "closed");
          if (list.length === 0) return <p>{t("home.empty")}</p>;
          return (
            <>
              {returned.length > 0 && (
                <section className="attention" aria-labelledby="home-returned">
                  <h2 id="home-returned">{t("home.returned")}</h2>
                  {returned.map((a) => <Returned key={a.id} a={a} />)}
                </section>
              )}
              {drafts.length > 0 && (
                <>
                  <h2>{t("home.drafts")}</h2>
                  <ul className="cards">
                    {drafts.map((a) => (
                      <li key={a.id}>
                        <strong lang="id">{a.permit}</strong> — {t("phase.draft")}
                        <br />
                        <Link to={`/permohonan/${a.id}`}>{t("home.continue", { permit: a.permit })}</Link>
                      </li>
                    ))}
                  </ul>
                </>
              )}
              {running.length > 0 && (
                <>
                  <h2>{t("home.running")}</h2>
                  <ul className="cards">{running.map((a) => <Running key={a.id} a={a} />)}</ul>
                </>
              )}
              {closed.length > 0 && (
                <>
                  <h2>{t("home.closed")}</h2>
                  <ul className="cards">
                    {closed.map((a) => (
                      <li key={a.id}>
                        <Link to={`/permohonan/${a.id}`}>{a.registration_number ?? t("detail.draft")}</Link> — <span lang="id">{a.permit}</span>
                        <br />
                        {statusText(a.phase, a.outcome, t)}
                        {a.outcome === "issued" && <> · {t("home.download_there")}</>}
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          );
        }}
      </Loadable>
    </section>
  );
}

// A file in progress: who has it, at which of the SOP's steps, and by when the step is due.
function Running({ a }: { a: Mine }) {
  const { t } = useI18n();
  const dur = useDurations();
  const label = t("home.stage", { position: a.progress.position, steps: a.progress.steps });
  return (
    <li>
      <Link to={`/permohonan/${a.id}`}>{a.registration_number}</Link> — <span lang="id">{a.permit}</span>
      <br />
      {t("home.with", { actor: a.step.actor_name })}: <span lang="id">{a.step.title}</span>
      <br />
      <span className="progress-line">
        <progress value={a.progress.position} max={a.progress.steps} aria-label={label} /> {label}
      </span>
      {a.deadline && (
        <span className={a.deadline.overdue ? "overdue" : undefined}>
          {t("home.due", { when: when(a.deadline.at), left: dur.left(a.deadline) })}
        </span>
      )}
    </li>
  );
}

// A returned file: each document to replace with the officer's reason, the officer's note, and
// the way to the file.
function Returned({ a }: { a: Mine }) {
  const { t } = useI18n();
  return (
    <article>
      <h3><span lang="id">{a.permit}</span> — {a.registration_number}</h3>
      {a.returned && (
        <>
          <p>{t("home.returned_on", { when: when(a.returned.at) })}</p>
          {a.returned.reasons.length > 0 && (
            <ul>
              {a.returned.reasons.map((r) => (
                <li key={r.requirement}><strong>{r.requirement_name}</strong>: <span lang="id">{r.reason}</span></li>
              ))}
            </ul>
          )}
          {a.returned.note.trim() && <p className="note">{t("detail.return_note", { note: a.returned.note })}</p>}
        </>
      )}
      <p><Link className="button" to={`/permohonan/${a.id}`}>{t("home.fix")}</Link></p>
    </article>
  );
}
