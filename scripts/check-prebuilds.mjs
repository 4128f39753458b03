#!/usr/bin/env node
// Static checks of every prebuild in prebuilds/, by reading the binaries (they are run where
// this machine can run them: test/platforms/). For each target:
//   all      the right file format and CPU; the only exports are the module's entry points.
//   Linux    shared-library dependencies: the C library's parts only (check-ldd.mjs);
//   glibc    no symbol version newer than the target's baseline, nothing from libstdc++/libgcc;
//   musl     every C-library symbol it needs is defined by Debian's musl (x86_64; musl's
//            exported names are the same on every architecture);
//   win32    DLL imports: NODE.EXE and Windows' own DLLs, no MinGW runtime DLL;
//   darwin   the minimum macOS, libSystem as the only library, napi_*/uv_* left to the loading
//            node (flat namespace lookup), and on arm64 a code signature (Apple silicon
//            refuses unsigned code), made by the linker after everything else.
//
//   node scripts/check-prebuilds.mjs [TARGET...]     prints what it found; exit 1 on a problem
import { spawnSync } from "node:child_process"
import { existsSync, statSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { dependencies, disallowed } from "./check-ldd.mjs"
import { root } from "./libzmq-paths.mjs"
import { baseline, prebuildPath, targets } from "./targets.mjs"

const ENTRY_POINTS = ["napi_register_module_v1", "node_api_module_get_api_version_v1"]
/** Supplied by the node binary that loads the addon. */
const FROM_NODE = /^_?(napi_|node_api_|uv_)/
const MUSL_LIBC = "/lib/ld-musl-x86_64.so.1"
const WINDOWS_DLLS = [
  "NODE.EXE",
  "KERNEL32.dll",
  "WS2_32.dll",
  "IPHLPAPI.DLL",
  "ADVAPI32.dll",
  "msvcrt.dll",
  "RPCRT4.dll",
]

function tool(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 })
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${result.stderr || result.error}`)
  return result.stdout
}

/** Dynamic symbols of an ELF file: { name, version, defined, weak }. */
function elfSymbols(file) {
  return tool("readelf", ["-W", "--dyn-syms", file])
    .split("\n")
    .map(line => line.trim().split(/\s+/))
    .filter(cols => cols.length >= 8 && /^\d+:$/.test(cols[0]))
    .map(cols => {
      const [name, version] = cols[7].split(/@+/)
      return { name, version, defined: cols[6] !== "UND", weak: cols[4] === "WEAK", global: cols[4] !== "LOCAL" }
    })
    .filter(sym => sym.name)
}

const versionNumber = v => v.split(".").map(Number)
const newer = (a, b) => {
  const [x, y] = [versionNumber(a), versionNumber(b)]
  for (let i = 0; i < Math.max(x.length, y.length); i++)
    if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0)
  return false
}

/** What the binary of `target` is made of, as far as these checks look. */
export function inspect(target) {
  const file = join(root, prebuildPath(target))
  if (!existsSync(file)) return { file, missing: true }
  const info = { file, size: statSync(file).size }
  info.format = tool("file", ["-b", file]).trim()
  if (target.platform === "linux") {
    info.needed = dependencies(file)
    info.disallowed = disallowed(file)
    const symbols = elfSymbols(file)
    info.exports = symbols.filter(s => s.defined && s.global).map(s => s.name)
    info.versions = [...new Set(symbols.filter(s => !s.defined && s.version).map(s => s.version))].sort()
    info.undefined = symbols.filter(s => !s.defined && !s.weak).map(s => s.name)
    const glibc = info.versions.filter(v => v.startsWith("GLIBC_")).map(v => v.slice(6))
    info.glibc = glibc.reduce((max, v) => (max === undefined || newer(v, max) ? v : max), undefined)
  } else if (target.platform === "win32") {
    const dump = tool(`${target.mingw}-objdump`, ["-p", file])
    info.dlls = [...dump.matchAll(/DLL Name: (\S+)/g)].map(m => m[1])
    const table = /\[Ordinal\/Name Pointer\] Table([\s\S]*?)(?:\n\n|$)/.exec(dump)?.[1] ?? ""
    info.exports = [...table.matchAll(/\]\s+(\S+)/g)].map(m => m[1])
  } else if (target.platform === "darwin") {
    const headers = tool("llvm-objdump", ["--macho", "--private-headers", file])
    info.dylibs = [...headers.matchAll(/cmd LC_LOAD_DYLIB[\s\S]*?name (\S+)/g)].map(m => m[1])
    info.minos = /minos (\S+)/.exec(headers)?.[1] ?? /cmd LC_VERSION_MIN_MACOSX[\s\S]*?version (\S+)/.exec(headers)?.[1]
    info.signed = headers.includes("LC_CODE_SIGNATURE")
    // What dyld exports: the export trie (llvm-nm would list private externs too).
    info.exports = [
      ...tool("llvm-objdump", ["--macho", "--exports-trie", file]).matchAll(/^0x[0-9A-F]+\s+_(\S+)/gm),
    ].map(m => m[1])
    const imports = tool("llvm-nm", ["--undefined-only", "--just-symbol-name", file]).split("\n").filter(Boolean)
    info.fromNode = imports.filter(name => FROM_NODE.test(name)).length
    info.imports = imports.length
  }
  return info
}

/** Everything wrong with the target's binary ([] when it passes). */
export function problems(target, info = inspect(target)) {
  if (info.missing) return [`${prebuildPath(target)} does not exist: run \`npm run prebuild:all\``]
  const found = []
  const expect = (ok, text) => ok || found.push(text)
  const cpu = {
    x64: { linux: "x86-64", win32: "x86-64", darwin: "x86_64" },
    arm64: { linux: "aarch64", darwin: "arm64" },
  }
  const format = { linux: "ELF 64-bit", win32: "PE32+ executable (DLL)", darwin: "Mach-O 64-bit" }[target.platform]
  expect(
    info.format.includes(format) && info.format.includes(cpu[target.arch][target.platform]),
    `not a ${target.name} binary: ${info.format}`,
  )
  // macOS: Zig 0.11's Mach-O linker takes no export list (-exported_symbol) and exports
  // libzmq's and libc++'s symbols even when compiled hidden, so there only the count is reported.
  const extraExports = target.platform === "darwin" ? [] : info.exports.filter(name => !ENTRY_POINTS.includes(name))
  expect(info.exports.includes("napi_register_module_v1"), "does not export napi_register_module_v1")
  expect(
    extraExports.length === 0,
    `exports more than the module's entry points: ${extraExports.slice(0, 5).join(", ")}`,
  )
  if (target.platform === "linux") {
    expect(info.disallowed.length === 0, `depends on ${info.disallowed.join(", ")}`)
    const runtime = info.versions.filter(v => /^(GLIBCXX|CXXABI|GCC)_/.test(v))
    expect(runtime.length === 0, `needs the C++ runtime or libgcc: ${runtime.join(", ")}`)
  }
  if (target.libc === "glibc") {
    const floor = baseline(target)
    expect(info.glibc !== undefined && !newer(info.glibc, floor), `needs glibc ${info.glibc}, newer than ${floor}`)
  }
  if (target.libc === "musl") {
    const musl = new Set(
      elfSymbols(MUSL_LIBC)
        .filter(s => s.defined)
        .map(s => s.name),
    )
    const missing = info.undefined.filter(name => !FROM_NODE.test(name) && !musl.has(name))
    expect(missing.length === 0, `uses C-library functions musl does not define: ${missing.join(", ")}`)
  }
  if (target.platform === "win32") {
    const other = info.dlls.filter(dll => !WINDOWS_DLLS.some(name => name.toLowerCase() === dll.toLowerCase()))
    expect(other.length === 0, `imports DLLs a Windows machine does not have: ${other.join(", ")}`)
    expect(info.dlls.includes("NODE.EXE"), "does not import node's functions from NODE.EXE")
  }
  if (target.platform === "darwin") {
    const minimum = baseline(target)
    expect(info.minos === minimum, `minimum macOS ${info.minos}, not ${minimum}`)
    expect(
      info.dylibs.length === 1 && info.dylibs[0] === "/usr/lib/libSystem.B.dylib",
      `links ${info.dylibs.join(", ")}`,
    )
    expect(info.fromNode > 0, "imports no napi_* function: it could not register itself")
    expect(target.arch !== "arm64" || info.signed, "arm64 binary without a code signature")
  }
  return found
}

/** One line per target: what a user of it needs. */
export function describe(target, info) {
  const size = `${(info.size / 1024).toFixed(0)} KiB`
  if (target.platform === "linux") {
    const floor = target.libc === "glibc" ? `glibc >= ${info.glibc}` : "musl"
    return `${size}, ${floor}, needs ${info.needed.join(", ")}`
  }
  if (target.platform === "win32") return `${size}, imports ${info.dlls.join(", ")}`
  return `${size}, macOS >= ${info.minos}, links ${info.dylibs.join(", ")}, ${info.fromNode} napi_*/uv_* from node, ${info.exports.length} exported symbols${info.signed ? ", ad-hoc signed" : ""}`
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const names = process.argv.slice(2)
  let failed = false
  for (const target of targets.filter(t => names.length === 0 || names.includes(t.name))) {
    const info = inspect(target)
    const found = problems(target, info)
    console.error(`check-prebuilds: ${target.name}: ${found.length === 0 ? describe(target, info) : found.join("; ")}`)
    failed ||= found.length > 0
  }
  process.exit(failed ? 1 : 0)
}
