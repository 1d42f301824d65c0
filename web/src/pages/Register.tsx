import { useState } from "react";
import { api } from "../api";
import { useI18n } from "../i18n";
import { Loadable } from "../Loadable";
import { useOffices } from "../catalog";
import { useAction } from "../useAction";
import { useFieldNote } from "../problem";

const fields = ["full_name", "nik", "email", "phone", "profession"] as const;

export function Register() {
  const { t } = useI18n();
  const offices = useOffices();
  const [form, setForm] = useState<Record<string, string>>({ office: "", full_name: "", nik: "", email: "", phone: "", profession: "" });
  const { busy, error, problems, result, submit } = useAction(() =>
    api<{ approval_required: boolean }>("POST", "/api/v1/accounts", form));
  const note = useFieldNote(problems);
  if (result)
    return <p role="status" className="notice">{t(result.approval_required ? "register.done" : "register.done_link")}</p>;
  return (
    <section>
      <h1>{t("register.title")}</h1>
      <form onSubmit={submit}>
        <Loadable state={offices}>
          {(list) => (
            <p>
              <label htmlFor="reg-office">{t("register.office")}</label>
              <select id="reg-office" value={form.office} required aria-describedby="reg-office-help" onChange={(e) => setForm({ ...form, office: e.target.value })}>
                <option value="">—</option>
                {list.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
              </select>
              <small id="reg-office-help" className="help">
                {t("register.one_account")}{" "}
                {form.office && t(list.find((o) => o.code === form.office)?.account_approval
                  ? "register.office_approves" : "register.link_activates")}
              </small>
            </p>
          )}
        </Loadable>
        {fields.map((k) => {
          const n = note(k, `reg-${k}`);
          return (
            <p key={k}>
              <label htmlFor={`reg-${k}`}>{t(`register.${k}`)}</label>
              <input id={`reg-${k}`} value={form[k]} required type={k === "email" ? "email" : "text"}
                     inputMode={k === "nik" || k === "phone" ? "numeric" : undefined} {...n.attrs}
                     onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
              {n.note}
            </p>
          );
        })}
        <button type="submit" disabled={busy}>{t("register.submit")}</button>
        {error && <p role="alert" className="error">{error}</p>}
      </form>
    </section>
  );
}
