// The Prometheus text exposition format (version 0.0.4), written by hand so that /metrics
// needs no runtime dependency: metric families with HELP and TYPE lines, escaped label
// values, and histograms as cumulative `_bucket{le=…}` lines with `_sum` and `_count`.
// Recording is a plain number increment; text is only made when someone scrapes.

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export type MetricType = "counter" | "gauge" | "histogram";

/** One line of a family: its labels (name → value) and its value. */
export interface Sample {
  labels?: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  help: string;
  type: MetricType;
  /** Counter and gauge samples; a histogram gives `histogram` instead. */
  samples?: Sample[];
  histogram?: Histogram;
}

/** Label values escape backslash, double quote and newline; nothing else. */
export function escapeLabelValue(value: string): string {
  return value.replace(/[\\"\n]/g, (c) => (c === "\\" ? "\\\\" : c === '"' ? '\\"' : "\\n"));
}

/** HELP text escapes backslash and newline only. */
function escapeHelp(text: string): string {
  return text.replace(/[\\\n]/g, (c) => (c === "\\" ? "\\\\" : "\\n"));
}

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}

function formatLabels(labels: Record<string, string> | undefined): string {
  if (!labels) return "";
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabelValue(v)}"`);
  return pairs.length > 0 ? `{${pairs.join(",")}}` : "";
}

/**
 * A histogram with fixed upper bounds. `observe` walks the bounds and adds to one slot: no
 * allocation, so it can sit on the path that writes events to readers.
 */
export class Histogram {
  readonly bounds: readonly number[];
  readonly #counts: Float64Array;
  #sum = 0;
  #count = 0;

  constructor(bounds: readonly number[]) {
    if (bounds.some((b, i) => i > 0 && b <= (bounds[i - 1] as number))) {
      throw new RangeError("Histogram bounds must increase");
    }
    this.bounds = bounds;
    this.#counts = new Float64Array(bounds.length);
  }

  observe(value: number): void {
    this.#sum += value;
    this.#count++;
    const bounds = this.bounds;
    for (let i = 0; i < bounds.length; i++) {
      if (value <= (bounds[i] as number)) {
        this.#counts[i] = (this.#counts[i] as number) + 1;
        return;
      }
    }
  }

  get count(): number {
    return this.#count;
  }

  get sum(): number {
    return this.#sum;
  }

  /** Cumulative counts per bound, as the format wants them (the +Inf bucket is `count`). */
  cumulative(): number[] {
    let running = 0;
    return Array.from(this.#counts, (n) => {
      running += n;
      return running;
    });
  }
}

function renderHistogram(name: string, histogram: Histogram): string {
  const lines: string[] = [];
  const cumulative = histogram.cumulative();
  histogram.bounds.forEach((bound, i) => {
    lines.push(`${name}_bucket{le="${formatValue(bound)}"} ${cumulative[i]}`);
  });
  lines.push(`${name}_bucket{le="+Inf"} ${histogram.count}`);
  lines.push(`${name}_sum ${formatValue(histogram.sum)}`);
  lines.push(`${name}_count ${histogram.count}`);
  return lines.join("\n");
}

/** The whole exposition: each family's HELP, TYPE and samples, ending in a newline. */
export function renderExposition(families: readonly MetricFamily[]): string {
  const out: string[] = [];
  for (const family of families) {
    out.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    out.push(`# TYPE ${family.name} ${family.type}`);
    if (family.histogram) out.push(renderHistogram(family.name, family.histogram));
    for (const sample of family.samples ?? []) {
      out.push(`${family.name}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return `${out.join("\n")}\n`;
}
