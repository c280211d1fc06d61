// The "By the numbers" box on the reader's live page: each key figure with every source's
// value, attributed and dated in the blog's zone (named), and its earlier values in a
// <details> readers open without JavaScript. live.js builds the same markup from a `figures`
// event (buildFigures there): keep the two in step, element for element. No white space
// between elements, so the markup a script builds is the markup the server sent.

import type { Blog } from "../core/blog.js";
import type { BoxFigure, FigureValue } from "../core/figures.js";
import { endedAt } from "./dates.js";
import { html, raw, type SafeHtml } from "./html.js";
import { t, tHtml } from "./i18n/messages.js";

type Zone = Pick<Blog, "language" | "timezone">;

const numberFormats = new Map<string, Intl.NumberFormat>();

/** "1,200" in the blog's language (live.js formats with the same options). */
export function figureNumber(value: number, language: string): string {
  let format = numberFormats.get(language);
  if (!format) {
    try {
      format = new Intl.NumberFormat(language);
    } catch {
      format = new Intl.NumberFormat("en");
    }
    numberFormats.set(language, format);
  }
  return format.format(value);
}

/** "at least 1,200 people, according to Police, as of 1 May at 14:30 CEST". */
export function renderValue(value: FigureValue, zone: Zone): SafeHtml {
  const qualifier = value.qualifier && t(zone.language, qualifierKey(value.qualifier));
  const amount = [qualifier, figureNumber(value.value, zone.language), value.unit]
    .filter(Boolean)
    .join(" ");
  const source = value.source.url
    ? html`<a class="figure-source" href="${value.source.url}" rel="nofollow">${value.source.name}</a>`
    : html`<span class="figure-source">${value.source.name}</span>`;
  return tHtml(zone.language, "figures.value", {
    amount: html`<data class="figure-number" value="${String(value.value)}">${amount}</data>`,
    source,
    time: html`<time datetime="${value.asOf}">${endedAt(value.asOf, zone)}</time>`,
  });
}

/** "at least" → "figures.atLeast": the message saying a value's qualifier. */
export function qualifierKey(qualifier: string): string {
  return `figures.${qualifier.replace(/ (\w)/g, (_, letter: string) => letter.toUpperCase())}`;
}

function renderFigure(figure: BoxFigure, zone: Zone): SafeHtml {
  const values = figure.values.map(
    (value) => html`<dd class="figure-value">${renderValue(value, zone)}</dd>`,
  );
  const history =
    figure.history.length > 0 &&
    html`<dd class="figure-history"><details><summary>${t(zone.language, "figures.earlier")}</summary><ul>${figure.history.map(
      (entry) => html`<li>${renderValue(entry, zone)}</li>`,
    )}</ul></details></dd>`;
  return html`<div class="figure" id="figure-${figure.id}"><dt>${figure.label}</dt>${values}${history}</div>`;
}

/** The box; hidden while the blog has no figures, so live.js has a place to fill. */
/**
 * The box. `more` is where the figures page is, for when a figure holds more earlier values
 * than the box carries: a link between the heading and the list, which live.js leaves as it
 * is (it redraws the list alone). Nothing is left out, no link: the box stays as live.js draws it.
 */
export function renderFiguresBox(
  figures: readonly BoxFigure[],
  zone: Zone,
  more?: { href: string; newTab?: boolean },
): SafeHtml {
  const cut = figures.some((figure) => (figure.earlierCount ?? 0) > figure.history.length);
  const link =
    more &&
    cut &&
    html`<p class="figures-more"><a href="${more.href}"${more.newTab && raw(' target="_blank" rel="noopener"')}>${t(zone.language, "figures.everyEarlier")}</a></p>`;
  return html`<section id="figures" class="figures" aria-labelledby="figures-title"${figures.length === 0 && raw(" hidden")}><h2 id="figures-title">${t(zone.language, "figures.title")}</h2>${link}<dl>${figures.map((figure) => renderFigure(figure, zone))}</dl></section>`;
}
