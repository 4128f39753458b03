#!/usr/bin/env node
// Fetches the pinned libzmq source tarball, verifies its sha256 and unpacks it under
// deps/libzmq/src/ with zeromq-turbo's patches (deps/libzmq/patches) applied. The tarball is
// taken from the first of these that has it:
//   1. LIBZMQ_TARBALL=/path/to/tarball
//   2. the local cache (see cacheDir() in libzmq-paths.mjs), filled by an earlier fetch
//   3. upstream's tag archive
//   4. Debian's source package, through apt with a deb-src list derived from this machine's own
//      apt sources (so no mirror host name is written down here)
// A tarball whose checksum differs is refused and the build stops: it is never "tried anyway".
// Only verified tarballs enter the cache, so with the cache filled no network is needed.
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { cacheDir, depsDir, patches, source, sourceId, srcDir } from "./libzmq-paths.mjs"

const log = msg => console.error(`[libzmq] ${msg}`)

export class ChecksumError extends Error {}

export function sha256(file) {
  return createHash("sha256").update(readFileSync(file)).digest("hex")
}

/** Throws a ChecksumError naming the file and both checksums unless `file` is the pinned tarball. */
export function verify(file, origin) {
  const actual = sha256(file)
  if (actual !== source.sha256) {
    throw new ChecksumError(
      `libzmq source tarball refused: ${file} (from ${origin})\n` +
        `  expected sha256: ${source.sha256}\n` +
        `  actual   sha256: ${actual}\n` +
        `It is not the libzmq ${source.version} pinned in deps/libzmq/source.json ` +
        `(corrupt, truncated or another release). The build stops here.`,
    )
  }
}

/** Verifies LIBZMQ_TARBALL when it is set (throws if it is wrong); returns it or undefined. */
export function fromEnv() {
  const file = process.env.LIBZMQ_TARBALL
  if (!file) return undefined
  if (!existsSync(file)) throw new Error(`LIBZMQ_TARBALL=${file} does not exist`)
  verify(file, "LIBZMQ_TARBALL")
  return file
}

function fromCache() {
  const file = join(cacheDir(), source.archive)
  if (!existsSync(file)) return undefined
  verify(file, "the local cache; delete it to fetch again")
  return file
}

async function fromUpstream(tmp) {
  const file = join(tmp, source.archive)
  let response
  try {
    response = await fetch(source.upstream, { signal: AbortSignal.timeout(60_000) })
  } catch (err) {
    log(`upstream ${source.upstream} unreachable: ${err.cause?.code || err.message}`)
    return undefined
  }
  if (!response.ok) {
    log(`upstream ${source.upstream} answered HTTP ${response.status}`)
    return undefined
  }
  writeFileSync(file, Buffer.from(await response.arrayBuffer()))
  verify(file, source.upstream)
  return file
}

function aptConfig(name) {
  const out = spawnSync("apt-config", ["shell", "V", name], { encoding: "utf8" })
  const match = /V='(.*)'/.exec(out.stdout || "")
  return match ? match[1] : undefined
}

/** This machine's apt sources rewritten as deb-src, in a directory apt can be pointed at. */
function debSrcParts(tmp) {
  const parts = join(tmp, "sources.list.d")
  mkdirSync(parts, { recursive: true })
  const partsDir = aptConfig("Dir::Etc::sourceparts/d")
  const mainList = aptConfig("Dir::Etc::sourcelist/f")
  const files = []
  if (partsDir && existsSync(partsDir)) {
    for (const name of readdirSync(partsDir)) {
      if (name.endsWith(".sources") || name.endsWith(".list")) files.push(join(partsDir, name))
    }
  }
  if (mainList && existsSync(mainList)) files.push(mainList)
  let count = 0
  for (const [i, file] of files.entries()) {
    const text = readFileSync(file, "utf8")
    const deb822 = file.endsWith(".sources")
    const converted = deb822
      ? text.replace(/^Types:\s*deb\s*$/gm, "Types: deb-src")
      : text.replace(/^deb(\s)/gm, "deb-src$1")
    writeFileSync(join(parts, `${i}${deb822 ? ".sources" : ".list"}`), converted)
    count++
  }
  return count > 0 ? parts : undefined
}

function fromDebian(tmp) {
  if (spawnSync("apt-get", ["--version"]).status !== 0) {
    log("apt-get not available: Debian's source package cannot be used")
    return undefined
  }
  const parts = debSrcParts(tmp)
  if (!parts) {
    log("no apt sources found on this machine")
    return undefined
  }
  const lists = join(tmp, "lists")
  mkdirSync(join(lists, "partial"), { recursive: true })
  const options = [
    "-o",
    `Dir::Etc::sourcelist=/dev/null`,
    "-o",
    `Dir::Etc::sourceparts=${parts}`,
    "-o",
    `Dir::State::Lists=${lists}`,
    "-o",
    "APT::Sandbox::User=root",
    "-qq",
  ]
  const { package: pkg, version } = source.debian
  log(`fetching Debian's ${pkg}=${version} source package with apt-get`)
  const run = args => spawnSync("apt-get", [...options, ...args], { cwd: tmp, stdio: ["ignore", "inherit", "inherit"] })
  if (run(["update"]).status !== 0) return undefined
  if (run(["source", "--download-only", `${pkg}=${version}`]).status !== 0) return undefined
  const file = join(tmp, source.archive)
  if (!existsSync(file)) return undefined
  verify(file, `Debian source package ${pkg}=${version}`)
  return file
}

function storeInCache(file) {
  const dir = cacheDir()
  const target = join(dir, source.archive)
  if (file === target) return
  try {
    mkdirSync(dir, { recursive: true })
    const partial = `${target}.${process.pid}.partial`
    copyFileSync(file, partial)
    renameSync(partial, target)
  } catch (err) {
    log(`could not store the tarball in the cache ${dir}: ${err.message}`)
  }
}

function unpack(file) {
  const parent = join(depsDir, "src")
  mkdirSync(parent, { recursive: true })
  const staging = mkdtempSync(join(parent, ".unpack-"))
  try {
    const tar = spawnSync("tar", ["-xzf", file, "-C", staging], { stdio: "inherit" })
    if (tar.status !== 0) throw new Error(`tar could not unpack ${file}`)
    if (!existsSync(join(staging, source.topDir, "CMakeLists.txt"))) {
      throw new Error(`${file} does not contain ${source.topDir}/CMakeLists.txt`)
    }
    for (const { name, text } of patches()) applyPatch(join(staging, source.topDir), text, name)
    rmSync(srcDir, { recursive: true, force: true })
    renameSync(join(staging, source.topDir), srcDir)
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  writeFileSync(stampFile(), `${sourceId()}\n`)
}

/**
 * Applies a unified diff (`diff -u`, paths a/... and b/...) to the tree in `dir`, exactly: every
 * context and removed line must be where the hunk says, or it throws naming the patch, the file
 * and the line. Our own applier rather than patch(1), which not every build machine has; the
 * patches are made against the pinned source, so there is no fuzz to allow.
 */
export function applyPatch(dir, text, name) {
  const lines = text.split("\n")
  let i = 0
  const fail = why => {
    throw new Error(`libzmq patch ${name}: ${why}`)
  }
  while (i < lines.length) {
    // Lines before a file's "---" header (the patch's description) are not part of the diff.
    if (!lines[i].startsWith("--- ")) {
      i++
      continue
    }
    const target = lines[i + 1]?.startsWith("+++ b/")
      ? lines[i + 1].slice(6).split("\t")[0]
      : fail(`line ${i + 2} is not "+++ b/FILE"`)
    i += 2
    const file = join(dir, target)
    const old = existsSync(file) ? readFileSync(file, "utf8").split("\n") : []
    const out = []
    let at = 0
    while (i < lines.length && lines[i].startsWith("@@ ")) {
      const hunk =
        /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,(\d+))? @@/.exec(lines[i]) ?? fail(`line ${i + 1} is not a hunk header`)
      let oldLeft = hunk[2] === undefined ? 1 : Number(hunk[2])
      let newLeft = hunk[3] === undefined ? 1 : Number(hunk[3])
      // An empty old range names the line after which the new lines go.
      const start = Number(hunk[1]) - (oldLeft === 0 ? 0 : 1)
      if (start < at || start > old.length) fail(`hunk at line ${i + 1} starts outside ${target}`)
      out.push(...old.slice(at, start))
      at = start
      i++
      while (oldLeft > 0 || newLeft > 0) {
        if (i >= lines.length) fail(`the hunk before line ${i + 1} is cut short`)
        // An empty line is a context line whose trailing space an editor removed.
        const line = lines[i] === "" ? " " : lines[i]
        const body = line.slice(1)
        if (line[0] === " " || line[0] === "-") {
          if (old[at] !== body) fail(`${target} line ${at + 1} is not what line ${i + 1} expects`)
          if (line[0] === " ") out.push(body)
          at++
          oldLeft--
          if (line[0] === " ") newLeft--
        } else if (line[0] === "+") {
          out.push(body)
          newLeft--
        } else {
          fail(`line ${i + 1} is not a context, removed or added line`)
        }
        if (oldLeft < 0 || newLeft < 0) fail(`the hunk before line ${i + 2} is longer than its header says`)
        i++
      }
    }
    out.push(...old.slice(at))
    writeFileSync(file, out.join("\n"))
  }
}

const stampFile = () => join(srcDir, ".zeromq-turbo-verified")

export function isUnpacked() {
  return existsSync(stampFile()) && readFileSync(stampFile(), "utf8").trim() === sourceId()
}

export async function fetchLibzmq() {
  // An explicitly given tarball is always checked, even when a verified source is unpacked:
  // someone pointing at a file expects to hear if it is wrong.
  const given = fromEnv()
  if (isUnpacked()) return srcDir
  const tmp = mkdtempSync(join(tmpdir(), "zeromq-turbo-fetch-"))
  try {
    const file = given ?? fromCache() ?? (await fromUpstream(tmp)) ?? fromDebian(tmp)
    if (!file) {
      throw new Error(
        `could not obtain libzmq ${source.version} (${source.archive}): tried LIBZMQ_TARBALL, ` +
          `the cache ${cacheDir()}, ${source.upstream} and Debian's ${source.debian.package} ` +
          `source package. Download it by hand and run again with LIBZMQ_TARBALL=/path/to/it.`,
      )
    }
    log(`verified ${file}`)
    storeInCache(file)
    unpack(file)
    log(`unpacked into ${srcDir}`)
    return srcDir
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  fetchLibzmq().catch(err => {
    console.error(`[libzmq] ${err.message}`)
    process.exit(1)
  })
}
