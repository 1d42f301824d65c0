// The SOP's official sheet (Permenpan-RB 35/2012) as the server draws it from the definition it
// runs (GET .../sheet): shown as SVG when the reader opens it, and offered as PDF on A4 or F4.
import { useState } from "react";
import { useI18n } from "../i18n";

export function SopSheet({ sop, version, name }: { sop: string; version: number; name: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState(false);
  const base = `/api/v1/sops/${encodeURIComponent(sop)}/versions/${version}/sheet`;
  return (
    <details className="sop-sheet" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t("catalog.sheet")}</summary>
      {open && !failed && (
        <img className="sheet" src={`${base}?format=svg`} alt={t("catalog.sheet.label", { name })}
             onError={() => setFailed(true)} />
      )}
      {failed && <p role="alert" className="error">{t("catalog.sheet.failed")}</p>}
      <p>
        <a href={`${base}?format=pdf`} download={`SOP-${sop}-v${version}.pdf`}>{t("catalog.sheet.pdf")}</a>
        {" · "}
        <a href={`${base}?format=pdf&paper=f4`} download={`SOP-${sop}-v${version}-F4.pdf`}>{t("catalog.sheet.pdf_f4")}</a>
      </p>
    </details>
  );
}
