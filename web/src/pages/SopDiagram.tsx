// The SOP's flow as the BPMN diagram the server exports (GET .../bpmn), drawn by bpmn-js when the
// reader opens it: the lanes of the roles, the steps, the decisions with their branches and
// the timers of the time standards. bpmn-js is loaded only then, so the catalogue stays light.
import { useEffect, useRef, useState } from "react";
import { useI18n } from "../i18n";

export function SopDiagram({ sop, version, name }: { sop: string; version: number; name: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const url = `/api/v1/sops/${encodeURIComponent(sop)}/versions/${version}/bpmn`;
  return (
    <details className="diagram" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t("catalog.diagram")}</summary>
      {open && <Viewer url={url} name={name} />}
      <p><a href={url} download={`${sop}-v${version}.bpmn`}>{t("catalog.diagram.download")}</a></p>
    </details>
  );
}

function Viewer({ url, name }: { url: string; name: string }) {
  const { t } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    let viewer: { destroy(): void } | null = null;
    (async () => {
      try {
        const [{ default: NavigatedViewer }, xml] = await Promise.all([
          import("bpmn-js/lib/NavigatedViewer"),
          fetch(url).then((r) => {
            if (!r.ok) throw new Error(String(r.status));
            return r.text();
          }),
          import("bpmn-js/dist/assets/diagram-js.css"),
          import("bpmn-js/dist/assets/bpmn-js.css"),
        ]);
        if (!live || !box.current) return;
        const v = new NavigatedViewer({ container: box.current });
        viewer = v;
        await v.importXML(xml);
        (v.get("canvas") as { zoom(level: string): void }).zoom("fit-viewport");
      } catch {
        if (live) setFailed(true);
      }
    })();
    return () => {
      live = false;
      viewer?.destroy();
    };
  }, [url]);
  if (failed) return <p role="alert" className="error">{t("catalog.diagram.failed")}</p>;
  return <div ref={box} className="bpmn" role="img" aria-label={t("catalog.diagram.label", { name })} />;
}
