#!/usr/bin/env node
// `prepack` (run by `npm pack` and `npm publish`): copies the licence texts of what the native
// binary links statically from the verified libzmq source tree into licenses/libzmq/, which the
// package ships and git ignores (third-party text is fetched, not committed; licenses/README.md
// says what each file covers). Fetches and unpacks libzmq first if it is not there (from the
// cache when it can), so a packed tarball never goes out without them.
import { copyFileSync, mkdirSync, rmSync } from "node:fs"
import { join } from "node:path"
import { pathToFileURL } from "node:url"
import { fetchLibzmq } from "./fetch-libzmq.mjs"
import { root, srcDir } from "./libzmq-paths.mjs"

/** Source file in libzmq's tree -> name in licenses/libzmq/. */
export const licenseFiles = {
  "COPYING.LESSER": "COPYING.LESSER",
  COPYING: "COPYING",
  "external/sha1/license.txt": "external-sha1-license.txt",
}

export const licensesDir = join(root, "licenses", "libzmq")

export async function copyLicenses() {
  await fetchLibzmq()
  rmSync(licensesDir, { recursive: true, force: true })
  mkdirSync(licensesDir, { recursive: true })
  for (const [from, to] of Object.entries(licenseFiles)) copyFileSync(join(srcDir, from), join(licensesDir, to))
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  copyLicenses().catch(error => {
    console.error(`[licenses] ${error.message}`)
    process.exit(1)
  })
}
