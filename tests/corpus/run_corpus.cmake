# One run test: cmake -DSFI_CLANG=.. -DSFI_RUN=.. -DCC=clang-19 -DFLAGS="-O2;..." [-DLIBS=-lm] -DSRC=x.c
#                     -DOUT=<path prefix> -P run_corpus.cmake
# Builds SRC natively with CC (host libc) and as a sandbox module with sfi-clang (sandbox
# sysroot), runs both, and fails unless both exit 0 with identical stdout. With -DVERIFY=
# and/or -DCAPCHECK= the linked module is also checked by sfi-verify / sfi-capcheck in
# module mode (where rip-relative operands are checked against the image, R17).
foreach(v SFI_CLANG SFI_RUN CC FLAGS SRC OUT)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "run_corpus.cmake: -D${v}= missing")
  endif()
endforeach()

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}): ${ARGN}\n${out}${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

run("native build" ${CC} ${FLAGS} ${SRC} -o ${OUT}.native ${LIBS})
run("native run" ${OUT}.native)
set(want "${out}")
run("sfi-clang link" ${SFI_CLANG} ${FLAGS} ${SRC} -o ${OUT}.sfi ${LIBS})
if(VERIFY)
  run("sfi-verify (module)" ${VERIFY} ${OUT}.sfi)
endif()
if(CAPCHECK)
  run("sfi-capcheck (module)" ${CAPCHECK} ${OUT}.sfi)
endif()
run("sfi-run" ${SFI_RUN} --timeout 60 ${OUT}.sfi)
if(NOT out STREQUAL want)
  file(WRITE ${OUT}.native.out "${want}")
  file(WRITE ${OUT}.sfi.out "${out}")
  message(FATAL_ERROR "outputs differ: diff ${OUT}.native.out ${OUT}.sfi.out\n--- native\n${want}--- sandbox\n${out}")
endif()
message("${out}")
