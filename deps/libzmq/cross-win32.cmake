# libzmq on Windows (MinGW-w64): the run checks of cross-linux.cmake are POSIX-only and find
# nothing there. The I/O threads poll with wepoll (libzmq's "epoll" on Windows), as libzmq's own
# Windows builds do, instead of select() and its 64-socket FD_SETSIZE.
set(POLLER "epoll" CACHE STRING "")
