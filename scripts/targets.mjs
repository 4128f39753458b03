// The prebuild targets of `npm run prebuild:all`, the toolchain that makes each, and where its
// binary goes (prebuildify's layout, which node-gyp-build and lib/native.ts read:
// prebuilds/<platform>-<arch>/zeromq-turbo[.<libc>].node, the libc tag on Linux only).
//
// Why each toolchain (the evidence is in docs/prebuilds.md):
// - Linux x64, glibc: two binaries, tried in this order by lib/native.ts. First this machine's
//   gcc 12 through prebuildify and node-gyp (`npm run prebuildify`: glibc >= 2.36), the build
//   the bench compares with, because Zig's was slower on the bench's 16 B send and receive loops.
//   Then the portable one, Zig targeting glibc 2.17, which the loader falls back to where the
//   first fails to load (Ubuntu 22.04, RHEL 8 and 9, Debian 11...). Debian's gcc cannot target an
//   older glibc: its static libstdc++/libgcc need 2.32-2.36 symbols (arc4random,
//   _dl_find_object, __libc_single_threaded), and bullseye's cross sysroots stop at 2.31.
// - Linux arm64, glibc: Zig, glibc 2.17 (the oldest glibc for arm64 at all).
//   2.17 rather than 2.28: libzmq's CMake build uses nothing newer (it checks for getrandom but
//   never uses the result), so the older floor is free.
// - Linux, musl: Zig (Debian has no musl C++ toolchain).
// - Windows: Debian's MinGW-w64 (g++ 12, posix threads), everything static but the system DLLs.
// - macOS: Zig (nothing else here targets Mach-O).
import { spawnSync } from "node:child_process"
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from "node:fs"
import { join } from "node:path"
import { depsDir } from "./libzmq-paths.mjs"

export const targets = [
  // The order of the two x64 glibc files is the loader's: `zeromq-turbo.glibc.node` sorts before
  // `zeromq-turbo.glibc.portable.node` (the same tags, and directories are read sorted), in
  // lib/native.ts as in node-gyp-build.
  { name: "linux-x64-glibc", platform: "linux", arch: "x64", libc: "glibc", prebuildify: true },
  {
    name: "linux-x64-glibc-portable",
    platform: "linux",
    arch: "x64",
    libc: "glibc",
    variant: "portable",
    zig: "x86_64-linux-gnu.2.17",
  },
  { name: "linux-arm64-glibc", platform: "linux", arch: "arm64", libc: "glibc", zig: "aarch64-linux-gnu.2.17" },
  { name: "linux-x64-musl", platform: "linux", arch: "x64", libc: "musl", zig: "x86_64-linux-musl" },
  { name: "linux-arm64-musl", platform: "linux", arch: "arm64", libc: "musl", zig: "aarch64-linux-musl" },
  { name: "win32-x64", platform: "win32", arch: "x64", mingw: "x86_64-w64-mingw32" },
  // macOS 11: the oldest Zig 0.11 has libc headers for (it ships macOS 11-13's), and the first on
  // Apple silicon. A source build (binding.gyp) still targets 10.15, which Node 18 and 20 support.
  { name: "darwin-x64", platform: "darwin", arch: "x64", zig: "x86_64-macos.11.0" },
  { name: "darwin-arm64", platform: "darwin", arch: "arm64", zig: "aarch64-macos.11.0" },
]

/** The oldest C library (glibc) or OS (macOS) the target's binary runs on. */
export function baseline(target) {
  if (target.zig) return target.zig.split(".").slice(1).join(".") || undefined
  // prebuildify's build: the glibc of the machine that made it.
  return process.report.getReport().header.glibcVersionRuntime
}

/** The file a target's binary is shipped as, relative to the package root. */
export function prebuildPath(target) {
  const tags = ["zeromq-turbo", ...(target.libc ? [target.libc] : []), ...(target.variant ? [target.variant] : [])]
  return join("prebuilds", `${target.platform}-${target.arch}`, `${tags.join(".")}.node`)
}

const cmakeSystem = { linux: "Linux", darwin: "Darwin", win32: "Windows" }
const processor = { x64: "x86_64", arm64: "aarch64" }

function version(cmd, args = ["--version"]) {
  const result = spawnSync(cmd, args, { encoding: "utf8" })
  if (result.status !== 0) throw new Error(`${cmd} is not usable: ${result.stderr || result.error}`)
  return result.stdout.split("\n")[0]
}

/**
 * The compilers, tools and CMake toolchain file of a target, written into `dir`: the Zig
 * targets get wrapper scripts (`zig cc -target ...`), since CMake wants one executable per
 * compiler. `zig` is the path of the zig executable (scripts/zig.mjs) for the Zig targets.
 * Returns { cc, cxx, toolchainFile, inputs } where `inputs` fingerprints the toolchain.
 */
export function toolchain(target, dir, zig) {
  mkdirSync(dir, { recursive: true })
  const tools = {}
  const inputs = [target.name]
  if (target.zig) {
    for (const [tool, args] of [
      ["cc", `cc -target ${target.zig}`],
      ["c++", `c++ -target ${target.zig}`],
      ["ar", "ar"],
      ["ranlib", "ranlib"],
    ]) {
      const file = join(dir, tool)
      writeFileSync(file, `#!/bin/sh\nexec "${zig}" ${args} "$@"\n`)
      chmodSync(file, 0o755)
      tools[tool] = file
    }
    inputs.push(`zig ${version(zig, ["version"])}`, target.zig)
  } else {
    const prefix = target.mingw
    tools.cc = `${prefix}-gcc-posix`
    tools["c++"] = `${prefix}-g++-posix`
    tools.ar = `${prefix}-ar`
    tools.ranlib = `${prefix}-ranlib`
    tools.rc = `${prefix}-windres`
    inputs.push(version(tools.cc), version(tools["c++"]))
  }
  const preseed = join(depsDir, `cross-${target.platform}.cmake`)
  const lines = [
    `# Written by scripts/targets.mjs for ${target.name}.`,
    `set(CMAKE_SYSTEM_NAME ${cmakeSystem[target.platform]})`,
    `set(CMAKE_SYSTEM_PROCESSOR ${processor[target.arch]})`,
    `set(CMAKE_C_COMPILER "${tools.cc}")`,
    `set(CMAKE_CXX_COMPILER "${tools["c++"]}")`,
    `set(CMAKE_AR "${tools.ar}" CACHE FILEPATH "")`,
    `set(CMAKE_RANLIB "${tools.ranlib}" CACHE FILEPATH "")`,
  ]
  // libzmq 4.3.4 builds with Zig's libc++ only as C++20 (an allocator assertion otherwise).
  // libzmq 4.3.4 builds with Zig's libc++ only as C++20 (an allocator assertion otherwise).
  if (target.zig)
    lines.push("set(CMAKE_CXX_STANDARD 20)", 'set(CMAKE_CXX_FLAGS_INIT "-Wno-inconsistent-missing-override")')
  if (tools.rc) {
    lines.push(`set(CMAKE_RC_COMPILER "${tools.rc}")`, "set(CMAKE_SYSTEM_VERSION 10.0)")
    // libzmq and wepoll include Windows headers by their MSVC spelling (<WS2tcpip.h>...), and
    // MinGW's are lower case: on a case-sensitive file system they need a shim each.
    const shims = join(dir, "include")
    mkdirSync(shims, { recursive: true })
    for (const header of ["WS2tcpip.h", "WinSock2.h", "Windows.h", "Mstcpip.h"]) {
      writeFileSync(join(shims, header), `#include <${header.toLowerCase()}>\n`)
    }
    lines.push(`set(CMAKE_C_FLAGS_INIT "-I${shims}")`, `set(CMAKE_CXX_FLAGS_INIT "-I${shims}")`)
  }
  if (target.platform === "darwin") {
    // No SDK to look for: Zig brings libSystem's stubs.
    lines.push('set(CMAKE_OSX_SYSROOT "")', 'set(CMAKE_OSX_DEPLOYMENT_TARGET "")')
  }
  // Inlined rather than include()d: the file must not name the checkout it came from, so that
  // its text (part of the fingerprint) is the same in every clone.
  lines.push(readFileSync(preseed, "utf8"))
  const toolchainFile = join(dir, "toolchain.cmake")
  writeFileSync(toolchainFile, `${lines.join("\n")}\n`)
  inputs.push(readFileSync(toolchainFile, "utf8"))
  return { ...tools, toolchainFile, inputs }
}
