#!/usr/bin/env node
// `npm run format:check`: the committed formatting config (.prettierrc.json, .clang-format) is
// the style; this fails on any file that does not follow it, and when a tool it needs is
// missing (a check that checked nothing would pass). `--write` (`npm run format`) reformats.
//
// clang-format's output changes between major versions, so one version is the style:
// clang-format 14, Debian 12's `clang-format` package (`apt-get install clang-format-14`;
// .ci/run installs it). Another version fails here instead of disagreeing with CI.
import { spawnSync } from "node:child_process"
import { readdirSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { root } from "./libzmq-paths.mjs"

const clangFormatMajor = 14

const write = process.argv.includes("--write")
const prettier = createRequire(import.meta.url).resolve("prettier/bin/prettier.cjs")
const patterns = ["lib/**/*.{ts,mts}", "test/**/*.ts", "scripts/**/*.mjs", "examples/**/*.{mjs,ts}", "*.mts"]
let failed =
  spawnSync(process.execPath, [prettier, write ? "--write" : "--check", ...patterns], { cwd: root, stdio: "inherit" })
    .status !== 0

/** The clang-format of the pinned major version, or why there is none. */
function clangFormat() {
  const found = []
  for (const name of [`clang-format-${clangFormatMajor}`, "clang-format"]) {
    const probe = spawnSync(name, ["--version"], { encoding: "utf8" })
    if (probe.error || probe.status !== 0) continue
    const version = /version (\d+)\./.exec(probe.stdout)
    if (version && Number(version[1]) === clangFormatMajor) return { tool: name }
    found.push(`${name}: ${probe.stdout.trim()}`)
  }
  const seen = found.length > 0 ? `found only ${found.join("; ")}` : "found none on PATH"
  return {
    problem:
      `check-format: native/ needs clang-format ${clangFormatMajor} (Debian 12's clang-format package: ` +
      `apt-get install clang-format-${clangFormatMajor}); ${seen}`,
  }
}

const native = readdirSync(join(root, "native"))
  .filter(name => /\.(cc|h)$/.test(name))
  .map(name => join("native", name))
const { tool, problem } = clangFormat()
if (problem) {
  console.error(problem)
  failed = true
} else {
  const args = write ? ["-i", ...native] : ["--dry-run", "--Werror", ...native]
  if (spawnSync(tool, args, { cwd: root, stdio: "inherit" }).status !== 0) failed = true
}
process.exit(failed ? 1 : 0)
