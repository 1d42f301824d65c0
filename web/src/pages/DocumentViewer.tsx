import { useI18n } from "../i18n";

// A document shown inside the page: images as images, PDFs in a frame (the server lets only
// this site frame them). The link opens the same file on its own for printing or saving.
export interface Viewable {
  key: string;
  title: string;
  url: string;
  type: string;
}

// Without onClose it stays (beside a checklist or a decision, where it is the point).
export function DocumentViewer({ doc, onClose }: { doc: Viewable; onClose?: () => void }) {
  const { t } = useI18n();
  return (
    <figure className="viewer" aria-label={doc.title}>
      <figcaption>
        <strong>{doc.title}</strong>{" "}
        <a href={doc.url} target="_blank" rel="noopener">{t("viewer.open")}</a>{" "}
        {onClose && <button className="small" onClick={onClose}>{t("viewer.close")}</button>}
      </figcaption>
      {doc.type.startsWith("image/") ? (
        <img src={doc.url} alt={doc.title} />
      ) : (
        <iframe src={doc.url} title={doc.title} />
      )}
    </figure>
  );
}

// The toggle beside each document in a list.
export function ViewButton({ doc, viewing, onView }: { doc: Viewable; viewing: boolean; onView: (d: Viewable | null) => void }) {
  const { t } = useI18n();
  return (
    <button className="small" aria-pressed={viewing} aria-label={`${t("viewer.view")}: ${doc.title}`}
            onClick={() => onView(viewing ? null : doc)}>
      {t("viewer.view")}
    </button>
  );
}
