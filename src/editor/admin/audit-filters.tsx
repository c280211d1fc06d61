// The audit screen's filters: person, blog and action. They live in the page's URL
// (/admin/audit?actor=…&blog=…&action=…), so a reload, a bookmark or a link sent to another
// admin shows the same narrowed log.

import { AUDIT_ACTIONS } from "../../core/audit";
import type { AuditFilter, Blog, User } from "../api/types";

/** What each action is called in the Action menu. */
const ACTION_NAMES: Record<(typeof AUDIT_ACTIONS)[number], string> = {
  "blog.create": "Blog created",
  "blog.update": "Blog changed",
  "blog.close": "Blog closed",
  "blog.reopen": "Blog reopened",
  "blog.import": "Blog imported",
  "blog.export": "Blog exported",
  "blog.follow": "Blog set to follow another",
  "blog.unfollow": "Blog stopped following",
  "figure.create": "Key figure added",
  "figure.update": "Key figure changed",
  "figure.delete": "Key figure removed",
  "post.publish": "Post published",
  "post.submit": "Post sent for approval",
  "post.draft": "Post saved as draft",
  "post.schedule": "Post scheduled",
  "post.edit": "Post edited",
  "post.delete": "Post deleted",
  "post.takedown": "Post taken down (legal)",
  "post.pin": "Post pinned",
  "post.unpin": "Post unpinned",
  "post.retime": "Post's displayed time moved",
  "post.verify": "Post's verification changed",
  "post.unfurl": "Link card read",
  "post.approve": "Post approved",
  "post.return": "Post returned",
  "session.signin": "Signed in",
  "session.signin_failed": "Failed sign-in",
  "session.throttled": "Sign-ins slowed down",
  "session.signout": "Signed out",
  "password.change": "Own password changed",
  "password.reset": "Password reset",
  "user.create": "User added",
  "user.update": "User renamed, disabled or enabled",
  "user.role": "Role changed",
  "token.create": "API token created",
  "token.revoke": "API token revoked",
  "webhook.create": "Webhook added",
  "webhook.update": "Webhook changed",
  "webhook.delete": "Webhook removed",
  "webhook.rotate": "Webhook secret replaced",
};

const FILTER_NAMES = ["actor", "blog", "action"] as const;

/** The filters the page's URL holds. */
export function filterFromUrl(): AuditFilter {
  const params = new URLSearchParams(location.search);
  const filter: AuditFilter = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) filter[name] = value;
  }
  return filter;
}

/** Puts the filters into the URL without a new history entry per change of a menu. */
export function filterToUrl(filter: AuditFilter): void {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filter[name];
    if (value) params.set(name, value);
  }
  const query = params.toString();
  history.replaceState(null, "", `${location.pathname}${query ? `?${query}` : ""}`);
}

export function AuditFilters(props: {
  filter: AuditFilter;
  people: readonly User[];
  blogs: readonly Blog[];
  onChange: (filter: AuditFilter) => void;
}) {
  const { filter, onChange } = props;
  const set = (name: keyof AuditFilter) => (event: Event) => {
    const value = (event.currentTarget as HTMLSelectElement).value;
    const next = { ...filter };
    if (value) next[name] = value;
    else delete next[name];
    onChange(next);
  };
  const any = FILTER_NAMES.some((name) => filter[name]);
  return (
    <form
      class="audit-filters"
      aria-label="Filter the audit log"
      onSubmit={(event) => event.preventDefault()}
    >
      <label>
        <span id="audit-actor-label">Person</span>
        <select
          aria-labelledby="audit-actor-label"
          value={filter.actor ?? ""}
          onChange={set("actor")}
        >
          <option value="">Everyone</option>
          {props.people.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.email})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span id="audit-blog-label">Blog</span>
        <select aria-labelledby="audit-blog-label" value={filter.blog ?? ""} onChange={set("blog")}>
          <option value="">All blogs</option>
          {props.blogs.map((blog) => (
            <option key={blog.slug} value={blog.slug}>
              {blog.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span id="audit-action-label">Action</span>
        <select
          aria-labelledby="audit-action-label"
          value={filter.action ?? ""}
          onChange={set("action")}
        >
          <option value="">Every action</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {ACTION_NAMES[action]}
            </option>
          ))}
        </select>
      </label>
      {any && (
        <button type="button" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </form>
  );
}
