#!/usr/bin/env bash
# Rebuilds every test program (*.c) into a .wasm beside it with Debian's clang
# and wasi-libc: apt-get install clang-16 lld-16 wasi-libc libclang-rt-16-dev-wasm32
set -euo pipefail
cd "$(dirname "$0")"
CC=${CC:-clang-16}
for source in *.c; do
  "$CC" --target=wasm32-wasi --sysroot=/usr -O2 -Wall -Wextra -Werror \
    -fuse-ld=lld -Wl,--strip-all "$source" -o "${source%.c}.wasm"
  echo "built ${source%.c}.wasm"
done
