# What libzmq's CMake finds by running test programs on a Linux build machine, for the cross
# builds of scripts/prebuild-all.mjs: with CMAKE_SYSTEM_NAME set, CMakeLists.txt skips every run
# check (`if(NOT CMAKE_CROSSCOMPILING ...)`) and silently builds without these. All of them hold
# for every Linux kernel and C library the prebuilds support (glibc >= 2.17, musl >= 1.1.20):
# test/prebuilds/platform.test.ts checks that each target's platform.hpp equals the native one.
set(ZMQ_HAVE_SOCK_CLOEXEC 1 CACHE INTERNAL "")
set(ZMQ_HAVE_O_CLOEXEC 1 CACHE INTERNAL "")
set(ZMQ_HAVE_EVENTFD_CLOEXEC 1 CACHE INTERNAL "")
set(ZMQ_HAVE_SO_BINDTODEVICE 1 CACHE INTERNAL "")
set(ZMQ_HAVE_SO_KEEPALIVE 1 CACHE INTERNAL "")
set(ZMQ_HAVE_SO_PRIORITY 1 CACHE INTERNAL "")
set(ZMQ_HAVE_TCP_KEEPCNT 1 CACHE INTERNAL "")
set(ZMQ_HAVE_TCP_KEEPIDLE 1 CACHE INTERNAL "")
set(ZMQ_HAVE_TCP_KEEPINTVL 1 CACHE INTERNAL "")
set(ZMQ_HAVE_TIPC 1 CACHE INTERNAL "")
set(ZMQ_HAVE_PTHREAD_SETNAME_2 1 CACHE INTERNAL "")
set(ZMQ_HAVE_PTHREAD_SET_AFFINITY 1 CACHE INTERNAL "")
