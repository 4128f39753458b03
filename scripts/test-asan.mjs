#!/usr/bin/env node
// npm run test:asan [-- vitest arguments]: the whole suite, then the fuzzer's CI slice, against
// libzmq and the addon built with -fsanitize=address,undefined.
//
// - libzmq: scripts/build-libzmq.mjs's build as a target of its own (deps/libzmq/out/asan-<arch>,
//   kept in the user cache like a prebuild target's), with the sanitizer flags added.
// - the addon: native/*.cc compiled here straight with the C++ compiler (node-gyp has one build
//   directory, build/, which the normal build owns) into build-asan/zeromq_turbo.node, with the
//   defines binding.gyp gives it.
// - the run: Node itself is not sanitized, so the runtimes are preloaded (LD_PRELOAD) into every
//   process the suite starts, leak detection is off (V8 keeps its heap until exit) and reports
//   go to files under build-asan/reports/ instead of stderr, where tests that read a child's
//   output would trip over them. Only reports that name this addon's or libzmq's code count:
//   the oracle, zeromq.js 6.8.0, runs in the same processes, and its own faults are not ours.
// Exits non-zero when a test fails or a report was written; prints every counted report.
import { spawnSync } from "node:child_process"
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs"
import { dirname, join } from "node:path"
import { buildLibzmq } from "./build-libzmq.mjs"
import { root, outDir } from "./libzmq-paths.mjs"

/**
 * Tests that cannot mean the same under the sanitizers, each with why: they check which binary
 * loads or how it links (this run loads build-asan's, which links the sanitizer runtimes),
 * preload a shim of their own (LD_PRELOAD is the runtimes'), limit the address space (ASan
 * reserves terabytes of shadow memory), or check formatting (nothing native runs).
 */
const excluded = [
  "test/scripts/ensure-built.test.ts",
  "test/scripts/dependencies.test.ts",
  "test/scripts/source.test.ts",
  "test/process/poll-init.test.ts",
  "test/process/allocation.test.ts",
]

const started = Date.now()
const log = msg => console.error(`[asan] ${msg} (${Math.round((Date.now() - started) / 1000)} s)`)
const flags = ["-fsanitize=address,undefined", "-fno-omit-frame-pointer", "-g"]
const cxx = process.env.CXX || "g++"
const arch = process.arch
const out = join(root, "build-asan")
const addon = join(out, "zeromq_turbo.node")
const reports = join(out, "reports")

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: "inherit", ...options })
  if (result.error) throw new Error(`${cmd} could not be started: ${result.error.message}`)
  return result.status ?? 1
}

function runtime(name) {
  const path = spawnSync(cxx, [`-print-file-name=${name}`], { encoding: "utf8" }).stdout.trim()
  if (!path.startsWith("/") || !existsSync(path))
    throw new Error(`${cxx} has no ${name}: install its sanitizer runtime`)
  return path
}

async function buildAll() {
  const sanitized = flags.join(" ")
  const lib = await buildLibzmq({
    name: `asan-${arch}`,
    cmakeArgs: [`-DCMAKE_C_FLAGS=${sanitized}`, `-DCMAKE_CXX_FLAGS=${sanitized}`],
    inputs: [cxx, sanitized, spawnSync(cxx, ["--version"], { encoding: "utf8" }).stdout],
  })
  const sources = readdirSync(join(root, "native"))
    .filter(name => name.endsWith(".cc"))
    .map(name => join(root, "native", name))
  const newest = Math.max(
    statSync(lib).mtimeMs,
    ...readdirSync(join(root, "native")).map(n => statSync(join(root, "native", n)).mtimeMs),
  )
  if (existsSync(addon) && statSync(addon).mtimeMs > newest) {
    log(`reusing ${addon}`)
    return
  }
  mkdirSync(out, { recursive: true })
  log(`compiling the addon with ${flags.join(" ")}`)
  const nodeInclude = join(dirname(dirname(process.execPath)), "include", "node")
  const status = run(cxx, [
    "-std=c++17",
    "-shared",
    "-fPIC",
    "-O1",
    ...flags,
    "-fvisibility=hidden",
    "-DNAPI_VERSION=8",
    "-DZMQ_BUILD_DRAFT_API",
    "-DNODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS",
    "-DNAPI_CPP_EXCEPTIONS",
    "-DNODE_ADDON_API_CPP_EXCEPTIONS_ALL",
    "-DZMQ_STATIC",
    "-DZMQT_DRAFT_FUNCTIONS",
    `-I${nodeInclude}`,
    `-I${join(root, "node_modules", "node-addon-api")}`,
    `-I${join(outDir(`asan-${arch}`), "prefix", "include")}`,
    ...sources,
    lib,
    "-lpthread",
    "-lrt",
    "-o",
    addon,
  ])
  if (status !== 0) throw new Error(`compiling the addon failed (${status})`)
}

/** The reports that concern this project: a frame in native/ or in libzmq's sources. */
function ourReports() {
  if (!existsSync(reports)) return []
  return readdirSync(reports)
    .map(name => ({ name, text: readFileSync(join(reports, name), "utf8") }))
    .filter(({ text }) => /native\/\w+\.(cc|h)|libzmq-[\d.]+\/src\//.test(text) || /zeromq_turbo\.node/.test(text))
}

async function main() {
  await buildAll()
  if (process.argv.includes("--build-only")) return
  rmSync(reports, { recursive: true, force: true })
  mkdirSync(reports, { recursive: true })
  const preload = [runtime("libasan.so"), runtime("libubsan.so")].join(":")
  const env = {
    ...process.env,
    ZEROMQ_TURBO_BINARY: addon,
    LD_PRELOAD: preload,
    // Node installs handlers of its own for SIGSEGV (WebAssembly bounds checks) and SIGINT.
    // handle_abort: an abort (a failed assert in libzmq or libuv) leaves a report with its stack,
    // naming the addon it came from; abort_on_error keeps the process ending on SIGABRT, as
    // tests that expect zeromq.js's aborts check.
    // new_delete_type_mismatch=0: zeromq@5's addon (the v5-compat oracle, loaded into the test
    // workers and children) frees its sockets through the wrong type, and that check ends the
    // process however the addon was built; it failed 4 tests and a worker at every run. For our
    // code, -Wall's -Wdelete-non-virtual-dtor warns of that bug's usual cause at compile time.
    ASAN_OPTIONS: `detect_leaks=0:allocator_may_return_null=1:new_delete_type_mismatch=0:handle_segv=0:allow_user_segv_handler=1:handle_abort=1:abort_on_error=1:log_path=${reports}/asan`,
    UBSAN_OPTIONS: `print_stacktrace=1:halt_on_error=0:suppressions=${join(root, "scripts", "ubsan.supp")}:log_path=${reports}/ubsan`,
  }
  const vitest = join(root, "node_modules", "vitest", "vitest.mjs")
  const extra = process.argv.slice(2).filter(arg => arg !== "--build-only")
  log("the suite")
  const suite = run(process.execPath, [vitest, "run", ...excluded.flatMap(file => ["--exclude", file]), ...extra], {
    env,
    cwd: root,
  })
  log("the fuzzer's CI slice")
  const fuzz =
    extra.length > 0 ? 0 : run(process.execPath, [join(root, "scripts", "fuzz.mjs"), "--ci"], { env, cwd: root })
  const found = ourReports()
  for (const { name, text } of found) console.error(`\n=== ${name}\n${text}`)
  const others = (existsSync(reports) ? readdirSync(reports).length : 0) - found.length
  log(
    `suite ${suite === 0 ? "passed" : "failed"}, fuzz slice ${fuzz === 0 ? "passed" : "failed"}, ` +
      `${found.length} sanitizer reports in this project's code` +
      (others > 0 ? ` (${others} elsewhere, e.g. in zeromq.js, kept in ${reports})` : ""),
  )
  process.exit(suite === 0 && fuzz === 0 && found.length === 0 ? 0 : 1)
}

main().catch(error => {
  console.error(`[asan] ${error.message}`)
  process.exit(1)
})
