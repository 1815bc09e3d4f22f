#!/bin/bash
# Kept for docs/embedding.md: the transition benchmark is bench/run-transitions.sh.
# usage: bench/roundtrip.sh  (BUILD=<build tree>, default build-bench)
exec "$(dirname "$0")/run-transitions.sh" 1 "$@"
