# Shared CMake helpers: warnings and test registration.

function(tusk_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(TUSK_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# tusk_add_test(NAME tst_x SOURCES a.cpp LABELS unit LIBS Tusk::Core [FIXTURES sandbox] [TIMEOUT s])
# GUI-labelled tests run offscreen and write screenshots to ${CMAKE_BINARY_DIR}/screenshots.
function(tusk_add_test)
    cmake_parse_arguments(T "" "NAME;TIMEOUT" "SOURCES;LABELS;LIBS;FIXTURES" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        TUSK_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        TUSK_BINARY_DIR="${PROJECT_BINARY_DIR}"
        TUSK_SANDBOX_DIR="${PROJECT_BINARY_DIR}/test-sandbox")
    tusk_set_warnings(${T_NAME})
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set(env "TUSK_SANDBOX_DIR=${PROJECT_BINARY_DIR}/test-sandbox")
    if("gui" IN_LIST T_LABELS)
        list(APPEND env "QT_QPA_PLATFORM=offscreen" "TUSK_SCREENSHOT_DIR=${PROJECT_BINARY_DIR}/screenshots")
    endif()
    set_tests_properties(${T_NAME} PROPERTIES
        LABELS "${T_LABELS}"
        TIMEOUT ${T_TIMEOUT}
        ENVIRONMENT "${env}"
        SKIP_REGULAR_EXPRESSION "SKIP   : [A-Za-z0-9_]+::initTestCase\\(\\)")
    if(T_FIXTURES)
        set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES}" RESOURCE_LOCK sandbox)
    endif()
endfunction()
