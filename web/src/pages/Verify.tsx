import { useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { api, ApiError, type Verification } from "../api";
import { useI18n } from "../i18n";
import { useAction } from "../useAction";

export function Verify() {
  const { t } = useI18n();
  const params = useParams();
  const [code, setCode] = useState(params.code ?? "");
  const [file, setFile] = useState<File | null>(null);
  // With a file, the server also checks that it is the issued document, byte for byte.
  const { busy, error, result, run } = useAction(
    (c: string, f: File | null) => {
      const path = `/api/v1/verify/${encodeURIComponent(c.trim())}`;
      return f ? api<Verification>("POST", path, undefined, f) : api<Verification>("GET", path);
    },
    (err) => (err instanceof ApiError && err.status === 404 ? t("verify.notfound") : undefined),
  );

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(code, file);
  }

  return (
    <section>
      <h1>{t("verify.title")}</h1>
      <form onSubmit={submit}>
        <p>
          <label htmlFor="code">{t("verify.code")}</label>
          <input id="code" value={code} onChange={(e) => setCode(e.target.value)} required pattern="[A-Za-z0-9]{1,40}" />
        </p>
        <p>
          <label htmlFor="file">{t("verify.file")}</label>
          <input id="file" type="file" accept="application/pdf" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </p>
        <button type="submit" disabled={busy}>{busy ? t("common.loading") : t("verify.submit")}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {result && (
        <div aria-live="polite">
          <p className={`verdict verdict-${result.status}`}>{t(`verify.status.${result.status}`)}</p>
          {result.genuine !== undefined && (
            <p className={result.genuine ? "verdict verdict-valid" : "verdict verdict-revoked"}>
              {result.genuine ? t("verify.genuine") : t("verify.not_genuine")}
            </p>
          )}
          <dl className="result">
            <dt>{t("verify.document")}</dt>
            <dd>{result.document}</dd>
            {result.permit_number && (
              <>
                <dt>{t("verify.permit_number")}</dt>
                <dd>{result.permit_number}</dd>
              </>
            )}
            <dt>{t("verify.holder")}</dt>
            <dd>{result.holder}</dd>
            <dt>{t("verify.office")}</dt>
            <dd>{result.office}</dd>
            <dt>{t("verify.issued_at")}</dt>
            <dd>{result.issued_at_text ?? "-"}</dd>
            <dt>{t("verify.valid_until")}</dt>
            <dd>{result.valid_until_text ?? "-"}</dd>
            {result.signed && (
              <>
                <dt>{t("verify.signer")}</dt>
                <dd>{result.signer}</dd>
              </>
            )}
            {result.revoked_reason && (
              <>
                <dt>{t("verify.revoked_reason")}</dt>
                <dd>{result.revoked_reason}</dd>
              </>
            )}
          </dl>
        </div>
      )}
    </section>
  );
}
