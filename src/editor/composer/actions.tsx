// The composer's controls below the body: pin and key event (editors), preview, and the bar
// that sends the post: Publish / Submit for approval / Update, Save draft, Schedule, Close.

import type { ComponentChildren } from "preact";
import { t } from "../i18n/messages";

export function PostOptions(props: {
  canPin: boolean;
  pinned: boolean;
  keyEvent: boolean;
  previewing: boolean;
  onPinned: (value: boolean) => void;
  onKeyEvent: (value: boolean) => void;
  onPreview: () => void;
}) {
  return (
    <div class="composer-options">
      {props.canPin && (
        <>
          <label class="check">
            <input
              type="checkbox"
              checked={props.pinned}
              onChange={(e) => props.onPinned(e.currentTarget.checked)}
            />{" "}
            {t("actions.pin")}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={props.keyEvent}
              onChange={(e) => props.onKeyEvent(e.currentTarget.checked)}
            />{" "}
            {t("actions.keyEvent")}
          </label>
        </>
      )}
      <button type="button" aria-pressed={props.previewing} onClick={props.onPreview}>
        {t("actions.preview")}
      </button>
    </div>
  );
}

export function PublishBar(props: {
  primaryLabel: string;
  busy: boolean;
  /** A post already out: no drafts, and scheduling only if it is still scheduled. */
  live: boolean;
  canSchedule: boolean;
  scheduleAt: string;
  /** The zone "Publish at" is typed in: "Kyiv time, EET". */
  scheduleZone: string;
  /** "Schedule", or for a reporter whose posts need approval "Submit for this time". */
  scheduleLabel: string;
  closeLabel: string | null;
  /** Set while a draft of this post is on the server. */
  onDiscard: (() => void) | null;
  onPublish: () => void;
  onSaveDraft: () => void;
  onScheduleAt: (value: string) => void;
  onSchedule: () => void;
  onClose: () => void;
  children?: ComponentChildren;
}) {
  return (
    <div class="composer-actions">
      <button
        type="button"
        class="primary"
        disabled={props.busy}
        onClick={props.onPublish}
        title={t("actions.ctrlCmdEnter")}
      >
        {props.primaryLabel}
      </button>
      {!props.live && (
        <button type="button" disabled={props.busy} onClick={props.onSaveDraft}>
          {t("actions.saveDraft")}
        </button>
      )}
      {props.canSchedule && (
        <span class="schedule">
          <label>
            {t("actions.publishAt", { zone: props.scheduleZone })}
            <input
              type="datetime-local"
              value={props.scheduleAt}
              onInput={(e) => props.onScheduleAt(e.currentTarget.value)}
            />
          </label>
          <button type="button" disabled={props.busy} onClick={props.onSchedule}>
            {props.scheduleLabel}
          </button>
        </span>
      )}
      {props.onDiscard && (
        <button type="button" class="quiet" onClick={props.onDiscard}>
          {t("actions.discardDraft")}
        </button>
      )}
      {props.closeLabel && (
        <button type="button" class="quiet" onClick={props.onClose}>
          {props.closeLabel}
        </button>
      )}
    </div>
  );
}
