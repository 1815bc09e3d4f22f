# Runs one sandboxed test program with sfi-run and checks it (ctest, tests/runtime).
#   -DSFI_RUN= -DMODULE= -DEXPECTED=<file> -DSTATUS=<exit status> -DWORK=<scratch dir>
#   [-DARGS=a|b c] [-DOPTS=--timeout|1] [-DSTDERR=<regex>]
# Layout given to the program: WORK/box granted read-write as /box, WORK/ro read-only as
# /ro, WORK/outside not granted (its host path is @OUTSIDE@ in ARGS). Symlinks in box point
# out of it. Afterwards nothing outside box may have changed.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/box ${WORK}/ro ${WORK}/outside)
file(WRITE ${WORK}/outside/secret.txt "secret\n")
file(WRITE ${WORK}/ro/ro.txt "read only\n")
file(WRITE ${WORK}/box/inside.txt "inside\n")
file(CREATE_LINK ../outside/secret.txt ${WORK}/box/rel_link SYMBOLIC)
file(CREATE_LINK ${WORK}/outside/secret.txt ${WORK}/box/abs_link SYMBOLIC)
file(CREATE_LINK ../outside ${WORK}/box/dir_link SYMBOLIC)

string(REPLACE "@OUTSIDE@" "${WORK}/outside" args "${ARGS}")
string(REPLACE "|" ";" args "${args}")
string(REPLACE "|" ";" opts "${OPTS}")
execute_process(
  COMMAND ${SFI_RUN} ${opts} --dir ${WORK}/box:/box --dir-ro ${WORK}/ro:/ro ${MODULE} ${args}
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)

set(fail "")
if(NOT "${rc}" STREQUAL "${STATUS}")
  string(APPEND fail "exit status ${rc}, expected ${STATUS}\n")
endif()
file(READ ${EXPECTED} want)
if(NOT "${out}" STREQUAL "${want}")
  string(APPEND fail "stdout differs.\n--- expected\n${want}--- got\n${out}---\n")
endif()
if(DEFINED STDERR AND NOT "${err}" MATCHES "${STDERR}")
  string(APPEND fail "stderr does not match '${STDERR}'\n")
endif()
# Containment: nothing outside the read-write grant changed.
file(GLOB_RECURSE outside_now LIST_DIRECTORIES true RELATIVE ${WORK}/outside ${WORK}/outside/*)
if(NOT "${outside_now}" STREQUAL "secret.txt")
  string(APPEND fail "outside/ changed: ${outside_now}\n")
endif()
file(READ ${WORK}/outside/secret.txt secret)
if(NOT secret STREQUAL "secret\n")
  string(APPEND fail "outside/secret.txt was modified\n")
endif()
file(GLOB top LIST_DIRECTORIES true RELATIVE ${WORK} ${WORK}/*)
if(NOT "${top}" STREQUAL "box;outside;ro")
  string(APPEND fail "something was created next to the grants: ${top}\n")
endif()
file(GLOB_RECURSE ro_now LIST_DIRECTORIES true RELATIVE ${WORK}/ro ${WORK}/ro/*)
file(READ ${WORK}/ro/ro.txt ro)
if(NOT "${ro_now}" STREQUAL "ro.txt" OR NOT ro STREQUAL "read only\n")
  string(APPEND fail "the read-only grant changed: ${ro_now}\n")
endif()
if(fail)
  message(FATAL_ERROR "${MODULE}:\n${fail}stderr:\n${err}")
endif()
