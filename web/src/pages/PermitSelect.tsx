// The choice of a permit among an office's, for the applicant's own form and the counter's.
import type { Permit } from "../api";
import { useI18n } from "../i18n";
import { Loadable, useFetch } from "../Loadable";

export function PermitSelect({ id, permits, sop, onChange }: {
  id: string; permits: ReturnType<typeof useFetch<Permit[]>>; sop: string; onChange: (sop: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Loadable state={permits}>
      {(list) => (
        <p>
          <label htmlFor={id}>{t("apply.permit")}</label>
          <select id={id} value={sop} required onChange={(e) => onChange(e.target.value)}>
            <option value="">—</option>
            {list.map((p) => <option key={p.sop} value={p.sop}>{p.name}</option>)}
          </select>
        </p>
      )}
    </Loadable>
  );
}
