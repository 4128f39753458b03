#!/usr/bin/env node
// `npm run example -- <program> [arguments...]`: runs one of the ZeroMQ Guide's programs from
// examples/guide/, compiling the examples first if they changed (scripts/build-examples.mjs).
// The program runs in this very process, with process.argv as if it had been started as
// `node <program>.js [arguments...]`, so signals, stdin and the exit code are its own.
// Without a program name it lists them, with the first line of each one's opening comment.
import { readFileSync } from "node:fs"
import { createRequire } from "node:module"
import { join } from "node:path"
import { buildExamples, compiledPath, programs, sourceDir } from "./build-examples.mjs"

const [name, ...args] = process.argv.slice(2)
const known = programs()

if (name === undefined || name === "--list" || !known.includes(name)) {
  if (name !== undefined && name !== "--list") console.error(`There is no example called ${JSON.stringify(name)}.\n`)
  console.error(
    "usage: npm run example -- <program> [arguments...]\n\nprograms (examples/guide/, see examples/README.md):",
  )
  for (const program of known) {
    const first = readFileSync(join(sourceDir, `${program}.ts`), "utf8").match(/^\/\/ (.*)/)?.[1] ?? ""
    console.error(`  ${program.padEnd(12)} ${first}`)
  }
  process.exit(name === undefined || name === "--list" ? 0 : 2)
}

try {
  await buildExamples()
} catch (error) {
  console.error(`[examples] ${error.message}`)
  process.exit(1)
}
const file = compiledPath(name)
process.argv = [process.argv[0], file, ...args]
createRequire(import.meta.url)(file)
