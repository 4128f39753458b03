// Where the libzmq source, build tree and install prefix live. Shared by the fetch and build
// scripts and by binding.gyp (through gyp-config.mjs) so that all of them agree on one layout.
// Everything here is outside build/, which `node-gyp rebuild` deletes, and ignored by git.
import { createHash } from "node:crypto"
import { readFileSync, readdirSync } from "node:fs"
import { homedir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

export const root = dirname(dirname(fileURLToPath(import.meta.url)))
export const depsDir = join(root, "deps", "libzmq")
export const source = JSON.parse(readFileSync(join(depsDir, "source.json"), "utf8"))

/** zeromq-turbo's own patches to libzmq (deps/libzmq/patches/*.patch, each saying why), in
 *  the order they are applied: [{ name, text }]. */
export function patches() {
  const dir = join(depsDir, "patches")
  return readdirSync(dir)
    .filter(name => name.endsWith(".patch"))
    .sort()
    .map(name => ({ name, text: readFileSync(join(dir, name), "utf8") }))
}

/** What the unpacked source is made of: the tarball's checksum and the patches. A change means
 *  unpacking again (scripts/fetch-libzmq.mjs) and building again (scripts/build-libzmq.mjs). */
export function sourceId() {
  const hash = createHash("sha256").update(`${source.sha256}\n`)
  for (const { name, text } of patches()) hash.update(`${name}\n${text}\n`)
  return hash.digest("hex")
}

/** The unpacked source tree, verified and patched: deps/libzmq/src/libzmq-4.3.4. */
export const srcDir = join(depsDir, "src", source.topDir)

/** One build tree and install prefix per target architecture (node's names: x64, arm64...). */
export function outDir(arch = targetArch()) {
  return join(depsDir, "out", arch)
}

/** The architecture being built for: `--arch X` (binding.gyp passes gyp's target_arch), else
 *  npm's or node-gyp's setting, else this machine's. */
export function targetArch(argv = process.argv) {
  const i = argv.indexOf("--arch")
  if (i >= 0 && argv[i + 1]) return argv[i + 1]
  return process.env.npm_config_arch || process.arch
}

/** The static library the addon links. */
export function staticLib(arch = targetArch()) {
  const name = process.platform === "win32" ? "libzmq.lib" : "libzmq.a"
  return join(outDir(arch), "prefix", "lib", name)
}

/** A cache outside the repository, so that a fresh clone (or `rm -rf deps/libzmq/src`) does not
 *  need the network again. */
export function cacheDir() {
  if (process.env.ZMQ_TURBO_CACHE) return process.env.ZMQ_TURBO_CACHE
  const base =
    process.env.XDG_CACHE_HOME ||
    (process.platform === "win32" && process.env.LOCALAPPDATA) ||
    join(homedir(), ".cache")
  return join(base, "zeromq-turbo")
}
