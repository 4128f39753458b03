# libzmq on Windows (MinGW-w64): the run checks of cross-linux.cmake are POSIX-only and find
# nothing there. The I/O threads poll with wepoll (libzmq's "epoll" on Windows), as libzmq's own
# Windows builds do, instead of select() and its 64-socket FD_SETSIZE.
set(POLLER "epoll" CACHE STRING "")
# No ipc://: MinGW has <afunix.h>, so libzmq's check says yes, but libzmq 4.3.4 includes it only
# for MSVC and reaches for <sys/socket.h> otherwise, which does not build. zmq_has("ipc") (and
# so capability.ipc) then says false, as on every Windows build of libzmq without AF_UNIX.
set(ZMQ_HAVE_IPC 0 CACHE INTERNAL "")
