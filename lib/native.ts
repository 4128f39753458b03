/**
 * Loads the native addon and declares, in this one place, everything it exposes.
 *
 * The binary is looked for in `prebuilds/<platform>-<arch>/` first (what the npm package
 * ships, tagged by prebuildify with N-API and libc), then in `build/Release/` (a source build).
 */
import { existsSync, readdirSync } from "node:fs"
import { join } from "node:path"

/* eslint-disable-next-line @typescript-eslint/no-require-imports */
const nodeGypBuild = require("node-gyp-build") as {
  parseTags(file: string): { file: string; napi?: boolean; abi?: string; libc?: string; runtime?: string; specificity: number } | undefined
}

export interface NativeAddon {
  version(): string
  capability(): Record<"ipc" | "pgm" | "tipc" | "norm" | "curve" | "gssapi" | "draft", boolean>
  curveKeyPair(): { publicKey: string; secretKey: string }
}

const root = join(__dirname, "..")
const binaryName = "zeromq_turbo.node"

function libc(): string | undefined {
  if (process.env.LIBC) return process.env.LIBC
  if (process.platform !== "linux") return undefined
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined
  return report?.header?.glibcVersionRuntime ? "glibc" : "musl"
}

function prebuild(): string | undefined {
  const dir = join(root, "prebuilds", `${process.platform}-${process.arch}`)
  if (!existsSync(dir)) return undefined
  const wantLibc = libc()
  const found = readdirSync(dir)
    .map(file => nodeGypBuild.parseTags(file))
    .filter(tags => tags !== undefined)
    .filter(tags => tags.runtime === undefined || tags.runtime === "node")
    // prebuildify names N-API builds without an abi tag; an abi-tagged one must match exactly.
    .filter(tags => tags.napi || tags.abi === undefined || tags.abi === process.versions.modules)
    .filter(tags => tags.libc === undefined || tags.libc === wantLibc)
    .sort((a, b) => b.specificity - a.specificity)
  return found[0] && join(dir, found[0].file)
}

function locate(): string {
  const candidate = prebuild()
  if (candidate) return candidate
  const built = join(root, "build", "Release", binaryName)
  if (existsSync(built)) return built
  throw new Error(
    `zeromq-turbo: no native binary for platform=${process.platform} arch=${process.arch} ` +
      `libc=${libc() ?? "n/a"} node=${process.versions.node} (N-API 8).\n` +
      `  Looked in ${join(root, "prebuilds", `${process.platform}-${process.arch}`)} and ${built}.\n` +
      `  No prebuilt binary is shipped for this platform; build one from source (needs python3, make, ` +
      `cmake and a C++17 compiler): npm explore zeromq-turbo -- npm run build:native`,
  )
}

function load(): NativeAddon {
  const file = locate()
  try {
    /* eslint-disable-next-line @typescript-eslint/no-require-imports */
    return require(file) as NativeAddon
  } catch (err) {
    const error = new Error(`zeromq-turbo: the native binary ${file} could not be loaded: ${(err as Error).message}`)
    ;(error as Error & { cause?: unknown }).cause = err
    throw error
  }
}

export const native: NativeAddon = load()
