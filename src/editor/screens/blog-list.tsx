// The front of the newsroom app: every blog with its status and last update, and (for editors
// and admins) a form to start a new one.

import { useEffect, useState } from "preact/hooks";
import { describeError } from "../api/client";
import { blogs } from "../api/newsroom";
import { type Blog, canEditBlogs, type User } from "../api/types";
import { t } from "../i18n/messages";
import { navigate, onLinkClick } from "../router";
import { Notice } from "../ui/dialog";
import { deskTime, zoneOf } from "../ui/time";

/** The blog's last public change; blogs from before the field was kept show their last edit. */
const lastUpdate = (blog: Blog) => blog.lastChangeAt ?? blog.updatedAt;

const slugify = (text: string) =>
  text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);

export function BlogList(props: { user: User }) {
  const [list, setList] = useState<Blog[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    blogs.list().then(
      (all) => setList(all.sort((a, b) => lastUpdate(b).localeCompare(lastUpdate(a)))),
      (e) => setError(describeError(e)),
    );
  }, []);
  return (
    <main class="page">
      <h1>{t("blogList.liveBlogs")}</h1>
      <Notice text={error} tone="error" />
      {canEditBlogs(props.user) && <CreateBlog />}
      {list && list.length === 0 && <p class="muted">{t("blogList.noBlogsYet")}</p>}
      {list && list.length > 0 && (
        <table class="table">
          <caption class="visually-hidden">{t("blogList.liveBlogsMostRecently")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("blogList.headline")}</th>
              <th scope="col">{t("blogList.status")}</th>
              <th scope="col">{t("blogList.lastUpdate")}</th>
              <th scope="col">{t("blogList.readerPage")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((blog) => (
              <tr key={blog.slug}>
                <td>
                  <a href={`/admin/blogs/${blog.slug}`} onClick={onLinkClick}>
                    {blog.title}
                  </a>
                  <div class="muted small">{blog.slug}</div>
                </td>
                <td>
                  <span class={`badge badge-${blog.status}`}>
                    {blog.status === "live" ? t("blogList.live") : t("blogList.closed")}
                  </span>
                </td>
                <td>
                  <time dateTime={lastUpdate(blog)}>
                    {deskTime(lastUpdate(blog), zoneOf(blog))}
                  </time>
                </td>
                <td>
                  <a href={`/live/${blog.slug}`} target="_blank" rel="noopener">
                    {"/live/"}
                    {blog.slug}
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}

function CreateBlog() {
  const [title, setTitle] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    try {
      const blog = await blogs.create({ slug, title, ...(summary.trim() ? { summary } : {}) });
      navigate(`/blogs/${blog.slug}`);
    } catch (e) {
      setError(describeError(e));
    }
  };
  return (
    <details class="card create-blog">
      <summary>{t("blogList.startANewLive")}</summary>
      <form onSubmit={submit}>
        <label class="field">
          {t("blogList.headline")}
          <input
            value={title}
            required
            maxLength={200}
            onInput={(e) => {
              setTitle(e.currentTarget.value);
              if (!slugTouched) setSlug(slugify(e.currentTarget.value));
            }}
          />
        </label>
        <label class="field">
          {t("blogList.slugTheAddressLive")}
          <input
            value={slug}
            required
            pattern="[a-z0-9]+(-[a-z0-9]+)*"
            maxLength={80}
            onInput={(e) => {
              setSlugTouched(true);
              setSlug(e.currentTarget.value);
            }}
          />
        </label>
        <label class="field">
          {t("blogList.standfirst")}
          <input
            value={summary}
            maxLength={500}
            onInput={(e) => setSummary(e.currentTarget.value)}
          />
        </label>
        <Notice text={error} tone="error" />
        <button type="submit" class="primary">
          {t("blogList.createBlog")}
        </button>
      </form>
    </details>
  );
}
