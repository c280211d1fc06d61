// Key figures, in a blog's settings (editors and admins): the "By the numbers" box readers
// see. Each figure has a label and one value per source (a hedge such as "at least", a unit,
// who says so with a link, and when it stood, typed on the blog's clock with its zone named, as
// readers see it); saving a changed value keeps the old one as the figure's public history.
// Changes reach open reader pages live.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { figures as figuresApi } from "../api/newsroom";
import type { Figure, FigureValue } from "../api/types";
import { type MessageKey, t } from "../i18n/messages";
import { Notice, useConfirm } from "../ui/dialog";
import { fromLocalInput, toLocalInput, type Zone, zoneLabel } from "../ui/time";

const QUALIFIERS = ["", "at least", "about", "at most", "more than", "fewer than"] as const;

/** How the hedge menu names each qualifier (the value sent stays the API's). */
const QUALIFIER_WORDS: Record<(typeof QUALIFIERS)[number], MessageKey> = {
  "": "figuresPanel.exactly",
  "at least": "figuresPanel.atLeast",
  about: "figuresPanel.about",
  "at most": "figuresPanel.atMost",
  "more than": "figuresPanel.moreThan",
  "fewer than": "figuresPanel.fewerThan",
};

/** A value as its form holds it: text fields, the time on the blog's clock. */
interface ValueDraft {
  value: string;
  qualifier: string;
  unit: string;
  sourceName: string;
  sourceUrl: string;
  asOf: string;
}

const draftOf = (v: FigureValue, zone: Zone): ValueDraft => ({
  value: String(v.value),
  qualifier: v.qualifier ?? "",
  unit: v.unit,
  sourceName: v.source.name,
  sourceUrl: v.source.url ?? "",
  asOf: toLocalInput(v.asOf, zone),
});
const emptyDraft = (zone: Zone): ValueDraft => ({
  value: "",
  qualifier: "",
  unit: "",
  sourceName: "",
  sourceUrl: "",
  asOf: toLocalInput(new Date().toISOString(), zone),
});

/** The value to send, or null when its as-of time is not a time on the blog's clock. */
function figureValueOf(d: ValueDraft, zone: Zone): FigureValue | null {
  const asOf = fromLocalInput(d.asOf, zone);
  if (!asOf) return null;
  return {
    value: Number(d.value),
    qualifier: (d.qualifier || null) as FigureValue["qualifier"],
    unit: d.unit.trim(),
    source: { name: d.sourceName.trim(), url: d.sourceUrl.trim() || null },
    asOf,
  };
}

function FigureForm(props: {
  heading: string;
  zone: Zone;
  figure?: Figure;
  onSave: (label: string, position: number | undefined, values: FigureValue[]) => Promise<void>;
  onRemove?: () => Promise<void>;
}) {
  const { figure, zone } = props;
  const [label, setLabel] = useState(figure?.label ?? "");
  const [position, setPosition] = useState(figure ? String(figure.position) : "");
  const [values, setValues] = useState<ValueDraft[]>(
    figure ? figure.values.map((v) => draftOf(v, zone)) : [emptyDraft(zone)],
  );
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const set = (i: number, field: keyof ValueDraft, text: string) =>
    setValues(values.map((v, j) => (j === i ? { ...v, [field]: text } : v)));

  const save = async (event: Event) => {
    event.preventDefault();
    const sent = values.map((v) => figureValueOf(v, zone));
    if (sent.some((v) => v === null)) {
      setMessage({ text: t("figuresPanel.asOfNotATime"), tone: "error" });
      return;
    }
    try {
      await props.onSave(
        label.trim(),
        position === "" ? undefined : Number(position),
        sent.filter((v) => v !== null),
      );
      setMessage({ text: t("figuresPanel.saved"), tone: "info" });
      if (!figure) {
        setLabel("");
        setPosition("");
        setValues([emptyDraft(zone)]);
      }
    } catch (e) {
      setMessage({ text: describeError(e), tone: "error" });
    }
  };

  return (
    <form class="figure-form" onSubmit={save} aria-label={props.heading}>
      <h3>{props.heading}</h3>
      <label class="field">
        {t("figuresPanel.label")}
        <input
          required
          maxLength={80}
          value={label}
          onInput={(e) => setLabel(e.currentTarget.value)}
        />
      </label>
      <label class="field">
        {t("figuresPanel.placeInTheBox")}
        <input
          type="number"
          min={0}
          max={1000}
          value={position}
          onInput={(e) => setPosition(e.currentTarget.value)}
        />
      </label>
      {values.map((v, i) => (
        <fieldset class="figure-source-row" key={i}>
          <legend>{t("figuresPanel.sourceNumber", { number: i + 1 })}</legend>
          <label class="field">
            {t("figuresPanel.hedge")}
            <select
              value={v.qualifier}
              onChange={(e) => set(i, "qualifier", e.currentTarget.value)}
            >
              {QUALIFIERS.map((q) => (
                <option value={q} key={q}>
                  {t(QUALIFIER_WORDS[q])}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            {t("figuresPanel.value")}
            <input
              type="number"
              step="any"
              required
              value={v.value}
              onInput={(e) => set(i, "value", e.currentTarget.value)}
            />
          </label>
          <label class="field">
            {t("figuresPanel.unit")}
            <input
              maxLength={40}
              placeholder={t("figuresPanel.people")}
              value={v.unit}
              onInput={(e) => set(i, "unit", e.currentTarget.value)}
            />
          </label>
          <label class="field">
            {t("figuresPanel.source")}
            <input
              required
              maxLength={120}
              placeholder={t("figuresPanel.interiorMinistry")}
              value={v.sourceName}
              onInput={(e) => set(i, "sourceName", e.currentTarget.value)}
            />
          </label>
          <label class="field">
            {t("figuresPanel.sourceLinkHttps")}
            <input
              type="url"
              value={v.sourceUrl}
              onInput={(e) => set(i, "sourceUrl", e.currentTarget.value)}
            />
          </label>
          <label class="field">
            {t("figuresPanel.asOf", {
              zone: zoneLabel(zone, new Date(fromLocalInput(v.asOf, zone) ?? Date.now())),
            })}
            <input
              type="datetime-local"
              required
              value={v.asOf}
              onInput={(e) => set(i, "asOf", e.currentTarget.value)}
            />
          </label>
          {values.length > 1 && (
            <button type="button" onClick={() => setValues(values.filter((_, j) => j !== i))}>
              {t("figuresPanel.removeThisSource")}
            </button>
          )}
        </fieldset>
      ))}
      <Notice text={message?.text ?? null} tone={message?.tone} />
      <div class="actions">
        <button type="button" onClick={() => setValues([...values, emptyDraft(zone)])}>
          {t("figuresPanel.addASource")}
        </button>
        <button type="submit" class="primary">
          {figure ? t("figuresPanel.saveFigure") : t("figuresPanel.addFigure")}
        </button>
        {props.onRemove && (
          <button type="button" class="danger" onClick={() => void props.onRemove?.()}>
            {t("figuresPanel.removeFigure")}
          </button>
        )}
      </div>
    </form>
  );
}

/** `zone`: the blog's, whose clock the as-of times are typed on. */
export function FiguresPanel(props: { slug: string; zone: Zone }) {
  const [list, setList] = useState<Figure[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirm = useConfirm();
  const reload = () => figuresApi.list(props.slug).then(setList, (e) => setError(describeError(e)));

  useEffect(() => {
    void reload();
  }, [props.slug]);

  const remove = async (figure: Figure) => {
    const yes = await confirm.ask({
      title: t("figuresPanel.removeTitle", { label: figure.label }),
      message: t("figuresPanel.removeMessage"),
      confirm: t("figuresPanel.removeFigure"),
      danger: true,
    });
    if (!yes) return;
    await figuresApi.remove(props.slug, figure.id);
    await reload();
  };

  return (
    <section class="card settings figures-panel" aria-labelledby="figures-heading">
      <h2 id="figures-heading">{t("figuresPanel.keyFigures")}</h2>
      <p class="muted">{t("figuresPanel.theByTheNumbers")}</p>
      <Notice text={error} tone="error" />
      {list?.map((figure) => (
        <FigureForm
          key={`${figure.id}-${figure.updatedAt}`}
          heading={figure.label}
          zone={props.zone}
          figure={figure}
          onSave={async (label, position, values) => {
            await figuresApi.update(props.slug, figure.id, {
              label,
              ...(position === undefined ? {} : { position }),
              values,
            });
            await reload();
          }}
          onRemove={() => remove(figure)}
        />
      ))}
      <FigureForm
        heading={t("figuresPanel.newFigure")}
        zone={props.zone}
        onSave={async (label, position, values) => {
          await figuresApi.add(props.slug, {
            label,
            ...(position === undefined ? {} : { position }),
            values,
          });
          await reload();
        }}
      />
      {confirm.element}
    </section>
  );
}
