// Entry point of the newsroom app (built by Vite into dist/editor, served at /admin/).

import { render } from "preact";
import { App } from "./app";
import { currentLanguage } from "./i18n/messages";
import { browserHost, keepAppOnDevice } from "./offline/keep-app";
import "./styles/base.css";
import "./styles/shell.css";
import "./styles/desk.css";
import "./styles/composer.css";
import "./styles/posts.css";
import "./styles/numbers.css";

// The page says which language its words are in, for screen readers and hyphenation.
document.documentElement.lang = currentLanguage();
const root = document.getElementById("app");
if (root) render(<App />, root);

// Field mode: the app itself stays on the device (see public/sw.js). Browsers offer service
// workers on https and localhost only; elsewhere the app simply needs the network to load.
if ("serviceWorker" in navigator) keepAppOnDevice(browserHost(navigator.serviceWorker));
