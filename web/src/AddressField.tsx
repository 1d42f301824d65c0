// An address as Indonesia codes it: province, regency or city, district and village chosen one
// below the other (each list from the server's region data, GET /api/v1/regions), then the
// street. The value sent is the codes and the street; the server stores the names with them.
import { useEffect, useState, type ReactNode } from "react";
import { api, type FieldProblem, type FormField } from "./api";
import { useI18n } from "./i18n";

export interface AddressValue {
  province?: string;
  regency?: string;
  district?: string;
  village?: string;
  street?: string;
  text?: string; // as stored, printed
}

interface Region {
  code: string;
  name: string;
}

const levels = ["province", "regency", "district", "village"] as const;

// The regions under a code (the provinces for ""); fetched once per code and kept.
const cache = new Map<string, Promise<Region[]>>();
function regionsUnder(parent: string): Promise<Region[]> {
  let p = cache.get(parent);
  if (!p) {
    p = api<{ items: Region[] }>("GET", `/api/v1/regions${parent ? `?parent=${encodeURIComponent(parent)}` : ""}`)
      .then((r) => r.items);
    p.catch(() => cache.delete(parent));
    cache.set(parent, p);
  }
  return p;
}

function useRegions(parent: string | undefined) {
  const [list, setList] = useState<Region[]>([]);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    setList([]);
    setFailed(false);
    if (parent === undefined) return;
    regionsUnder(parent).then((l) => live && setList(l), () => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [parent]);
  return { list, failed };
}

export function AddressField({ field, label, value, onChange, problems, path, id, notes }: {
  field: FormField; label: string; value: unknown; onChange: (v: AddressValue) => void; problems: FieldProblem[];
  path: string; id: string; notes: ReactNode;
}) {
  const { t } = useI18n();
  const v: AddressValue = value && typeof value === "object" ? (value as AddressValue) : {};
  // A level's list appears once the level above is chosen; changing a level clears those below.
  const parents = ["", v.province, v.regency, v.district];
  const choose = (level: number, code: string) => {
    const next: AddressValue = { street: v.street };
    for (let i = 0; i < level; i++) next[levels[i]] = v[levels[i]];
    if (code) next[levels[level]] = code;
    onChange(next);
  };
  return (
    <fieldset className="field address">
      <legend>{label}</legend>
      {levels.map((level, i) => (
        <Level key={level} id={`${id}-${level}`} label={t(`address.${level}`)} parent={parents[i]}
               value={v[level] ?? ""} required={field.required} onChange={(code) => choose(i, code)}
               problem={problems.some((p) => p.field === `${path}.${level}` || (p.field === path && !v[level]))} />
      ))}
      <p>
        <label htmlFor={`${id}-street`}>{t("address.street")} ({t("form.optional")})</label>
        <input id={`${id}-street`} value={v.street ?? ""} maxLength={200}
               onChange={(e) => onChange({ ...v, street: e.target.value, text: undefined })} />
      </p>
      {notes}
    </fieldset>
  );
}

function Level({ id, label, parent, value, required, onChange, problem }: {
  id: string; label: string; parent: string | undefined; value: string; required: boolean;
  onChange: (code: string) => void; problem: boolean;
}) {
  const { t } = useI18n();
  const { list, failed } = useRegions(parent);
  return (
    <p>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} required={required} disabled={parent === undefined}
              aria-invalid={problem || undefined} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {list.map((r) => <option key={r.code} value={r.code}>{r.name}</option>)}
        {value && !list.some((r) => r.code === value) && <option value={value}>{value}</option>}
      </select>
      {failed && <small className="error field-error">{t("address.unavailable")}</small>}
    </p>
  );
}
