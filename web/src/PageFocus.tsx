// Each screen is named and announced: the document title follows the page's heading, and after
// a navigation inside the app the focus moves to that heading, so a screen reader reads the new
// page instead of staying on the link that was followed. The first load keeps the browser's
// own focus.
import { useEffect, useRef } from "react";
import { useLocation } from "react-router-dom";
import { useI18n } from "./i18n";

export function PageFocus() {
  const { pathname, search } = useLocation();
  const { lang } = useI18n();
  const first = useRef(true);
  useEffect(() => {
    const main = document.getElementById("main");
    if (!main) return;
    const focus = !first.current;
    first.current = false;
    let focused = false;
    // Pages draw their heading when their data arrives; watch until they do, and keep the
    // title in step with a heading that changes (a registration number filled in).
    const update = () => {
      const h1 = main.querySelector("h1");
      if (!h1) return;
      const text = h1.textContent?.trim();
      if (text) document.title = `${text} · satupintu`;
      if (focus && !focused) {
        focused = true;
        h1.setAttribute("tabindex", "-1");
        h1.focus({ preventScroll: false });
      }
    };
    update();
    const watcher = new MutationObserver(update);
    watcher.observe(main, { childList: true, subtree: true, characterData: true });
    return () => watcher.disconnect();
  }, [pathname, search, lang]);
  return null;
}
