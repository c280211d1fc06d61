// The words a post's stored HTML carries (core/content/block-words.ts) from the reader's
// message files, for the port the operations that render posts are given. English keeps the
// words the stored HTML has always had ("Post on X"), core's own.

import {
  type BlockWords,
  type BlockWordsFor,
  englishBlockWords,
} from "../../core/content/block-words.js";
import { readerLanguage, t } from "./messages.js";

const cache = new Map<string, BlockWords>();

export const blockWordsFor: BlockWordsFor = (language) => {
  if (readerLanguage(language) === "en") return englishBlockWords;
  let words = cache.get(language);
  if (!words) {
    words = {
      gallery: (count) => t(language, "blocks.gallery", { count }),
      previousImage: t(language, "blocks.previousImage"),
      nextImage: t(language, "blocks.nextImage"),
      embedTitle: (embed) => t(language, `blocks.${embed.kind}`, { provider: embed.name }),
      loadEmbed: (title, provider) => t(language, "blocks.loadEmbed", { title, provider }),
      embedOn: (title, provider) => t(language, "blocks.embedOn", { title, provider }),
      vote: t(language, "blocks.vote"),
      votes: (count) => t(language, "blocks.votes", { count }),
      closesAt: (time) => t(language, "blocks.closesAt", { time }),
      votingClosed: t(language, "blocks.votingClosed"),
    };
    cache.set(language, words);
  }
  return words;
};
