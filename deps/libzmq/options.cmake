# Initial cache for libzmq's CMake build (passed with -C by scripts/build-libzmq.mjs).
# The addon links this library statically into a prebuilt binary that must load on any
# glibc/musl machine of the same arch, so nothing optional that pulls a shared library in
# may be enabled here: ldd of the addon must show only libc-level libraries.
set(CMAKE_BUILD_TYPE Release CACHE STRING "")
set(CMAKE_POSITION_INDEPENDENT_CODE ON CACHE BOOL "")
set(BUILD_SHARED OFF CACHE BOOL "")
set(BUILD_STATIC ON CACHE BOOL "")
set(BUILD_TESTS OFF CACHE BOOL "")
set(WITH_DOCS OFF CACHE BOOL "")
set(WITH_PERF_TOOL OFF CACHE BOOL "")
set(ENABLE_CPACK OFF CACHE BOOL "")
set(ENABLE_DRAFTS ON CACHE BOOL "")
# CURVE through libzmq's bundled tweetnacl: no libsodium to link or ship.
set(ENABLE_CURVE ON CACHE BOOL "")
set(WITH_LIBSODIUM OFF CACHE BOOL "")
# Off, or libzmq finds and links the machine's gnutls (WSS) and libbsd (strlcpy).
set(WITH_TLS OFF CACHE BOOL "")
set(WITH_LIBBSD OFF CACHE BOOL "")
set(WITH_NSS OFF CACHE BOOL "")
set(WITH_GSSAPI_KRB5 OFF CACHE BOOL "")
set(WITH_OPENPGM OFF CACHE BOOL "")
set(WITH_NORM OFF CACHE BOOL "")
set(WITH_VMCI OFF CACHE BOOL "")
set(LIBZMQ_PEDANTIC OFF CACHE BOOL "")
set(LIBZMQ_WERROR OFF CACHE BOOL "")
# No fork() detection. libzmq otherwise calls getpid() in every signaler operation (several
# syscalls per message round trip) to notice that it runs in a forked child. A Node.js process
# never fork()s to keep running JS (child_process spawns new programs), so the check only costs.
set(HAVE_FORK OFF CACHE INTERNAL "")
