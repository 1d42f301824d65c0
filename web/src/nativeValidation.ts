// The browser words its own form checks (a required field left empty, a wrong e-mail) in the
// browser's language. These say them in the page's language instead, from the same texts as
// the server's rules, for every form of the app.
type T = (key: string, vars?: Record<string, string | number>) => string;

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

function message(el: Field, t: T): string {
  const v = el.validity;
  if (v.valueMissing) return t("rule.required");
  if (v.typeMismatch && el.type === "email") return t("rule.invalid_email");
  if (v.typeMismatch || v.badInput) return t("rule.wrong_type");
  if (v.patternMismatch) return t("rule.pattern");
  if (v.tooShort) return t("rule.too_short", { min: (el as HTMLInputElement).minLength });
  if (v.tooLong) return t("rule.too_long", { max: (el as HTMLInputElement).maxLength });
  if (v.rangeUnderflow) return t("rule.below_minimum", { min: (el as HTMLInputElement).min });
  if (v.rangeOverflow) return t("rule.above_maximum", { max: (el as HTMLInputElement).max });
  return t("rule.other");
}

// Installs the listeners and returns their removal; `t` is read at each event, so a language
// switch applies at once.
export function wordNativeValidation(current: () => T) {
  const invalid = (e: Event) => {
    const el = e.target as Field;
    if (!("setCustomValidity" in el)) return;
    el.setCustomValidity("");  // judge the field by its own rules first
    if (!el.validity.valid) el.setCustomValidity(message(el, current()));
  };
  // A message set above sticks until cleared: clear it as soon as the field changes.
  const clear = (e: Event) => {
    const el = e.target as Field;
    if ("setCustomValidity" in el) el.setCustomValidity("");
  };
  document.addEventListener("invalid", invalid, true);
  document.addEventListener("input", clear, true);
  document.addEventListener("change", clear, true);
  return () => {
    document.removeEventListener("invalid", invalid, true);
    document.removeEventListener("input", clear, true);
    document.removeEventListener("change", clear, true);
  };
}
