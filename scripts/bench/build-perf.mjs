#!/usr/bin/env node
// Builds the C programs the benchmark measures against, into build/bench/ (ignored by git):
// libzmq's own perf tools from the fetched, verified source tree (local_thr, remote_thr,
// local_lat, remote_lat, inproc_thr, inproc_lat), our pub/sub driver (pubsub_thr.cpp, next
// to this file), the market-data feed (mdfeed.c) and the Guide's weather server and client in C (wuserver.c, wuclient.c). Each is one g++ call against the same static libzmq.a the addon links, so the
// "ceiling" rows measure the very libzmq build that zeromq-turbo carries. A tool is rebuilt only
// when its source, the library or the command line changed since the last build.
import { spawnSync } from "node:child_process"
import { createHash } from "node:crypto"
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { buildLibzmq } from "../build-libzmq.mjs"
import { fetchLibzmq } from "../fetch-libzmq.mjs"
import { outDir, root, srcDir } from "../libzmq-paths.mjs"

const here = dirname(fileURLToPath(import.meta.url))
export const binDir = join(root, "build", "bench")

/** Tool name -> its source file. */
export function toolSources() {
  const perf = join(srcDir, "perf")
  const tools = {}
  for (const name of ["local_thr", "remote_thr", "local_lat", "remote_lat", "inproc_thr", "inproc_lat"]) {
    tools[name] = join(perf, `${name}.cpp`)
  }
  tools.pubsub_thr = join(here, "pubsub_thr.cpp")
  tools.wuserver = join(here, "wuserver.c")
  tools.wuclient = join(here, "wuclient.c")
  tools.mdfeed = join(here, "mdfeed.c")
  return tools
}

export function toolPath(name) {
  return join(binDir, name)
}

function compileCommand(source, output, lib) {
  const include = join(dirname(dirname(lib)), "include")
  // The perf sources include "../include/zmq.h" (the source tree's copy, identical to the
  // installed one); -I also lets pubsub_thr.cpp find <zmq.h>. inproc_thr/inproc_lat include
  // "platform.hpp", which CMake generated into the build tree. -pthread: libzmq's I/O threads.
  const generated = join(outDir(), "build")
  // C sources are compiled as C (-x c; gnu11 for POSIX's random()), and g++ still links the
  // C++ runtime that libzmq.a needs.
  const language = source.endsWith(".c") ? ["-x", "c", "-std=gnu11"] : ["-std=c++11"]
  const reset = source.endsWith(".c") ? ["-x", "none"] : []
  return [
    "g++",
    ["-O2", ...language, "-I", include, "-I", generated, "-o", output, source, ...reset, lib, "-pthread", "-lrt"],
  ]
}

/** Builds what is missing or stale; returns { name: path }. Logs to stderr only. */
export async function buildPerf({ quiet = false } = {}) {
  const log = msg => quiet || console.error(`[bench] ${msg}`)
  await fetchLibzmq()
  const lib = await buildLibzmq()
  mkdirSync(binDir, { recursive: true })
  const libStat = statSync(lib)
  const built = {}
  for (const [name, source] of Object.entries(toolSources())) {
    const output = toolPath(name)
    const [cc, args] = compileCommand(source, output, lib)
    const key = createHash("sha256")
      .update(JSON.stringify([cc, args, libStat.size, libStat.mtimeMs]))
      .update(readFileSync(source))
      .digest("hex")
    const stamp = `${output}.stamp`
    if (existsSync(output) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === key) {
      built[name] = output
      continue
    }
    log(`${cc} ${args.join(" ")}`)
    const result = spawnSync(cc, args, { stdio: ["ignore", "inherit", "inherit"] })
    if (result.error) throw new Error(`${cc} could not be started: ${result.error.message}`)
    if (result.status !== 0) throw new Error(`building ${name} failed (exit code ${result.status})`)
    writeFileSync(stamp, `${key}\n`)
    built[name] = output
  }
  return built
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildPerf().then(
    tools => {
      for (const [name, path] of Object.entries(tools)) console.log(`${name}\t${path}`)
    },
    error => {
      console.error(`[bench] ${error.message}`)
      process.exit(1)
    },
  )
}
