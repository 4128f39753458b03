/**
 * CURVE certificate files as czmq's zcert and pyzmq's zmq.auth write them: ZPL text (ZeroMQ RFC
 * 4) with the key under `curve`, e.g.
 *
 *     #   ZeroMQ CURVE Public Certificate
 *     metadata
 *         name = "alice"
 *     curve
 *         public-key = "rq:rM>}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7"
 *
 * A secret certificate (`name.key_secret` next to pyzmq's `name.key`) has `secret-key` as well;
 * its `public-key` is the same, so either file names the same client.
 */
import { readFileSync, readdirSync, statSync } from "node:fs"
import { join } from "node:path"
import { z85Decode } from "./z85.js"

/** ZPL's name characters (RFC 4: letters, digits and `$-_@.&+/`). */
const name = /^[a-zA-Z0-9$\-_@.&+/]+$/

/**
 * The name/value pairs of a ZPL text by path (`curve/public-key`). Throws an Error naming the
 * line for text that is not ZPL.
 */
export function parseZpl(text: string): Map<string, string> {
  const values = new Map<string, string>()
  const path: string[] = []
  const lines = text.split(/\r?\n/)
  lines.forEach((line, index) => {
    const content = line.trimStart()
    if (content === "" || content.startsWith("#")) return
    const indent = line.length - content.length
    // RFC 4: each level is indented by four spaces.
    if (indent % 4 !== 0 || indent / 4 > path.length || line.slice(0, indent).includes("\t")) {
      throw new Error(`line ${index + 1}: indentation is not a multiple of four spaces below its parent`)
    }
    const match = /^([^\s=#]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s#]*)))?\s*(?:#.*)?$/.exec(content)
    if (match === null || !name.test(match[1])) throw new Error(`line ${index + 1}: not a ZPL name or name = value`)
    path.length = indent / 4
    path.push(match[1])
    const value = match[2] ?? match[3] ?? match[4]
    if (value !== undefined) values.set(path.join("/"), value)
  })
  return values
}

/** The public key (Z85) of one certificate file; throws an Error naming the file otherwise. */
export function certificatePublicKey(file: string): string {
  let values: Map<string, string>
  try {
    values = parseZpl(readFileSync(file, "utf8"))
  } catch (error) {
    if ((error as { code?: string }).code !== undefined) throw error
    throw new Error(`${file}: ${(error as Error).message}`)
  }
  const key = values.get("curve/public-key")
  if (key === undefined) throw new Error(`${file}: not a CURVE certificate (it has no curve/public-key)`)
  let valid = key.length === 40
  try {
    if (valid) z85Decode(key)
  } catch {
    valid = false
  }
  if (!valid) throw new Error(`${file}: curve/public-key is not a 40-character Z85 key`)
  return key
}

/**
 * The public keys of every certificate in a directory: each regular file whose name does not
 * start with "." (hidden files and subdirectories are skipped; symbolic links are followed). A file that is not a CURVE
 * certificate is an error rather than skipped, so that a mistyped certificate cannot silently
 * lock its client out.
 */
export function loadCertificates(directory: string): string[] {
  const keys: string[] = []
  for (const entry of readdirSync(directory).sort()) {
    const file = join(directory, entry)
    if (entry.startsWith(".") || !statSync(file).isFile()) continue
    keys.push(certificatePublicKey(file))
  }
  return keys
}
