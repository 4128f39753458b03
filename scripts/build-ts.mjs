#!/usr/bin/env node
// Compiles lib/ to dist/: .ts to CommonJS with declarations, .mts to the ESM entry points that
// re-export it. Run by `npm install` (prepare), `npm test` (when dist/ is stale) and `npm pack`.
import { spawnSync } from "node:child_process"
import { rmSync } from "node:fs"
import { createRequire } from "node:module"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { stripNonPublicDocs } from "./api-surface.mjs"

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
rmSync(join(root, "dist"), { recursive: true, force: true })
const result = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.json")], { stdio: "inherit" })
if (result.status !== 0) process.exit(result.status ?? 1)
// The shipped declarations carry the API's doc comments only (scripts/api-surface.mjs).
stripNonPublicDocs(join(root, "dist"))
