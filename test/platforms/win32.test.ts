// win32-x64: the prebuild loaded and exercised for real by the Windows Node from the npm
// registry, under Debian's wine (wine64). Wine reports Windows 10 here (the registry setting
// below; Node 20 refuses older Windows), and the exercise writes its result to a file, since
// wine's console output is not reliable when not on a terminal.
import { existsSync, rmSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { exercise, nodeBinary, outcome, run, runtimes, stage, type Target } from "./support.js"
// @ts-expect-error: a plain JavaScript module without declarations
import { targets } from "../../scripts/targets.mjs"
// @ts-expect-error: a plain JavaScript module without declarations
import { cacheDir } from "../../scripts/libzmq-paths.mjs"

const target = (targets as Target[]).find(t => t.name === "win32-x64")!
const windowsPath = (path: string) => `Z:${path.replace(/\//g, "\\")}`
const env = {
  ...process.env,
  WINEPREFIX: join(cacheDir(), "wine-prefix"),
  WINEDEBUG: "-all",
  // No Gecko or Mono installer prompts: node needs neither.
  WINEDLLOVERRIDES: "mscoree,mshtml=",
  DISPLAY: "",
}

/** A wine prefix, made once, that says it is Windows 10. */
function winePrefix() {
  if (existsSync(join(env.WINEPREFIX, ".zeromq-turbo-ready"))) return
  const boot = run("wineboot", ["--init"], { env, timeout: 300_000 })
  if (boot.status !== 0) throw new Error(`wineboot failed: ${boot.stderr}`)
  const reg = run(
    "wine",
    ["reg", "add", "HKCU\\Software\\Wine", "/v", "Version", "/t", "REG_SZ", "/d", "win10", "/f"],
    {
      env,
      timeout: 120_000,
    },
  )
  if (reg.status !== 0) throw new Error(`wine reg add failed: ${reg.stderr}`)
  run("wineserver", ["-w"], { env, timeout: 120_000 })
  run("touch", [join(env.WINEPREFIX, ".zeromq-turbo-ready")])
}

describe("the win32-x64 prebuild", () => {
  it(`loads and runs under wine with Node ${runtimes["win-x64"][20]} for Windows`, () => {
    winePrefix()
    const dir = stage([target])
    const node = nodeBinary("win-x64", runtimes["win-x64"][20])
    const out = join(dir, "result.json")
    rmSync(out, { force: true })
    const result = outcome(
      run("wine", [node, windowsPath(exercise), windowsPath(dir), windowsPath(out)], { env, timeout: 170_000 }),
      out,
    )
    expect(result.error).toBeUndefined()
    expect(result).toMatchObject({ node: `v${runtimes["win-x64"][20]}`, version: "4.3.4" })
    expect(result.checks).toEqual(["push/pull", "req/rep", "curve", "worker"])
    expect(result.binary?.toLowerCase()).toBe(
      windowsPath(join(dir, "prebuilds/win32-x64/zeromq-turbo.node")).toLowerCase(),
    )
    // libzmq 4.3.4 built with MinGW has no ipc:// (see deps/libzmq/cross-win32.cmake).
    expect(result.capability).toMatchObject({ ipc: false, curve: true, draft: true })
  })
})
