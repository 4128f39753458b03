/**
 * The legacy proxy(): forwards messages between two compat sockets with "message" listeners
 * and send(), in the pairings the v5 API documented. It runs on the JS thread and returns at
 * once; closing the sockets ends it.
 */
import type { MessageLike } from "../index.js"
import type { Socket } from "./socket.js"

type Frames = MessageLike[]

/**
 * Forwards messages between two sockets, in both directions, as zeromq@5's proxy() did: a
 * `router` front-end with a `dealer` back-end (or `xrep`/`xreq`), `xpub` with `xsub`, or `push`
 * with `pull` (either way round). It runs on the JS thread with "message" listeners and returns
 * at once; closing the sockets ends it.
 *
 * ```js
 * const frontend = zmq.socket("router")
 * const backend = zmq.socket("dealer")
 * frontend.bindSync("tcp://127.0.0.1:5559")
 * backend.bindSync("tcp://127.0.0.1:5560")
 * zmq.proxy(frontend, backend)
 * ```
 *
 * Throws for any other pairing ("This socket type order is not supported in compatibility
 * mode").
 *
 * @param frontend The front-end socket.
 * @param backend The back-end socket.
 * @param capture A socket that receives a copy of every reply (backend to frontend; behind a
 * router/dealer pair without the routing id and delimiter frames).
 */
export function proxy(frontend: Socket, backend: Socket, capture?: Socket): void {
  const forward = (from: Socket, to: Socket): void => {
    from.on("message", (...frames: Frames) => {
      to.send(frames)
    })
  }
  // Replies (backend to frontend) are what a capture socket sees. Behind a ROUTER/DEALER pair
  // it gets them without the first two frames (the routing id and the delimiter).
  const captureReplies = (strip: number): void => {
    backend.on("message", (...frames: Frames) => {
      frontend.send(frames)
      ;(capture as Socket).send(frames.slice(strip))
    })
  }

  switch (`${frontend.type}/${backend.type}`) {
    case "push/pull":
    case "pull/push":
    case "xpub/xsub":
      forward(frontend, backend)
      if (capture) captureReplies(0)
      else forward(backend, frontend)
      break
    case "router/dealer":
    case "xrep/xreq":
      forward(frontend, backend)
      if (capture) captureReplies(2)
      else forward(backend, frontend)
      break
    default:
      throw new Error("This socket type order is not supported in compatibility mode")
  }
}
