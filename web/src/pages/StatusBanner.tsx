// The top of an application's page: where the file stands, in one sentence, with what is left of
// the step's time, and the signed letter as the page's main button once it is issued.
import type { ReactNode } from "react";
import { useI18n } from "../i18n";
import { statusText, useDurations, when, type Deadline } from "../format";

export interface BannerFacts {
  id: number;
  registration_number: string | null;
  permit_number: string | null;
  phase: string;
  outcome: string;
  step: { title: string; actor_name: string };
  deadline: Deadline | null;
  generated_documents: { id: number; kind: string; status: string; signed: boolean }[];
}

export function StatusBanner({ a, applicant }: { a: BannerFacts; applicant: boolean }) {
  const { t } = useI18n();
  const dur = useDurations();
  // The newest signed decision letter (a permit or a refusal), once the document worker has it ready.
  const letter = [...a.generated_documents].reverse()
    .find((g) => g.signed && g.status === "ready" && (g.kind === "izin" || g.kind === "penolakan"));
  const download = (label: string) =>
    letter && (
      <a className="button" href={`/api/v1/applications/${a.id}/generated-documents/${letter.id}`} download>
        {label}
      </a>
    );
  let tone = "progress";
  let headline: ReactNode;
  let detail: ReactNode = null;
  if (a.phase === "at_step" && !a.registration_number) {
    tone = "draft";
    headline = t("phase.draft");
    detail = applicant ? t("banner.draft_next") : null;
  } else if (a.phase === "with_applicant") {
    tone = "returned";
    headline = t("phase.with_applicant");
    detail = applicant ? t("banner.returned_next") : t("banner.returned_officer");
  } else if (a.phase === "closed") {
    tone = a.outcome === "issued" ? "issued" : "ended";
    headline = statusText(a.phase, a.outcome, t);
    if (a.outcome === "issued")
      detail = (
        <>
          {a.permit_number && <>{t("banner.permit_number", { number: a.permit_number })} </>}
          {letter ? download(t("banner.download_permit")) : t("banner.letter_pending")}
        </>
      );
    else if (a.outcome === "rejected") detail = letter ? download(t("banner.download_refusal")) : t("banner.letter_pending");
  } else {
    headline = (
      <>
        {t("banner.with", { actor: a.step.actor_name })}: <span lang="id">{a.step.title}</span>
      </>
    );
    if (a.deadline)
      detail = (
        <span className={a.deadline.overdue ? "overdue" : undefined}>
          {t("banner.due", { when: when(a.deadline.at), left: dur.left(a.deadline) })}
        </span>
      );
  }
  return (
    <div className={`banner banner-${tone}`}>
      <p className="banner-headline">{headline}</p>
      {detail && <p>{detail}</p>}
    </div>
  );
}
