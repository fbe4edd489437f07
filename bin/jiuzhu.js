#!/usr/bin/env node
// The `jiuzhu` command: runs the built CLI (npm run build → dist/), no TypeScript loader needed.
import { run } from "../dist/cli/main.js";

await run();
