// The composer's "Displayed time" control, for editors on a published post: when readers are
// told it went out, and so where it stands in the stream (a field report written offline, a
// corrected time). It goes out with "Update post"; the server keeps it inside the coverage.

import { t } from "../i18n/messages";
import { toLocalInput, type Zone, zoneLabel } from "../ui/time";

export function DisplayedTime(props: {
  publishedAt: string;
  /** The blog's zone: the time is shown and typed on its clock. */
  zone: Zone;
  /** The datetime-local value the editor chose; empty while unchanged. */
  value: string;
  onChange(value: string): void;
}) {
  return (
    <label class="field displayed-time">
      {t("displayedTime.displayedTime", {
        zone: zoneLabel(props.zone, new Date(props.publishedAt)),
      })}
      <input
        type="datetime-local"
        // To the second: a corrected time may need to fall between two posts a minute apart.
        step={1}
        value={props.value || toLocalInput(props.publishedAt, props.zone, true)}
        onInput={(event) => props.onChange(event.currentTarget.value)}
      />
      <span class="hint">{t("displayedTime.movesThePostIn")}</span>
    </label>
  );
}
