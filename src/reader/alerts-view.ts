// The live page's "Get alerts for key events" control: invisible as rendered, its place kept so
// that showing it never moves the posts; assets/alerts.js shows it only where the browser can
// take Web Push, so a reader never sees a button that cannot work (and the lite and AMP pages,
// which carry no script, never have it).

import type { Blog } from "../core/blog.js";
import { html, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";

/** Where the alerts service worker is served; its scope is /live/. */
export const ALERTS_WORKER_PATH = "/live/alerts-sw.js";

export function renderAlertsControl(blog: Blog): SafeHtml {
  return html`<div class="alerts" data-worker="${ALERTS_WORKER_PATH}" data-waiting><button type="button" class="alerts-toggle">${t(blog.language, "alerts.subscribe")}</button> <span class="alerts-status" role="status"></span></div>`;
}
