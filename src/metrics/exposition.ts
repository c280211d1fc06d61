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

/**
 * One line of the exposition as plain data: what `--workers` send each other over IPC (a
 * Histogram is a class; its buckets, sum and count travel as lines).
 */
export interface ExpositionLine {
  /** The family's name, or a histogram's `_bucket`, `_sum` or `_count` line. */
  name: string;
  labels?: Record<string, string>;
  /** JSON has no NaN or infinities: null stands for NaN. */
  value: number | null;
}

export interface FlatFamily {
  name: string;
  help: string;
  type: MetricType;
  lines: ExpositionLine[];
}

export function flattenFamilies(families: readonly MetricFamily[]): FlatFamily[] {
  return families.map((family) => {
    const lines: ExpositionLine[] = [];
    const histogram = family.histogram;
    if (histogram) {
      const cumulative = histogram.cumulative();
      histogram.bounds.forEach((bound, i) => {
        lines.push({
          name: `${family.name}_bucket`,
          labels: { le: formatValue(bound) },
          value: cumulative[i] ?? 0,
        });
      });
      lines.push({ name: `${family.name}_bucket`, labels: { le: "+Inf" }, value: histogram.count });
      lines.push({ name: `${family.name}_sum`, value: histogram.sum });
      lines.push({ name: `${family.name}_count`, value: histogram.count });
    }
    for (const sample of family.samples ?? []) {
      lines.push({
        name: family.name,
        ...(sample.labels ? { labels: sample.labels } : {}),
        value: sample.value,
      });
    }
    return { name: family.name, help: family.help, type: family.type, lines };
  });
}

/**
 * Several processes' families as one exposition: each line gains a label naming its process
 * (`worker="2"`), and each family is written once with every process's lines together, as
 * the format requires.
 */
export function mergeFamilies(
  label: string,
  sources: readonly { name: string; families: readonly FlatFamily[] }[],
): FlatFamily[] {
  const merged = new Map<string, FlatFamily>();
  for (const source of sources) {
    for (const family of source.families) {
      let into = merged.get(family.name);
      if (!into) {
        into = { name: family.name, help: family.help, type: family.type, lines: [] };
        merged.set(family.name, into);
      }
      for (const line of family.lines) {
        into.lines.push({ ...line, labels: { [label]: source.name, ...line.labels } });
      }
    }
  }
  return [...merged.values()];
}

/** The whole exposition: each family's HELP, TYPE and lines, ending in a newline. */
export function renderFlat(families: readonly FlatFamily[]): string {
  const out: string[] = [];
  for (const family of families) {
    out.push(`# HELP ${family.name} ${escapeHelp(family.help)}`);
    out.push(`# TYPE ${family.name} ${family.type}`);
    for (const line of family.lines) {
      out.push(`${line.name}${formatLabels(line.labels)} ${formatValue(line.value ?? Number.NaN)}`);
    }
  }
  return `${out.join("\n")}\n`;
}

export function renderExposition(families: readonly MetricFamily[]): string {
  return renderFlat(flattenFamilies(families));
}
