// Runs the CLI from source (`npm run dev`); the installed `dispatch` runs the compiled copy.
import { run } from "./index.js";

process.exitCode = await run(process.argv.slice(2));
