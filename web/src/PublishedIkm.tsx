// The satisfaction index an office publishes (PermenPAN-RB 14/2017), shown on the catalogue:
// the IKM of the year so far with its grade and how many answered.
import { api, type IkmFigures } from "./api";
import { dateInWords, locale } from "./format";
import { useI18n } from "./i18n";
import { useFetch } from "./Loadable";


export function PublishedIkm({ office }: { office: string }) {
  const { t } = useI18n();
  const ikm = useFetch(() => api<IkmFigures>("GET", `/api/v1/offices/${encodeURIComponent(office)}/ikm`), [office]);
  // The index is a courtesy beside the catalogue: when it cannot be read, the catalogue stays.
  if (!ikm.data) return null;
  const i = ikm.data;
  return (
    <p className="published-ikm">
      <strong>{t("ikm.title")}</strong>{" "}
      {i.ikm === null ? t("ikm.none") : t("ikm.value", {
        ikm: i.ikm.toLocaleString(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
        grade: i.grade ?? "", label: i.grade_label ?? "", respondents: i.respondents,
        from: dateInWords(i.from), to: dateInWords(i.to),
      })}
    </p>
  );
}
