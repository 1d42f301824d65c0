import { Link } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { statusText, when } from "../format";

interface Mine {
  id: number;
  registration_number: string | null;
  permit: string;
  phase: string;
  outcome: string;
  step: { no: number; description: string; actor_name: string };
  deadline: { at: string } | null;
}

export function MyApplications() {
  const { t } = useI18n();
  const items = useFetch(() => api<{ items: Mine[] }>("GET", "/api/v1/applications").then((r) => r.items), []);
  return (
    <section>
      <h1>{t("mine.title")}</h1>
      <Loadable state={items}>
        {(list) =>
          list.length === 0 ? (
            <p>{t("mine.empty")}</p>
          ) : (
            <ul className="cards">
              {list.map((a) => (
                <li key={a.id}>
                  <Link to={`/permohonan/${a.id}`}>{a.registration_number ?? t("detail.draft")}</Link> — {a.permit}
                  <br />
                  {statusText(a.phase, a.outcome, t, !a.registration_number)}: {a.step.no}. <span lang="id">{a.step.description}</span>
                  {a.deadline && <> ({t("col.deadline")}: {when(a.deadline.at)})</>}
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
    </section>
  );
}
