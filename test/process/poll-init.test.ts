// A socket whose descriptor libuv refuses to poll: the constructor throws libuv's own error.
// The refusal is real: a preloaded shim makes the check that uv_poll_init() makes with
// epoll_ctl() fail with ENOSPC, as it does when the user's epoll watches are used up
// (fs.epoll.max_user_watches). Linux only, with a C compiler.
import { spawnSync } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, afterEach, describe, expect, it } from "vitest"
import { evaluate, killAll } from "../support/child.js"

// libuv's uv__io_check_fd() adds the descriptor with data.fd = -1, then removes it again; no
// other epoll_ctl() call of libuv's looks like that.
const shim = `
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <sys/epoll.h>
int epoll_ctl(int epfd, int op, int fd, struct epoll_event* event) {
  static int (*real)(int, int, int, struct epoll_event*);
  if (!real) real = (int (*)(int, int, int, struct epoll_event*))dlsym(RTLD_NEXT, "epoll_ctl");
  if (op == EPOLL_CTL_ADD && event != NULL && event->data.fd == -1) {
    errno = ENOSPC;
    return -1;
  }
  return real(epfd, op, fd, event);
}
`

const dir = mkdtempSync(join(tmpdir(), "zmqt-poll-init-"))
const library = join(dir, "shim.so")
function buildShim(): boolean {
  if (process.platform !== "linux") return false
  writeFileSync(join(dir, "shim.c"), shim)
  return spawnSync("cc", ["-shared", "-fPIC", "-o", library, join(dir, "shim.c"), "-ldl"]).status === 0
}
const built = buildShim()

afterEach(() => killAll())
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe.skipIf(!built)("a socket whose descriptor uv_poll_init() refuses", () => {
  it("throws libuv's error (ENOSPC), and the process goes on", async () => {
    const exit = await evaluate(
      `const zmq = require("zeromq-turbo")
       try { new zmq.Pull(); console.log("created") }
       catch (e) { console.log(JSON.stringify({ name: e.name, code: e.code, errno: e.errno, message: e.message })) }
       setImmediate(() => console.log("alive"))`,
      { env: { LD_PRELOAD: library } },
    )
    expect(exit).toMatchObject({ code: 0, signal: null, stderr: "" })
    expect(exit.stdout.trim().split("\n")).toEqual([
      JSON.stringify({ name: "Error", code: "ENOSPC", errno: 28, message: "no space left on device" }),
      "alive",
    ])
  })
})
