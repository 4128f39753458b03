#!/usr/bin/env node
// Instruction counts of two builds of the native binary, for an A/B that the load of a shared
// machine cannot blur (timings here vary by 20 % from run to run; this machine has no hardware
// counters, so `perf stat -e instructions` is not available):
//
//   node scripts/bench/instructions.mjs A.node B.node [--transport tcp] [--size 16] [--count 100000]
//
// Runs scripts/bench/pushpull.mjs (PUSH -> PULL in one process, `await send()` and `for await`)
// under valgrind's callgrind once per binary, with the same JavaScript (dist/), and prints the
// instructions executed per message in every thread: inside the binary (our code, libzmq and
// the C++ runtime linked into it), in the C library, and in total.
import { spawnSync } from "node:child_process"
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"

const here = dirname(fileURLToPath(import.meta.url))
const root = dirname(dirname(here))
const { values, positionals } = parseArgs({
  options: {
    transport: { type: "string", default: "tcp" },
    size: { type: "string", default: "16" },
    count: { type: "string", default: "100000" },
  },
  allowPositionals: true,
})
if (positionals.length !== 2)
  throw new Error("usage: instructions.mjs A.node B.node [--transport T] [--size N] [--count N]")

/** Sums callgrind's self cost (Ir) per object file. */
function costByObject(file) {
  const names = new Map()
  const totals = new Map()
  let object = "?"
  let inCall = false
  for (const line of readFileSync(file, "utf8").split("\n")) {
    // "ob=NAME", or with compressed strings "ob=(N) NAME" once and "ob=(N)" after that.
    const ob = /^ob=(?:\((\d+)\))? ?(.*)$/.exec(line)
    if (ob) {
      if (ob[1] !== undefined && ob[2] !== "") names.set(ob[1], ob[2])
      object = ob[1] !== undefined ? names.get(ob[1]) : ob[2]
      continue
    }
    if (line.startsWith("calls=")) {
      inCall = true // the next cost line is inclusive cost of a call, not self cost
      continue
    }
    const cost = /^[+-]?\d+ (\d+)$/.exec(line) ?? /^\* (\d+)$/.exec(line)
    if (cost) {
      if (!inCall) totals.set(object, (totals.get(object) ?? 0) + Number(cost[1]))
      inCall = false
    }
  }
  return totals
}

function measure(binary, label) {
  const dir = join(root, "bench-results", `.instructions-${process.pid}-${label}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(join(dir, "build", "Release"), { recursive: true })
  copyFileSync(join(root, "package.json"), join(dir, "package.json"))
  cpSync(join(root, "dist"), join(dir, "dist"), { recursive: true })
  copyFileSync(binary, join(dir, "build", "Release", "zeromq_turbo.node"))
  const out = join(dir, "callgrind.out")
  const args = ["--tool=callgrind", `--callgrind-out-file=${out}`, "--compress-strings=no", "--compress-pos=no"]
  const run = spawnSync(
    "valgrind",
    [
      ...args,
      process.execPath,
      join(here, "pushpull.mjs"),
      "--impl",
      "zeromq-turbo",
      "--transport",
      values.transport,
      "--size",
      values.size,
      "--count",
      values.count,
    ],
    { encoding: "utf8", env: { ...process.env, BENCH_ZEROMQ_TURBO: dir } },
  )
  if (run.status !== 0) throw new Error(`valgrind failed: ${run.stderr.slice(-2000)}`)
  const totals = costByObject(out)
  rmSync(dir, { recursive: true, force: true })
  let addon = 0
  let libc = 0
  let total = 0
  for (const [name, ir] of totals) {
    total += ir
    if (name.endsWith("zeromq_turbo.node")) addon += ir
    else if (/\/libc[.-]/.test(name)) libc += ir
  }
  return { addon, libc, total }
}

const count = Number(values.count)
const a = measure(positionals[0], "a")
const b = measure(positionals[1], "b")
const per = n => (n / count).toFixed(0).padStart(8)
console.log(`instructions per message, pushpull ${values.transport} ${values.size} B x ${count} (all threads)`)
console.log(`              ${"A".padStart(8)} ${"B".padStart(8)}   B/A`)
for (const key of ["addon", "libc", "total"]) {
  console.log(`${key.padEnd(12)}  ${per(a[key])} ${per(b[key])}   ${(b[key] / a[key]).toFixed(3)}`)
}
console.log(`A: ${positionals[0]}\nB: ${positionals[1]}`)
