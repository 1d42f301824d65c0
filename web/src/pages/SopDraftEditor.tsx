// The editor of an SOP's next version (office admin). The draft is the definition's YAML: the
// fields below edit its values in place (sopDraft.ts), the YAML view edits anything else (the
// outcomes of a decision, the form). Every change is checked by the server — the same parser and
// validator that load SOP files, then the rules of a new version — and each problem is shown
// beside the step, role, requirement or field on whose line it is. A draft without problems can
// be previewed as its official sheet and published with its Tanggal Efektif.
import { useEffect, useMemo, useRef, useState } from "react";
import { api, apiBlob, type SopDraftCheck, type SopVersion } from "../api";
import { useI18n } from "../i18n";
import { useDescribe } from "../problem";
import { useAction } from "../useAction";
import { dayInWords } from "../format";
import {
  appendItem, countAt, flagAt, linesOf, listAt, readDraft, removeItem, setFlag, setList, setNumber, setText, textAt,
  type Draft, type Path,
} from "../sopDraft";
import { sopSource } from "./SopVersions";
import { SourceDiff } from "./SourceDiff";

type Problem = SopDraftCheck["problems"][number];

// Problems on the lines a value takes.
function within(d: Draft, problems: Problem[], path: Path): Problem[] {
  const span = linesOf(d, path);
  if (!span) return [];
  return problems.filter((p) => p.line >= span[0] && p.line <= span[1]);
}

function ProblemList({ problems, id }: { problems: Problem[]; id?: string }) {
  const { t } = useI18n();
  if (problems.length === 0) return null;
  return (
    <ul className="problems error" id={id}>
      {problems.map((p, i) => (
        <li key={i}>{p.line > 0 ? t("sop.problem.at_line", { line: p.line }) + " " : ""}{p.message}</li>
      ))}
    </ul>
  );
}

interface FieldProps {
  d: Draft;
  problems: Problem[];
  path: Path;
  label: string;
  onChange: (text: string) => void;
  kind?: "text" | "area" | "date" | "list";
  hint?: string;
}

// One value of the draft: its input and the problems on its lines.
function Field({ d, problems, path, label, onChange, kind = "text", hint }: FieldProps) {
  const id = "f-" + path.join("-");
  const mine = within(d, problems, path);
  const value = kind === "list" ? listAt(d, path).join("\n") : textAt(d, path);
  const [typed, setTyped] = useState(value);
  // Text typed into a list keeps its empty last line until the next change from elsewhere.
  useEffect(() => setTyped((old) => (kind === "list" && old.replace(/\n+$/, "") === value ? old : value)), [value, kind]);
  const attrs = {
    id,
    "aria-invalid": mine.length > 0 ? (true as const) : undefined,
    "aria-describedby": [mine.length > 0 ? `${id}-problems` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined,
  };
  const write = (v: string) => {
    setTyped(v);
    onChange(kind === "list" ? setList(d, path, v.split("\n")) : setText(d, path, v));
  };
  return (
    <p className="draft-field">
      <label htmlFor={id}>{label}</label>
      {kind === "area" || kind === "list" ? (
        <textarea {...attrs} rows={kind === "list" ? Math.max(2, typed.split("\n").length) : 3} value={typed}
                  onChange={(e) => write(e.target.value)} />
      ) : (
        <input {...attrs} type={kind === "date" ? "date" : "text"} value={typed} onChange={(e) => write(e.target.value)} />
      )}
      {hint && <small id={`${id}-hint`} className="hint">{hint}</small>}
      <ProblemList problems={mine} id={`${id}-problems`} />
    </p>
  );
}

// A new role or requirement: its code (lower_snake_case, as the definition's codes are) and name.
function AddItem({ idPrefix, button, onAdd }: { idPrefix: string; button: string; onAdd: (code: string, name: string) => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  return (
    <form className="inline" onSubmit={(e) => {
      e.preventDefault();
      onAdd(code.trim(), name.trim());
      setCode("");
      setName("");
    }}>
      <label htmlFor={`${idPrefix}-code`}>{t("sop.field.code")}</label>
      <input id={`${idPrefix}-code`} required pattern="[a-z][a-z0-9_]*" value={code} onChange={(e) => setCode(e.target.value)} />
      <label htmlFor={`${idPrefix}-name`}>{t("sop.field.name_plain")}</label>
      <input id={`${idPrefix}-name`} required value={name} onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="small">{button}</button>
    </form>
  );
}

export function SopDraftEditor({ code, base, onPublished }:
  { code: string; base: SopVersion; onPublished: (message: string) => void }) {
  const { t } = useI18n();
  const describe = useDescribe();
  const [baseText, setBaseText] = useState<string | null>(null);
  const [text, setText_] = useState<string>("");
  const [loadError, setLoadError] = useState<string | null>(null);
  const [check, setCheck] = useState<SopDraftCheck | null>(null);
  const [checkError, setCheckError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [preview, setPreview] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sequence = useRef(0);
  // Read through a ref: a change of language must not start the draft over.
  const describeRef = useRef(describe);
  describeRef.current = describe;
  const next = base.version + 1;
  const d = useMemo(() => readDraft(text), [text]);

  // The draft starts as the newest version, numbered as the next one.
  useEffect(() => {
    sopSource(code, base.version)
      .then((source) => {
        setBaseText(source);
        setText_(setNumber(readDraft(source), ["version"], next));
      })
      .catch((e) => setLoadError(describeRef.current(e)));
  }, [code, base.version, next]);

  // Checked a moment after the last change; an answer to an older text is dropped.
  useEffect(() => {
    if (baseText === null) return;
    const mine = ++sequence.current;
    setChecking(true);
    const timer = setTimeout(() => {
      api<SopDraftCheck>("POST", `/api/v1/sops/${encodeURIComponent(code)}/drafts/check`, { source: text })
        .then((r) => mine === sequence.current && (setCheck(r), setCheckError(null)))
        .catch((e) => mine === sequence.current && (setCheck(null), setCheckError(describeRef.current(e))))
        .finally(() => mine === sequence.current && setChecking(false));
    }, 500);
    return () => clearTimeout(timer);
  }, [text, baseText, code]);

  const change = (updated: string) => {
    setText_(updated);
    setConfirming(false);
  };
  const drawPreview = useAction(async () => {
    const svg = await apiBlob("POST", `/api/v1/sops/${encodeURIComponent(code)}/drafts/sheet?format=svg`, { source: text });
    // As a data: address: the page's policy lets images come from the server or data: only.
    setPreview(await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(svg);
    }));
  });
  const downloadPdf = useAction(async () => {
    const pdf = await apiBlob("POST", `/api/v1/sops/${encodeURIComponent(code)}/drafts/sheet?format=pdf`, { source: text });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(pdf);
    a.download = `SOP-${code}-v${next}-draf.pdf`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  });
  const publish = useAction(async () => {
    const v = await api<SopVersion>("POST", `/api/v1/sops/${encodeURIComponent(code)}/versions`, { source: text });
    setConfirming(false);
    onPublished(t(v.status === "in_effect" ? "sop.published_now" : "sop.published_later",
                  { version: v.version, date: v.effective ? dayInWords(v.effective) : "" }));
  });

  if (loadError) return <p role="alert" className="error">{loadError}</p>;
  if (baseText === null) return <p>{t("common.loading")}</p>;

  const problems = check?.problems ?? [];
  const roles = countAt(d, ["roles"]);
  const requirements = countAt(d, ["permit", "requirements"]);
  const steps = countAt(d, ["steps"]);
  const roleCodes = Array.from({ length: roles }, (_, i) => textAt(d, ["roles", i, "code"]));
  // Problems no section shows: on other lines (outcomes, the form, the legal basis) or the draft's.
  const sections: Path[] = [["identity"], ["roles"], ["permit", "requirements"], ["steps"]];
  const elsewhere = problems.filter((p) => !sections.some((s) => within(d, [p], s).length > 0));
  const field = (path: Path, label: string, kind?: FieldProps["kind"], hint?: string) => (
    <Field key={path.join("-")} d={d} problems={problems} path={path} label={label} onChange={change} kind={kind} hint={hint} />
  );
  const effective = textAt(d, ["identity", "effective"]);

  return (
    <section aria-labelledby="sop-draft" className="sop-draft">
      <h2 id="sop-draft">{t("sop.draft.title", { version: next })}</h2>
      <p>{t("sop.draft.intro", { version: base.version })}</p>
      <p role="status" aria-live="polite" className={check && !check.publishable ? "error" : "notice"}>
        {checking ? t("sop.draft.checking")
          : checkError ? checkError
          : check?.publishable ? t("sop.draft.ready", { version: next })
          : t("sop.draft.problems", { count: problems.length })}
      </p>
      <ProblemList problems={elsewhere} />

      <fieldset>
        <legend>{t("sop.draft.identity")}</legend>
        {field(["identity", "effective"], t("sop.field.effective"), "date", t("sop.field.effective_hint"))}
        {field(["identity", "revised"], t("sop.field.revised"), "date")}
        {field(["identity", "number"], t("sop.field.number"))}
        {field(["identity", "name"], t("sop.field.name"))}
        {field(["identity", "approved_by"], t("sop.field.approved_by"), "area")}
        {field(["identity", "approver_nip"], t("sop.field.approver_nip"))}
        {field(["identity", "executor_qualifications"], t("sop.field.qualifications"), "list", t("sop.field.list_hint"))}
        {field(["identity", "related_sops"], t("sop.field.related"), "list")}
        {field(["identity", "equipment"], t("sop.field.equipment"), "list")}
        {field(["identity", "warnings"], t("sop.field.warnings"), "list")}
        {field(["identity", "records"], t("sop.field.records"), "list")}
      </fieldset>

      <fieldset>
        <legend>{t("sop.draft.roles")}</legend>
        {roleCodes.map((roleCode, i) => (
          <div key={i} className="draft-item">
            {field(["roles", i, "name"], t("sop.field.role_name", { code: roleCode }))}
            <ProblemList problems={within(d, problems, ["roles", i]).filter((p) => within(d, [p], ["roles", i, "name"]).length === 0)} />
            <button type="button" className="small" disabled={roles <= 1}
                    onClick={() => change(removeItem(d, ["roles"], i))}>{t("sop.remove_role", { code: roleCode })}</button>
          </div>
        ))}
        <AddItem idPrefix="new-role" button={t("sop.add_role")}
                 onAdd={(c, name) => change(appendItem(d, ["roles"], { code: c, name }))} />
      </fieldset>

      <fieldset>
        <legend>{t("sop.draft.requirements")}</legend>
        {Array.from({ length: requirements }, (_, i) => {
          const path: Path = ["permit", "requirements", i];
          const reqCode = textAt(d, [...path, "code"]);
          const mandatory = flagAt(d, [...path, "mandatory"], true);
          return (
            <div key={i} className="draft-item">
              <h3>{reqCode}</h3>
              {field([...path, "name"], t("sop.field.requirement_name"))}
              <p>
                <input id={`f-mandatory-${i}`} type="checkbox" checked={mandatory}
                       onChange={(e) => change(setFlag(d, [...path, "mandatory"], e.target.checked))} />
                <label htmlFor={`f-mandatory-${i}`}>{t("sop.field.mandatory")}</label>
              </p>
              {field([...path, "description"], t("sop.field.description"), "area")}
              <button type="button" className="small" disabled={requirements <= 1}
                      onClick={() => change(removeItem(d, ["permit", "requirements"], i))}>
                {t("sop.remove_requirement", { code: reqCode })}
              </button>
            </div>
          );
        })}
        <AddItem idPrefix="new-req" button={t("sop.add_requirement")}
                 onAdd={(c, name) => change(appendItem(d, ["permit", "requirements"], { code: c, name, mandatory: true }))} />
      </fieldset>

      <fieldset>
        <legend>{t("sop.draft.steps")}</legend>
        {Array.from({ length: steps }, (_, i) => {
          const path: Path = ["steps", i];
          const fields: Path[] = ["title", "description", "actor", "inputs", "time", "output", "remark"].map((k) => [...path, k]);
          const rest = within(d, problems, path).filter((p) => !fields.some((f) => within(d, [p], f).length > 0));
          const actorId = `f-steps-${i}-actor`;
          return (
            <fieldset key={i} className="draft-step">
              <legend>{t("sop.step_legend", { no: textAt(d, [...path, "no"]), title: textAt(d, [...path, "title"]) || textAt(d, [...path, "code"]) })}</legend>
              <ProblemList problems={rest} />
              {field([...path, "title"], t("sop.field.step_title"))}
              {field([...path, "description"], t("sop.field.step_description"), "area")}
              <p className="draft-field">
                <label htmlFor={actorId}>{t("sop.field.actor")}</label>
                <select id={actorId} value={textAt(d, [...path, "actor"])}
                        onChange={(e) => change(setText(d, [...path, "actor"], e.target.value))}>
                  {!roleCodes.includes(textAt(d, [...path, "actor"])) && <option value={textAt(d, [...path, "actor"])}>{textAt(d, [...path, "actor"])}</option>}
                  {roleCodes.map((c, j) => <option key={j} value={c}>{textAt(d, ["roles", j, "name"]) || c}</option>)}
                </select>
                <ProblemList problems={within(d, problems, [...path, "actor"])} />
              </p>
              {field([...path, "inputs"], t("sop.field.inputs"), "list")}
              {field([...path, "time"], t("sop.field.time"), "text", t("sop.field.time_hint"))}
              {field([...path, "output"], t("sop.field.output"))}
              {field([...path, "remark"], t("sop.field.remark"))}
            </fieldset>
          );
        })}
      </fieldset>

      <details className="draft-yaml">
        <summary>{t("sop.draft.yaml")}</summary>
        <p>{t("sop.draft.yaml_intro")}</p>
        <label htmlFor="draft-yaml" className="visually-hidden">{t("sop.draft.yaml")}</label>
        <textarea id="draft-yaml" className="yaml" spellCheck={false} rows={30} value={text}
                  onChange={(e) => change(e.target.value)} />
        <ProblemList problems={problems} />
      </details>

      <details className="draft-changes">
        <summary>{t("sop.draft.changes", { version: base.version })}</summary>
        <SourceDiff before={baseText} after={text} label={t("sop.diff.label_draft", { from: base.version, to: next })} />
      </details>

      <p className="actions">
        <button type="button" disabled={!check?.publishable || checking || drawPreview.busy} onClick={() => void drawPreview.run()}>
          {t("sop.preview")}
        </button>{" "}
        <button type="button" className="secondary" disabled={!check?.publishable || checking || downloadPdf.busy}
                onClick={() => void downloadPdf.run()}>{t("sop.preview_pdf")}</button>{" "}
        <button type="button" disabled={!check?.publishable || checking} onClick={() => setConfirming(true)}>
          {t("sop.publish", { version: next })}
        </button>
      </p>
      {drawPreview.error && <p role="alert" className="error">{drawPreview.error}</p>}
      {downloadPdf.error && <p role="alert" className="error">{downloadPdf.error}</p>}
      {confirming && check?.publishable && (
        <div role="alertdialog" aria-labelledby="publish-q" className="confirm">
          <p id="publish-q">{t("sop.publish_question", { version: next, date: effective ? dayInWords(effective) : "" })}</p>
          <button type="button" disabled={publish.busy} onClick={() => void publish.run()}>{t("sop.publish_confirm")}</button>{" "}
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>{t("sop.publish_cancel")}</button>
        </div>
      )}
      {publish.error && <p role="alert" className="error">{publish.error}</p>}
      {preview && (
        <figure className="sop-sheet">
          <img className="sheet" src={preview} alt={t("sop.preview_label", { version: next })} />
        </figure>
      )}
    </section>
  );
}
