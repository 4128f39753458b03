// Preloaded (node -r) into the Guide's examples when the bench runs them (see guideWeather in
// run.mjs): their `require("zeromq-turbo")` loads the implementation named by BENCH_IMPL instead,
// zeromq.js ("zeromq") or the snapshot of zeromq-turbo that run.mjs names in BENCH_ZEROMQ_TURBO,
// so that one and the same program is measured on both.
const Module = require("node:module")

const impl = process.env.BENCH_IMPL
const target = impl === "zeromq" ? "zeromq" : process.env.BENCH_ZEROMQ_TURBO
if (impl !== "zeromq" && impl !== "zeromq-turbo") throw new Error("BENCH_IMPL must be zeromq or zeromq-turbo")
if (target === undefined) throw new Error("BENCH_ZEROMQ_TURBO is not set (run.mjs sets it)")

const resolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === "zeromq-turbo" ? target : request, ...rest)
}
