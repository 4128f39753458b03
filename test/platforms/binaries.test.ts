// Every prebuild, read rather than run (scripts/check-prebuilds.mjs says what is checked for
// each platform), and what libzmq's CMake found for each cross target compared with what it
// finds natively here: with CMAKE_SYSTEM_NAME set it skips its run checks and silently drops
// features, which deps/libzmq/cross-<platform>.cmake restores.
import { existsSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { root, type Target } from "./support.js"
// @ts-expect-error: a plain JavaScript module without declarations
import { targets } from "../../scripts/targets.mjs"
// @ts-expect-error: a plain JavaScript module without declarations
import { describe as summary, inspect, problems } from "../../scripts/check-prebuilds.mjs"
// @ts-expect-error: a plain JavaScript module without declarations
import { outDir } from "../../scripts/libzmq-paths.mjs"

/** The macros platform.hpp defines (name -> value). */
function defines(file: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const match of readFileSync(file, "utf8").matchAll(/^#define (ZMQ_\w+|HAVE_\w+)(?: (.*))?$/gm)) {
    found.set(match[1], match[2] ?? "")
  }
  return found
}

const native = join(outDir("x64"), "build", "platform.hpp")

/**
 * How each platform's platform.hpp differs from this Linux machine's: "+" defined only there,
 * "-" only here. Linux targets differ in nothing but what their C library has.
 */
const expected: Record<string, string[]> = {
  "linux-glibc": [],
  // musl has strlcpy (glibc only from 2.38, and 2.17 is the floor here).
  "linux-musl": ["+ZMQ_HAVE_STRLCPY"],
  // Windows: itself, the wepoll poller without EPOLL_CLOEXEC, and none of the POSIX features;
  // no ipc:// (deps/libzmq/cross-win32.cmake says why).
  win32: [
    "+ZMQ_HAVE_WINDOWS",
    ...[
      "HAVE_ACCEPT4",
      "HAVE_CLOCK_GETTIME",
      "HAVE_MKDTEMP",
      "ZMQ_HAVE_EVENTFD",
      "ZMQ_HAVE_EVENTFD_CLOEXEC",
      "ZMQ_HAVE_IFADDRS",
      "ZMQ_HAVE_IPC",
      "ZMQ_HAVE_O_CLOEXEC",
      "ZMQ_HAVE_PTHREAD_SETNAME_2",
      "ZMQ_HAVE_PTHREAD_SET_AFFINITY",
      "ZMQ_HAVE_SOCK_CLOEXEC",
      "ZMQ_HAVE_SO_BINDTODEVICE",
      "ZMQ_HAVE_SO_KEEPALIVE",
      "ZMQ_HAVE_SO_PEERCRED",
      "ZMQ_HAVE_SO_PRIORITY",
      "ZMQ_HAVE_TCP_KEEPCNT",
      "ZMQ_HAVE_TCP_KEEPIDLE",
      "ZMQ_HAVE_TCP_KEEPINTVL",
      "ZMQ_HAVE_TIPC",
      "ZMQ_HAVE_UIO",
      "ZMQ_IOTHREAD_POLLER_USE_EPOLL_CLOEXEC",
    ].map(name => `-${name}`),
  ].sort(),
  // macOS: kqueue, strlcpy, the one-argument pthread_setname_np, TCP_KEEPALIVE for the idle
  // time; none of Linux's own (eventfd, accept4, SOCK_CLOEXEC, affinity, SO_PEERCRED, TIPC...).
  // HAVE_MKDTEMP is missing although macOS has mkdtemp (libzmq's symbol check does not find it
  // in Zig's headers): only ipc:// wildcard endpoints use it, which then report an error.
  darwin: [
    "+ZMQ_HAVE_PTHREAD_SETNAME_1",
    "+ZMQ_HAVE_STRLCPY",
    "+ZMQ_HAVE_TCP_KEEPALIVE",
    "+ZMQ_IOTHREAD_POLLER_USE_KQUEUE",
    "-HAVE_ACCEPT4",
    "-HAVE_MKDTEMP",
    "-ZMQ_HAVE_EVENTFD",
    "-ZMQ_HAVE_EVENTFD_CLOEXEC",
    "-ZMQ_HAVE_PTHREAD_SETNAME_2",
    "-ZMQ_HAVE_PTHREAD_SET_AFFINITY",
    "-ZMQ_HAVE_SOCK_CLOEXEC",
    "-ZMQ_HAVE_SO_BINDTODEVICE",
    "-ZMQ_HAVE_SO_PEERCRED",
    "-ZMQ_HAVE_SO_PRIORITY",
    "-ZMQ_HAVE_TCP_KEEPIDLE",
    "-ZMQ_HAVE_TIPC",
    "-ZMQ_IOTHREAD_POLLER_USE_EPOLL",
    "-ZMQ_IOTHREAD_POLLER_USE_EPOLL_CLOEXEC",
  ],
}

describe.each(targets as Target[])("the $name prebuild", target => {
  it("passes the static checks of scripts/check-prebuilds.mjs", () => {
    const info = inspect(target)
    expect(problems(target, info)).toEqual([])
    console.log(`${target.name}: ${summary(target, info)}`)
  })

  it("was built with the libzmq features a native build of its platform has", () => {
    expect(existsSync(native), `${native}: the native libzmq build (npm install) is missing`).toBe(true)
    const here = defines(native)
    // prebuildify's build links the native libzmq: the comparison holds by construction.
    const there = target.prebuildify ? here : defines(join(outDir(target.name), "prefix", "platform.hpp"))
    const differences = [
      ...[...there.keys()].filter(name => !here.has(name)).map(name => `+${name}`),
      ...[...here.keys()].filter(name => !there.has(name)).map(name => `-${name}`),
      ...[...there.keys()].filter(name => here.has(name) && here.get(name) !== there.get(name)).map(name => `~${name}`),
    ].sort()
    const key = target.platform === "linux" ? `linux-${target.libc}` : target.platform
    expect(differences).toEqual(expected[key])
  })
})
