# The libFuzzer harness (fuzz_verify.c) and its bounded run in ctest (README.md).
# The verifier's sources are compiled into the fuzzer with the fuzzer's own flags: linking
# the ordinary library would leave its code without coverage instrumentation, and the
# fuzzer would be blind to the branches it is meant to explore.
if(NOT CMAKE_C_COMPILER_ID STREQUAL "Clang")
  message(STATUS "fuzz: libFuzzer needs clang; fuzz_verify skipped")
  return()
endif()
set(FUZZ_FLAGS -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
  -fno-omit-frame-pointer)
include(CheckCSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=fuzzer")
check_c_source_compiles("#include <stdint.h>
#include <stddef.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }"
  SFI_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
if(NOT SFI_HAVE_LIBFUZZER)
  message(WARNING "fuzz: clang cannot link -fsanitize=fuzzer (install libclang-rt-19-dev); fuzz_verify skipped")
  return()
endif()

# The verifier's source list, from its target (verifier/CMakeLists.txt, SFI_VERIFY_SOURCES).
get_target_property(verify_srcs sfiverify SOURCES)
get_target_property(verify_dir sfiverify SOURCE_DIR)
set(verify_abs "")
foreach(s ${verify_srcs})
  if(NOT IS_ABSOLUTE ${s})
    set(s ${verify_dir}/${s})
  endif()
  list(APPEND verify_abs ${s})
endforeach()

find_package(Threads REQUIRED)
add_executable(fuzz_verify fuzz_verify.c zyview.c agree.c known.c ${verify_abs}
  ${capcheck_dir}/check.c ${capcheck_dir}/elf.c)
target_compile_options(fuzz_verify PRIVATE ${FUZZ_FLAGS})
target_link_options(fuzz_verify PRIVATE ${FUZZ_FLAGS})
target_include_directories(fuzz_verify PRIVATE ${CMAKE_SOURCE_DIR}/include ${verify_dir}
  ${capcheck_dir} ${SFI_ZYDIS_INCLUDE})
target_link_libraries(fuzz_verify PRIVATE ${SFI_ZYDIS_LIB} ${SFI_ZYCORE_LIB}
  PkgConfig::FUZZ_CAPSTONE PkgConfig::FUZZ_LIBELF Threads::Threads)

set(fuzz_args -DFUZZER=$<TARGET_FILE:fuzz_verify> -DSEEDS=${CMAKE_CURRENT_SOURCE_DIR}/seeds
  -DDICT=${CMAKE_CURRENT_SOURCE_DIR}/fuzz_verify.dict
  -DREGRESSIONS=${CMAKE_CURRENT_SOURCE_DIR}/regressions)
# Every seed and every saved regression, once each: fast, deterministic. Known open
# verifier bugs (known.c) are skipped here, so this test guards everything else.
add_test(NAME fuzz.verify.replay
  COMMAND ${CMAKE_COMMAND} ${fuzz_args} -DMODE=replay -P ${CMAKE_CURRENT_SOURCE_DIR}/run_fuzz.cmake)
# A short bounded fuzzing run from the seeds (run-long.sh is the long one).
add_test(NAME fuzz.verify.run
  COMMAND ${CMAKE_COMMAND} ${fuzz_args} -DMODE=fuzz -DWORK=${CMAKE_CURRENT_BINARY_DIR}/fuzz-run
    -P ${CMAKE_CURRENT_SOURCE_DIR}/run_fuzz.cmake)
set_tests_properties(fuzz.verify.replay fuzz.verify.run PROPERTIES LABELS "fuzz" TIMEOUT 150)
# Each reproducer of a known open verifier bug (regressions/known-*), without the skip:
# it must still fail. When one "fails" (passes the harness), the bug is fixed: drop its
# entry in known.c and the "known-" from the file name, and it becomes a plain regression.
file(GLOB known_bugs CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/regressions/known-*)
foreach(f ${known_bugs})
  get_filename_component(name ${f} NAME)
  add_test(NAME fuzz.known_bug.${name} COMMAND fuzz_verify -timeout=10 ${f})
  set_tests_properties(fuzz.known_bug.${name} PROPERTIES LABELS "fuzz;known_bug" WILL_FAIL TRUE
    ENVIRONMENT "FUZZ_VERIFY_IGNORE_KNOWN=0")
endforeach()
