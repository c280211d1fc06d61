// The newsroom app's shell: who is signed in (the session and its CSRF token live in memory),
// the header with navigation, connection and outbox state, and which screen the URL names.

import { useEffect, useRef, useState } from "preact/hooks";
import { AuditScreen } from "./admin/audit";
import { TokensScreen } from "./admin/tokens";
import { UsersScreen } from "./admin/users";
import { WebhookScreen, WebhooksScreen } from "./admin/webhooks";
import { NetworkError, onSignedOut, setCsrfToken } from "./api/client";
import { session } from "./api/newsroom";
import { canEditBlogs, type Session, type User } from "./api/types";
import { t } from "./i18n/messages";
import {
  signedInForOutbox,
  startFieldMode,
  useOnline,
  useOwnOutbox,
  waitingText,
} from "./offline/field-mode";
import { forget, recall, remember } from "./offline/remember";
import { navigate, onLinkClick, useRoute } from "./router";
import { Account, ChooseNewPassword } from "./screens/account";
import { BlogDesk } from "./screens/blog-desk";
import { BlogList } from "./screens/blog-list";
import { BlogNumbers } from "./screens/blog-numbers";
import { BlogSettings } from "./screens/blog-settings";
import { BylineProfile } from "./screens/byline-profile";
import { CommentModeration } from "./screens/comment-moderation";
import { ContributionsQueue } from "./screens/contributions-queue";
import { SignIn } from "./screens/sign-in";

export function App() {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const route = useRoute();

  // True while the app runs as the person last signed in here, unconfirmed by the server.
  const provisional = useRef(false);
  const signedIn = (answer: Session) => {
    provisional.current = false;
    // A new sign-in replaced the old session's cookie: nothing is left to sign out.
    forget(SIGNING_OUT);
    setCsrfToken(answer.csrfToken);
    setUser(answer.user);
    remember("user", answer.user);
    // The outbox waits while the password is a temporary one: the server would refuse it.
    signedInForOutbox(answer.user.mustChangePassword ? null : answer.user.id);
  };
  const signedOut = () => {
    setCsrfToken(null);
    signedInForOutbox(null);
    forget("user");
    setUser(null);
  };
  const confirmed = (answer: Session | null) => (answer ? signedIn(answer) : signedOut());
  useEffect(() => {
    startFieldMode();
    // Offline, the app opens as the person last signed in here; nothing is sent until the
    // server confirms the session (and hands out a CSRF token) once the network is back.
    const check = () =>
      finishSignOut().then(confirmed, (error) => {
        const known = recall<User>("user");
        if (error instanceof NetworkError && known) {
          provisional.current = true;
          setUser((current) => current ?? known);
        } else signedOut();
      });
    void check();
    const online = () => provisional.current && void check();
    addEventListener("online", online);
    // The network may be up while the server is not: look again now and then.
    const timer = setInterval(online, 15_000);
    const unsubscribe = onSignedOut(signedOut);
    return () => {
      clearInterval(timer);
      removeEventListener("online", online);
      unsubscribe();
    };
  }, []);

  if (user === undefined) return <p class="muted loading">{t("app.loadingTheNewsroom")}</p>;
  if (user === null) return <SignIn onSignedIn={signedIn} />;

  const signOut = async () => {
    // Offline, the server keeps the session (and the browser its cookie) until it hears of
    // the sign-out: noted here so the next start ends it before anyone is let in as this person.
    remember(SIGNING_OUT, true);
    await session.signOut().then(
      () => forget(SIGNING_OUT),
      (error) => error instanceof NetworkError || forget(SIGNING_OUT),
    );
    signedOut();
    navigate("/", true);
  };

  if (user.mustChangePassword) {
    // Read back from the server, so the app carries on exactly as the server now sees it.
    const chosen = () => void session.current().then(confirmed, signedOut);
    return <ChooseNewPassword email={user.email} onChosen={chosen} onSignOut={signOut} />;
  }

  return (
    <>
      <a class="skip" href="#main">
        {t("app.skipToContent")}
      </a>
      <Header user={user} onSignOut={signOut} />
      <div id="main" tabIndex={-1}>
        <Screen route={route} user={user} />
      </div>
    </>
  );
}

const SIGNING_OUT = "signing-out";

/**
 * The session this browser holds, after ending one whose sign-out was asked for offline (its
 * CSRF token is needed to end it). Until the server hears of it nobody is signed in here.
 */
async function finishSignOut(): Promise<Session | null> {
  const answer = await session.current();
  if (!answer || !recall(SIGNING_OUT)) return answer;
  setCsrfToken(answer.csrfToken);
  await session.signOut().catch((error) => {
    if (error instanceof NetworkError) throw error;
  });
  setCsrfToken(null);
  forget(SIGNING_OUT);
  return null;
}

function Screen({ route, user }: { route: string; user: User }) {
  const queue = /^\/blogs\/([a-z0-9-]+)\/contributions$/.exec(route);
  if (queue?.[1] && canEditBlogs(user))
    return <ContributionsQueue key={queue[1]} slug={queue[1]} />;
  const numbers = /^\/blogs\/([a-z0-9-]+)\/numbers$/.exec(route);
  // The numbers are for editors and admins (the API refuses reporters too): others get the desk.
  if (numbers?.[1]) {
    return canEditBlogs(user) ? (
      <BlogNumbers key={numbers[1]} slug={numbers[1]} />
    ) : (
      <BlogDesk key={numbers[1]} slug={numbers[1]} user={user} />
    );
  }
  const moderated = /^\/blogs\/([a-z0-9-]+)\/comments$/.exec(route);
  if (moderated?.[1] && canEditBlogs(user))
    return <CommentModeration key={moderated[1]} slug={moderated[1]} />;
  const blog = /^\/blogs\/([a-z0-9-]+)(\/settings)?$/.exec(route);
  if (blog?.[1]) {
    // Reporters post; changing or closing a blog is for editors and admins.
    return blog[2] && canEditBlogs(user) ? (
      <BlogSettings slug={blog[1]} />
    ) : (
      <BlogDesk key={blog[1]} slug={blog[1]} user={user} />
    );
  }
  if (route === "/account")
    return (
      <Account name={user.name} email={user.email}>
        <BylineProfile user={user} />
      </Account>
    );
  if (user.role === "admin") {
    if (route === "/users") return <UsersScreen me={user} />;
    if (route === "/audit") return <AuditScreen />;
    if (route === "/webhooks") return <WebhooksScreen />;
    const hook = /^\/webhooks\/([0-9a-z]+)$/.exec(route);
    if (hook?.[1]) return <WebhookScreen key={hook[1]} id={hook[1]} />;
  }
  if (route === "/tokens") return <TokensScreen me={user} />;
  return <BlogList user={user} />;
}

function Header(props: { user: User; onSignOut: () => void }) {
  const online = useOnline();
  // Only one's own: what others queued on this device is not waiting for this person.
  const waiting = useOwnOutbox(props.user.id).mine.filter((item) => !item.failed).length;
  const link = (href: string, text: string) => (
    <a href={`/admin${href}`} onClick={onLinkClick}>
      {text}
    </a>
  );
  return (
    <header class="app-header">
      <a class="brand" href="/admin" onClick={onLinkClick}>
        Dispatch <span>{t("app.newsroomAfterName")}</span>
      </a>
      <nav aria-label={t("app.newsroom")}>
        {link("", t("app.blogs"))}
        {link("/tokens", t("app.apiTokens"))}
        {props.user.role === "admin" && (
          <>
            {link("/users", t("app.users"))}
            {link("/audit", t("app.auditLog"))}
            {link("/webhooks", t("app.webhooks"))}
          </>
        )}
      </nav>
      <div class="header-state">
        {!online && (
          <span class="pill pill-offline" role="status">
            {t("app.offline")}
          </span>
        )}
        {waiting > 0 && (
          <span class="pill pill-waiting" role="status">
            {waitingText(waiting)}
          </span>
        )}
        <a href="/admin/account" onClick={onLinkClick} class="who">
          {props.user.name || props.user.email}{" "}
          <span class="muted">{t("app.role", { role: props.user.role })}</span>
        </a>
        <button type="button" class="quiet" onClick={props.onSignOut}>
          {t("app.signOut")}
        </button>
      </div>
    </header>
  );
}
