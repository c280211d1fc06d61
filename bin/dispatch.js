#!/usr/bin/env node
// The `dispatch` command: runs the compiled CLI (built by `npm install` through `prepare`).
import { run } from "../dist/cli/index.js";

run(process.argv.slice(2)).then(
  (code) => {
    if (typeof code === "number") process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
