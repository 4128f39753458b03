import { join } from "node:path"
import { describe, expect, it } from "vitest"
// @ts-expect-error: a plain JavaScript module without declarations
import { dependencies, disallowed } from "../../scripts/check-ldd.mjs"

const root = new URL("../..", import.meta.url).pathname

describe.runIf(process.platform === "linux")("the built addon", () => {
  const binary = join(root, "build/Release/zeromq_turbo.node")

  it("links only C-runtime libraries (libzmq is static)", () => {
    expect(dependencies(binary)).toContain("libc.so.6")
    expect(disallowed(binary)).toEqual([])
  })
})
