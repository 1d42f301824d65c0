import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable } from "../Loadable";
import { useOffices, useOfficePermits } from "../catalog";
import { useAction } from "../useAction";

export function Apply() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const offices = useOffices();
  const [office, setOffice] = useState("");
  const permits = useOfficePermits(office);
  const [sop, setSop] = useState("");
  const [form, setForm] = useState({ str_number: "", practice_place: "", practice_address: "", profession: "" });
  const { busy, error, submit } = useAction(async () => {
    const data: Record<string, string> = { ...form };
    if (!data.profession) delete data.profession;
    const app = await api<{ id: number }>("POST", "/api/v1/applications", { sop, data });
    navigate(`/permohonan/${app.id}?baru=1`);
  }, (e) => (e as Error).message);
  const field = (k: keyof typeof form, required: boolean) => (
    <p>
      <label htmlFor={k}>{t(`apply.${k}`)}</label>
      <input id={k} value={form[k]} required={required} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
    </p>
  );
  return (
    <section>
      <h1>{t("apply.title")}</h1>
      <form onSubmit={submit}>
        <Loadable state={offices}>
          {(list) => (
            <p>
              <label htmlFor="apply-office">{t("apply.office")}</label>
              <select id="apply-office" value={office} required onChange={(e) => { setOffice(e.target.value); setSop(""); }}>
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
                <select id="apply-permit" value={sop} required onChange={(e) => setSop(e.target.value)}>
                  <option value="">—</option>
                  {list.map((p) => <option key={p.sop} value={p.sop}>{p.name}</option>)}
                </select>
              </p>
            )}
          </Loadable>
        )}
        {field("str_number", true)}
        {field("practice_place", true)}
        {field("practice_address", true)}
        {field("profession", false)}
        <button type="submit" disabled={busy || !sop}>{t("apply.submit")}</button>
        {error && <p role="alert" className="error">{error}</p>}
      </form>
    </section>
  );
}
