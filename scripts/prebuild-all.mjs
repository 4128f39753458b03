#!/usr/bin/env node
// `npm run prebuild:all`: the N-API prebuilds of every target in scripts/targets.mjs, made on
// this Linux x64 machine, into prebuilds/ (prebuildify's layout), then checked by
// scripts/check-prebuilds.mjs. The linux-x64 glibc build for this machine's own glibc is
// `npm run prebuildify`'s; the others are made here.
//
//   node scripts/prebuild-all.mjs [--only NAME[,NAME...]] [--no-check]
//
// libzmq is built per target with CMake and the target's toolchain file (scripts/targets.mjs),
// reused from the user cache when nothing changed (scripts/build-libzmq.mjs). The addon itself
// is compiled here, by calling the target's compiler on the sources and defines binding.gyp
// lists: node-gyp cannot cross-compile to Windows or macOS (its Makefile generator assumes the
// build machine's platform), and the addon is seven files with one set of flags.
import { spawn, spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"
import { availableParallelism } from "node:os"
import { dirname, join } from "node:path"
import { parseArgs } from "node:util"
import { buildLibzmq } from "./build-libzmq.mjs"
import { cacheDir, root } from "./libzmq-paths.mjs"
import { prebuildPath, targets, toolchain } from "./targets.mjs"
import { ensureZig } from "./zig.mjs"

const require = createRequire(import.meta.url)
const log = msg => console.error(`[prebuild] ${msg}`)

/** binding.gyp's addon target: its sources, and the defines of the bundled-libzmq build. */
export function gypAddon() {
  // gyp files are Python literals: drop the comments and trailing commas to read them as JSON.
  const text = readFileSync(join(root, "binding.gyp"), "utf8")
    .replace(/^\s*#.*$/gm, "")
    .replace(/,(\s*[\]}])/g, "$1")
  const addon = JSON.parse(text).targets.find(t => t.target_name === "zeromq_turbo")
  const bundled = addon.conditions.find(([condition]) => condition === "zmq_system==0")[1]
  return { sources: addon.sources, defines: [...addon.defines, ...bundled.defines] }
}

/** The headers of the Node that runs this (node-api and libuv; libuv's ABI is stable in 1.x). */
function nodeHeaders() {
  for (const dir of [
    join(dirname(process.execPath), "..", "include", "node"),
    join(cacheDir(), "..", "node-gyp", process.versions.node, "include", "node"),
  ]) {
    if (existsSync(join(dir, "node_api.h")) && existsSync(join(dir, "uv.h"))) return dir
  }
  throw new Error("no Node.js headers (node_api.h and uv.h) beside this node; run `node-gyp install`")
}

function run(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })
  if (result.status !== 0) {
    throw new Error(`${cmd} ${args.join(" ")}\n${result.stderr || result.stdout || result.error}`)
  }
  return result.stdout
}

/** Runs the commands, `jobs` at a time; rejects with the first failure's output. */
function parallel(commands, jobs) {
  let next = 0
  const worker = async () => {
    while (next < commands.length) {
      const [cmd, args] = commands[next++]
      await new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"] })
        let output = ""
        child.stdout.on("data", chunk => (output += chunk))
        child.stderr.on("data", chunk => (output += chunk))
        child.on("error", reject)
        child.on("close", code => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")}\n${output}`))))
      })
    }
  }
  return Promise.all(Array.from({ length: Math.min(jobs, commands.length) }, worker))
}

/** The flags of one target: compiling the addon's sources, and linking them with libzmq. */
function flags(target, prefix) {
  const addon = gypAddon()
  const compile = [
    "-std=c++17",
    "-O3",
    "-DNDEBUG",
    "-fvisibility=hidden",
    "-fno-rtti",
    "-fexceptions",
    "-Wall",
    "-Wextra",
    "-Wno-unused-parameter",
    ...[...addon.defines, "NAPI_CPP_EXCEPTIONS", "BUILDING_NODE_EXTENSION"].map(d => `-D${d}`),
    `-I${nodeHeaders()}`,
    `-I${dirname(require.resolve("node-addon-api/package.json"))}`,
    `-I${join(prefix, "include")}`,
  ]
  // -s: no symbol table or debug info in what users get (instead of a strip step, which fails
  // on arm64 ELF with the machine's binutils and would break macOS arm64's ad-hoc signature).
  const link = ["-shared", "-s"]
  let libs = []
  if (target.platform === "linux") {
    compile.push("-fPIC")
    // exports.map keeps everything but the module's entry points local (zig's linker rejects
    // gcc's -Wl,--exclude-libs,ALL, which the version script makes unnecessary).
    link.push(`-Wl,--version-script=${join(root, "native", "exports.map")}`)
    libs = ["-lpthread", "-lrt"]
  } else if (target.platform === "darwin") {
    // The napi_* and uv_* functions come from the node binary that loads us.
    link.push("-Wl,-undefined,dynamic_lookup")
  } else if (target.platform === "win32") {
    // Everything but the system DLLs linked in (no libstdc++/libgcc/libwinpthread DLLs to ship);
    // node.exe's functions through an import library made from node-api-headers' list.
    compile.push("-D_WIN32_WINNT=0x0A00")
    link.push("-static", "-static-libgcc", "-static-libstdc++")
    libs = ["-lws2_32", "-liphlpapi", "-ladvapi32", "-lrpcrt4"]
  }
  return { sources: addon.sources, compile, link, libs }
}

/**
 * NODE.EXE's import library for MinGW: node-api-headers' .def files (every napi_* symbol)
 * plus the uv_* functions the objects use, through dlltool.
 */
function nodeImportLibrary(target, objects, dir) {
  const defs = join(dirname(require.resolve("node-api-headers/package.json")), "def")
  const napi = readdirSync(defs)
    .flatMap(file => readFileSync(join(defs, file), "utf8").split(/\r?\n/))
    .map(line => line.trim())
    .filter(line => /^napi_|^node_api_/.test(line))
  const uv = new Set()
  for (const object of objects) {
    for (const match of run(`${target.mingw}-nm`, ["-u", object]).matchAll(/\b(uv_\w+)/g)) uv.add(match[1])
  }
  const def = join(dir, "node.def")
  writeFileSync(def, ["NAME NODE.EXE", "EXPORTS", ...new Set(napi), ...[...uv].sort(), ""].join("\n"))
  const lib = join(dir, "libnode.a")
  run(`${target.mingw}-dlltool`, ["-d", def, "-l", lib, "-D", "NODE.EXE"])
  return lib
}

async function buildTarget(target, zig) {
  const started = Date.now()
  if (target.prebuildify) {
    // This machine's own build, exactly as `npm run prebuildify` makes it (node-gyp, gcc).
    const npm = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", ["run", "prebuildify"], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
    })
    if (npm.status !== 0) throw new Error(`npm run prebuildify failed (exit ${npm.status})`)
    log(`${target.name}: ${prebuildPath(target)} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
    return join(root, prebuildPath(target))
  }
  const tc = toolchain(target, join(cacheDir(), "toolchains", target.name), zig)
  const lib = await buildLibzmq({
    name: target.name,
    cmakeArgs: [`-DCMAKE_TOOLCHAIN_FILE=${tc.toolchainFile}`],
    inputs: tc.inputs,
  })
  const prefix = dirname(dirname(lib))
  const objDir = join(root, "build", "prebuild", target.name)
  rmSync(objDir, { recursive: true, force: true })
  mkdirSync(objDir, { recursive: true })
  const f = flags(target, prefix)
  const objects = f.sources.map(source => join(objDir, source.replace(/^native\//, "").replace(/\.cc$/, ".o")))
  await parallel(
    f.sources.map((source, i) => [tc["c++"], [...f.compile, "-c", join(root, source), "-o", objects[i]]]),
    availableParallelism(),
  )
  const extra = target.platform === "win32" ? [nodeImportLibrary(target, objects, objDir)] : []
  const out = join(root, prebuildPath(target))
  mkdirSync(dirname(out), { recursive: true })
  run(tc["c++"], [...f.link, "-o", out, ...objects, lib, ...extra, ...f.libs])
  log(`${target.name}: ${prebuildPath(target)} (${((Date.now() - started) / 1000).toFixed(0)} s)`)
  return out
}

async function main() {
  const { values } = parseArgs({
    options: { only: { type: "string" }, "no-check": { type: "boolean", default: false } },
  })
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error("prebuild:all runs on Linux x64 (its toolchains are Debian's and Zig's for that machine)")
  }
  const wanted = values.only?.split(",").map(s => s.trim())
  const chosen = wanted ? targets.filter(t => wanted.includes(t.name)) : targets
  if (wanted && chosen.length !== wanted.length) {
    throw new Error(`--only: unknown target in ${values.only}; targets: ${targets.map(t => t.name).join(", ")}`)
  }
  const zig = chosen.some(t => t.zig) ? ensureZig() : undefined
  for (const target of chosen) await buildTarget(target, zig)
  if (!values["no-check"]) {
    const check = spawnSync(
      process.execPath,
      [join(root, "scripts", "check-prebuilds.mjs"), ...chosen.map(t => t.name)],
      {
        stdio: "inherit",
      },
    )
    process.exit(check.status ?? 1)
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  main().catch(error => {
    console.error(`[prebuild] ${error.message}`)
    process.exit(1)
  })
}
