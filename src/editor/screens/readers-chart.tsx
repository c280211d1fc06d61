// Readers over time on the desk's numbers screen: an inline SVG line of the readers in each
// minute, drawn here with no chart library. For screen readers the picture has a title and a
// description (the peak and the latest count), and a table beside it gives the same numbers,
// the highest in each ten minutes, under a disclosure.

import { t } from "../i18n/messages";
import { useDeskTime } from "../ui/time";

const WIDTH = 640;
const HEIGHT = 180;
const PAD = { start: 44, end: 8, top: 10, bottom: 24 };
/** Minutes per row of the table alternative. */
const TABLE_SPAN = 10;

export function ReadersChart(props: { minutes: { minute: string; readers: number }[] }) {
  const time = useDeskTime();
  const { minutes } = props;
  const peak = Math.max(0, ...minutes.map((m) => m.readers));
  const scale = niceCeiling(peak);
  const latest = minutes.at(-1)?.readers ?? 0;
  const innerWidth = WIDTH - PAD.start - PAD.end;
  const innerHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.start + (minutes.length > 1 ? (i / (minutes.length - 1)) * innerWidth : 0);
  const y = (n: number) => PAD.top + innerHeight - (n / scale) * innerHeight;
  const line = minutes
    .map((m, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(m.readers).toFixed(1)}`)
    .join("");
  const area = minutes.length
    ? `${line}L${x(minutes.length - 1).toFixed(1)},${y(0)}L${x(0).toFixed(1)},${y(0)}Z`
    : "";
  const first = minutes[0]?.minute;
  const last = minutes.at(-1)?.minute;
  const middle = minutes[Math.floor(minutes.length / 2)]?.minute;
  return (
    <figure class="readers-chart">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="readers-chart-title readers-chart-desc"
      >
        <title id="readers-chart-title">{t("numbers.chartTitle")}</title>
        <desc id="readers-chart-desc">
          {t("numbers.chartDescription", { peak, latest, from: time(first), to: time(last) })}
        </desc>
        {[0, 0.5, 1].map((share) => (
          <g key={share} class="chart-grid">
            <line x1={PAD.start} x2={WIDTH - PAD.end} y1={y(scale * share)} y2={y(scale * share)} />
            <text x={PAD.start - 6} y={y(scale * share) + 4} text-anchor="end">
              {Math.round(scale * share)}
            </text>
          </g>
        ))}
        <path class="chart-area" d={area} />
        <path class="chart-line" d={line} />
        <g class="chart-axis">
          <text x={PAD.start} y={HEIGHT - 6} text-anchor="start">
            {time(first)}
          </text>
          <text x={PAD.start + innerWidth / 2} y={HEIGHT - 6} text-anchor="middle">
            {time(middle)}
          </text>
          <text x={WIDTH - PAD.end} y={HEIGHT - 6} text-anchor="end">
            {time(last)}
          </text>
        </g>
      </svg>
      <details class="chart-table">
        <summary>{t("numbers.chartAsTable")}</summary>
        <table>
          <caption>{t("numbers.chartTableCaption", { minutes: TABLE_SPAN })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("numbers.from")}</th>
              <th scope="col">{t("numbers.mostReaders")}</th>
            </tr>
          </thead>
          <tbody>
            {spans(minutes).map((span) => (
              <tr key={span.minute}>
                <th scope="row">{time(span.minute)}</th>
                <td>{span.readers}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The highest count in each TABLE_SPAN minutes, newest first (what the desk asks first). */
function spans(minutes: { minute: string; readers: number }[]) {
  const out: { minute: string; readers: number }[] = [];
  for (let i = 0; i < minutes.length; i += TABLE_SPAN) {
    const slice = minutes.slice(i, i + TABLE_SPAN);
    out.push({
      minute: slice[0]?.minute ?? "",
      readers: Math.max(0, ...slice.map((m) => m.readers)),
    });
  }
  return out.reverse();
}

/** A round top for the scale (1, 2, 5 × 10ⁿ), never below 1, so an empty chart still draws. */
function niceCeiling(n: number): number {
  if (n <= 1) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(n));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= n) return step * magnitude;
  return 10 * magnitude;
}
