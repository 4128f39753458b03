#!/usr/bin/env node
// zeromq@5, the old EventEmitter binding, as a second oracle for the v5-compat tests
// (test/parity/compat/): installed from the npm registry and built from source with node-gyp
// against the system's libzmq (Debian's libzmq3-dev), once per Node ABI, in the cache outside
// the repository (never committed). Its own install script would download libzmq; it is
// skipped, and `zmq_external` makes its binding.gyp link -lzmq instead.
//
// `node scripts/zeromq5.mjs` builds it (if needed) and prints the package directory. The tests'
// global setup calls ensureZeromq5(): about 40 s the first time on 2 cores, nothing afterwards.
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { cacheDir } from "./libzmq-paths.mjs"

/** The last zeromq@5 release; it supports libzmq 4.x and builds on Node 20 with nan 2.17. */
export const VERSION = "5.3.1"

const where = join(
  cacheDir(),
  "zeromq5",
  `${VERSION}-abi${process.versions.modules}-${process.platform}-${process.arch}`,
)
const packageDir = join(where, "node_modules", "zeromq")
const binary = join(packageDir, "build", "Release", "zmq.node")

function run(cmd, args, options) {
  const result = spawnSync(cmd, args, { encoding: "utf8", ...options })
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-15).join("\n")
    throw new Error(`${cmd} ${args.join(" ")} failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`)
  }
  return result.stdout
}

/** The Node headers for node-gyp: npm's configured nodedir, else the ones next to this node. */
function nodedir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir
  const prefix = dirname(dirname(process.execPath))
  return existsSync(join(prefix, "include", "node", "node.h")) ? prefix : undefined
}

/** node-gyp as npm runs it (npm tells its scripts where), else the one bundled with the npm
 *  installed beside this node, else the one on the PATH. */
function nodeGyp() {
  const bundled = join(dirname(dirname(process.execPath)), "lib", "node_modules", "npm", "node_modules", "node-gyp")
  for (const script of [process.env.npm_config_node_gyp, join(bundled, "bin", "node-gyp.js")]) {
    if (script && existsSync(script)) return [process.execPath, [script]]
  }
  return ["node-gyp", []]
}

/**
 * Builds zeromq@5 unless built already. Resolves with `{ path }` (the package directory, for
 * require()) or `{ error }` saying why it could not be built.
 */
export function ensureZeromq5() {
  if (existsSync(binary)) return { path: packageDir }
  let scratch
  try {
    const pkgConfig = spawnSync("pkg-config", ["--exists", "libzmq"])
    if (pkgConfig.status !== 0 && !existsSync("/usr/include/zmq.h")) {
      throw new Error("the system libzmq is missing (on Debian: apt-get install libzmq3-dev)")
    }
    mkdirSync(dirname(where), { recursive: true })
    // Built beside its final place and moved there whole, so that a concurrent run never
    // loads a half-built package.
    scratch = mkdtempSync(`${where}.building-`)
    const npm = process.env.npm_execpath
    const [npmCmd, npmArgs] = npm && existsSync(npm) ? [process.execPath, [npm]] : ["npm", []]
    run(npmCmd, [
      ...npmArgs,
      "install",
      "--prefix",
      scratch,
      "--no-save",
      "--no-package-lock",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      `zeromq@${VERSION}`,
    ])
    const [gypCmd, gypArgs] = nodeGyp()
    const dir = nodedir()
    run(gypCmd, [...gypArgs, "rebuild", "--zmq_external=true", ...(dir ? [`--nodedir=${dir}`] : [])], {
      cwd: join(scratch, "node_modules", "zeromq"),
      // Its prepare step (a libzmq download) reads this and does nothing.
      env: { ...process.env, npm_config_zmq_external: "true" },
    })
    try {
      renameSync(scratch, where)
      scratch = undefined
    } catch (error) {
      if (!existsSync(binary)) throw error // else another run finished first: use its build
    }
    return { path: packageDir }
  } catch (error) {
    return { error: `zeromq@${VERSION} could not be built: ${error.message}` }
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true })
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = ensureZeromq5()
  if (result.error) {
    console.error(result.error)
    process.exit(1)
  }
  console.log(result.path)
}
