// A blog's settings (editors and admins): headline, standfirst, the lead (in the same editor as
// posts), hero image, source note, language, time zone and reporter mode; and closing or
// reopening the blog, each after a confirmation; the snippets that embed it elsewhere; following
// another blog (blog-follow.tsx); ad slots (ad-slots-panel.tsx); readers' comments
// (comments-panel.tsx).

import type { JSONContent } from "@tiptap/core";
import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { blogs, uploadImage } from "../api/newsroom";
import type { Blog, Image } from "../api/types";
import { blocksToDoc, docToBlocks } from "../blocks/convert";
import type { DocNode } from "../blocks/doc";
import { Toolbar } from "../composer/toolbar";
import { uploadInto } from "../composer/uploads";
import { useEditor } from "../composer/use-editor";
import { t } from "../i18n/messages";
import { onLinkClick } from "../router";
import { Notice, useConfirm } from "../ui/dialog";
import { zoneOf } from "../ui/time";
import { AdSlotsPanel } from "./ad-slots-panel";
import { FollowPanel } from "./blog-follow";
import { CommentsPanel } from "./comments-panel";
import { ContributionsPanel } from "./contributions-panel";
import { EmbedPanel } from "./embed-panel";
import { FiguresPanel } from "./figures-panel";
import { TimeZoneField } from "./time-zone";

export function BlogSettings(props: { slug: string }) {
  const [blog, setBlog] = useState<Blog | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    blogs.get(props.slug).then(setBlog, (e) => setError(describeError(e)));
  }, [props.slug]);
  if (error) return <Notice text={error} tone="error" />;
  if (!blog) return <p class="muted">{t("blogSettings.loading")}</p>;
  return <SettingsForm blog={blog} onSaved={setBlog} />;
}

function SettingsForm(props: { blog: Blog; onSaved: (blog: Blog) => void }) {
  const { blog } = props;
  const [title, setTitle] = useState(blog.title);
  const [summary, setSummary] = useState(blog.summary);
  const [sourceNote, setSourceNote] = useState(blog.sourceNote);
  const [previousBlog, setPreviousBlog] = useState(blog.previousBlog ?? "");
  const [nextBlog, setNextBlog] = useState(blog.nextBlog ?? "");
  const [language, setLanguage] = useState(blog.language);
  const [timezone, setTimezone] = useState(blog.timezone);
  const [reporterMode, setReporterMode] = useState(blog.reporterMode ?? "publish");
  const [hero, setHero] = useState<Image | null>(blog.hero);
  const [lead, setLead] = useState<JSONContent>(() => blocksToDoc(blog.intro) as JSONContent);
  const [message, setMessage] = useState<{ text: string; tone: "error" | "info" } | null>(null);
  const confirm = useConfirm();
  const fail = (e: unknown) => setMessage({ text: describeError(e), tone: "error" });
  const { mount, editor } = useEditor(lead, t("blogSettings.lead"), {
    onChange: setLead,
    onImages: (files, at) =>
      editor && uploadInto(editor, files, at, (text) => setMessage({ text, tone: "error" })),
  });

  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const saved = await blogs.update(blog.slug, {
        title,
        summary,
        sourceNote,
        previousBlog: previousBlog.trim() || null,
        nextBlog: nextBlog.trim() || null,
        language,
        timezone,
        reporterMode,
        hero: hero && (hero.src ? hero : null),
        intro: docToBlocks(lead as DocNode),
      });
      props.onSaved(saved);
      setMessage({ text: t("blogSettings.settingsSaved"), tone: "info" });
    } catch (e) {
      fail(e);
    }
  };

  const setStatus = async (status: "live" | "closed") => {
    const closing = status === "closed";
    const yes = await confirm.ask({
      title: t(closing ? "blogSettings.closeTitle" : "blogSettings.reopenTitle"),
      message: closing ? t("blogSettings.closeMessage") : t("blogSettings.reopenMessage"),
      confirm: t(closing ? "blogSettings.closeBlog" : "blogSettings.reopenBlog"),
      danger: closing,
    });
    if (!yes) return;
    try {
      props.onSaved(await blogs.update(blog.slug, { status }));
      setMessage({
        text: t(closing ? "blogSettings.blogClosed" : "blogSettings.blogReopened"),
        tone: "info",
      });
    } catch (e) {
      fail(e);
    }
  };

  const pickHero = async (file: File | undefined) => {
    if (!file) return;
    try {
      const media = await uploadImage(file);
      setHero({ alt: hero?.alt ?? "", ...(hero ?? {}), src: media.src });
    } catch (e) {
      fail(e);
    }
  };
  const heroField = (name: "alt" | "caption" | "credit", label: string) => (
    <label class="field">
      {label}
      <input
        value={hero?.[name] ?? ""}
        onInput={(e) => hero && setHero({ ...hero, [name]: e.currentTarget.value })}
      />
    </label>
  );

  return (
    <main class="page">
      <p>
        <a href={`/admin/blogs/${blog.slug}`} onClick={onLinkClick}>
          {t("blogSettings.backToTheDesk")}
        </a>
      </p>
      <h1>{t("blogSettings.settings", { title: blog.title })}</h1>
      <form class="card settings" onSubmit={save}>
        <label class="field">
          {t("blogSettings.headline")}
          <input
            value={title}
            required
            maxLength={200}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {t("blogSettings.standfirst")}
          <textarea
            value={summary}
            rows={2}
            maxLength={500}
            onInput={(e) => setSummary(e.currentTarget.value)}
          />
        </label>
        <fieldset>
          <legend>{t("blogSettings.lead")}</legend>
          <Toolbar
            editor={editor}
            onPickImages={(files) =>
              editor &&
              uploadInto(editor, files, editor.state.selection.to, (text) =>
                setMessage({ text, tone: "error" }),
              )
            }
          />
          <div class="composer-editor lead-editor" ref={mount} />
        </fieldset>
        <fieldset>
          <legend>{t("blogSettings.heroImage")}</legend>
          {hero?.src && <img class="hero-preview" src={hero.src} alt={hero.alt} />}
          <label class="field">
            {hero?.src ? t("blogSettings.replaceHeroImage") : t("blogSettings.uploadHeroImage")}
            <input
              type="file"
              accept="image/*"
              onChange={(e) => void pickHero(e.currentTarget.files?.[0])}
            />
          </label>
          {hero?.src && (
            <>
              {heroField("alt", t("blogSettings.heroAltText"))}
              {heroField("caption", t("blogSettings.heroCaption"))}
              {heroField("credit", t("blogSettings.heroCredit"))}
              <button type="button" class="quiet" onClick={() => setHero(null)}>
                {t("blogSettings.removeHeroImage")}
              </button>
            </>
          )}
        </fieldset>
        <label class="field">
          {t("blogSettings.sourceNote")}
          <input
            value={sourceNote}
            maxLength={1000}
            onInput={(e) => setSourceNote(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {t("blogSettings.previousBlogInThis")}
          <input
            value={previousBlog}
            maxLength={80}
            onInput={(e) => setPreviousBlog(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {t("blogSettings.nextBlogInThis")}
          <input
            value={nextBlog}
            maxLength={80}
            onInput={(e) => setNextBlog(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          {t("blogSettings.language")}
          <input
            value={language}
            pattern="[a-z]{2,3}(-[A-Za-z0-9]{2,8})*"
            onInput={(e) => setLanguage(e.currentTarget.value)}
          />
        </label>
        <TimeZoneField value={timezone} onChange={setTimezone} />
        <fieldset>
          <legend>{t("blogSettings.reporters")}</legend>
          <label class="check">
            <input
              type="radio"
              name="mode"
              checked={reporterMode === "publish"}
              onChange={() => setReporterMode("publish")}
            />{" "}
            {t("blogSettings.reportersPublishDirectly")}
          </label>
          <label class="check">
            <input
              type="radio"
              name="mode"
              checked={reporterMode === "approval"}
              onChange={() => setReporterMode("approval")}
            />{" "}
            {t("blogSettings.reportersPostsNeedAn")}
          </label>
        </fieldset>
        <Notice text={message?.text ?? null} tone={message?.tone} />
        <div class="actions">
          <button type="submit" class="primary">
            {t("blogSettings.saveSettings")}
          </button>
          {blog.status === "live" ? (
            <button type="button" class="danger" onClick={() => void setStatus("closed")}>
              {t("blogSettings.closeBlog")}
            </button>
          ) : (
            <button type="button" onClick={() => void setStatus("live")}>
              {t("blogSettings.reopenBlog")}
            </button>
          )}
        </div>
      </form>
      <section class="card settings" aria-labelledby="embed-title">
        <h2 id="embed-title">{t("blogSettings.embedOnAnotherSite")}</h2>
        <p class="muted">{t("blogSettings.pasteEitherSnippetInto")}</p>
        <EmbedPanel slug={blog.slug} title={blog.title} />
      </section>
      {/* Keyed by the zone: a changed zone reads the figures' times on the new clock. */}
      <FiguresPanel key={blog.timezone} slug={blog.slug} zone={zoneOf(blog)} />
      <FollowPanel slug={blog.slug} />
      <AdSlotsPanel blog={blog} onSaved={props.onSaved} />
      <ContributionsPanel blog={blog} onSaved={props.onSaved} />
      <CommentsPanel blog={blog} onSaved={props.onSaved} />
      {confirm.element}
    </main>
  );
}
