// Returning a submission to its reporter: the editor says why (optional, up to 1,000
// characters), and the reporter's desk shows that note on the post, live.

import { useState } from "preact/hooks";
import { Dialog } from "../ui/dialog";

export function ReturnDialog(props: {
  label: string;
  onReturn: (note: string) => void;
  onCancel: () => void;
}) {
  const [note, setNote] = useState("");
  return (
    <Dialog title="Return to the reporter" onClose={props.onCancel}>
      <p>“{props.label}” goes back to its reporter as a draft.</p>
      <label class="field">
        Note for the reporter (optional)
        <textarea
          rows={4}
          maxLength={1000}
          value={note}
          placeholder="What to change before it can go out"
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      <div class="actions">
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
        <button type="button" class="primary" onClick={() => props.onReturn(note.trim())}>
          Return
        </button>
      </div>
    </Dialog>
  );
}
