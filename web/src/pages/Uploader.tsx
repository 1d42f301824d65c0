// One file input per requirement, each with its own progress bar and the server's verdict
// (a refused file says why: wrong type, too large, broken).
import { useState } from "react";
import { upload } from "../api";
import { useI18n } from "../i18n";
import { useDescribe } from "../problem";

interface Requirement {
  code: string;
  name: string;
  mandatory: boolean;
}
interface Row {
  progress: number | null;
  done: string | null;
  error: string | null;
  failed?: File; // the file to try again after a failure
}

export function Uploader({ appId, requirements, have, returned, onUploaded }: {
  appId: number;
  requirements: Requirement[];
  have: Set<string>;
  returned: Set<string>;
  onUploaded: () => void;
}) {
  const { t } = useI18n();
  const describe = useDescribe();
  const [rows, setRows] = useState<Record<string, Row>>({});
  const set = (code: string, row: Partial<Row>) =>
    setRows((r) => ({ ...r, [code]: { ...(r[code] ?? { progress: null, done: null, error: null }), ...row } }));

  async function send(q: Requirement, file: File) {
    set(q.code, { progress: 0, done: null, error: null, failed: undefined });
    try {
      await upload(`/api/v1/applications/${appId}/documents/${encodeURIComponent(q.code)}?filename=${encodeURIComponent(file.name)}`,
                   file, (f) => set(q.code, { progress: f }));
      set(q.code, { progress: null, done: file.name });
      onUploaded();
    } catch (e) {
      set(q.code, { progress: null, error: describe(e), failed: file });
    }
  }

  return (
    <div>
      <h2>{t("upload.title")}</h2>
      <p className="muted">{t("upload.hint")}</p>
      {requirements.map((q) => {
        const row = rows[q.code];
        return (
          <div key={q.code} className={returned.has(q.code) ? "upload returned" : "upload"}>
            <label htmlFor={`file-${q.code}`}>
              {t("upload.file", { name: q.name })}
              {!q.mandatory && <> ({t("catalog.optional")})</>}
              {returned.has(q.code) && <> — {t("upload.returned")}</>}
              {have.has(q.code) && !returned.has(q.code) && <> ✓</>}
            </label>
            <input id={`file-${q.code}`} type="file" accept="application/pdf,image/jpeg,image/png"
                   onChange={(e) => e.target.files?.[0] && void send(q, e.target.files[0])} />
            {row?.progress != null && (
              <progress max={1} value={row.progress} aria-label={t("upload.progress", { name: q.name })} />
            )}
            {row?.done && <p role="status">{t("upload.done", { file: row.done })}</p>}
            {row?.error && (
              <p role="alert" className="error">
                {row.error}{" "}
                {row.failed && (
                  <button type="button" className="secondary" onClick={() => row.failed && void send(q, row.failed)}>
                    {t("upload.retry", { file: row.failed.name })}
                  </button>
                )}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
