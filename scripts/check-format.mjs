#!/usr/bin/env node
// `npm run format:check`: the committed formatting config (.prettierrc.json, .clang-format) is
// the style; this fails on any file that does not follow it. clang-format is optional on a
// machine (a build does not need it): without it only TypeScript/JavaScript is checked.
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { root } from "./libzmq-paths.mjs"

const prettier = createRequire(import.meta.url).resolve("prettier/bin/prettier.cjs")
const patterns = ["lib/**/*.{ts,mts}", "test/**/*.ts", "scripts/**/*.mjs", "examples/**/*.{mjs,ts}", "*.mts"]
let failed =
  spawnSync(process.execPath, [prettier, "--check", ...patterns], { cwd: root, stdio: "inherit" }).status !== 0

const native = readdirSync(join(root, "native"))
  .filter(name => /\.(cc|h)$/.test(name))
  .map(name => join("native", name))
const clang = spawnSync("clang-format", ["--dry-run", "--Werror", ...native], { cwd: root, stdio: "inherit" })
if (clang.error) console.error("check-format: clang-format not found; native/ not checked")
else if (clang.status !== 0) failed = true
process.exit(failed ? 1 : 0)
