# One decoder-agreement test (README.md): make or find ELF files, dump each one's code with
# sfi-capcheck --lengths (Capstone) and sfi-zylengths (Zydis, the verifier's decoder), and
# require identical dumps; sfi-zylengths --agree also compares displacements, address
# sizes and segments in-process. Any difference fails the test: it means the verifier and
# the independent checker did not look at the same instructions.
#
#   cmake -DCAPCHECK= -DZYL= -DLDIFF= -DWORK=dir  <one input mode>  -P run_agree.cmake
#   input modes:  -DSRC=x.s -DMC=llvm-mc [-DLD=ld.lld]   assemble (link if "# module: yes")
#                 -DSRC=x.c -DCC=sfi-clang -DOPTS=O0;O2 [-DCFLAGS=...]   compile at each level
#                 -DGLOB=<pattern>[;<pattern>...]          existing files (e.g. corpus objects)
#   -DVERIFY=sfi-verify (optional): also print the verifier's verdict on each file.
foreach(v CAPCHECK ZYL LDIFF WORK)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_agree.cmake: -D${v}= missing")
  endif()
endforeach()
file(MAKE_DIRECTORY ${WORK})
set(elfs "")

if(DEFINED GLOB)
  file(GLOB elfs ${GLOB})
  list(SORT elfs)
  if(NOT elfs)
    message(FATAL_ERROR "no file matches ${GLOB} (build them first: see agree.cmake)")
  endif()
elseif(SRC MATCHES "\\.s$")
  get_filename_component(name ${SRC} NAME_WE)
  set(obj ${WORK}/${name}.o)
  execute_process(COMMAND ${MC} -filetype=obj -triple=x86_64-linux-gnu ${SRC} -o ${obj}
    RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${SRC}: llvm-mc failed:\n${err}")
  endif()
  list(APPEND elfs ${obj})
  file(STRINGS ${SRC} module LIMIT_COUNT 6 REGEX "^# (module|capcheck-link): yes")
  if(module)
    # Same link as tests/attacks/run_attack.cmake.
    execute_process(COMMAND ${LD} -pie --no-dynamic-linker -z separate-code --export-dynamic
        -e 0 ${obj} -o ${obj}.so RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${SRC}: link failed:\n${err}")
    endif()
    list(APPEND elfs ${obj}.so)
  endif()
elseif(SRC MATCHES "\\.c$")
  get_filename_component(name ${SRC} NAME_WE)
  foreach(opt ${OPTS})
    set(obj ${WORK}/${name}.${opt}.o)
    execute_process(COMMAND ${CC} -${opt} ${CFLAGS} -c ${SRC} -o ${obj}
      RESULT_VARIABLE rc ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "${SRC}: sfi-clang -${opt} failed:\n${err}")
    endif()
    list(APPEND elfs ${obj})
  endforeach()
else()
  message(FATAL_ERROR "run_agree.cmake: give -DSRC=x.s|x.c or -DGLOB=")
endif()

set(failed "")
foreach(elf ${elfs})
  get_filename_component(base ${elf} NAME)
  if(DEFINED VERIFY)
    set(mode "")
    if(elf MATCHES "\\.o$")
      set(mode --object)
    endif()
    execute_process(COMMAND ${VERIFY} ${mode} ${elf} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    message("sfi-verify ${mode} ${base}: exit ${rc}")
  endif()
  # sfi-capcheck's exit status is its verdict on the code, not on the dump: only 2
  # (unreadable) matters here.
  execute_process(COMMAND ${CAPCHECK} --quiet --lengths ${WORK}/${base}.capstone.lst ${elf}
    RESULT_VARIABLE rc)
  if(rc EQUAL 2)
    message(FATAL_ERROR "sfi-capcheck cannot read ${elf}")
  endif()
  execute_process(COMMAND ${ZYL} --agree -o ${WORK}/${base}.zydis.lst ${elf}
    RESULT_VARIABLE zrc ERROR_VARIABLE zerr)
  execute_process(COMMAND ${LDIFF} ${WORK}/${base}.capstone.lst ${WORK}/${base}.zydis.lst
    RESULT_VARIABLE drc OUTPUT_VARIABLE dout)
  message("${base}: ${dout}${zerr}")
  if(NOT zrc EQUAL 0 OR NOT drc EQUAL 0)
    list(APPEND failed ${base})
  endif()
endforeach()
if(failed)
  message(FATAL_ERROR "Zydis and Capstone disagree on: ${failed}")
endif()
