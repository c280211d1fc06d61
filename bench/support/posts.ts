// A realistic live-blog update for benchmarks: a title, three paragraphs with inline markup
// and a quote, about 1 KB of blocks (about 2 KB once presented with its rendered HTML).

const PLACES = ["Castmere", "Orlen Bridge", "Vell Mouth", "Harrow Fen", "Lowick", "Saltby"];

export function benchPost(n: number): { title: string; blocks: unknown[] } {
  const place = PLACES[n % PLACES.length]!;
  return {
    title: `Update ${n}: water levels at ${place} are still rising`,
    blocks: [
      {
        type: "paragraph",
        text: `The river gauge at **${place}** read ${(3 + (n % 40) / 10).toFixed(1)} m at the last check, up from the morning reading, and the environment agency expects the peak after midnight. Crews are filling sandbags at the leisure centre car park.`,
      },
      {
        type: "paragraph",
        text: `Residents of the lower streets are asked to move valuables upstairs, keep medicines and chargers to hand, and follow the [council's advice page](https://example.org/flood-advice/${n}) for the latest list of rest centres. Update ${n} of tonight's coverage.`,
      },
      {
        type: "quote",
        text: "We have people on every bridge tonight, and we will knock on doors if the levels keep climbing. Please do not drive through flood water.",
        cite: "Chief Fire Officer, Vell Valley Fire and Rescue",
      },
      {
        type: "paragraph",
        text: `Rail services between ${place} and the coast are *suspended until further notice*; replacement buses leave from the market square every 30 minutes, traffic permitting.`,
      },
    ],
  };
}

/**
 * Publishes each real server takes through its own API before anything is measured, as a
 * server that has been up for a while during a story would have: V8 compiles a function for
 * speed only after many calls, and a publish runs most of its functions once. After 100
 * publishes Dispatch's JIT was still compiling 30-80 ms per 100 publishes (0.3-0.8 ms each);
 * after 1,000 it is nearly quiet.
 */
export const WARM_UP_PUBLISHES = 1000;
