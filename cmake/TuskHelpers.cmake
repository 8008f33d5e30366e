# Shared CMake helpers: warnings and test registration.

function(tusk_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(TUSK_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# The PostgreSQL majors the versions tests run against: the first column of
# packaging/postgres-versions.txt, where packaging/fetch-postgres.sh reads its pins.
function(tusk_read_postgres_majors out)
    set(pins ${PROJECT_SOURCE_DIR}/packaging/postgres-versions.txt)
    set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${pins})
    file(STRINGS ${pins} lines REGEX "^[0-9]+ ")
    set(majors)
    foreach(line IN LISTS lines)
        string(REGEX MATCH "^[0-9]+" major "${line}")
        list(APPEND majors ${major})
    endforeach()
    set(${out} ${majors} PARENT_SCOPE)
endfunction()

# One primary of PostgreSQL <major> per ctest run (fixture postgres<major>, label versions), in
# build/<preset>/versions-sandbox/pg<major>. Its setup is skipped when the major is not installed
# (tests/versions/postgres-fixture.sh), and fails instead when CI=true.
function(tusk_add_postgres_fixture major)
    get_property(done GLOBAL PROPERTY TUSK_POSTGRES_FIXTURE_${major})
    if(done)
        return()
    endif()
    set_property(GLOBAL PROPERTY TUSK_POSTGRES_FIXTURE_${major} ON)
    set(script ${PROJECT_SOURCE_DIR}/tests/versions/postgres-fixture.sh)
    set(dir ${PROJECT_BINARY_DIR}/versions-sandbox/pg${major})
    add_test(NAME versions_up_pg${major} COMMAND ${script} up $<TARGET_FILE:tusk-cli> ${dir} ${major})
    set_tests_properties(versions_up_pg${major} PROPERTIES FIXTURES_SETUP postgres${major} LABELS versions
        TIMEOUT 120 SKIP_RETURN_CODE 77 RESOURCE_LOCK postgres${major})
    add_test(NAME versions_down_pg${major} COMMAND ${script} down $<TARGET_FILE:tusk-cli> ${dir})
    set_tests_properties(versions_down_pg${major} PROPERTIES FIXTURES_CLEANUP postgres${major} LABELS versions
        TIMEOUT 120 RESOURCE_LOCK postgres${major})
endfunction()

# The sandbox fixture's cluster is shared by the tests that require it; CTest has no
# reader/writer lock, so one is made of plain RESOURCE_LOCKs. A test that only opens its own
# connections and works in objects of its own (temp tables, uniquely named tables or databases)
# takes one of TUSK_SANDBOX_SLOTS slot locks, round robin: such tests run side by side. A test that
# needs the cluster to itself (it drops or changes what others read, resets server-wide counters,
# restarts or breaks a server) takes every slot: it runs while no other sandbox test does.
# More shared tests than slots only means that two of them never run at the same time.
set(TUSK_SANDBOX_SLOTS 32)

# tusk_sandbox_lock(test [EXCLUSIVE]): the sandbox's lock for a test registered in this directory.
function(tusk_sandbox_lock test)
    cmake_parse_arguments(L "EXCLUSIVE" "" "" ${ARGN})
    if(L_EXCLUSIVE)
        set(locks)
        foreach(slot RANGE 1 ${TUSK_SANDBOX_SLOTS})
            list(APPEND locks sandbox_slot_${slot})
        endforeach()
    else()
        get_property(next GLOBAL PROPERTY TUSK_SANDBOX_NEXT_SLOT)
        if(NOT next)
            set(next 0)
        endif()
        math(EXPR slot "${next} % ${TUSK_SANDBOX_SLOTS} + 1")
        math(EXPR next "${next} + 1")
        set_property(GLOBAL PROPERTY TUSK_SANDBOX_NEXT_SLOT ${next})
        set(locks sandbox_slot_${slot})
    endif()
    set_tests_properties(${test} PROPERTIES RESOURCE_LOCK "${locks}")
endfunction()

# tusk_add_test(NAME tst_x SOURCES a.cpp LABELS unit LIBS Tusk::Core [FIXTURES sandbox
#               [EXCLUSIVE_SANDBOX]] [TIMEOUT s] [VERSIONS 12 13 …])
# GUI-labelled tests run offscreen and write screenshots to ${CMAKE_BINARY_DIR}/screenshots.
# FIXTURES sandbox: the test shares the sandbox cluster with the others (tusk_sandbox_lock);
# EXCLUSIVE_SANDBOX: it needs the cluster to itself (say why next to the call).
# VERSIONS also registers tst_x_pg<major> (label versions) for each major, against that major's
# fixture (TUSK_SANDBOX_DIR points at it, TUSK_PG_MAJOR names it); without LABELS only those.
function(tusk_add_test)
    cmake_parse_arguments(T "EXCLUSIVE_SANDBOX" "NAME;TIMEOUT" "SOURCES;LABELS;LIBS;FIXTURES;VERSIONS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    target_compile_definitions(${T_NAME} PRIVATE
        TUSK_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
        TUSK_BINARY_DIR="${PROJECT_BINARY_DIR}"
        TUSK_SANDBOX_DIR="${PROJECT_BINARY_DIR}/test-sandbox")
    tusk_set_warnings(${T_NAME})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 300)
    endif()
    set(skip "SKIP   : [A-Za-z0-9_]+::initTestCase\\(\\)")
    if(T_LABELS)
        add_test(NAME ${T_NAME} COMMAND ${T_NAME})
        set(env "TUSK_SANDBOX_DIR=${PROJECT_BINARY_DIR}/test-sandbox")
        if("gui" IN_LIST T_LABELS)
            list(APPEND env "QT_QPA_PLATFORM=offscreen" "TUSK_SCREENSHOT_DIR=${PROJECT_BINARY_DIR}/screenshots")
        endif()
        set_tests_properties(${T_NAME} PROPERTIES
            LABELS "${T_LABELS}"
            TIMEOUT ${T_TIMEOUT}
            ENVIRONMENT "${env}"
            SKIP_REGULAR_EXPRESSION "${skip}")
        if(T_EXCLUSIVE_SANDBOX AND NOT "sandbox" IN_LIST T_FIXTURES)
            message(FATAL_ERROR "${T_NAME}: EXCLUSIVE_SANDBOX without FIXTURES sandbox")
        endif()
        if(T_FIXTURES)
            set_tests_properties(${T_NAME} PROPERTIES FIXTURES_REQUIRED "${T_FIXTURES}")
        endif()
        if("sandbox" IN_LIST T_FIXTURES)
            if(T_EXCLUSIVE_SANDBOX)
                tusk_sandbox_lock(${T_NAME} EXCLUSIVE)
            else()
                tusk_sandbox_lock(${T_NAME})
            endif()
        endif()
    endif()
    if(T_VERSIONS)
        add_dependencies(${T_NAME} tusk-cli) # the fixtures start their servers with it
    endif()
    foreach(major IN LISTS T_VERSIONS)
        tusk_add_postgres_fixture(${major})
        add_test(NAME ${T_NAME}_pg${major} COMMAND ${T_NAME})
        set_tests_properties(${T_NAME}_pg${major} PROPERTIES
            LABELS versions
            TIMEOUT ${T_TIMEOUT}
            ENVIRONMENT "TUSK_SANDBOX_DIR=${PROJECT_BINARY_DIR}/versions-sandbox/pg${major};TUSK_PG_MAJOR=${major}"
            SKIP_REGULAR_EXPRESSION "${skip}"
            FIXTURES_REQUIRED postgres${major}
            RESOURCE_LOCK postgres${major})
    endforeach()
endfunction()
