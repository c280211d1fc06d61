// Client-side routes under /admin/: the URL is the state, so reload and back work. The server
// answers every /admin/* path with the app (SPA fallback).

import { useEffect, useState } from "preact/hooks";

export const BASE = "/admin";

export function navigate(path: string, replace = false): void {
  const url = path.startsWith(BASE) ? path : `${BASE}${path}`;
  if (replace) history.replaceState(null, "", url);
  else history.pushState(null, "", url);
  dispatchEvent(new PopStateEvent("popstate"));
  const hash = new URL(url, location.origin).hash.slice(1);
  if (hash) revealWhenShown(hash);
}

/**
 * Scrolls to the element a link's #fragment names (a post on the desk, from the audit log)
 * once the screen has loaded it; the browser's own jump happens before it exists.
 */
function revealWhenShown(id: string, tries = 40): void {
  const target = document.getElementById(id);
  if (target) target.scrollIntoView({ block: "center" });
  else if (tries > 0) setTimeout(() => revealWhenShown(id, tries - 1), 100);
}

/** The path below /admin, e.g. "/blogs/storm" ("/" for the desk). */
export function useRoute(): string {
  const read = () => location.pathname.slice(BASE.length).replace(/\/+$/, "") || "/";
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const update = () => setRoute(read());
    addEventListener("popstate", update);
    return () => removeEventListener("popstate", update);
  }, []);
  return route;
}

/** An in-app link: a real <a href> (open in new tab works) that navigates without reloading. */
export function onLinkClick(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
    return;
  event.preventDefault();
  navigate(anchor.pathname);
}
