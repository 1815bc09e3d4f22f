# Runs one sfi-as test (see CMakeLists.txt). The test file carries its own options in a line
# "# SFI-AS-ARGS: ...", optionally "# OBJDUMP-ARGS: ..." (default -d --no-show-raw-insn), and
# its expectations as FileCheck CHECK:/ERR: lines. With "# DWARFDUMP-ARGS: ...", DWARF: lines
# are checked against the full disassembly (padding included, so checks can capture
# instruction addresses) followed by llvm-dwarfdump's output.
file(STRINGS ${INPUT} argline REGEX "^# SFI-AS-ARGS:")
set(args "")
if(argline)
  string(REGEX REPLACE "^# SFI-AS-ARGS:[ ]*" "" args "${argline}")
  separate_arguments(args UNIX_COMMAND "${args}")
endif()
file(STRINGS ${INPUT} dumpline REGEX "^# OBJDUMP-ARGS:")
set(dumpargs -d --no-show-raw-insn)
if(dumpline)
  string(REGEX REPLACE "^# OBJDUMP-ARGS:[ ]*" "" dumpargs "${dumpline}")
  separate_arguments(dumpargs UNIX_COMMAND "${dumpargs}")
endif()
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
  execute_process(COMMAND ${FILECHECK} --check-prefix=ERR ${INPUT} --input-file ${WORK}.err
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "diagnostics do not match:\n${err}")
  endif()
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
execute_process(COMMAND ${FILECHECK} ${INPUT} --input-file ${WORK}.nopad RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "disassembly does not match (see ${WORK}.nopad)")
endif()
execute_process(COMMAND ${PYTHON} ${CHECK_BUNDLES} ${OBJDUMP} ${obj} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bundle invariants violated")
endif()

file(STRINGS ${INPUT} dwarfline REGEX "^# DWARFDUMP-ARGS:")
if(dwarfline)
  string(REGEX REPLACE "^# DWARFDUMP-ARGS:[ ]*" "" dwarfargs "${dwarfline}")
  separate_arguments(dwarfargs UNIX_COMMAND "${dwarfargs}")
  execute_process(COMMAND ${OBJDUMP} -d --no-show-raw-insn ${obj} OUTPUT_VARIABLE dis
    RESULT_VARIABLE rc1)
  execute_process(COMMAND ${DWARFDUMP} ${dwarfargs} ${obj} OUTPUT_VARIABLE dwarf
    RESULT_VARIABLE rc2)
  if(NOT rc1 EQUAL 0 OR NOT rc2 EQUAL 0)
    message(FATAL_ERROR "llvm-objdump or llvm-dwarfdump failed")
  endif()
  file(WRITE ${WORK}.dwarf "${dis}${dwarf}")
  execute_process(COMMAND ${FILECHECK} --check-prefix=DWARF ${INPUT} --input-file ${WORK}.dwarf
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "DWARF does not match (see ${WORK}.dwarf)")
  endif()
endif()
