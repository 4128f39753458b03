#!/usr/bin/env node
// Compiles the Guide's examples (examples/guide/*.ts) into build/examples/*.js, with the
// TypeScript that `npm install` brings (a devDependency): Node 18 and 20 cannot run TypeScript
// themselves. The examples are type-checked against dist/'s declarations, as a user's program
// would be; a type error stops the build. Nothing is compiled when the output is newer than
// every input (the sources, examples/tsconfig.json, dist/'s declarations and this script), so
// `npm run example` starts at once after the first run. Run by `npm run example` and `npm test`.
//
// The output is CommonJS (the package's own "type"), so `import * as zmq from "zeromq-turbo"`
// becomes a require() that Node resolves to this very package through its "exports". Files are
// compiled into a directory of their own and then renamed into place one by one, so two runs at
// once (parallel tests) never see a half-written file.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs"
import { join, relative } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"
import { root } from "./libzmq-paths.mjs"

export const sourceDir = join(root, "examples", "guide")
export const outDir = join(root, "build", "examples")
const tsconfig = join(root, "examples", "tsconfig.json")
const stamp = join(outDir, ".stamp")

/** The programs: every .ts file in examples/guide except the shared helpers (zhelpers.ts). */
export function programs() {
  return readdirSync(sourceDir)
    .filter(name => name.endsWith(".ts") && name !== "zhelpers.ts")
    .map(name => name.slice(0, -3))
    .sort()
}

/** The compiled file of a program. */
export function compiledPath(program) {
  return join(outDir, `${program}.js`)
}

function inputs() {
  const dist = join(root, "dist")
  const declarations = existsSync(dist)
    ? readdirSync(dist)
        .filter(name => name.endsWith(".d.ts"))
        .map(name => join(dist, name))
    : []
  const sources = readdirSync(sourceDir)
    .filter(name => name.endsWith(".ts"))
    .map(name => join(sourceDir, name))
  return [...sources, ...declarations, tsconfig, fileURLToPath(import.meta.url)]
}

/** Whether any input is newer than the last compilation. */
export function stale() {
  if (!existsSync(stamp)) return true
  const built = statSync(stamp).mtimeMs
  return inputs().some(file => statSync(file).mtimeMs > built)
}

/** Compiles the examples if they are stale; throws with the compiler's messages on an error. */
export async function buildExamples({ quiet = false } = {}) {
  if (!stale()) return false
  if (!existsSync(join(root, "dist", "index.d.ts"))) {
    throw new Error("dist/ is missing: run `npm install` (or `npm run build:ts`) first")
  }
  const { default: ts } = await import("typescript")
  const config = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic() {} },
  )
  if (config === undefined || config.errors.length > 0) {
    throw new Error(`examples/tsconfig.json: ${format(ts, config?.errors ?? [])}`)
  }
  const scratch = `${outDir}.tmp-${process.pid}`
  rmSync(scratch, { recursive: true, force: true })
  try {
    const program = ts.createProgram(config.fileNames, { ...config.options, outDir: scratch })
    const diagnostics = ts.getPreEmitDiagnostics(program)
    if (diagnostics.length > 0) throw new Error(`the examples do not compile:\n${format(ts, diagnostics)}`)
    const emitted = program.emit()
    if (emitted.emitSkipped || emitted.diagnostics.length > 0) {
      throw new Error(`the examples could not be emitted:\n${format(ts, emitted.diagnostics)}`)
    }
    mkdirSync(outDir, { recursive: true })
    const written = new Set(readdirSync(scratch))
    for (const name of written) renameSync(join(scratch, name), join(outDir, name))
    // Programs deleted from examples/guide leave nothing behind to run by mistake.
    for (const name of readdirSync(outDir)) {
      if (name.endsWith(".js") && !written.has(name)) rmSync(join(outDir, name), { force: true })
    }
    writeFileSync(stamp, "")
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  if (!quiet) console.error(`[examples] compiled ${config.fileNames.length} files into ${relative(root, outDir)}/`)
  return true
}

function format(ts, diagnostics) {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: name => name,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  })
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildExamples().catch(error => {
    console.error(`[examples] ${error.message}`)
    process.exit(1)
  })
}
