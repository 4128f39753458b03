#!/usr/bin/env node
// Builds zeromq-turbo as of a git revision into bench-results/ref-<name>/, in the package's
// layout (package.json, dist/, build/Release/zeromq_turbo.node), for A/B runs against the tree:
//
//   node scripts/bench/build-ref.mjs main           # main's JS and addon
//   node scripts/bench/build-ref.mjs . branch       # a copy of the tree's current build
//   npm run bench -- --ab bench-results/ref-main    # wall clock, B = main
//   node scripts/bench/interleaved-ab.mjs bench-results/ref-branch bench-results/ref-main
//
// A revision is exported with `git archive` into a temporary directory, which borrows the
// tree's node_modules and its libzmq build (deps/libzmq/out, reused when the pinned source is
// the same), and built there with `npm run build:native` and scripts/build-ts.mjs. The result
// lives inside the repository (bench-results/ is ignored) so that it resolves its dependencies
// from the project's node_modules.
import { execFileSync, execSync } from "node:child_process"
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

const root = dirname(dirname(dirname(fileURLToPath(import.meta.url))))
const [ref, name = ref.replace(/[^\w.-]+/g, "_")] = process.argv.slice(2)
if (ref === undefined) throw new Error("usage: build-ref.mjs REF|. [NAME]")
const out = join(root, "bench-results", `ref-${name}`)

function install(from) {
  rmSync(out, { recursive: true, force: true })
  mkdirSync(join(out, "build", "Release"), { recursive: true })
  cpSync(join(from, "package.json"), join(out, "package.json"))
  cpSync(join(from, "dist"), join(out, "dist"), { recursive: true })
  cpSync(join(from, "build", "Release", "zeromq_turbo.node"), join(out, "build", "Release", "zeromq_turbo.node"))
}

if (ref === ".") {
  install(root)
} else {
  const work = mkdtempSync(join(tmpdir(), "zeromq-turbo-ref-"))
  try {
    execSync(`git archive ${JSON.stringify(ref)} | tar -x -C ${JSON.stringify(work)}`, { cwd: root, stdio: "inherit" })
    symlinkSync(join(root, "node_modules"), join(work, "node_modules"))
    const libzmq = join(root, "deps", "libzmq")
    for (const dir of ["out", "src"]) {
      if (existsSync(join(libzmq, dir)))
        cpSync(join(libzmq, dir), join(work, "deps", "libzmq", dir), { recursive: true })
    }
    execFileSync("npm", ["run", "build:native"], { cwd: work, stdio: "inherit" })
    execFileSync(process.execPath, [join(work, "scripts", "build-ts.mjs")], { cwd: work, stdio: "inherit" })
    install(work)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
console.log(`built ${ref} into ${out}`)
