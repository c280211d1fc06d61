// The audit screen's filters: person, blog and action. They live in the page's URL
// (/admin/audit?actor=…&blog=…&action=…), so a reload, a bookmark or a link sent to another
// admin shows the same narrowed log.

import { AUDIT_ACTIONS } from "../../core/audit";
import type { AuditFilter, Blog, User } from "../api/types";
import { type MessageKey, t } from "../i18n/messages";

/** What each action is called in the Action menu. */
const ACTION_NAMES: Record<(typeof AUDIT_ACTIONS)[number], MessageKey> = {
  "blog.create": "auditFilters.action.blogCreate",
  "blog.update": "auditFilters.action.blogUpdate",
  "blog.close": "auditFilters.action.blogClose",
  "blog.reopen": "auditFilters.action.blogReopen",
  "blog.import": "auditFilters.action.blogImport",
  "blog.export": "auditFilters.action.blogExport",
  "blog.follow": "auditFilters.action.blogFollow",
  "blog.unfollow": "auditFilters.action.blogUnfollow",
  "comment.approve": "auditFilters.action.commentApprove",
  "comment.reject": "auditFilters.action.commentReject",
  "figure.create": "auditFilters.action.figureCreate",
  "figure.update": "auditFilters.action.figureUpdate",
  "figure.delete": "auditFilters.action.figureDelete",
  "post.publish": "auditFilters.action.postPublish",
  "post.submit": "auditFilters.action.postSubmit",
  "post.draft": "auditFilters.action.postDraft",
  "post.schedule": "auditFilters.action.postSchedule",
  "post.edit": "auditFilters.action.postEdit",
  "post.delete": "auditFilters.action.postDelete",
  "post.takedown": "auditFilters.action.postTakedown",
  "post.pin": "auditFilters.action.postPin",
  "post.unpin": "auditFilters.action.postUnpin",
  "post.retime": "auditFilters.action.postRetime",
  "post.verify": "auditFilters.action.postVerify",
  "post.unfurl": "auditFilters.action.postUnfurl",
  "post.approve": "auditFilters.action.postApprove",
  "post.return": "auditFilters.action.postReturn",
  "contribution.answer": "auditFilters.action.contributionAnswer",
  "contribution.reject": "auditFilters.action.contributionReject",
  "contribution.block": "auditFilters.action.contributionBlock",
  "contribution.erase": "auditFilters.action.contributionErase",
  "session.signin": "auditFilters.action.sessionSignin",
  "session.signin_failed": "auditFilters.action.sessionSigninFailed",
  "session.throttled": "auditFilters.action.sessionThrottled",
  "session.signout": "auditFilters.action.sessionSignout",
  "password.change": "auditFilters.action.passwordChange",
  "password.reset": "auditFilters.action.passwordReset",
  "user.create": "auditFilters.action.userCreate",
  "user.update": "auditFilters.action.userUpdate",
  "user.role": "auditFilters.action.userRole",
  "token.create": "auditFilters.action.tokenCreate",
  "token.revoke": "auditFilters.action.tokenRevoke",
  "webhook.create": "auditFilters.action.webhookCreate",
  "webhook.update": "auditFilters.action.webhookUpdate",
  "webhook.delete": "auditFilters.action.webhookDelete",
  "webhook.rotate": "auditFilters.action.webhookRotate",
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
      aria-label={t("auditFilters.filterTheAuditLog")}
      onSubmit={(event) => event.preventDefault()}
    >
      <label>
        <span id="audit-actor-label">{t("auditFilters.person")}</span>
        <select
          aria-labelledby="audit-actor-label"
          value={filter.actor ?? ""}
          onChange={set("actor")}
        >
          <option value="">{t("auditFilters.everyone")}</option>
          {props.people.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name} ({user.email})
            </option>
          ))}
        </select>
      </label>
      <label>
        <span id="audit-blog-label">{t("auditFilters.blog")}</span>
        <select aria-labelledby="audit-blog-label" value={filter.blog ?? ""} onChange={set("blog")}>
          <option value="">{t("auditFilters.allBlogs")}</option>
          {props.blogs.map((blog) => (
            <option key={blog.slug} value={blog.slug}>
              {blog.title}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span id="audit-action-label">{t("auditFilters.action")}</span>
        <select
          aria-labelledby="audit-action-label"
          value={filter.action ?? ""}
          onChange={set("action")}
        >
          <option value="">{t("auditFilters.everyAction")}</option>
          {AUDIT_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {t(ACTION_NAMES[action])}
            </option>
          ))}
        </select>
      </label>
      {any && (
        <button type="button" onClick={() => onChange({})}>
          {t("auditFilters.clearFilters")}
        </button>
      )}
    </form>
  );
}
