// The office admin's SOPs: each permit's SOP with its published versions (in effect, upcoming,
// superseded), the difference between any two of them, and the editor of the next version.
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, apiBlob, type Permit, type SopVersion } from "../api";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";
import { useSession } from "../session";
import { dayInWords, when } from "../format";
import { SopDraftEditor } from "./SopDraftEditor";
import { SourceDiff } from "./SourceDiff";

export function sopSource(code: string, version: number): Promise<string> {
  return apiBlob("GET", `/api/v1/sops/${encodeURIComponent(code)}/versions/${version}/source`).then((b) => b.text());
}

export function OfficeSops() {
  const { t } = useI18n();
  const { me } = useSession();
  if (me?.kind !== "admin" || !me.office) return <p role="alert" className="error">{t("sop.admin_only")}</p>;
  return <SopList office={me.office} />;
}

function SopList({ office }: { office: string }) {
  const { t } = useI18n();
  const permits = useFetch(() => api<{ items: Permit[] }>("GET", `/api/v1/offices/${office}/permits`).then((r) => r.items),
                           [office]);
  return (
    <section>
      <h1>{t("sop.title")}</h1>
      <p>{t("sop.intro")}</p>
      <Loadable state={permits}>
        {(items) => (
          <ul className="cards">
            {items.map((p) => (
              <li key={p.sop}>
                <Link to={`/kantor/sop/${encodeURIComponent(p.sop)}`}>{p.name}</Link>
                <br />
                <small>{t("sop.in_effect_line", { number: p.identity.number, version: p.sop_version })}</small>
              </li>
            ))}
          </ul>
        )}
      </Loadable>
    </section>
  );
}

export function OfficeSop() {
  const { t } = useI18n();
  const { me } = useSession();
  const { code = "" } = useParams();
  const [reload, setReload] = useState(0);
  // The publishing's confirmation lives here: the editor starts over once the versions reload.
  const [published, setPublished] = useState<string | null>(null);
  const versions = useFetch(
    () => api<{ items: SopVersion[] }>("GET", `/api/v1/sops/${encodeURIComponent(code)}/versions`).then((r) => r.items),
    [code, reload]);
  if (me?.kind !== "admin" || !me.office) return <p role="alert" className="error">{t("sop.admin_only")}</p>;
  return (
    <section>
      <p><Link to="/kantor/sop">{t("sop.back")}</Link></p>
      <h1>{t("sop.page_title", { code })}</h1>
      {published && <p role="status" className="notice">{published}</p>}
      <Loadable state={versions}>
        {(items) => (
          <>
            {/* Keyed by the count, so both start over once a version is published. */}
            <History key={`history-${items.length}`} code={code} items={items} />
            <SopDraftEditor key={`draft-${items.length}`} code={code} base={items[items.length - 1]}
                            onPublished={(message) => {
                              setPublished(message);
                              setReload((n) => n + 1);
                            }} />
          </>
        )}
      </Loadable>
    </section>
  );
}

function statusText(t: (k: string) => string, v: SopVersion) {
  return t(`sop.status.${v.status}`);
}

function History({ code, items }: { code: string; items: SopVersion[] }) {
  const { t } = useI18n();
  const newest = items[items.length - 1]?.version ?? 1;
  const [from, setFrom] = useState(Math.max(1, items.length > 1 ? items[items.length - 2].version : newest));
  const [to, setTo] = useState(newest);
  const texts = useFetch(() => Promise.all([sopSource(code, from), sopSource(code, to)]), [code, from, to]);
  return (
    <section aria-labelledby="sop-history">
      <h2 id="sop-history">{t("sop.history")}</h2>
      <ul className="cards versions">
        {items.map((v) => (
          <li key={v.version} className={v.status}>
            <strong>{t("sop.version_n", { version: v.version })}</strong> — {statusText(t, v)}
            <br />
            {t("sop.effective")}: {v.effective ? dayInWords(v.effective) : "—"}
            <br />
            <small>{t("sop.published")}: {when(v.published_at)} · {v.published_by ?? t("sop.from_file")}</small>
          </li>
        ))}
      </ul>
      {items.length > 1 && (
        <>
          <p className="diff-pick">
            <label htmlFor="diff-from">{t("sop.diff.from")}</label>
            <select id="diff-from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
              {items.map((v) => <option key={v.version} value={v.version}>{t("sop.version_n", { version: v.version })}</option>)}
            </select>
            <label htmlFor="diff-to">{t("sop.diff.to")}</label>
            <select id="diff-to" value={to} onChange={(e) => setTo(Number(e.target.value))}>
              {items.map((v) => <option key={v.version} value={v.version}>{t("sop.version_n", { version: v.version })}</option>)}
            </select>
          </p>
          <Loadable state={texts}>
            {([a, b]) => <SourceDiff before={a} after={b} label={t("sop.diff.label", { from, to })} />}
          </Loadable>
        </>
      )}
    </section>
  );
}
