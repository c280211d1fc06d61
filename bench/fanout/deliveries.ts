// What the subscribers received: for every subscriber, the id and arrival time of each event,
// kept in preallocated typed arrays so recording a delivery allocates nothing. Summarised into
// latencies (per delivery, and until the last subscriber has each event) and completeness.

export interface LatencySummary {
  p50: number;
  p99: number;
  max: number;
}

export interface ClientReport {
  subscribers: number;
  events: number;
  deliveries: number;
  expectedDeliveries: number;
  /** Subscribers that got every event, in order, exactly once. */
  complete: number;
  /** Events that arrived with an id at or below one the subscriber already had. */
  outOfOrderOrRepeated: number;
  /** Subscribers whose connection closed before the end. */
  dropped: number;
  /** From the publish request being sent to a subscriber having the event, in ms. */
  latencyMs: LatencySummary;
  /** From the publish request being sent to the LAST subscriber having the event, in ms (over events). */
  lastSubscriberMs: LatencySummary;
  /** CPU time of the client process during the publish phase, in ms (it shows when the client limits). */
  clientCpuMs: number;
}

export class DeliveryLog {
  readonly #maxEvents: number;
  readonly #ids: Int32Array;
  readonly #times: Float64Array;
  readonly #counts: Int32Array;
  readonly #last: Int32Array;
  /** 1 for a subscriber that got an event twice or out of order. */
  readonly #disordered: Uint8Array;
  #repeated = 0;
  delivered = 0;
  dropped = 0;

  constructor(
    readonly subscribers: number,
    readonly events: number,
  ) {
    this.#maxEvents = events + 8;
    this.#ids = new Int32Array(subscribers * this.#maxEvents);
    this.#times = new Float64Array(subscribers * this.#maxEvents);
    this.#counts = new Int32Array(subscribers);
    this.#last = new Int32Array(subscribers).fill(-1);
    this.#disordered = new Uint8Array(subscribers);
  }

  record(subscriber: number, id: number, at: number): void {
    if (id <= this.#last[subscriber]!) {
      this.#repeated++;
      this.#disordered[subscriber] = 1;
      return;
    }
    this.#last[subscriber] = id;
    const k = this.#counts[subscriber]!;
    if (k >= this.#maxEvents) return;
    this.#ids[subscriber * this.#maxEvents + k] = id;
    this.#times[subscriber * this.#maxEvents + k] = at;
    this.#counts[subscriber] = k + 1;
    this.delivered++;
  }

  get done(): boolean {
    return this.delivered >= this.subscribers * this.events;
  }

  /**
   * `sentAt[k]` is when the publish of the k-th event (in id order) was sent. Ids are mapped to
   * publishes by order: the singles are published one after another, so their ids rise in
   * publish order, and every event of the concurrent burst shares the burst's start time.
   */
  summarize(sentAt: number[], clientCpuMs: number): ClientReport {
    const ids = new Set<number>();
    for (let s = 0; s < this.subscribers; s++) {
      for (let k = 0; k < this.#counts[s]!; k++) ids.add(this.#ids[s * this.#maxEvents + k]!);
    }
    const order = [...ids].sort((a, b) => a - b);
    const eventIndex = new Map(order.map((id, index) => [id, index]));
    const latencies = new Float64Array(this.delivered);
    const last = new Float64Array(order.length);
    let complete = 0;
    let n = 0;
    for (let s = 0; s < this.subscribers; s++) {
      const count = this.#counts[s]!;
      const allInOrder = count === this.events && this.#disordered[s] === 0;
      if (allInOrder && order.length === this.events) complete++;
      for (let k = 0; k < count; k++) {
        const at = s * this.#maxEvents + k;
        const index = eventIndex.get(this.#ids[at]!)!;
        const latency = this.#times[at]! - (sentAt[index] ?? Number.NaN);
        latencies[n++] = latency;
        if (latency > last[index]!) last[index] = latency;
      }
    }
    return {
      subscribers: this.subscribers,
      events: order.length,
      deliveries: this.delivered,
      expectedDeliveries: this.subscribers * this.events,
      complete,
      outOfOrderOrRepeated: this.#repeated,
      dropped: this.dropped,
      latencyMs: summary(latencies),
      lastSubscriberMs: summary(last),
      clientCpuMs,
    };
  }
}

export function summary(values: Float64Array): LatencySummary {
  const sorted = values.slice().sort();
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  return { p50: at(0.5) ?? Number.NaN, p99: at(0.99) ?? Number.NaN, max: at(1) ?? Number.NaN };
}
