# What libzmq's CMake finds by running test programs on macOS (see cross-linux.cmake for why
# cross builds need this): O_CLOEXEC, SO_KEEPALIVE, TCP_KEEPCNT/TCP_KEEPINTVL and TCP_KEEPALIVE
# (macOS's name for the idle time), the one-argument pthread_setname_np. No SOCK_CLOEXEC, no
# TCP_KEEPIDLE, no affinity, no TIPC, no eventfd on macOS.
set(ZMQ_HAVE_O_CLOEXEC 1 CACHE INTERNAL "")
set(ZMQ_HAVE_SO_KEEPALIVE 1 CACHE INTERNAL "")
set(ZMQ_HAVE_TCP_KEEPCNT 1 CACHE INTERNAL "")
set(ZMQ_HAVE_TCP_KEEPINTVL 1 CACHE INTERNAL "")
set(ZMQ_HAVE_TCP_KEEPALIVE 1 CACHE INTERNAL "")
set(ZMQ_HAVE_PTHREAD_SETNAME_1 1 CACHE INTERNAL "")
