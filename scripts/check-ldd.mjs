#!/usr/bin/env node
// Checks that Linux binaries depend on nothing beyond the C library, so that a prebuild loads on
// any distribution with the same libc: run on every Linux binary in prebuilds/ (all
// architectures and both libcs) by `npm run prebuildify` and scripts/check-prebuilds.mjs, and
// by the tests on build/Release. Binaries this machine's own loader can load (same
// architecture, glibc) are checked with ldd (the whole resolved closure); others with
// `readelf -d` (their direct NEEDED entries).
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync } from "node:fs"
import { join, relative } from "node:path"
import { pathToFileURL } from "node:url"
import { root } from "./libzmq-paths.mjs"

// The C library's own parts: glibc before 2.34 keeps dlopen in libdl, pthread_* in libpthread and
// clock_* (before 2.17) in librt, so a binary built for an old glibc names them; musl is one
// libc.so (as Zig links it) or libc.musl-<arch>.so.1 (as Alpine names it). Nothing else: libzmq,
// libstdc++/libc++ and libgcc are linked in statically.
const allowed = [
  /^linux-vdso\.so/,
  /^ld-linux/,
  /^ld-musl/,
  /^libc\.so(\.6)?$/,
  /^libc\.musl-/,
  /^libm\.so\.6$/,
  /^libpthread\.so\.0$/,
  /^libdl\.so\.2$/,
  /^librt\.so\.1$/,
]

/** The shared libraries `file` depends on, by soname. */
export function dependencies(file) {
  const fileType = spawnSync("file", ["-b", file], { encoding: "utf8" }).stdout ?? ""
  const hostArch = { x64: "x86-64", arm64: "aarch64" }[process.arch]
  // ldd only for binaries this machine's own loader can load: same architecture, same libc.
  if (!fileType.includes("ELF")) throw new Error(`${file} is not an ELF file: ${fileType}`)
  if (!hostArch || (fileType.includes(hostArch) && !file.includes(".musl."))) {
    const ldd = spawnSync("ldd", [file], { encoding: "utf8" })
    if (ldd.status !== 0) throw new Error(`ldd ${file} failed: ${ldd.stderr}`)
    return ldd.stdout
      .split("\n")
      .map(line => line.trim().split(/\s+/)[0])
      .filter(Boolean)
      .map(name => name.replace(/^.*\//, ""))
  }
  const readelf = spawnSync("readelf", ["-d", file], { encoding: "utf8" })
  if (readelf.status !== 0) throw new Error(`readelf -d ${file} failed: ${readelf.stderr}`)
  return [...readelf.stdout.matchAll(/\(NEEDED\)\s+Shared library: \[(.+?)\]/g)].map(match => match[1])
}

export function disallowed(file) {
  return dependencies(file).filter(name => !allowed.some(pattern => pattern.test(name)))
}

/** The Linux binaries under prebuilds/ (every libc and architecture). */
function binaries(dir) {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { recursive: true })
    .filter(name => name.startsWith("linux-") && name.endsWith(".node"))
    .map(name => join(dir, name))
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.platform !== "linux") process.exit(0)
  const files = process.argv.length > 2 ? process.argv.slice(2) : binaries(join(root, "prebuilds"))
  if (files.length === 0) {
    console.error("check-ldd: no binaries to check")
    process.exit(1)
  }
  let failed = false
  for (const file of files) {
    const extra = disallowed(file)
    console.error(`check-ldd: ${relative(root, file)}: ${dependencies(file).join(", ")}`)
    if (extra.length > 0) {
      console.error(`check-ldd: ${relative(root, file)} must not depend on ${extra.join(", ")}`)
      failed = true
    }
  }
  process.exit(failed ? 1 : 0)
}
