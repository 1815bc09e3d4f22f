# Runs one sfi-as test (see CMakeLists.txt). The test file carries its own options in a line
# "# SFI-AS-ARGS: ...", optionally "# OBJDUMP-ARGS: ..." (default -d --no-show-raw-insn), and
# its expectations as FileCheck CHECK:/ERR: lines. With "# DWARFDUMP-ARGS: ...", DWARF: lines
# are checked against the full disassembly (padding included, so checks can capture
# instruction addresses) followed by llvm-dwarfdump's output.

# The arguments of the test file's "# <name>: ..." line into <var> (unset if there is none).
function(header_args name var)
  file(STRINGS ${INPUT} line REGEX "^# ${name}:")
  if(line)
    string(REGEX REPLACE "^# ${name}:[ ]*" "" line "${line}")
    separate_arguments(line UNIX_COMMAND "${line}")
    set(${var} ${line} PARENT_SCOPE)
  endif()
endfunction()

# FileCheck the test file's <prefix>: lines against <file>; fail with <what> if they do not match.
function(filecheck prefix file what)
  execute_process(COMMAND ${FILECHECK} --check-prefix=${prefix} ${INPUT} --input-file ${file}
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what}")
  endif()
endfunction()

set(args "")
header_args(SFI-AS-ARGS args)
set(dumpargs -d --no-show-raw-insn)
header_args(OBJDUMP-ARGS dumpargs)
set(obj ${WORK}.o)
file(REMOVE ${obj})

if(MODE STREQUAL "negative")
  # A stale output must be removed too: create one first.
  file(WRITE ${obj} "stale")
  execute_process(COMMAND ${SFI_AS} ${args} ${INPUT} -o ${obj}
    RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 1)
    message(FATAL_ERROR "expected exit status 1, got ${rc}\n${err}")
  endif()
  if(EXISTS ${obj})
    message(FATAL_ERROR "sfi-as left an output file behind on error")
  endif()
  file(WRITE ${WORK}.err "${err}")
  filecheck(ERR ${WORK}.err "diagnostics do not match:\n${err}")
  return()
endif()

execute_process(COMMAND ${SFI_AS} ${args} ${INPUT} -o ${obj} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "sfi-as failed (${rc}):\n${err}")
endif()
execute_process(COMMAND ${OBJDUMP} ${dumpargs} ${obj} OUTPUT_FILE ${WORK}.dis
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "llvm-objdump failed")
endif()
execute_process(COMMAND ${PYTHON} ${CHECK_BUNDLES} --strip-padding ${WORK}.dis ${WORK}.nopad
  RESULT_VARIABLE rc)
filecheck(CHECK ${WORK}.nopad "disassembly does not match (see ${WORK}.nopad)")
execute_process(COMMAND ${PYTHON} ${CHECK_BUNDLES} ${OBJDUMP} ${obj} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bundle invariants violated")
endif()

header_args(DWARFDUMP-ARGS dwarfargs)
if(DEFINED dwarfargs)
  execute_process(COMMAND ${OBJDUMP} -d --no-show-raw-insn ${obj} OUTPUT_VARIABLE dis
    RESULT_VARIABLE rc1)
  execute_process(COMMAND ${DWARFDUMP} ${dwarfargs} ${obj} OUTPUT_VARIABLE dwarf
    RESULT_VARIABLE rc2)
  if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0)
    message(FATAL_ERROR "llvm-objdump or llvm-dwarfdump failed")
  endif()
  file(WRITE ${WORK}.dwarf "${dis}${dwarf}")
  filecheck(DWARF ${WORK}.dwarf "DWARF does not match (see ${WORK}.dwarf)")
endif()
