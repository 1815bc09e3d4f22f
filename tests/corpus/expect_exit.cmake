# cmake -DWANT=<exit status> -DCMD="prog;arg;..." -P expect_exit.cmake
# Runs CMD and fails unless it exits with exactly WANT (a crash or a usage error
# is not a rejection).
execute_process(COMMAND ${CMD} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${CMD} -> ${rc}\n${out}${err}")
if(NOT "${rc}" STREQUAL "${WANT}")
  message(FATAL_ERROR "expected exit status ${WANT}, got '${rc}'")
endif()
