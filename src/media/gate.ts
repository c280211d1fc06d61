// The processing gate: how many images are resized at once, and how many may be in hand at
// all. Every upload and import holds a place from the moment it is admitted (before its bytes
// are read) until it is stored or refused, so one reporter's burst, or everyone's at once,
// is turned away at the door with a Retry-After instead of piling up on disk and in memory.

/** A place in the gate; the work runs when a processing slot is free. Leave it exactly once. */
export interface GatePlace {
  run<T>(work: () => Promise<T>): Promise<T>;
  leave(): void;
}

export interface GateLimits {
  /** Images processed at once. */
  concurrency: number;
  /** Places one owner (a user) may hold: processing, waiting or still receiving. */
  perOwner: number;
  /** Places held by everyone together. */
  total: number;
}

/** The gate is full for this owner (`owner`) or for everyone (`total`). */
export class GateFull extends Error {
  constructor(readonly scope: "owner" | "total") {
    super(scope === "owner" ? "Too many images in hand for one owner" : "Too many images in hand");
    this.name = "GateFull";
  }
}

export class ProcessingGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly held = new Map<string, number>();
  private heldTotal = 0;
  private readonly limits: GateLimits;

  constructor(limits: GateLimits | number) {
    this.limits =
      typeof limits === "number"
        ? {
            concurrency: limits,
            perOwner: Number.POSITIVE_INFINITY,
            total: Number.POSITIVE_INFINITY,
          }
        : limits;
  }

  /** Places held now, by everyone. */
  get inHand(): number {
    return this.heldTotal;
  }

  /** Takes a place for `owner`, or throws GateFull without taking one. */
  enter(owner: string): GatePlace {
    const mine = this.held.get(owner) ?? 0;
    if (mine >= this.limits.perOwner) throw new GateFull("owner");
    if (this.heldTotal >= this.limits.total) throw new GateFull("total");
    this.held.set(owner, mine + 1);
    this.heldTotal += 1;
    let left = false;
    return {
      run: (work) => this.process(work),
      leave: () => {
        if (left) return;
        left = true;
        this.heldTotal -= 1;
        const now = (this.held.get(owner) ?? 1) - 1;
        if (now > 0) this.held.set(owner, now);
        else this.held.delete(owner);
      },
    };
  }

  /** Runs `work` within one place that is left afterwards, whatever happens. */
  async run<T>(work: () => Promise<T>, owner = ""): Promise<T> {
    const place = this.enter(owner);
    try {
      return await place.run(work);
    } finally {
      place.leave();
    }
  }

  /** At most `concurrency` at once; the rest wait their turn, first come first served. */
  private async process<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limits.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, so a newcomer cannot jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
