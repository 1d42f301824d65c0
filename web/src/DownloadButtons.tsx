// Buttons that download an office report (the register, the survey results) as XLSX, CSV or PDF.
// The file is fetched first, so a refusal (a PDF too long, another export running) is shown here
// as a message instead of being saved as a file.
import { useState } from "react";
import { apiBlob } from "./api";
import { useI18n } from "./i18n";
import { useDescribe } from "./problem";

export function DownloadButtons({ label, path, filename }: { label: string; path: string; filename: string }) {
  const { t } = useI18n();
  const describe = useDescribe();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const download = async (format: string) => {
    setBusy(format);
    setError(null);
    try {
      const blob = await apiBlob("GET", `${path}&format=${format}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = `${filename}.${format}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <>
      <p className="actions downloads">
        {label}{" "}
        {["xlsx", "csv", "pdf"].map((f) => (
          <button key={f} type="button" disabled={busy !== null} onClick={() => void download(f)}>
            {busy === f ? t("download.preparing") : f.toUpperCase()}
          </button>
        ))}
      </p>
      {error && <p role="alert" className="error">{error}</p>}
    </>
  );
}
