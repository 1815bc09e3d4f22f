# One attack test:
#   cmake -DMC=llvm-mc -DVERIFY=sfi-verify -DSRC=x.s -DOBJ=x.o [-DLD=ld.lld] [-DSTRICT=ON] -P run_attack.cmake
#
# Line 1 of SRC is "# expect: R<n>[|R<m>...]" (the verifier must exit 1 and cite one of
# them as "[R<n>]") or "# expect: ok" (the verifier must exit 0). Line 2 is
# "# attack: <sentence>". Anything else is a failure, so a broken harness cannot pass.
foreach(v MC VERIFY SRC OBJ)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_attack.cmake: -D${v}= missing")
  endif()
endforeach()

# Read the two header lines separately: a free-text line may hold an unbalanced "[", which
# would merge CMake list elements.
file(STRINGS ${SRC} l1 LIMIT_COUNT 1)
file(STRINGS ${SRC} l2 LIMIT_COUNT 1 REGEX "^# attack: ")
if(NOT l1 MATCHES "^# expect: (ok|R[0-9]+(\\|R[0-9]+)*)$")
  message(FATAL_ERROR "${SRC}: line 1 must be '# expect: ok' or '# expect: R<n>[|R<m>]', got '${l1}'")
endif()
set(expect ${CMAKE_MATCH_1})
if(NOT l2 MATCHES "^# attack: .+")
  message(FATAL_ERROR "${SRC}: needs a '# attack: <one sentence>' line")
endif()

execute_process(COMMAND ${MC} -filetype=obj -triple=x86_64-linux-gnu ${SRC} -o ${OBJ}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${SRC}: llvm-mc failed (${rc}):\n${err}")
endif()

# "# module: yes" in the header: link a static PIE (R20) and verify it in module mode, where
# rip-relative targets (R11 form c, R17) are known. Otherwise verify the object.
file(STRINGS ${SRC} module LIMIT_COUNT 6 REGEX "^# module: yes")
if(module)
  if(NOT LD)
    message(FATAL_ERROR "${SRC} is a module test but -DLD= (ld.lld) is missing")
  endif()
  execute_process(COMMAND ${LD} -pie --no-dynamic-linker -z separate-code --export-dynamic
      -e 0 ${OBJ} -o ${OBJ}.so RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SRC}: link failed (${rc}):\n${err}")
  endif()
  set(verify_args ${OBJ}.so)
else()
  set(verify_args --object ${OBJ})
endif()
execute_process(COMMAND ${VERIFY} ${verify_args}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
message("sfi-verify ${verify_args} -> ${rc}\n${all}")

if(expect STREQUAL "ok")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "positive control rejected: expected exit 0, got ${rc}")
  endif()
  return()
endif()

if(NOT rc EQUAL 1)
  message(FATAL_ERROR "attack not rejected: expected exit 1, got '${rc}' (expected ${expect})")
endif()
string(REPLACE "|" ";" rules "${expect}")
set(found "")
foreach(r ${rules})
  string(FIND "${all}" "[${r}]" pos)
  if(pos GREATER -1)
    list(APPEND found ${r})
  endif()
endforeach()
if(NOT found)
  message(FATAL_ERROR "rejected, but for the wrong reason: none of [${expect}] is cited")
endif()

# Which other rules were cited? The files are written so that only one thing is wrong,
# so an extra rule is either a secondary effect or a verifier false positive.
string(REGEX MATCHALL "\\[R[0-9]+\\]" cited "${all}")
list(REMOVE_DUPLICATES cited)
set(extra "")
foreach(c ${cited})
  string(REGEX REPLACE "[][]" "" c "${c}")
  list(FIND rules ${c} i)
  if(i EQUAL -1)
    list(APPEND extra ${c})
  endif()
endforeach()
if(extra)
  if(STRICT)
    message(FATAL_ERROR "also cited rules not expected by the file: ${extra}")
  else()
    message("note: also cited ${extra} (not expected by the file)")
  endif()
endif()
