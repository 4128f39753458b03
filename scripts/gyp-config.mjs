#!/usr/bin/env node
// Answers binding.gyp's questions, so that the gyp file holds no paths or policy of its own:
//   system        1 when building against the system's libzmq (pkg-config), else 0
//   include ARCH  the bundled libzmq's include directory
//   lib ARCH      the bundled libzmq's static library
//   cflags|libs   pkg-config's flags for the system's libzmq
// The system libzmq is opted into with `npm install --zmq-system` (npm_config_zmq_system) or
// ZMQ_TURBO_SYSTEM_LIBZMQ=1: for distribution packagers who link their own libzmq.
import { spawnSync } from "node:child_process"
import { join } from "node:path"
import { outDir, staticLib } from "./libzmq-paths.mjs"

const truthy = v => v !== undefined && v !== "" && v !== "0" && v !== "false"
const useSystem = truthy(process.env.npm_config_zmq_system) || truthy(process.env.ZMQ_TURBO_SYSTEM_LIBZMQ)

function pkgConfig(flag) {
  const out = spawnSync("pkg-config", [flag, "libzmq"], { encoding: "utf8" })
  if (out.status !== 0) {
    console.error(
      "zeromq-turbo: the system libzmq was requested but `pkg-config libzmq` failed; install libzmq's development package (Debian: libzmq3-dev)",
    )
    process.exit(1)
  }
  return out.stdout.trim()
}

const [what, arch] = process.argv.slice(2)
switch (what) {
  case "system":
    console.log(useSystem ? 1 : 0)
    break
  case "include":
    console.log(join(outDir(arch), "prefix", "include"))
    break
  case "lib":
    console.log(staticLib(arch))
    break
  case "cflags":
    console.log(pkgConfig("--cflags"))
    break
  case "libs":
    console.log(pkgConfig("--libs"))
    break
  default:
    console.error(`gyp-config: unknown question ${what}`)
    process.exit(1)
}
