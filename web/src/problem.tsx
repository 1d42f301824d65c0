// A failure in the chosen language. The server's `detail` is English for developers and logs; a
// screen words a problem from its stable parts instead: the rule each field broke (with its
// bounds), the refusal's code with the items it concerns, or else the server's own title in the
// chosen language. Nothing English reaches an Indonesian screen.
import { useCallback } from "react";
import { ApiError, type FieldProblem } from "./api";
import { useI18n } from "./i18n";

type T = (key: string, vars?: Record<string, string | number>) => string;

function known(t: T, key: string, vars?: Record<string, string | number>): string | undefined {
  const s = t(key, vars);
  return s === key ? undefined : s;
}

// The last name in a field path: "report.findings" → "findings", "data.sips[0].number" → "number".
function leaf(path: string): string {
  const parts = path.replace(/\[\d+\]/g, "").split(".");
  return parts[parts.length - 1];
}

// One field's broken rule, e.g. "Paling banyak 200 karakter." `bounds` are the field's own
// limits where the client knows them (a form field); the problem's own bounds come first.
export function ruleText(t: T, p: FieldProblem, bounds: Record<string, string | number> = {}): string {
  const vars: Record<string, string | number> = { ...bounds };
  if (p.min !== undefined) vars.min = p.min;
  if (p.max !== undefined) vars.max = p.max;
  return known(t, `rule.${p.rule}`, vars) ?? t("rule.other");
}

// The words for a failure; `names` turns the codes a refusal lists (requirement codes) into the
// names the user sees on the page.
export function useDescribe() {
  const { t, lang } = useI18n();
  return useCallback(
    (e: unknown, names: Record<string, string> = {}): string => {
      if (!(e instanceof ApiError)) return t("problem.unexpected");
      if (e.status === 0 || e.code === "network") return t("problem.network");
      if (e.errors.length) {
        const parts = e.errors.slice(0, 3).map((p) => {
          const label = known(t, `field.${leaf(p.field)}`);
          return (label ? `${label}: ` : "") + ruleText(t, p);
        });
        return parts.join(" ") + (e.errors.length > 3 ? " " + t("problem.more", { n: e.errors.length - 3 }) : "");
      }
      const items = e.items.map((c) => names[c] ?? c).join(", ");
      return known(t, `problem.${e.code}`, { items }) ?? (e.title ? e.title[lang] : t("problem.unexpected"));
    },
    [t, lang],
  );
}

// The problem a refusal found with one field, for the note beside it.
export function problemFor(e: unknown, field: string): FieldProblem | undefined {
  return e instanceof ApiError ? e.errors.find((p) => p.field === field) : undefined;
}

// The note beside a field and the attributes that tie the field to it (aria-describedby).
export function useFieldNote(problems: FieldProblem[]) {
  const { t } = useI18n();
  return (field: string, id: string) => {
    const p = problems.find((x) => x.field === field);
    return {
      attrs: p ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {},
      note: p ? <small id={`${id}-error`} className="error field-error">{ruleText(t, p)}</small> : null,
    };
  };
}
