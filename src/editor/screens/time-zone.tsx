// The blog's time zone: a list of the zones newsrooms use most, or any IANA zone typed in.

import { useState } from "preact/hooks";
import { t } from "../i18n/messages";

export const COMMON_ZONES = [
  "UTC",
  "Europe/London",
  "Europe/Dublin",
  "Europe/Lisbon",
  "Europe/Paris",
  "Europe/Berlin",
  "Europe/Madrid",
  "Europe/Rome",
  "Europe/Amsterdam",
  "Europe/Stockholm",
  "Europe/Warsaw",
  "Europe/Athens",
  "Europe/Kyiv",
  "Europe/Istanbul",
  "Europe/Moscow",
  "Africa/Lagos",
  "Africa/Cairo",
  "Africa/Johannesburg",
  "Africa/Nairobi",
  "Asia/Dubai",
  "Asia/Karachi",
  "Asia/Kolkata",
  "Asia/Dhaka",
  "Asia/Bangkok",
  "Asia/Jakarta",
  "Asia/Singapore",
  "Asia/Hong_Kong",
  "Asia/Shanghai",
  "Asia/Seoul",
  "Asia/Tokyo",
  "Australia/Perth",
  "Australia/Sydney",
  "Pacific/Auckland",
  "America/Sao_Paulo",
  "America/Buenos_Aires",
  "America/Mexico_City",
  "America/Bogota",
  "America/New_York",
  "America/Chicago",
  "America/Denver",
  "America/Los_Angeles",
  "America/Anchorage",
  "Pacific/Honolulu",
];

const OTHER = "__other__";

export function TimeZoneField(props: { value: string; onChange: (zone: string) => void }) {
  const listed = COMMON_ZONES.includes(props.value);
  const [typing, setTyping] = useState(!listed);
  return (
    <div class="field-group">
      <label class="field">
        {t("timeZone.timeZone")}
        <select
          value={typing ? OTHER : props.value}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setTyping(value === OTHER);
            if (value !== OTHER) props.onChange(value);
          }}
        >
          {COMMON_ZONES.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, " ")}
            </option>
          ))}
          <option value={OTHER}>{t("timeZone.otherTypeAnIana")}</option>
        </select>
      </label>
      {typing && (
        <label class="field">
          {t("timeZone.otherTimeZone")}
          <input
            value={props.value}
            placeholder={t("timeZone.eGAmericaHalifax")}
            onInput={(e) => props.onChange(e.currentTarget.value.trim())}
          />
        </label>
      )}
    </div>
  );
}
