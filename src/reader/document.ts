// The HTML document around every reader page: language, viewport, title and description,
// canonical link, Open Graph and Twitter card tags, JSON-LD, and the two reader assets.
// Nothing inline is executable, so pages run under a CSP with script-src 'self'.

import { textDirection } from "./direction.js";
import { html, raw, type SafeHtml } from "./html.js";
import { serializeJsonLd } from "./jsonld.js";

export interface ReaderAssetUrls {
  /** The stylesheet URL, versioned by content hash. */
  style: string;
  /** The live script URL; pages without live behaviour leave it out. */
  script?: string;
  /** The blocks' script (galleries, embeds loaded on request); left out with the live one. */
  blocks?: string;
  /** The publisher's ad script (ad-scripts.ts): live pages with ad slots only. */
  adScript?: string;
  /** The key-event alerts button's script: the live page's alone. */
  alerts?: string;
  /** The contribution form's script: pages of a blog that takes contributions only. */
  contribute?: string;
  /** Readers' comments drawn live (assets/comments.js): only where the page shows comments. */
  comments?: string;
}

export interface PageHead {
  language: string;
  title: string;
  description: string;
  /** Absolute. Left out on pages that should not be indexed, such as errors. */
  canonicalUrl?: string;
  /** Width and height when known: networks lay out a large card only when told its size. */
  image?: { url: string; alt: string; width?: number; height?: number };
  publishedTime?: string;
  modifiedTime?: string;
  jsonLd?: unknown;
  /** Distribution: the blog's feeds and the oEmbed discovery link (reader/feeds/head-links). */
  alternates?: SafeHtml;
  /** Search engines and AMP (see seoTags): the newsroom's name for og:site_name. */
  siteName?: string;
  /** Absolute: the AMP version of this page, linked with rel="amphtml". */
  ampUrl?: string;
}

export function renderDocument(options: {
  head: PageHead;
  assets: ReaderAssetUrls;
  /** data-* attributes for <body>, read by live.js. Names come from code, never from input. */
  data?: Record<string, string>;
  body: SafeHtml;
}): string {
  const { head, assets, data = {}, body } = options;
  const dataAttributes = Object.entries(data).map(
    ([name, value]) => html` data-${raw(name)}="${value}"`,
  );
  return `<!doctype html>\n${html`<html lang="${head.language}" dir="${textDirection(head.language)}"><head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${head.title}</title>
<meta name="description" content="${head.description}">
<meta name="color-scheme" content="light dark">
${head.canonicalUrl ? socialTags(head, head.canonicalUrl) : html`<meta name="robots" content="noindex">`}
${head.alternates}
${head.canonicalUrl && seoTags(head)}
<link rel="stylesheet" href="${assets.style}">
${assets.script && html`<script src="${assets.script}" defer></script>`}
${assets.blocks && html`<script src="${assets.blocks}" defer></script>`}${assets.adScript && html`<script src="${assets.adScript}" async></script>`}
${assets.alerts && html`<script src="${assets.alerts}" defer></script>`}
${assets.contribute && html`<script src="${assets.contribute}" defer></script>`}
${assets.comments && html`<script src="${assets.comments}" defer></script>`}
${head.jsonLd !== undefined && html`<script type="application/ld+json">${raw(serializeJsonLd(head.jsonLd))}</script>`}
</head>
<body${dataAttributes}>
${body}
</body></html>`}\n`;
}

function socialTags(head: PageHead, url: string): SafeHtml {
  const { image } = head;
  return html`<link rel="canonical" href="${url}">
<meta property="og:type" content="article">
<meta property="og:title" content="${head.title}">
<meta property="og:description" content="${head.description}">
<meta property="og:url" content="${url}">
${image && html`<meta property="og:image" content="${image.url}"><meta property="og:image:alt" content="${image.alt}">`}
${image?.width && image.height && html`<meta property="og:image:width" content="${String(image.width)}"><meta property="og:image:height" content="${String(image.height)}">`}
${head.publishedTime && html`<meta property="article:published_time" content="${head.publishedTime}">`}
${head.modifiedTime && html`<meta property="article:modified_time" content="${head.modifiedTime}">`}
<meta name="twitter:card" content="${image ? "summary_large_image" : "summary"}">
<meta name="twitter:title" content="${head.title}">
<meta name="twitter:description" content="${head.description}">
${image && html`<meta name="twitter:image" content="${image.url}">`}`;
}

/**
 * Search engines and AMP: the site's name and the page's locale for Open Graph, and the link
 * to the AMP version. Only on pages that name a canonical URL (indexed ones).
 */
function seoTags(head: PageHead): SafeHtml {
  return html`${head.siteName && html`<meta property="og:site_name" content="${head.siteName}">`}
<meta property="og:locale" content="${ogLocale(head.language)}">
${head.ampUrl && html`<link rel="amphtml" href="${head.ampUrl}">`}`;
}

/**
 * Open Graph's locale for a BCP 47 language tag: language and region joined by an underscore
 * (`en-GB` → `en_GB`, `pt-br` → `pt_BR`); a tag without a region is its language (`ar`).
 * Scripts and variants are left out (`zh-Hant-TW` → `zh_TW`).
 */
export function ogLocale(language: string): string {
  const parts = language.split(/[-_]/);
  const lang = (parts[0] ?? "").toLowerCase();
  const region = parts.slice(1).find((part) => /^(?:[A-Za-z]{2}|\d{3})$/.test(part));
  return region ? `${lang}_${region.toUpperCase()}` : lang;
}
