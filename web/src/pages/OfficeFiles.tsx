// The office's files for its officers: a search by registration number, permit number or name,
// and the lists of signed letters to print (siap cetak) and to hand over (siap diserahkan), so a
// closed file that left every worklist is still one click away. The address holds the query,
// so a list can be bookmarked and reloaded.
import { useEffect, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { statusText } from "../format";
import { useFieldNote } from "../problem";
import { useAction } from "../useAction";

interface OfficeFile {
  id: number;
  registration_number: string | null;
  permit_number: string | null;
  permit: string;
  applicant: string;
  step: { no: number; description: string };
  phase: string;
  outcome: string;
}
type List = "siap_cetak" | "siap_diserahkan";

export function OfficeFiles() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const list = (params.get("daftar") ?? "") as List | "";
  const [text, setText] = useState(q);
  const { busy, error, problems, result, run } = useAction((query: string, which: string) => {
    const search = new URLSearchParams();
    if (query) search.set("q", query);
    if (which) search.set("list", which);
    return api<{ items: OfficeFile[]; limit: number }>("GET", `/api/v1/office-files?${search}`);
  });
  const note = useFieldNote(problems)("q", "files-q");

  useEffect(() => {
    setText(q);
    if (q || list) void run(q, list);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, list]);

  function search(e: FormEvent) {
    e.preventDefault();
    const next = text.trim();
    if (next === q && !list) void run(next, "");  // the same search again: look again
    else setParams(next ? { q: next } : {});
  }
  const show = (which: List) => setParams({ daftar: which });

  return (
    <section>
      <h1>{t("files.title")}</h1>
      <form onSubmit={search} className="inline" role="search">
        <label htmlFor="files-q">{t("files.search")}</label>
        <input id="files-q" value={text} onChange={(e) => setText(e.target.value)} {...note.attrs}
               placeholder="0001/REG/DPMPTSP-PWK/2026" />
        <button type="submit" disabled={busy}>{t("files.find")}</button>
        {note.note}
      </form>
      <p className="controls">
        {(["siap_cetak", "siap_diserahkan"] as const).map((which) => (
          <button key={which} type="button" aria-pressed={list === which} onClick={() => show(which)}>
            {t(`files.list.${which}`)}
          </button>
        ))}
      </p>
      {list && <p className="muted">{t(`files.list.${list}.hint`)}</p>}
      {error && !note.note && <p role="alert" className="error">{error}</p>}
      {busy && <p>{t("common.loading")}</p>}
      {result && !busy && (
        result.items.length === 0 ? <p aria-live="polite">{t(list ? "files.list.empty" : "files.none")}</p> : (
          <div className="table-wrap" aria-live="polite">
            <table>
              <caption>{list ? t(`files.list.${list}`) : t("files.results", { q })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("col.registration")}</th>
                  <th scope="col">{t("col.applicant")}</th>
                  <th scope="col">{t("col.permit")}</th>
                  <th scope="col">{t("status.permit_number")}</th>
                  <th scope="col">{t("col.status")}</th>
                </tr>
              </thead>
              <tbody>
                {result.items.map((f) => (
                  <tr key={f.id}>
                    <td><Link to={`/permohonan/${f.id}`}>{f.registration_number ?? t("files.draft")}</Link></td>
                    <td>{f.applicant}</td>
                    <td lang="id">{f.permit}</td>
                    <td>{f.permit_number ?? "-"}</td>
                    <td>
                      {f.phase === "at_step" && f.registration_number ? <span lang="id">{f.step.no}. {f.step.description}</span>
                        : statusText(f.phase, f.outcome, t, !f.registration_number)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.items.length >= result.limit && <p className="muted">{t("files.limit", { n: result.limit })}</p>}
          </div>
        )
      )}
    </section>
  );
}
