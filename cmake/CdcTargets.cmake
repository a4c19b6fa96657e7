# Project functions for targets and tests: one place for flags, defines and labels.
include_guard(GLOBAL)

# Compile options and strict Qt defines shared by every target of ours.
function(cdc_apply_common_options target)
    target_compile_features(${target} PUBLIC cxx_std_20)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(CDC_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII
        QT_NO_CAST_TO_ASCII
        QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
        QT_USE_QSTRINGBUILDER
        QT_DISABLE_DEPRECATED_BEFORE=0x060400
        QT_NO_KEYWORDS
        QT_NO_URL_CAST_FROM_STRING)
endfunction()

# cdc_add_library(<name> ALIAS <Cdc::Name> SOURCES ... PUBLIC_LIBS ... PRIVATE_LIBS ...)
function(cdc_add_library name)
    cmake_parse_arguments(ARG "" "ALIAS" "SOURCES;PUBLIC_LIBS;PRIVATE_LIBS" ${ARGN})
    add_library(${name} STATIC ${ARG_SOURCES})
    if(ARG_ALIAS)
        add_library(${ARG_ALIAS} ALIAS ${name})
    endif()
    cdc_apply_common_options(${name})
    set_target_properties(${name} PROPERTIES AUTOMOC ON POSITION_INDEPENDENT_CODE ON)
    target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_LIBS} PRIVATE ${ARG_PRIVATE_LIBS})
endfunction()

# cdc_add_executable(<name> SOURCES ... LIBS ...)
function(cdc_add_executable name)
    cmake_parse_arguments(ARG "" "" "SOURCES;LIBS" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    cdc_apply_common_options(${name})
    set_target_properties(${name} PROPERTIES AUTOMOC ON)
    target_link_libraries(${name} PRIVATE ${ARG_LIBS})
endfunction()

# cdc_add_test(<tst_name> LABEL <unit|gui|integration|e2e|bench> SOURCES ... LIBS ... [TIMEOUT s])
# One Qt Test executable per test file; GUI tests run on the offscreen platform.
function(cdc_add_test name)
    cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;LIBS" ${ARGN})
    if(NOT ARG_LABEL)
        message(FATAL_ERROR "cdc_add_test(${name}): LABEL is required")
    endif()
    cdc_add_executable(${name} SOURCES ${ARG_SOURCES} LIBS Qt6::Test ${ARG_LIBS})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set(env "QT_QPA_PLATFORM=offscreen" "CDC_TEST_OUTPUT_DIR=${CMAKE_BINARY_DIR}/test-output"
            "CDC_SOURCE_DIR=${CMAKE_SOURCE_DIR}" "QT_LOGGING_RULES=cdc.*.debug=false")
    set_tests_properties(${name} PROPERTIES
        LABELS ${ARG_LABEL}
        TIMEOUT ${ARG_TIMEOUT}
        ENVIRONMENT "${env}")
endfunction()
