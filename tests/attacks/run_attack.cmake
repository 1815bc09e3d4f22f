# One attack test: cmake -DMC=llvm-mc -DVERIFY=sfi-verify -DSRC=x.s -DOBJ=x.o [-DSTRICT=ON] -P run_attack.cmake
#
# Line 1 of SRC is "# expect: R<n>[|R<m>...]" (the verifier must exit 1 and cite one of
# them as "[R<n>]") or "# expect: ok" (the verifier must exit 0). Line 2 is
# "# attack: <sentence>". Anything else is a failure, so a broken harness cannot pass.
foreach(v MC VERIFY SRC OBJ)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_attack.cmake: -D${v}= missing")
  endif()
endforeach()

file(STRINGS ${SRC} head LIMIT_COUNT 2)
list(LENGTH head nhead)
if(nhead LESS 2)
  message(FATAL_ERROR "${SRC}: needs '# expect:' and '# attack:' lines")
endif()
list(GET head 0 l1)
list(GET head 1 l2)
if(NOT l1 MATCHES "^# expect: (ok|R[0-9]+(\\|R[0-9]+)*)$")
  message(FATAL_ERROR "${SRC}: line 1 must be '# expect: ok' or '# expect: R<n>[|R<m>]', got '${l1}'")
endif()
set(expect ${CMAKE_MATCH_1})
if(NOT l2 MATCHES "^# attack: .+")
  message(FATAL_ERROR "${SRC}: line 2 must be '# attack: <one sentence>'")
endif()

execute_process(COMMAND ${MC} -filetype=obj -triple=x86_64-linux-gnu ${SRC} -o ${OBJ}
  RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${SRC}: llvm-mc failed (${rc}):\n${err}")
endif()

execute_process(COMMAND ${VERIFY} --object ${OBJ}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
message("sfi-verify --object ${OBJ} -> ${rc}\n${all}")

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
