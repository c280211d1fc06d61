// Dispatch reader: readers' comments drawn live. Loaded only on live pages of blogs that take
// comments (comments-view.ts). live.js hands each `comment` event on as a `dispatch-comment`
// DOM event: an approved comment is drawn from the page's <template> (its words in the
// blog's language; its time through the page's "date.at" message), a removal takes the
// comment off the page.
// Names and words go in as text, never as markup.
(() => {
  const doc = document;
  const list = doc.getElementById("comment-list");
  const template = doc.getElementById("comment-template");
  const none = doc.getElementById("no-comments");
  if (!list || !template) return;
  const idPattern = /^[0-9a-z]{17}$/;
  // "7 December 2026 at 08:38 GMT-5": the reader's own time, zone named, in the words of the
  // page's "date.at" message, as live.js rewrites the comments the server drew.
  const lang = doc.documentElement.lang;
  let dateAt = "{date} {time}";
  try {
    dateAt = JSON.parse(doc.getElementById("reader-messages").textContent)["date.at"] || dateAt;
  } catch {}
  const shown = (at) => {
    try {
      const date = new Intl.DateTimeFormat(lang, {
        day: "numeric",
        month: "long",
        year: "numeric",
      });
      const clock = new Intl.DateTimeFormat(lang, {
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
        timeZoneName: "short",
      });
      return dateAt.replace("{date}", date.format(at)).replace("{time}", clock.format(at));
    } catch {
      return at.toISOString();
    }
  };
  const draw = (comment) => {
    const holder = doc.createElement("ol");
    // The id is checked against its pattern first: only it goes into the markup.
    holder.innerHTML = template.innerHTML.replaceAll("COMMENT_ID", comment.id);
    const item = holder.firstElementChild;
    item.querySelector("article").setAttribute("aria-label", comment.name);
    item.querySelector(".comment-name").textContent = comment.name;
    item.querySelector(".comment-text").textContent = comment.text;
    const time = item.querySelector("time");
    time.dateTime = comment.createdAt;
    time.textContent = shown(new Date(comment.createdAt));
    return item;
  };
  doc.addEventListener("dispatch-comment", (event) => {
    const comment = event.detail;
    if (!comment || !idPattern.test(comment.id)) return;
    const shown = doc.getElementById(`comment-${comment.id}`);
    if (comment.removed) {
      shown?.remove();
    } else if (!shown) {
      const parent = comment.parentId && doc.getElementById(`comment-${comment.parentId}`);
      // A reply to a comment this page does not show waits for the page's next load.
      if (comment.parentId && !parent) return;
      const item = draw(comment);
      if (parent) {
        for (const part of item.querySelectorAll(".comment-replies, .comment-reply")) part.remove();
        parent.querySelector(".comment-replies")?.append(item);
      } else {
        list.append(item);
      }
    }
    if (none) none.hidden = list.children.length > 0;
  });
})();
