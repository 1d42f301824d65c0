// The counter (loket, front office) serves a walk-in applicant: registers them from their KTP (or
// finds their account by NIK), then opens their file with the permit's form. On the file's page
// the officer then uploads the scanned documents and submits it for them.
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../api";
import { useI18n } from "../i18n";
import { useOfficePermits } from "../catalog";
import { useAction } from "../useAction";
import { useFieldNote } from "../problem";
import { useSession } from "../session";
import { PermitSelect } from "./PermitSelect";
import { allFields, FormFields, formPayload, useFormSubmit, type FormValues } from "../FormFields";

interface WalkInAccount {
  id: number;
  full_name: string;
  nik: string;
  email: string | null;
  phone: string | null;
  created: boolean;
  link_mailed: boolean;
}

const personFields = ["nik", "full_name", "email", "phone", "profession"] as const;

export function Counter() {
  const { t } = useI18n();
  const { me } = useSession();
  const [person, setPerson] = useState<Record<string, string>>({ nik: "", full_name: "", email: "", phone: "", profession: "" });
  const registration = useAction(() => api<WalkInAccount>("POST", "/api/v1/office/walk-ins", person));
  const note = useFieldNote(registration.problems);
  const account = registration.result;
  return (
    <section>
      <h1>{t("counter.title")}</h1>
      <p>{t("counter.intro")}</p>
      {!account ? (
        <form onSubmit={registration.submit}>
          <h2>{t("counter.person")}</h2>
          {personFields.map((k) => {
            const n = note(k, `walkin-${k}`);
            const optional = k === "email" || k === "profession";
            return (
              <p key={k}>
                <label htmlFor={`walkin-${k}`}>{t(`counter.${k}`)}{optional && ` (${t("counter.optional")})`}</label>
                <input id={`walkin-${k}`} value={person[k]} required={k === "nik" || k === "full_name"}
                       type={k === "email" ? "email" : "text"}
                       inputMode={k === "nik" || k === "phone" ? "numeric" : undefined} {...n.attrs}
                       onChange={(e) => setPerson({ ...person, [k]: e.target.value })} />
                {n.note}
              </p>
            );
          })}
          <button type="submit" disabled={registration.busy}>{t("counter.register")}</button>
          {registration.error && <p role="alert" className="error">{registration.error}</p>}
        </form>
      ) : (
        <>
          <p role="status" className="notice">
            {t(account.created ? "counter.created" : "counter.found", { name: account.full_name, nik: account.nik })}{" "}
            {account.link_mailed ? t("counter.link_mailed", { email: account.email ?? "" })
              : !account.email && t("counter.no_email")}
          </p>
          {me?.office && <OpenFile office={me.office} applicant={account} />}
        </>
      )}
    </section>
  );
}

// The walk-in's file: the permit and its form, as the applicant would fill them in.
function OpenFile({ office, applicant }: { office: string; applicant: WalkInAccount }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const permits = useOfficePermits(office);
  const [sop, setSop] = useState("");
  const [values, setValues] = useState<FormValues>({});
  const permit = permits.data?.find((p) => p.sop === sop);
  const { busy, error, submit, problems, setProblems } = useFormSubmit(async () => {
    if (!permit) return;
    const app = await api<{ id: number }>("POST", "/api/v1/applications",
      { sop, data: formPayload(allFields(permit.form), values), applicant_id: applicant.id });
    navigate(`/permohonan/${app.id}?baru=1`);
  });
  return (
    <form onSubmit={submit} noValidate>
      <h2>{t("counter.file", { name: applicant.full_name })}</h2>
      <PermitSelect id="walkin-permit" permits={permits} sop={sop}
                    onChange={(code) => { setSop(code); setValues({}); setProblems([]); }} />
      {permit && <FormFields form={permit.form} values={values} onChange={setValues} problems={problems} />}
      <button type="submit" disabled={busy || !permit}>{t("counter.open")}</button>
      {error && <p role="alert" className="error">{error}</p>}
    </form>
  );
}
