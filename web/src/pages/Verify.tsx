import { useEffect, useState, type FormEvent } from "react";
import { useParams } from "react-router-dom";
import { api, ApiError, type Verification } from "../api";
import { useI18n } from "../i18n";
import { useAction } from "../useAction";
import { dateInWords, when } from "../format";

// The colour of a verdict: green only for a valid document (and a file identical to it).
function tone(verdict: string) {
  const v = verdict.replace(/^identical_/, "");
  if (v === "valid") return "valid";
  if (v === "valid_unsigned") return "unsigned";
  if (v === "pending" || v === "draft") return v;
  return "revoked";
}

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

  // A link with a code (from a QR code, or shared) checks it at once.
  useEffect(() => {
    if (!params.code) return;
    setCode(params.code);
    setFile(null);
    void run(params.code, null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [params.code]);

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
          {/* One verdict: about the file when one was sent, else about the document on record. */}
          <p className={`verdict verdict-${tone(result.verdict)}`}>{t(`verify.verdict.${result.verdict}`)}</p>
          {result.verdict === "not_issued" && <h2>{t("verify.on_record")}</h2>}
          <dl className="result">
            <dt>{t("verify.document")}</dt>
            <dd lang="id">{result.document}</dd>
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
            <dd>{when(result.issued_at)}</dd>
            <dt>{t("verify.valid_until")}</dt>
            <dd>{result.valid_until ? dateInWords(result.valid_until) : "-"}</dd>
            {result.signed && (
              <>
                <dt>{t("verify.signer")}</dt>
                <dd>{result.signer_name ? [result.signer_name, result.signer_title].filter(Boolean).join(", ") : result.signer}</dd>
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
