# Decoder agreement tests (README.md): every positive test input, dumped by Capstone
# (sfi-capcheck --lengths) and Zydis (sfi-zylengths), must give the same instructions.
if(NOT TARGET sfi-capcheck)
  message(STATUS "fuzz: sfi-capcheck not built; decoder agreement tests skipped")
  return()
endif()
find_program(FUZZ_MC NAMES llvm-mc-19 llvm-mc HINTS ${SFI_LLVM_BINDIR})
find_program(FUZZ_LD NAMES ld.lld-19 ld.lld HINTS ${SFI_LLVM_BINDIR})
set(agree_common -DCAPCHECK=$<TARGET_FILE:sfi-capcheck> -DZYL=$<TARGET_FILE:sfi-zylengths>
  -DLDIFF=$<TARGET_FILE:lengths-diff> -DVERIFY=$<TARGET_FILE:sfi-verify>)
set(agree_script ${CMAKE_CURRENT_SOURCE_DIR}/run_agree.cmake)
set(agree_work ${CMAKE_CURRENT_BINARY_DIR}/agree)

# Hand-written positive controls: the attack corpus' ok_* and capcheck's good_* cases.
if(FUZZ_MC AND FUZZ_LD)
  file(GLOB asm_ok CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/attacks/ok_*.s
    ${capcheck_dir}/cases/good_*.s ${capcheck_dir}/cases/lengths.s)
  foreach(src ${asm_ok})
    get_filename_component(name ${src} NAME_WE)
    add_test(NAME fuzz.agree.asm.${name}
      COMMAND ${CMAKE_COMMAND} ${agree_common} -DMC=${FUZZ_MC} -DLD=${FUZZ_LD} -DSRC=${src}
        -DWORK=${agree_work}/asm -P ${agree_script})
    set_tests_properties(fuzz.agree.asm.${name} PROPERTIES LABELS "fuzz;agree")
  endforeach()
endif()

# The fuzzer's ELF seeds: linked modules (plugins from sfi-clang, stores-only and thread-safe
# returns included) and objects, rejected attack objects too (the decoders must agree on
# any bytes, accepted or not).
add_test(NAME fuzz.agree.seeds
  COMMAND ${CMAKE_COMMAND} ${agree_common} "-DGLOB=${CMAKE_CURRENT_SOURCE_DIR}/seeds/*.so;${CMAKE_CURRENT_SOURCE_DIR}/seeds/*.elf"
    -DWORK=${agree_work}/seeds -P ${agree_script})
set_tests_properties(fuzz.agree.seeds PROPERTIES LABELS "fuzz;agree")

if(NOT TARGET sfi-clang)
  message(STATUS "fuzz: sfi-clang not built; agreement tests on compiled code skipped")
  return()
endif()

# Real compiled code: repo C files of some size and variety, through sfi-clang at three
# levels. They need only host headers (no sandbox sysroot), so they build anywhere.
file(GLOB repo_c CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/verifier/*.c ${CMAKE_SOURCE_DIR}/driver/*.c
  ${capcheck_dir}/*.c)
set(repo_cflags "-std=gnu11;-I${CMAKE_SOURCE_DIR}/include;-I${CMAKE_SOURCE_DIR}/verifier;-idirafter;${SFI_ZYDIS_INCLUDE}")
foreach(src ${repo_c})
  get_filename_component(name ${src} NAME_WE)
  get_filename_component(dir ${src} DIRECTORY)
  get_filename_component(dir ${dir} NAME)
  add_test(NAME fuzz.agree.repo.${dir}.${name}
    COMMAND ${CMAKE_COMMAND} ${agree_common} -DCC=$<TARGET_FILE:sfi-clang> "-DOPTS=O0;O2;Os"
      "-DCFLAGS=${repo_cflags}" -DSRC=${src} -DWORK=${agree_work}/repo.${dir} -P ${agree_script})
  set_tests_properties(fuzz.agree.repo.${dir}.${name} PROPERTIES LABELS "fuzz;agree")
endforeach()

# The toolchain corpus (tests/corpus): every object its compile tests left in its build
# directory. DEPENDS only orders the tests: one corpus program that fails to compile (a
# toolchain bug, reported by its own test) must not hide the decoder check of the others.
# Run alone, the test needs the corpus compiled first (ctest -R 'corpus.*compile|fuzz.agree').
set(corpus_compiles "")
file(GLOB corpus_c CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/corpus/*.c)
foreach(src ${corpus_c})
  get_filename_component(name ${src} NAME_WE)
  foreach(opt ${SFI_CORPUS_OPTS})
    list(APPEND corpus_compiles corpus.${name}.${opt}.compile)
  endforeach()
endforeach()
if(corpus_compiles)
  add_test(NAME fuzz.agree.corpus
    COMMAND ${CMAKE_COMMAND} ${agree_common} "-DGLOB=${CMAKE_BINARY_DIR}/tests/corpus/obj/*.o"
      -DWORK=${agree_work}/corpus -P ${agree_script})
  set_tests_properties(fuzz.agree.corpus PROPERTIES LABELS "fuzz;agree"
    DEPENDS "${corpus_compiles}")
endif()
