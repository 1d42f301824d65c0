import { useState } from "react";
import { useI18n } from "../i18n";
import { useDurations } from "../format";
import { Loadable } from "../Loadable";
import { useOffices, useOfficePermits } from "../catalog";

export function Catalog() {
  const { t } = useI18n();
  const offices = useOffices();
  const [office, setOffice] = useState<string>("");
  return (
    <section>
      <h1>{t("catalog.title")}</h1>
      <Loadable state={offices}>
        {(list) => {
          const chosen = office || list[0]?.code || "";
          return (
            <>
              <label htmlFor="office">{t("catalog.office")}</label>{" "}
              <select id="office" value={chosen} onChange={(e) => setOffice(e.target.value)}>
                {list.map((o) => (
                  <option key={o.code} value={o.code}>
                    {o.name}
                  </option>
                ))}
              </select>
              {chosen && <Permits office={chosen} />}
            </>
          );
        }}
      </Loadable>
    </section>
  );
}

function Permits({ office }: { office: string }) {
  const { t } = useI18n();
  const dur = useDurations();
  const permits = useOfficePermits(office);
  return (
    <Loadable state={permits}>
      {(list) => (
        <div>
          {list.map((p) => (
            <article key={p.sop} className="permit">
              <h2 lang="id">{p.name}</h2>
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
                        <td>{dur.standard(s.time_standard)}</td>
                        <td>{s.output}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </article>
          ))}
        </div>
      )}
    </Loadable>
  );
}
