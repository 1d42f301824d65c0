import { useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable } from "../Loadable";
import { useOffices, useOfficePermits } from "../catalog";
import { PermitSelect } from "./PermitSelect";
import { allFields, FormFields, formPayload, useFormSubmit, type FormValues } from "../FormFields";

export function Apply() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const offices = useOffices();
  // From the catalogue's "Ajukan" button: the office and permit come chosen.
  const [params] = useSearchParams();
  const [office, setOffice] = useState(params.get("kantor") ?? "");
  const permits = useOfficePermits(office);
  const [sop, setSop] = useState(params.get("izin") ?? "");
  const [values, setValues] = useState<FormValues>({});
  const permit = permits.data?.find((p) => p.sop === sop);
  const { busy, error, submit, problems, setProblems } = useFormSubmit(async () => {
    if (!permit) return;
    const app = await api<{ id: number }>("POST", "/api/v1/applications", { sop, data: formPayload(allFields(permit.form), values) });
    navigate(`/permohonan/${app.id}?baru=1`);
  });
  return (
    <section>
      <h1>{t("apply.title")}</h1>
      <form onSubmit={submit} noValidate>
        <Loadable state={offices}>
          {(list) => (
            <p>
              <label htmlFor="apply-office">{t("apply.office")}</label>
              <select id="apply-office" value={office} required
                      aria-describedby={list.find((o) => o.code === office)?.account_approval ? "apply-office-help" : undefined}
                      onChange={(e) => { setOffice(e.target.value); setSop(""); setValues({}); setProblems([]); }}>
                <option value="">—</option>
                {list.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
              </select>
              {list.find((o) => o.code === office)?.account_approval && (
                <small id="apply-office-help" className="help">{t("apply.office_approval")}</small>
              )}
            </p>
          )}
        </Loadable>
        {office && (
          <PermitSelect id="apply-permit" permits={permits} sop={sop}
                        onChange={(code) => { setSop(code); setValues({}); setProblems([]); }} />
        )}
        {permit && <FormFields form={permit.form} values={values} onChange={setValues} problems={problems} />}
        <button type="submit" disabled={busy || !permit}>{t("apply.submit")}</button>
        {error && <p role="alert" className="error">{error}</p>}
      </form>
    </section>
  );
}
