#!/usr/bin/env node
// Run before the tests (`npm test`): builds whatever is missing or stale, so that the tests
// never run against an old binary or old JavaScript.
//   native: `node-gyp build` is incremental (make), `node-gyp rebuild` when never configured.
//           The tests load build/Release's binary by name (ZEROMQ_TURBO_BINARY, set in
//           vitest.config.mts), so a prebuild in prebuilds/, which the loader otherwise
//           prefers, is neither used nor touched: nothing a user built is deleted here.
//   dist/:  recompiled when any file in lib/ is newer than the last compilation.
//   the Guide's examples: compiled into build/examples/ when stale (scripts/build-examples.mjs),
//           before the tests start them side by side.
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, rmSync, statSync } from "node:fs"
import { join } from "node:path"
import { root, staticLib } from "./libzmq-paths.mjs"

const newest = dir =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile())
        .reduce((max, entry) => Math.max(max, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs), 0)
    : 0

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

// make does not relink the addon when only the static libzmq changed (gyp does not list
// libraries as link inputs): drop the linked binary so that the build below links it again.
const binary = join(root, "build", "Release", "zeromq_turbo.node")
const lib = staticLib()
if (existsSync(binary) && existsSync(lib) && statSync(lib).mtimeMs > statSync(binary).mtimeMs) {
  rmSync(binary, { force: true })
  rmSync(join(root, "build", "Release", "obj.target", "zeromq_turbo.node"), { force: true })
}

const configured = existsSync(join(root, "build", "config.gypi"))
run("node-gyp", [configured ? "build" : "rebuild"])

const compiled = join(root, "dist", "index.js")
if (!existsSync(compiled) || newest(join(root, "lib")) > statSync(compiled).mtimeMs) {
  run(process.execPath, [join(root, "scripts", "build-ts.mjs")])
}
run(process.execPath, [join(root, "scripts", "build-examples.mjs")])
