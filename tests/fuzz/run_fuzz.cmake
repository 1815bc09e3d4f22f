# Runs fuzz_verify for ctest (README.md).
#   MODE=replay: every file in SEEDS and REGRESSIONS once; known open verifier bugs
#                (known.c) are skipped: fuzz.known_bug.* replays those without the skip.
#   MODE=fuzz:   a bounded run from a fresh copy of the seeds; new inputs and any crash go
#                to WORK, never into the source tree.
foreach(v FUZZER SEEDS DICT MODE)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_fuzz.cmake: -D${v}= missing")
  endif()
endforeach()
set(ENV{FUZZ_VERIFY_IGNORE_KNOWN} 1)
file(GLOB inputs ${SEEDS}/* ${REGRESSIONS}/*)
list(FILTER inputs EXCLUDE REGEX "/README[^/]*$")
if(MODE STREQUAL "replay")
  execute_process(COMMAND ${FUZZER} -timeout=10 ${inputs} RESULT_VARIABLE rc
    OUTPUT_VARIABLE out ERROR_VARIABLE out)
elseif(MODE STREQUAL "fuzz")
  # Known open verifier bugs (known.c) are skipped (set above): the fuzzer should look for
  # new ones; fuzz.known_bug.* keeps the old ones visible.
  file(REMOVE_RECURSE ${WORK})
  file(MAKE_DIRECTORY ${WORK}/corpus)
  # -runs and -max_total_time bound the run (CI budget: well under a minute of fuzzing);
  # -timeout=10 turns a hang into a failure; leaks are checked by ASan (on by default).
  execute_process(COMMAND ${FUZZER} -runs=20000 -max_total_time=50 -timeout=10
      -rss_limit_mb=2048 -dict=${DICT} -artifact_prefix=${WORK}/ -print_final_stats=1
      ${WORK}/corpus ${SEEDS}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
else()
  message(FATAL_ERROR "run_fuzz.cmake: MODE must be replay or fuzz")
endif()
# The last lines hold the verdict and libFuzzer's statistics.
string(LENGTH "${out}" n)
if(n GREATER 6000)
  math(EXPR from "${n} - 6000")
  string(SUBSTRING "${out}" ${from} -1 out)
endif()
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "fuzz_verify failed (exit ${rc}); the input is saved as ${WORK}/crash-* or named above")
endif()
