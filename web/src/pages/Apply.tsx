import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api, ApiError, type FieldProblem } from "../api";
import { useI18n } from "../i18n";
import { Loadable } from "../Loadable";
import { useOffices, useOfficePermits } from "../catalog";
import { allFields, FormFields, formPayload, type FormValues } from "../FormFields";
import { useAction } from "../useAction";

export function Apply() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const offices = useOffices();
  const [office, setOffice] = useState("");
  const permits = useOfficePermits(office);
  const [sop, setSop] = useState("");
  const [values, setValues] = useState<FormValues>({});
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const permit = permits.data?.find((p) => p.sop === sop);
  const { busy, error, submit } = useAction(async () => {
    if (!permit) return;
    setProblems([]);
    try {
      const data = formPayload(allFields(permit.form), values);
      const app = await api<{ id: number }>("POST", "/api/v1/applications", { sop, data });
      navigate(`/permohonan/${app.id}?baru=1`);
    } catch (e) {
      if (e instanceof ApiError) setProblems(e.errors);
      throw e;
    }
  }, (e) => (e instanceof ApiError && e.errors.length ? t("form.fix_fields", { n: e.errors.length }) : (e as Error).message));
  return (
    <section>
      <h1>{t("apply.title")}</h1>
      <form onSubmit={submit} noValidate>
        <Loadable state={offices}>
          {(list) => (
            <p>
              <label htmlFor="apply-office">{t("apply.office")}</label>
              <select id="apply-office" value={office} required
                      onChange={(e) => { setOffice(e.target.value); setSop(""); setValues({}); setProblems([]); }}>
                <option value="">—</option>
                {list.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
              </select>
            </p>
          )}
        </Loadable>
        {office && (
          <Loadable state={permits}>
            {(list) => (
              <p>
                <label htmlFor="apply-permit">{t("apply.permit")}</label>
                <select id="apply-permit" value={sop} required
                        onChange={(e) => { setSop(e.target.value); setValues({}); setProblems([]); }}>
                  <option value="">—</option>
                  {list.map((p) => <option key={p.sop} value={p.sop}>{p.name}</option>)}
                </select>
              </p>
            )}
          </Loadable>
        )}
        {permit && <FormFields form={permit.form} values={values} onChange={setValues} problems={problems} />}
        <button type="submit" disabled={busy || !permit}>{t("apply.submit")}</button>
        {error && <p role="alert" className="error">{error}</p>}
      </form>
    </section>
  );
}
