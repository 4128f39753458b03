// The package as a user receives it: `npm pack`, installed into a new project with install
// scripts disabled (npm 11's default for dependencies) and with no compiler, make or cmake on
// PATH, then loaded through every entry point in both module systems.
import { spawnSync, type SpawnSyncOptions } from "node:child_process"
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"

const root = new URL("../..", import.meta.url).pathname
const npmCli = process.env.npm_execpath?.endsWith("npm-cli.js")
  ? process.env.npm_execpath
  : join(dirname(process.execPath), "../lib/node_modules/npm/bin/npm-cli.js")

let work: string
let project: string
let bareBin: string
let packed: { filename: string; size: number; unpackedSize: number; files: { path: string }[] }

/** Runs a command with only node (and no build tools) on PATH. */
function bare(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
  const result = spawnSync(cmd, args, {
    cwd: project,
    encoding: "utf8",
    ...options,
    env: {
      HOME: process.env.HOME,
      PATH: bareBin,
      npm_config_cache: process.env.npm_config_cache ?? "",
      ...options.env,
    },
  })
  return result as typeof result & { stdout: string; stderr: string }
}

const nodeIn = (code: string, type: "commonjs" | "module") =>
  bare(process.execPath, ["--input-type=" + type, "-e", code])

beforeAll(() => {
  const prebuilds = join(root, "prebuilds", `${process.platform}-${process.arch}`)
  if (!existsSync(prebuilds) || readdirSync(prebuilds).length === 0) {
    throw new Error(`no prebuild in ${prebuilds}: run \`npm run prebuildify\` first`)
  }
  work = mkdtempSync(join(tmpdir(), "zmqt-package-"))
  bareBin = join(work, "bin")
  mkdirSync(bareBin)
  symlinkSync(process.execPath, join(bareBin, "node"))

  const pack = spawnSync(process.execPath, [npmCli, "pack", "--json", "--pack-destination", work], {
    cwd: root,
    encoding: "utf8",
  })
  if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`)
  packed = JSON.parse(pack.stdout)[0]
  console.log(
    `packed ${packed.filename}: ${(packed.size / 1e6).toFixed(2)} MB (${packed.size} bytes), ` +
      `unpacked ${(packed.unpackedSize / 1e6).toFixed(2)} MB, ${packed.files.length} files`,
  )

  project = join(work, "project")
  mkdirSync(project)
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }))
  const install = bare(process.execPath, [
    npmCli,
    "install",
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    join(work, packed.filename),
  ])
  if (install.status !== 0) throw new Error(`npm install of the packed tarball failed: ${install.stderr}`)
})

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe("the packed tarball", () => {
  it("ships prebuilt binaries, compiled JavaScript and types, and no tests or build outputs", () => {
    const paths = packed.files.map(file => file.path)
    expect(paths).toContain("dist/index.js")
    expect(paths).toContain("dist/index.mjs")
    expect(paths).toContain("dist/index.d.ts")
    expect(paths.some(path => path.startsWith(`prebuilds/${process.platform}-${process.arch}/`))).toBe(true)
    expect(paths.filter(path => /^(test|build|deps\/libzmq\/(src|out))\//.test(path))).toEqual([])
  })

  // After `npm run prebuild:all` (as in CI) that is every platform's; test:prebuilds checks that
  // all of them exist.
  it("ships zeromq-turbo's patches to libzmq, which a build from the package's source applies", () => {
    const paths = packed.files.map(file => file.path)
    const shipped = paths.filter(path => path.startsWith("deps/libzmq/patches/")).sort()
    const ours = readdirSync(join(root, "deps/libzmq/patches"))
      .filter(name => name.endsWith(".patch"))
      .map(name => `deps/libzmq/patches/${name}`)
      .sort()
    expect(ours.length).toBeGreaterThan(0)
    expect(shipped).toEqual(ours)
  })

  it("ships every binary in prebuilds/", () => {
    const made = readdirSync(join(root, "prebuilds"), { recursive: true })
      .map(String)
      .filter(file => file.endsWith(".node"))
      .map(file => `prebuilds/${file}`)
      .sort()
    expect(made.length).toBeGreaterThan(0)
    expect(
      packed.files
        .map(file => file.path)
        .filter(path => path.startsWith("prebuilds/"))
        .sort(),
    ).toEqual(made)
  })
})

describe("the packed tarball's documents", () => {
  it("ships zeromq-turbo's MIT licence and, copied from libzmq's source at pack time, libzmq's", () => {
    const paths = packed.files.map(file => file.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "licenses/README.md",
        "licenses/libzmq/COPYING.LESSER",
        "licenses/libzmq/COPYING",
        "licenses/libzmq/external-sha1-license.txt",
      ]),
    )
    const installed = join(project, "node_modules/zeromq-turbo")
    expect(readFileSync(join(installed, "LICENSE"), "utf8")).toMatch(/^MIT License/)
    const lesser = readFileSync(join(installed, "licenses/libzmq/COPYING.LESSER"), "utf8")
    expect(lesser).toContain("GNU LESSER GENERAL PUBLIC LICENSE")
    expect(lesser).toContain("SPECIAL EXCEPTION GRANTED BY COPYRIGHT HOLDERS")
    expect(readFileSync(join(installed, "licenses/libzmq/external-sha1-license.txt"), "utf8")).toContain("WIDE Project")
  })

  it("ships the README, CHANGELOG.md and the documents in docs/ that the README links to", () => {
    const paths = packed.files.map(file => file.path)
    expect(paths).toEqual(
      expect.arrayContaining([
        "README.md",
        "CHANGELOG.md",
        "docs/migrating.md",
        "docs/compatibility.md",
        "docs/performance.md",
        "docs/bench.svg",
      ]),
    )
    const readme = readFileSync(join(root, "README.md"), "utf8")
    const linked = [...readme.matchAll(/\]\(((?:docs\/|licenses\/|LICENSE|CHANGELOG)[^)#]*)/g)].map(m => m[1])
    expect(linked.length).toBeGreaterThan(0)
    expect(linked.filter(path => !paths.some(file => file === path || file.startsWith(path)))).toEqual([])
  })
})

describe("installed with scripts disabled and no compiler", () => {
  it("has no compiler, make or cmake on the PATH it runs with", () => {
    const which = bare("/bin/sh", ["-c", "command -v cc gcc g++ c++ clang make cmake"])
    expect(which.stdout.trim()).toBe("")
  })

  it("built nothing at install time", () => {
    expect(existsSync(join(project, "node_modules/zeromq-turbo/build"))).toBe(false)
  })

  it("prints version 4.3.4 and the capabilities", () => {
    const result = bare(process.execPath, [
      "-e",
      'const z=require("zeromq-turbo"); console.log(z.version, z.capability)',
    ])
    expect(result.stderr).toBe("")
    expect(result.stdout).toMatch(/^4\.3\.4 \{/)
    expect(result.stdout).toContain("curve: true")
    expect(result.stdout).toContain("draft: true")
    expect(result.stdout).toContain("ipc: true")
  })

  for (const entry of [
    "zeromq-turbo",
    "zeromq-turbo/draft",
    "zeromq-turbo/draft.js",
    "zeromq-turbo/v5-compat",
    "zeromq-turbo/v5-compat.js",
  ]) {
    it(`loads ${entry} with require()`, () => {
      const result = nodeIn(
        `const m = require(${JSON.stringify(entry)}); console.log(require("zeromq-turbo").version, Object.keys(m).length > 0)`,
        "commonjs",
      )
      expect(
        result.stderr.replace(
          /.*ExperimentalWarning.*\n|.*draft features are experimental.*\n|\(Use `node --trace-warnings.*\n/g,
          "",
        ),
      ).toBe("")
      expect(result.stdout.trim()).toBe("4.3.4 true")
    })

    it(`loads ${entry} with import()`, () => {
      const result = nodeIn(
        `const m = await import(${JSON.stringify(entry)}); const z = await import("zeromq-turbo"); console.log(z.version, Object.keys(m).filter(k => k !== "default" && k !== "__esModule").length > 0)`,
        "module",
      )
      expect(
        result.stderr.replace(
          /.*ExperimentalWarning.*\n|.*draft features are experimental.*\n|\(Use `node --trace-warnings.*\n/g,
          "",
        ),
      ).toBe("")
      expect(result.stdout.trim()).toBe("4.3.4 true")
    })
  }

  it("loads the binary from prebuilds/", () => {
    const result = nodeIn(
      `require("zeromq-turbo"); console.log(Object.keys(require.cache).find(f => f.endsWith(".node")) ?? process.report.getReport().sharedObjects.find(f => f.includes("zeromq-turbo")))`,
      "commonjs",
    )
    expect(result.stdout).toContain(join("node_modules/zeromq-turbo/prebuilds", `${process.platform}-${process.arch}`))
  })
})

/** Compiles a small TypeScript project that imports every entry point of the installed package
 *  and uses a type from each, with `moduleResolution` (and the matching `module`). */
function compileConsumer(moduleResolution: "node10" | "node16") {
  const dir = join(project, `ts-${moduleResolution}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2022"],
        module: moduleResolution === "node10" ? "commonjs" : "node16",
        moduleResolution,
        strict: true,
        noEmit: true,
        typeRoots: [join(root, "node_modules/@types")],
        types: ["node"],
      },
      files: ["index.ts"],
    }),
  )
  writeFileSync(
    join(dir, "index.ts"),
    [
      'import * as zmq from "zeromq-turbo"',
      'import * as draft from "zeromq-turbo/draft"',
      'import * as draftJs from "zeromq-turbo/draft.js"',
      'import * as compat from "zeromq-turbo/v5-compat"',
      'import * as compatJs from "zeromq-turbo/v5-compat.js"',
      "export const push: zmq.Push = new zmq.Push({ sendHighWaterMark: 10 })",
      "export const radio: draft.Radio = new draft.Radio()",
      "export const dish: draftJs.Dish = new draftJs.Dish()",
      'export const legacy: compat.Socket = compat.socket("pub")',
      "export const version: string = compatJs.version",
      "// @ts-expect-error: the declarations are real, so a name they lack is an error",
      "export const missing = draft.NoSuchSocket",
      "",
    ].join("\n"),
  )
  return bare(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", dir])
}

describe("TypeScript consumers", () => {
  // TypeScript's old "node" resolution knows nothing of "exports": typesVersions maps the
  // subpaths to their declarations, as zeromq.js's package does.
  it("resolve the types of every entry point, subpaths included, with moduleResolution node10", () => {
    const tsc = compileConsumer("node10")
    expect(tsc.stdout + tsc.stderr).toBe("")
    expect(tsc.status).toBe(0)
  })

  it("resolve them through exports with moduleResolution node16, typesVersions notwithstanding", () => {
    const tsc = compileConsumer("node16")
    expect(tsc.stdout + tsc.stderr).toBe("")
    expect(tsc.status).toBe(0)
  })
})
