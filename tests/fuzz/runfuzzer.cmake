# Runs the event decoder's fuzzer for the test fuzz_eventdecoder (cmake -P): copies the seed corpus
# to a scratch directory in the build tree, so that nothing is ever written into the source tree, and
# fails when libFuzzer finds a crash, a sanitizer report, a timeout or a broken invariant.
# Variables: FUZZER (the binary), CORPUS (seed directory), DICT (dictionary), WORK_DIR, SECONDS.
foreach(var FUZZER CORPUS DICT WORK_DIR SECONDS)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "runfuzzer.cmake: -D${var}=... is required")
    endif()
endforeach()
if(NOT EXISTS "${FUZZER}")
    message(FATAL_ERROR "The fuzzer ${FUZZER} is not built: build the target cdc_fuzz first.")
endif()

set(corpus "${WORK_DIR}/corpus")
set(artifacts "${WORK_DIR}/artifacts")
file(REMOVE_RECURSE "${corpus}" "${artifacts}")
file(MAKE_DIRECTORY "${corpus}" "${artifacts}")
file(GLOB seeds "${CORPUS}/*")
if(seeds)
    file(COPY ${seeds} DESTINATION "${corpus}")
endif()

set(ENV{ASAN_OPTIONS} "abort_on_error=0:detect_leaks=1:symbolize=1")
set(ENV{UBSAN_OPTIONS} "print_stacktrace=1:halt_on_error=1")
execute_process(
    COMMAND "${FUZZER}"
        -max_total_time=${SECONDS} -rss_limit_mb=2048 -timeout=10
        "-dict=${DICT}" "-artifact_prefix=${artifacts}/" -print_final_stats=1
        "${corpus}"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    file(GLOB found "${artifacts}/*")
    message(FATAL_ERROR "fuzz_eventdecoder: the fuzzer failed (${result}). The input that broke the decoder: "
                        "${found}\nReproduce with: ${FUZZER} <that file>")
endif()
