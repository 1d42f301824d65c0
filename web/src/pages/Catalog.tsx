import { useState } from "react";
import { Link } from "react-router-dom";
import { useI18n } from "../i18n";
import { useSession } from "../session";
import { useDurations } from "../format";
import { Loadable } from "../Loadable";
import { useOffices, useOfficePermits } from "../catalog";
import { PublishedIkm } from "../PublishedIkm";
import { SopDiagram } from "./SopDiagram";
import { SopSheet } from "./SopSheet";
import type { Permit } from "../api";

export function Catalog() {
  const { t } = useI18n();
  const offices = useOffices();
  const { me } = useSession();
  const [office, setOffice] = useState<string>("");
  const [query, setQuery] = useState("");
  return (
    <section>
      <h1>{t("catalog.title")}</h1>
      <Loadable state={offices}>
        {(list) => {
          // The user's own office first, and chosen until they pick another.
          const own = list.find((o) => o.code === me?.office);
          const ordered = own ? [own, ...list.filter((o) => o !== own)] : list;
          const chosen = office || ordered[0]?.code || "";
          return (
            <>
              <div className="controls">
                <p>
                  <label htmlFor="office">{t("catalog.office")}</label>
                  <select id="office" value={chosen} onChange={(e) => setOffice(e.target.value)}>
                    {ordered.map((o) => (
                      <option key={o.code} value={o.code}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </p>
                <p>
                  <label htmlFor="permit-search">{t("catalog.search")}</label>
                  <input id="permit-search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
                </p>
              </div>
              {chosen && <PublishedIkm office={chosen} />}
              {chosen && <Permits office={chosen} query={query} canApply={!me || me.kind === "applicant"} />}
            </>
          );
        }}
      </Loadable>
    </section>
  );
}

function Permits({ office, query, canApply }: { office: string; query: string; canApply: boolean }) {
  const { t } = useI18n();
  const dur = useDurations();
  const permits = useOfficePermits(office);
  const q = query.trim().toLowerCase();
  return (
    <Loadable state={permits}>
      {(all) => {
        const list = all.filter((p) => !q || p.name.toLowerCase().includes(q));
        return (
        <div>
          {list.length === 0 && <p role="status">{t("catalog.none")}</p>}
          {list.map((p) => (
            <article key={p.sop} className="permit">
              <h2 lang="id">{p.name}</h2>
              {/* Signed-out visitors go through the sign-in page and come back to the form. */}
              {canApply && (
                <p>
                  <Link className="button" to={`/ajukan?kantor=${encodeURIComponent(office)}&izin=${encodeURIComponent(p.sop)}`}
                        aria-label={t("catalog.apply_for", { name: p.name })}>
                    {t("catalog.apply")}
                  </Link>
                </p>
              )}
              <dl>
                <dt>{t("catalog.fee")}</dt>
                <dd>{p.fee_rupiah === 0 ? t("catalog.free") : `Rp${p.fee_rupiah.toLocaleString("id-ID")}`}</dd>
                <dt>{t("catalog.validity")}</dt>
                <dd>{p.validity}</dd>
              </dl>
              <h3>{t("catalog.requirements")}</h3>
              <ul>
                {p.requirements.map((q) => (
                  <li key={q.code}>
                    <strong lang="id">{q.name}</strong>
                    {!q.mandatory && <> ({t("catalog.optional")})</>}: {q.description}
                  </li>
                ))}
              </ul>
              <h3>{t("catalog.legal")}</h3>
              <ul>
                {(p.legal_basis.current.length ? p.legal_basis.current : p.legal_basis.as_written).map((l) => (
                  <li key={l}>{l}</li>
                ))}
              </ul>
              <h3>{t("catalog.steps")}</h3>
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t("catalog.steps")}</th>
                      <th scope="col">{t("catalog.step.actor")}</th>
                      <th scope="col">{t("catalog.step.time")}</th>
                      <th scope="col">{t("catalog.step.output")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.steps.map((s) => (
                      <tr key={s.no}>
                        <td>{s.no}</td>
                        <td>{s.description}</td>
                        <td>{s.actor_name}</td>
                        {/* "-" as the sheet wrote it (no time on purpose); a blank cell: not stated. */}
                        <td>{s.time === "-" ? "-" : dur.standard(s.time_standard)}</td>
                        <td>{s.output}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <SopIdentityBlock p={p} />
              <SopSheet sop={p.sop} version={p.sop_version} name={p.name} />
              <SopDiagram sop={p.sop} version={p.sop_version} name={p.name} />
            </article>
          ))}
        </div>
        );
      }}
    </Loadable>
  );
}

// The SOP sheet's identity block and context boxes, as the office published them: its number
// and dates, who approved it, the legal basis as the sheet wrote it beside the rules in force
// today, who may carry it out, related SOPs, equipment, warnings and records.
function SopIdentityBlock({ p }: { p: Permit }) {
  const { t } = useI18n();
  const id = p.identity;
  const list = (items: string[]) =>
    items.length ? <ul>{items.map((x) => <li key={x} lang="id">{x}</li>)}</ul> : <p>-</p>;
  return (
    <details className="sop-identity">
      <summary>{t("catalog.identity")}</summary>
      <dl>
        <dt>{t("catalog.identity.number")}</dt>
        <dd>{id.number || "-"}</dd>
        <dt>{t("catalog.identity.name")}</dt>
        <dd lang="id">{id.name || "-"}</dd>
        <dt>{t("catalog.identity.created")}</dt>
        <dd>{id.created ?? "-"}</dd>
        <dt>{t("catalog.identity.revised")}</dt>
        <dd>{id.revised ?? "-"}</dd>
        <dt>{t("catalog.identity.effective")}</dt>
        <dd>{id.effective ?? "-"}</dd>
        <dt>{t("catalog.identity.approved_by")}</dt>
        <dd lang="id">{id.approved_by || "-"}{id.approver_nip && <>, NIP {id.approver_nip}</>}</dd>
      </dl>
      <h4>{t("catalog.identity.legal_as_written")}</h4>
      {list(p.legal_basis.as_written)}
      <h4>{t("catalog.identity.legal_current")}</h4>
      {list(p.legal_basis.current)}
      <h4>{t("catalog.identity.qualifications")}</h4>
      {list(id.executor_qualifications)}
      <h4>{t("catalog.identity.related")}</h4>
      {list(id.related_sops)}
      <h4>{t("catalog.identity.equipment")}</h4>
      {list(id.equipment)}
      <h4>{t("catalog.identity.warnings")}</h4>
      {list(id.warnings)}
      <h4>{t("catalog.identity.records")}</h4>
      {list(id.records)}
    </details>
  );
}
