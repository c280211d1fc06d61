// How the parent tells a subscriber process what to do, and where each subscriber connects
// from: clients are spread over source addresses in 127.0.0.0/8 so that tens of thousands of
// connections to one server port never run short of ephemeral ports.

export interface ClientOptions {
  url: string;
  subscribers: number;
  /** The first three octets of the source addresses, e.g. "127.0.3": each run gets its own. */
  sourcePrefix: string;
  perAddress: number;
  /** Connections being opened at once. */
  concurrency: number;
  /** How long to wait after the last publish for missing deliveries. */
  settleMs: number;
}

export function sourceAddress(options: ClientOptions, subscriber: number): string {
  return `${options.sourcePrefix}.${2 + Math.floor(subscriber / options.perAddress)}`;
}
