// What the prebuild tests run with: Node binaries of other versions and platforms from the npm
// registry, a Debian 11 (glibc 2.31) root, and a package directory holding one prebuild.
// Everything fetched is kept in the user cache (scripts/libzmq-paths.mjs's cacheDir()), so only
// the first run on a machine downloads.
import { spawnSync, type SpawnSyncOptions } from "node:child_process"
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs"
import { join } from "node:path"
// @ts-expect-error: a plain JavaScript module without declarations
import { cacheDir } from "../../scripts/libzmq-paths.mjs"
// @ts-expect-error: a plain JavaScript module without declarations
import { prebuildPath } from "../../scripts/targets.mjs"

export const root = new URL("../..", import.meta.url).pathname
export const exercise = join(root, "test/platforms/fixtures/exercise.cjs")

export interface Target {
  name: string
  variant?: string
  prebuildify?: boolean
  platform: string
  arch: string
  libc?: string
  zig?: string
  mingw?: string
}

/** The Node binaries used, pinned (the newest of each line when this was written). */
export const runtimes = {
  "linux-x64": { 18: "18.20.8", 20: "20.20.2", 22: "22.23.5", 24: "24.22.3", 26: "26.12.1" },
  "linux-arm64": { 20: "20.20.2" },
  "win-x64": { 20: "20.20.2" },
} as const

export function run(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, ...options })
  return result as typeof result & { stdout: string; stderr: string }
}

function must(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = run(cmd, args, options)
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${result.stderr || result.error}`)
  return result.stdout
}

/** Unpacks an npm package (through `npm pack`, the registry npm is configured for) once. */
function npmPackage(spec: string, extraArgs: string[] = []): string {
  const dir = join(cacheDir(), "runtimes", spec.replace(/[@/]/g, "-"))
  if (existsSync(join(dir, "package.json"))) return dir
  mkdirSync(join(cacheDir(), "runtimes"), { recursive: true })
  const tmp = mkdtempSync(join(cacheDir(), "runtimes", ".fetch-"))
  try {
    must("npm", ["pack", spec, "--pack-destination", tmp, ...extraArgs], { stdio: "ignore" })
    const tarball = readdirSync(tmp).find(name => name.endsWith(".tgz"))!
    must("tar", ["-xzf", join(tmp, tarball), "-C", tmp])
    rmSync(dir, { recursive: true, force: true })
    renameSync(join(tmp, "package"), dir)
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
  return dir
}

/** The node executable of `node-<platform>-<arch>@version` from the npm registry. */
export function nodeBinary(platform: "linux-x64" | "linux-arm64" | "win-x64", version: string): string {
  const dir = npmPackage(`node-${platform}@${version}`)
  const exe = platform.startsWith("win") ? join(dir, "bin", "node.exe") : join(dir, "bin", "node")
  if (!existsSync(exe)) throw new Error(`node-${platform}@${version} has no ${exe}`)
  return exe
}

/**
 * A package directory with package.json, dist/ and the prebuilds of `targets` (or `binary`, put
 * where the loader looks for a source build). It lives in build/ so that node-gyp-build
 * resolves from the project's node_modules.
 */
export function stage(targets: Target[], binary?: string): string {
  const name = targets.map(t => t.name).join("+") + (binary ? "-source-build" : "")
  const dir = join(root, "build", "prebuild-stage", name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  cpSync(join(root, "package.json"), join(dir, "package.json"))
  cpSync(join(root, "dist"), join(dir, "dist"), { recursive: true })
  if (binary) {
    mkdirSync(join(dir, "build", "Release"), { recursive: true })
    cpSync(binary, join(dir, "build", "Release", "zeromq_turbo.node"))
  }
  for (const target of targets) cpSync(join(root, prebuildPath(target)), join(dir, prebuildPath(target)))
  return dir
}

export interface Exercise {
  binary?: string
  version?: string
  node?: string
  checks?: string[]
  capability?: Record<string, boolean>
  error?: string
}

/** The JSON line exercise.cjs printed (or wrote to `file`), or the process's output as error. */
export function outcome(result: ReturnType<typeof run>, file?: string): Exercise {
  const text = file && existsSync(file) ? readFileSync(file, "utf8") : result.stdout
  const line = text
    .split("\n")
    .reverse()
    .find(l => l.startsWith("{"))
  if (line) return JSON.parse(line) as Exercise
  return { error: `exit ${result.status ?? result.signal}: ${result.stderr.slice(-2000)}${result.error ?? ""}` }
}

/** This machine's apt mirror for Debian, from its own sources (no host name written here). */
function debianMirror(): string {
  for (const file of ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"]) {
    if (!existsSync(file)) continue
    const text = readFileSync(file, "utf8")
    const uri = /^URIs:\s*(\S+)/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+\w+/m.exec(text)?.[1]
    if (uri && !uri.includes("security")) return uri
  }
  throw new Error("no Debian mirror in this machine's apt sources")
}

/**
 * A Debian 11 (bullseye, glibc 2.31) root made of its libc6, libstdc++6 and libgcc-s1 packages,
 * downloaded with apt (a sources list of its own, pointing at this machine's mirror, checked
 * with the Debian archive keyring) and unpacked with dpkg-deb. Programs run in it through its
 * own ld.so: `${root}/lib64/ld-linux-x86-64.so.2 --library-path ${libraryPath} program`.
 */
export function bullseyeRoot(): { root: string; loader: string; libraryPath: string } {
  const dir = join(cacheDir(), "roots", "debian-11-amd64")
  const result = {
    root: dir,
    loader: join(dir, "lib", "x86_64-linux-gnu", "ld-2.31.so"),
    libraryPath: [join(dir, "lib", "x86_64-linux-gnu"), join(dir, "usr", "lib", "x86_64-linux-gnu")].join(":"),
  }
  if (existsSync(result.loader)) return result
  const apt = mkdtempSync(join(cacheDir(), ".apt-"))
  try {
    mkdirSync(join(apt, "lists", "partial"), { recursive: true })
    mkdirSync(join(apt, "archives", "partial"), { recursive: true })
    writeFileSync(
      join(apt, "sources.list"),
      `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${debianMirror()} bullseye main\n`,
    )
    const options = [
      `-o`,
      `Dir::Etc::SourceList=${join(apt, "sources.list")}`,
      `-o`,
      `Dir::Etc::SourceParts=${join(apt, "parts")}`,
      `-o`,
      `Dir::State::Lists=${join(apt, "lists")}`,
      `-o`,
      `Dir::Cache=${apt}`,
      // An empty dpkg status: otherwise apt wants the versions this machine has installed.
      `-o`,
      `Dir::State::status=${join(apt, "status")}`,
      `-o`,
      `APT::Architecture=amd64`,
      `-o`,
      `APT::Architectures=amd64`,
    ]
    mkdirSync(join(apt, "parts"))
    writeFileSync(join(apt, "status"), "")
    must("apt-get", [...options, "-qq", "update"])
    must("apt-get", [...options, "-qq", "download", "libc6", "libstdc++6", "libgcc-s1"], { cwd: apt })
    const staging = `${dir}.partial`
    rmSync(staging, { recursive: true, force: true })
    mkdirSync(join(cacheDir(), "roots"), { recursive: true })
    for (const deb of readdirSync(apt).filter(name => name.endsWith(".deb"))) {
      must("dpkg-deb", ["-x", join(apt, deb), staging])
    }
    rmSync(dir, { recursive: true, force: true })
    renameSync(staging, dir)
  } finally {
    rmSync(apt, { recursive: true, force: true })
  }
  if (!existsSync(result.loader)) throw new Error(`the Debian 11 root has no ${result.loader}`)
  return result
}
