#!/usr/bin/env node
// The CLI is TypeScript compiled by `npm run build` (run by `npm ci` through `prepare`).
import "../dist/cli/main.js";
