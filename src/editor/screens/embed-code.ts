// The two embed snippets a newsroom pastes into a partner's page (see docs/DISTRIBUTION.md):
// the iframe of /live/SLUG/embed with /embed.js sizing it, and the element /embed.js renders
// the blog into. Options go in the iframe's query or the element's data attributes; values
// are escaped for the attribute they land in.

export interface EmbedChoices {
  theme: "auto" | "light" | "dark";
  accent: string;
  font: string;
  limit: number;
  keyEvents: boolean;
}

export const DEFAULT_EMBED: EmbedChoices = {
  theme: "auto",
  accent: "",
  font: "",
  limit: 20,
  keyEvents: false,
};

const attr = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

export function embedSnippets(
  origin: string,
  slug: string,
  title: string,
  choices: EmbedChoices,
): { iframe: string; script: string } {
  const base = origin.replace(/\/+$/, "");
  const params = new URLSearchParams();
  const data: [string, string][] = [["data-dispatch-blog", slug]];
  if (choices.theme !== "auto") {
    params.set("theme", choices.theme);
    data.push(["data-theme", choices.theme]);
  }
  if (choices.accent.trim()) {
    params.set("accent", choices.accent.trim());
    data.push(["data-accent", choices.accent.trim()]);
  }
  if (choices.font.trim()) {
    params.set("font", choices.font.trim());
    data.push(["data-font", choices.font.trim()]);
  }
  if (choices.limit !== DEFAULT_EMBED.limit) {
    params.set("limit", String(choices.limit));
    data.push(["data-limit", String(choices.limit)]);
  }
  if (choices.keyEvents) {
    params.set("keyEvents", "1");
    data.push(["data-key-events", "1"]);
  }
  const query = params.toString();
  const src = `${base}/live/${encodeURIComponent(slug)}/embed${query ? `?${query}` : ""}`;
  const loader = `<script async src="${attr(`${base}/embed.js`)}"></script>`;
  return {
    iframe: `<iframe src="${attr(src)}" title="${attr(title)}" width="100%" height="600" style="border:0" loading="lazy"></iframe>\n${loader}`,
    script: `<div ${data.map(([name, value]) => `${name}="${attr(value)}"`).join(" ")}></div>\n${loader}`,
  };
}
