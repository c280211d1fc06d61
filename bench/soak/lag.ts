// How far behind readers were: a histogram of delivery lags in whole milliseconds (one slot
// per ms up to a minute, the rest in the last), cheap to fill at thousands of deliveries a
// second and to merge across reader processes.

const SLOTS = 60_001;

export class LagHistogram {
  readonly counts: Uint32Array;

  constructor(counts?: number[]) {
    this.counts = new Uint32Array(SLOTS);
    if (counts) for (let i = 0; i < counts.length; i += 2) this.counts[counts[i]!] = counts[i + 1]!;
  }

  record(ms: number): void {
    const slot = Math.min(SLOTS - 1, Math.max(0, Math.round(ms)));
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
  }

  /** Non-empty slots as [slot, count, slot, count…], for IPC. */
  sparse(): number[] {
    const out: number[] = [];
    this.counts.forEach((count, slot) => {
      if (count) out.push(slot, count);
    });
    return out;
  }

  add(other: LagHistogram): void {
    for (let i = 0; i < SLOTS; i++) this.counts[i] = (this.counts[i] ?? 0) + (other.counts[i] ?? 0);
  }

  get total(): number {
    return this.counts.reduce((sum, n) => sum + n, 0);
  }

  /** Deliveries later than `ms`. */
  over(ms: number): number {
    let n = 0;
    for (let i = Math.floor(ms) + 1; i < SLOTS; i++) n += this.counts[i] ?? 0;
    return n;
  }

  quantile(q: number): number {
    const total = this.total;
    if (!total) return Number.NaN;
    let seen = 0;
    for (let i = 0; i < SLOTS; i++) {
      seen += this.counts[i] ?? 0;
      if (seen >= q * total) return i;
    }
    return SLOTS - 1;
  }

  get max(): number {
    for (let i = SLOTS - 1; i >= 0; i--) if (this.counts[i]) return i;
    return Number.NaN;
  }
}
