# The addon: native/*.cc on node-addon-api (N-API 8, C++17, C++ exceptions on: see
# native/README.md), linked statically against the libzmq built by scripts/build-libzmq.mjs.
# The libzmq target is an action with visible inputs and output, so make reruns it only when
# the pinned source or options change, and the script reuses an earlier build on its own too.
{
  "variables": {
    "zmq_system%": "<!(node scripts/gyp-config.mjs system)",
  },
  "targets": [
    {
      "target_name": "libzmq",
      "type": "none",
      "conditions": [
        ["zmq_system==0", {
          "actions": [{
            "action_name": "build_libzmq",
            "message": "Building libzmq (once; reused afterwards)",
            "inputs": [
              "deps/libzmq/source.json",
              "deps/libzmq/options.cmake",
              "scripts/build-libzmq.mjs",
              "scripts/fetch-libzmq.mjs",
              "scripts/libzmq-paths.mjs",
            ],
            "outputs": ["<!(node scripts/gyp-config.mjs lib <(target_arch))"],
            "action": ["node", "scripts/build-libzmq.mjs", "--arch", "<(target_arch)"],
          }],
        }],
      ],
    },
    {
      "target_name": "zeromq_turbo",
      "dependencies": [
        "libzmq",
        "<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except_all",
      ],
      "sources": [
        "native/module.cc",
        "native/errors.cc",
        "native/context.cc",
        "native/socket.cc",
        "native/poller.cc",
        "native/message.cc",
        "native/pool.cc",
        "native/proxy.cc",
      ],
      # node_addon_api_except_all: node-addon-api also catches what is not a Napi::Error, as a
      # backstop behind native/boundary.h, which translates every exception at the entry points.
      # NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS: an error thrown while a worker is being
      # terminated cannot reach JS; without it node-addon-api rethrows it into std::terminate.
      "defines": ["NAPI_VERSION=8", "ZMQ_BUILD_DRAFT_API", "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS"],
      "cflags_cc": ["-std=c++17", "-fvisibility=hidden", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "cflags_cc!": ["-std=gnu++1y", "-std=gnu++17"],
      "xcode_settings": {
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "GCC_SYMBOLS_PRIVATE_EXTERN": "YES",
        "MACOSX_DEPLOYMENT_TARGET": "10.15",
      },
      "msvs_settings": {
        "VCCLCompilerTool": { "AdditionalOptions": ["/std:c++17"] },
      },
      "conditions": [
        ["zmq_system==0", {
          # The bundled build has libzmq's draft functions (zmq_join, zmq_msg_set_group...);
          # distributions' libzmq usually does not export them.
          "defines": ["ZMQ_STATIC", "ZMQT_DRAFT_FUNCTIONS"],
          "include_dirs": ["<!(node scripts/gyp-config.mjs include <(target_arch))"],
          "libraries": ["<!(node scripts/gyp-config.mjs lib <(target_arch))"],
          "conditions": [
            ["OS=='linux'", {
              # A prebuilt binary must load on other distributions: take libstdc++ and libgcc
              # in statically and keep their (and libzmq's) symbols out of our export table.
              "ldflags": ["-static-libstdc++", "-static-libgcc", "-Wl,--exclude-libs,ALL", "-Wl,--version-script=<(module_root_dir)/native/exports.map"],
              "libraries": ["-lpthread", "-lrt"],
            }],
            ["OS=='win'", {
              "libraries": ["ws2_32.lib", "iphlpapi.lib", "advapi32.lib"],
            }],
          ],
        }, {
          "cflags": ["<!@(node scripts/gyp-config.mjs cflags)"],
          "xcode_settings": { "OTHER_CFLAGS": ["<!@(node scripts/gyp-config.mjs cflags)"] },
          "libraries": ["<!@(node scripts/gyp-config.mjs libs)"],
        }],
      ],
    },
  ],
}
