// The "Send us your question" form on the live page and the embed page of a blog that takes
// contributions: a closed <details> disclosure, so it costs readers little until they open
// it. A photo may go with it (kept private to the newsroom). Its fields are disabled as sent: assets/contribute.js solves the challenge sending
// needs and enables them, and without a script the <noscript> note says why it cannot send.

import type { Blog } from "../core/blog.js";
import { CONTRIBUTION_TEXT_MAX, takesContributions } from "../core/contributions.js";
import { html, type SafeHtml } from "./html.js";
import { t } from "./i18n/messages.js";

export function renderContributeForm(blog: Blog): SafeHtml | null {
  if (!takesContributions(blog)) return null;
  const lang = blog.language;
  const prompt = blog.contributions?.prompt || t(lang, "contribute.prompt");
  return html`<details class="contribute" id="contribute">
<summary>${t(lang, "contribute.open")}</summary>
<form class="contribute-form" data-action="/api/blogs/${blog.slug}/contributions">
<p class="contribute-prompt">${prompt}</p>
<noscript><p class="contribute-noscript">${t(lang, "contribute.noscript")}</p></noscript>
<fieldset class="contribute-fields" disabled>
<fieldset class="contribute-kind"><legend>${t(lang, "contribute.kind")}</legend>
<label><input type="radio" name="kind" value="question" checked> ${t(lang, "contribute.question")}</label>
<label><input type="radio" name="kind" value="eyewitness"> ${t(lang, "contribute.eyewitness")}</label>
</fieldset>
<label for="contribute-text">${t(lang, "contribute.text")}</label>
<textarea id="contribute-text" name="text" rows="4" maxlength="${String(CONTRIBUTION_TEXT_MAX)}" required></textarea>
<label for="contribute-name">${t(lang, "contribute.name")}</label>
<input id="contribute-name" name="name" maxlength="80" autocomplete="nickname" required>
<label for="contribute-contact">${t(lang, "contribute.contact")}</label>
<input id="contribute-contact" name="contact" maxlength="200" autocomplete="email">
<label for="contribute-photo">${t(lang, "contribute.photo")}</label>
<input id="contribute-photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" aria-describedby="contribute-photo-hint">
<p class="contribute-hint" id="contribute-photo-hint">${t(lang, "contribute.photoHint")}</p>
<p class="contribute-privacy">${t(lang, "contribute.privacy")}</p>
<button type="submit">${t(lang, "contribute.send")}</button>
</fieldset>
<p class="contribute-status" role="status" aria-live="polite"></p>
</form>
</details>`;
}
