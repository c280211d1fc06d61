// The composer's "Displayed time" control, for editors on a published post: when readers are
// told it went out, and so where it stands in the stream (a field report written offline, a
// corrected time). It goes out with "Update post"; the server keeps it inside the coverage.

import { toLocalInput } from "../ui/time";

export function DisplayedTime(props: {
  publishedAt: string;
  /** The datetime-local value the editor chose; empty while unchanged. */
  value: string;
  onChange(value: string): void;
}) {
  return (
    <label class="field displayed-time">
      Displayed time
      <input
        type="datetime-local"
        // To the second: a corrected time may need to fall between two posts a minute apart.
        step={1}
        value={props.value || toLocalInput(props.publishedAt)}
        onInput={(event) => props.onChange(event.currentTarget.value)}
      />
      <span class="hint">Moves the post in the stream; saved with “Update post”.</span>
    </label>
  );
}
