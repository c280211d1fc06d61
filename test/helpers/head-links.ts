// The <link rel="alternate"> tags of a reader page's <head> (feeds, oEmbed discovery), their
// attributes unescaped as a browser or a consumer reads them.

export interface AlternateLink {
  type: string;
  href: string;
  title: string;
}

const ENTITIES: Record<string, string> = {
  "&quot;": '"',
  "&#39;": "'",
  "&lt;": "<",
  "&gt;": ">",
  "&amp;": "&",
};

const decoded = (value: string) =>
  value.replace(/&(?:quot|#39|lt|gt|amp);/g, (e) => ENTITIES[e] ?? e);

export function alternateLinks(page: string): AlternateLink[] {
  return [...page.matchAll(/<link rel="alternate" ([^>]*)>/g)].map((match) => {
    const attribute = (name: string) =>
      decoded(new RegExp(`\\b${name}="([^"]*)"`).exec(match[1] ?? "")?.[1] ?? "");
    return { type: attribute("type"), href: attribute("href"), title: attribute("title") };
  });
}
