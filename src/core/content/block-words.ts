// The few interface words a post's stored HTML carries (a gallery's label, its buttons, an
// embed card's button and title, a poll's), in the blog's language. Core cannot read the reader's
// message files, so the operations that render a post are given a `BlockWordsFor` port
// (`Newsroom.blockWords`) built from them; English, as the HTML has always read, is the default.

import type { Embed } from "./embeds.js";

export type RecognisedEmbed = Exclude<Embed, { provider: "link" }>;

export interface BlockWords {
  /** The gallery scroller's label: "Gallery, 3 images". */
  gallery(count: number): string;
  previousImage: string;
  nextImage: string;
  /** What the embed shows: "YouTube video", "Map". */
  embedTitle(embed: RecognisedEmbed): string;
  /** The button that loads the player: "Load YouTube video from YouTube". */
  loadEmbed(title: string, provider: string): string;
  /** An embed as a link on the AMP page: "YouTube video on YouTube". */
  embedOn(title: string, provider: string): string;
  /** A poll's button: "Vote". */
  vote: string;
  /** A poll's count of votes: "12 votes". */
  votes(count: number): string;
  /** When an open poll closes: "Closes at {time}", the time given already formatted. */
  closesAt(time: string): string;
  /** What a closed poll says under its final results: "Voting closed". */
  votingClosed: string;
}

/** The words for a blog's language tag (`ar`, `fr-FR`), English for a language not known. */
export type BlockWordsFor = (language: string) => BlockWords;

export const englishBlockWords: BlockWords = {
  gallery: (count) => `Gallery, ${count} images`,
  previousImage: "Previous image",
  nextImage: "Next image",
  embedTitle: (embed) => embed.title,
  loadEmbed: (title, provider) => `Load ${title} from ${provider}`,
  embedOn: (title, provider) => `${title} on ${provider}`,
  vote: "Vote",
  votes: (count) => (count === 1 ? "1 vote" : `${count} votes`),
  closesAt: (time) => `Closes at ${time}`,
  votingClosed: "Voting closed",
};
