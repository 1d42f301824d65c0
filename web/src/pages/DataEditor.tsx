// The applicant corrects the form data while the file is theirs (a draft, or returned): the
// permit's own form, filled with what was sent, checked by the server as on creation.
import { useState } from "react";
import { api, type Permit } from "../api";
import { allFields, FormFields, formPayload, useFormSubmit, type FormValues } from "../FormFields";
import { useI18n } from "../i18n";
import { useFetch } from "../Loadable";

// Stored numbers become the text an input holds.
function editable(data: FormValues): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(data))
    out[k] = typeof v === "number" ? String(v) : Array.isArray(v) ? v.map((item) => editable(item as FormValues)) : v;
  return out;
}

interface Props {
  appId: number;
  sop: string;
  sopVersion: number;
  data: FormValues;
  onSaved: () => void;
}

export function DataEditor({ appId, sop, sopVersion, data, onSaved }: Props) {
  const { t } = useI18n();
  const permit = useFetch(
    () => api<Permit>("GET", `/api/v1/sops/${encodeURIComponent(sop)}/versions/${sopVersion}`),
    [sop, sopVersion],
  );
  const [values, setValues] = useState<FormValues>(() => editable(data));
  const { busy, error, result, submit, problems } = useFormSubmit(async () => {
    if (!permit.data) return false;
    await api("PUT", `/api/v1/applications/${appId}/data`, { data: formPayload(allFields(permit.data.form), values) });
    onSaved();
    return true;
  });
  if (!permit.data) return null;
  return (
    <details className="data-editor">
      <summary>{t("detail.edit_data")}</summary>
      <form onSubmit={submit} noValidate>
        <FormFields form={permit.data.form} values={values} onChange={setValues} problems={problems} />
        <button type="submit" disabled={busy}>{t("detail.save_data")}</button>
        {result && <p role="status" className="notice">{t("detail.data_saved")}</p>}
        {error && <p role="alert" className="error">{error}</p>}
      </form>
    </details>
  );
}
