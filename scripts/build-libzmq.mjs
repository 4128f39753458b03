#!/usr/bin/env node
// Builds the pinned libzmq as a static, position-independent library with plain CMake, into
// deps/libzmq/out/<arch>/prefix (node's arch names: x64, arm64, ...; scripts/libzmq-paths.mjs). binding.gyp runs this as an action whose output is
// the static library, and the script itself skips the work when a build made from the same
// source, options and compilers is already there: libzmq is built once per machine and target,
// not on every `npm install` or `node-gyp rebuild` (which deletes build/, not deps/).
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { availableParallelism, cpus } from "node:os"
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { fetchLibzmq, fromEnv } from "./fetch-libzmq.mjs"
import { cacheDir, depsDir, outDir, sourceId, srcDir, staticLib, targetArch } from "./libzmq-paths.mjs"

const log = msg => console.error(`[libzmq] ${msg}`)
const optionsFile = join(depsDir, "options.cmake")

/** Everything that makes one build differ from another; a change means a rebuild. */
function fingerprint(arch, target) {
  const hash = createHash("sha256")
  hash.update(sourceId())
  hash.update(readFileSync(optionsFile))
  if (target) {
    // A prebuild target: its toolchain file, preseeded checks and compilers say it all.
    for (const input of target.inputs) hash.update(`${input}\n`)
    return hash.digest("hex")
  }
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

/**
 * Builds libzmq for this machine (`--arch`, what binding.gyp asks for), or for a prebuild
 * target of scripts/prebuild-all.mjs: `target` = { name, cmakeArgs, inputs }, built into
 * deps/libzmq/out/<name>. A target's build is also kept in the user cache
 * (<cache>/libzmq/<name>-<fingerprint>), so a fresh clone reuses it; the fingerprint covers the
 * source, the options, the toolchain file with its preseeded checks and the compilers' versions.
 * platform.hpp (what CMake found about the target) is kept beside the library.
 */
export async function buildLibzmq(target = undefined) {
  // A tarball named explicitly is checked even when an earlier build would be reused.
  fromEnv()
  const arch = targetArch()
  const out = outDir(target?.name ?? arch)
  const prefix = join(out, "prefix")
  // libzmq's CMake names the Windows static library for its toolset (libzmq-mt-s-4_3_4.a).
  const targetLib = () =>
    join(prefix, "lib", readdirSync(join(prefix, "lib")).find(name => /^libzmq.*\.a$/.test(name)) ?? "libzmq.a")
  let lib = target ? (existsSync(join(prefix, "lib")) ? targetLib() : join(prefix, "lib", "libzmq.a")) : staticLib(arch)
  const stamp = join(out, "build.stamp")
  const want = fingerprint(arch, target)
  if (existsSync(lib) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === want) {
    log(`reusing ${lib}`)
    return lib
  }
  const cached = target && join(cacheDir(), "libzmq", `${target.name}-${want.slice(0, 16)}`)
  if (cached && existsSync(join(cached, "build.stamp"))) {
    rmSync(out, { recursive: true, force: true })
    cpSync(cached, out, { recursive: true })
    log(`reusing ${cached}`)
    return targetLib()
  }
  await fetchLibzmq()
  const build = join(out, "build")
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
    ...(target ? target.cmakeArgs : crossArgs(arch)),
  ])
  const jobs = String(typeof availableParallelism === "function" ? availableParallelism() : cpus().length)
  run("cmake", ["--build", build, "--config", "Release", "--parallel", jobs])
  run("cmake", ["--install", build, "--config", "Release"])
  if (target) lib = targetLib()
  if (!existsSync(lib)) throw new Error(`the build did not produce ${lib}`)
  copyFileSync(join(build, "platform.hpp"), join(prefix, "platform.hpp"))
  writeFileSync(stamp, `${want}\n`)
  if (cached) {
    // The prefix (and the stamp) is what a later build needs; the build tree is not kept.
    rmSync(cached, { recursive: true, force: true })
    mkdirSync(cached, { recursive: true })
    cpSync(prefix, join(cached, "prefix"), { recursive: true })
    copyFileSync(stamp, join(cached, "build.stamp"))
  }
  log(`built ${lib}`)
  return lib
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildLibzmq().catch(err => {
    console.error(`[libzmq] ${err.message}`)
    process.exit(1)
  })
}
