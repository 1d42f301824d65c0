// A permit's application form, drawn from its definition in the catalogue: no permit's field
// is known to the app. Values are kept as typed; formPayload turns them into what the server
// checks (numbers as numbers, hidden and empty fields left out). Problems from the server are
// shown next to the field they concern, in the chosen language.
import { ApiError, type FieldProblem, type FormField, type LocalText, type PermitForm } from "./api";
import { AddressField, type AddressValue } from "./AddressField";
import { useI18n } from "./i18n";
import { ruleText } from "./problem";
import { useAction } from "./useAction";

export type FormValues = Record<string, unknown>;

type Lang = "id" | "en";
export function localText(t: LocalText | undefined, lang: Lang): string {
  return t ? (lang === "en" ? t.en : t.id) : "";
}

function conditionText(v: unknown): string | undefined {
  if (typeof v === "boolean") return v ? "true" : "false";
  return typeof v === "string" ? v : undefined;
}

// Whether a field's condition holds for the values of its level (server: forms/form_data.cpp).
export function shownIn(f: FormField, values: FormValues): boolean {
  if (!f.show_if) return true;
  const text = conditionText(values[f.show_if.field]);
  return text !== undefined && f.show_if.values.includes(text);
}

function isEmpty(v: unknown): boolean {
  if (v !== null && typeof v === "object" && !Array.isArray(v))  // an address with nothing chosen
    return Object.values(v).every((x) => x === undefined || x === null || x === "");
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);
}

// What to send for one level of fields.
export function formPayload(fields: FormField[], values: FormValues): FormValues {
  const out: FormValues = {};
  for (const f of fields) {
    if (!shownIn(f, out)) continue;
    const v = values[f.key];
    if (isEmpty(v)) continue;
    if (f.type === "group") out[f.key] = (v as FormValues[]).map((item) => formPayload(f.fields ?? [], item));
    else if (f.type === "address") {
      // The codes and the street: the names and the printed text are the server's.
      const a = v as AddressValue;
      out[f.key] = { province: a.province, regency: a.regency, district: a.district, village: a.village,
                     ...(a.street?.trim() ? { street: a.street } : {}) };
    }
    else if (f.type === "number") out[f.key] = Number(v);
    else out[f.key] = v;
  }
  return out;
}

export function allFields(form: PermitForm): FormField[] {
  return form.sections.flatMap((s) => s.fields);
}

// A value as people read it: a choice's label, yes/no in words, a group's items.
export function displayValue(f: FormField, v: unknown, lang: Lang, t: (k: string) => string): string {
  if (isEmpty(v)) return "-";
  if (f.type === "choice") return localText(f.options?.find((o) => o.value === v)?.label, lang) || String(v);
  if (f.type === "yes_no") return v ? t("form.yes") : t("form.no");
  if (f.type === "address") return (v as AddressValue).text ?? "-";
  if (f.type === "group" && Array.isArray(v))
    return v
      .map((item: FormValues) =>
        (f.fields ?? [])
          .filter((c) => !isEmpty(item[c.key]))
          .map((c) => `${localText(c.label, lang)}: ${displayValue(c, item[c.key], lang, t)}`)
          .join(", "),
      )
      .join("; ");
  return String(v);
}

// Sending a form's data: the action's busy flag, result and message, and the field problems of
// a refusal (its message then counts them; each is shown beside its field).
export function useFormSubmit<T>(send: () => Promise<T>) {
  const { t } = useI18n();
  return useAction(send, (e) => (e instanceof ApiError && e.errors.length ? t("form.fix_fields", { n: e.errors.length }) : undefined));
}

interface Props {
  form: PermitForm;
  values: FormValues;
  onChange: (values: FormValues) => void;
  problems: FieldProblem[];
}

export function FormFields({ form, values, onChange, problems }: Props) {
  const { lang } = useI18n();
  return (
    <>
      {form.sections.map((s, i) => (
        <fieldset key={i} className="form-section">
          <legend>{localText(s.title, lang)}</legend>
          <Level fields={s.fields} values={values} onChange={onChange} problems={problems} path="data" />
        </fieldset>
      ))}
    </>
  );
}

interface LevelProps {
  fields: FormField[];
  values: FormValues;
  onChange: (values: FormValues) => void;
  problems: FieldProblem[];
  path: string;
}

function Level({ fields, values, onChange, problems, path }: LevelProps) {
  return (
    <>
      {fields
        .filter((f) => shownIn(f, values))
        .map((f) => (
          <Field key={f.key} field={f} value={values[f.key]} path={`${path}.${f.key}`} problems={problems}
                 onChange={(v) => onChange({ ...values, [f.key]: v })} />
        ))}
    </>
  );
}

interface FieldProps {
  field: FormField;
  value: unknown;
  onChange: (v: unknown) => void;
  problems: FieldProblem[];
  path: string;
}

function idOf(path: string) {
  return "f-" + path.replace(/[^a-zA-Z0-9_]/g, "-");
}

// The rule broken, in the chosen language, with the field's own limits where the problem has none.
function useProblemText() {
  const { t } = useI18n();
  return (f: FormField, p: FieldProblem) =>
    ruleText(t, p, {
      min: f.min ?? f.min_length ?? f.min_items ?? "",
      max: f.max ?? f.max_length ?? f.max_items ?? "",
      decimals: f.decimals ?? 0,
    });
}

function Field({ field: f, value, onChange, problems, path }: FieldProps) {
  const { lang, t } = useI18n();
  const problemText = useProblemText();
  const id = idOf(path);
  // An address's problem may concern one of its parts (data.alamat.village).
  const problem = problems.find((p) => p.field === path || (f.type === "address" && p.field.startsWith(`${path}.`)));
  const label = localText(f.label, lang) + (f.required ? "" : ` (${t("form.optional")})`);
  const help = localText(f.help, lang) || (f.pattern_hint ? localText(f.pattern_hint, lang) : "");
  const described = [help && `${id}-help`, problem && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-invalid": problem ? true : undefined, "aria-describedby": described, required: f.required };
  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
  const notes = (
    <>
      {help && <small id={`${id}-help`} className="help">{help}</small>}
      {problem && <small id={`${id}-error`} className="error field-error">{problemText(f, problem)}</small>}
    </>
  );
  if (f.type === "group") return <Group field={f} value={value} onChange={onChange} problems={problems} path={path} />;
  if (f.type === "address")
    return <AddressField field={f} label={label} value={value} onChange={onChange} problems={problems} path={path} id={id}
                         notes={notes} />;
  if (f.type === "yes_no")
    return (
      <fieldset className="field yes-no" aria-describedby={described}>
        <legend>{label}</legend>
        {[true, false].map((b) => (
          <label key={String(b)}>
            <input type="radio" name={id} checked={value === b} onChange={() => onChange(b)} />
            {b ? t("form.yes") : t("form.no")}
          </label>
        ))}
        {notes}
      </fieldset>
    );
  let input;
  if (f.type === "long_text")
    input = <textarea {...common} value={text} maxLength={f.max_length} rows={3} onChange={(e) => onChange(e.target.value)} />;
  else if (f.type === "choice")
    input = (
      <select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        <option value="">—</option>
        {(f.options ?? []).map((o) => <option key={o.value} value={o.value}>{localText(o.label, lang)}</option>)}
      </select>
    );
  else {
    const kind: Record<string, { type: string; inputMode?: "numeric" | "tel" | "email" | "decimal" }> = {
      number: { type: "number", inputMode: f.decimals ? "decimal" : "numeric" },
      date: { type: "date" },
      email: { type: "email", inputMode: "email" },
      phone: { type: "tel", inputMode: "tel" },
      nik: { type: "text", inputMode: "numeric" },
      npwp: { type: "text", inputMode: "numeric" },
      nib: { type: "text", inputMode: "numeric" },
    };
    const k = kind[f.type] ?? { type: "text" };
    input = (
      <input {...common} type={k.type} inputMode={k.inputMode} value={text} maxLength={f.max_length}
             min={f.min} max={f.max} step={f.type === "number" ? (f.decimals ? 10 ** -f.decimals : 1) : undefined}
             onChange={(e) => onChange(e.target.value)} />
    );
  }
  return (
    <p className="field">
      <label htmlFor={id}>{label}</label>
      {input}
      {notes}
    </p>
  );
}

function Group({ field: f, value, onChange, problems, path }: FieldProps) {
  const { lang, t } = useI18n();
  const items = Array.isArray(value) ? (value as FormValues[]) : [];
  const problemText = useProblemText();
  const problem = problems.find((p) => p.field === path);
  const max = f.max_items ?? 10;
  return (
    <fieldset className="field group">
      <legend>{localText(f.label, lang) + (f.required || (f.min_items ?? 0) > 0 ? "" : ` (${t("form.optional")})`)}</legend>
      {items.map((item, i) => (
        <fieldset key={i} className="group-item">
          <legend>{t("form.item", { n: i + 1 })}</legend>
          <Level fields={f.fields ?? []} values={item} problems={problems} path={`${path}[${i}]`}
                 onChange={(v) => onChange(items.map((x, j) => (j === i ? v : x)))} />
          <button type="button" className="secondary" onClick={() => onChange(items.filter((_, j) => j !== i))}>
            {t("form.remove_item", { n: i + 1 })}
          </button>
        </fieldset>
      ))}
      {items.length < max && (
        <button type="button" className="secondary" onClick={() => onChange([...items, {}])}>
          {t("form.add_item", { what: localText(f.label, lang) })}
        </button>
      )}
      {problem && <small className="error field-error">{problemText(f, problem)}</small>}
    </fieldset>
  );
}
