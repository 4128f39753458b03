#!/usr/bin/env node
// Builds the pinned libzmq as a static, position-independent library with plain CMake, into
// deps/libzmq/out/<arch>/prefix (node's arch names: x64, arm64, ...; scripts/libzmq-paths.mjs). binding.gyp runs this as an action whose output is
// the static library, and the script itself skips the work when a build made from the same
// source, options and compilers is already there: libzmq is built once per machine and target,
// not on every `npm install` or `node-gyp rebuild` (which deletes build/, not deps/).
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { availableParallelism, cpus } from "node:os"
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { fetchLibzmq, fromEnv } from "./fetch-libzmq.mjs"
import { depsDir, outDir, source, srcDir, staticLib, targetArch } from "./libzmq-paths.mjs"

const log = msg => console.error(`[libzmq] ${msg}`)
const optionsFile = join(depsDir, "options.cmake")

/** Everything that makes one build differ from another; a change means a rebuild. */
function fingerprint(arch) {
  const hash = createHash("sha256")
  hash.update(source.sha256)
  hash.update(readFileSync(optionsFile))
  for (const key of ["CC", "CXX", "CFLAGS", "CXXFLAGS", "CMAKE_TOOLCHAIN_FILE"]) {
    hash.update(`${key}=${process.env[key] ?? ""}\n`)
  }
  hash.update(`${process.platform}-${arch}`)
  return hash.digest("hex")
}

function run(cmd, args) {
  log(`${cmd} ${args.join(" ")}`)
  const result = spawnSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] })
  if (result.error) throw new Error(`${cmd} could not be started: ${result.error.message}`)
  if (result.status !== 0) throw new Error(`${cmd} failed with exit code ${result.status}`)
}

/** Cross-compiling for another Linux architecture: CC/CXX name the cross compilers. */
function crossArgs(arch) {
  if (arch === process.arch || process.env.CMAKE_TOOLCHAIN_FILE) {
    return process.env.CMAKE_TOOLCHAIN_FILE ? [`-DCMAKE_TOOLCHAIN_FILE=${process.env.CMAKE_TOOLCHAIN_FILE}`] : []
  }
  const processor = { arm64: "aarch64", x64: "x86_64", arm: "arm", ia32: "i686" }[arch] ?? arch
  const system = { linux: "Linux", darwin: "Darwin", win32: "Windows" }[process.platform]
  return [`-DCMAKE_SYSTEM_NAME=${system}`, `-DCMAKE_SYSTEM_PROCESSOR=${processor}`]
}

export async function buildLibzmq() {
  // A tarball named explicitly is checked even when an earlier build would be reused.
  fromEnv()
  const arch = targetArch()
  const out = outDir(arch)
  const lib = staticLib(arch)
  const stamp = join(out, "build.stamp")
  const want = fingerprint(arch)
  if (existsSync(lib) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === want) {
    log(`reusing ${lib}`)
    return lib
  }
  await fetchLibzmq()
  const build = join(out, "build")
  const prefix = join(out, "prefix")
  rmSync(out, { recursive: true, force: true })
  mkdirSync(build, { recursive: true })
  run("cmake", [
    "-S",
    srcDir,
    "-B",
    build,
    "-C",
    optionsFile,
    `-DCMAKE_INSTALL_PREFIX=${prefix}`,
    "-DCMAKE_INSTALL_LIBDIR=lib",
    ...crossArgs(arch),
  ])
  const jobs = String(typeof availableParallelism === "function" ? availableParallelism() : cpus().length)
  run("cmake", ["--build", build, "--config", "Release", "--parallel", jobs])
  run("cmake", ["--install", build, "--config", "Release"])
  if (!existsSync(lib)) throw new Error(`the build did not produce ${lib}`)
  writeFileSync(stamp, `${want}\n`)
  log(`built ${lib}`)
  return lib
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildLibzmq().catch(err => {
    console.error(`[libzmq] ${err.message}`)
    process.exit(1)
  })
}
