# How an e2e suite is registered: one run of the real `warden run` (a ctest fixture), one ctest
# entry per scenario or check, and one entry that keeps the two in step.

set(WARDEN_E2E_DIR ${CMAKE_CURRENT_LIST_DIR})
# The build type as the checks that judge error details read it ("Debug" adds details): never
# empty, so that it stays an argument of the check's command.
if(CMAKE_BUILD_TYPE)
  set(WARDEN_E2E_BUILD_TYPE ${CMAKE_BUILD_TYPE})
else()
  set(WARDEN_E2E_BUILD_TYPE none)
endif()

# warden_e2e_run(TEST FIXTURE WORK APP [TIMEOUT seconds] [ARGS run_app.sh options...])
# The suite's one run: run_app.sh copies APP into WORK, bundles its page and runs the host.
function(warden_e2e_run)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TEST;FIXTURE;WORK;APP;TIMEOUT" "ARGS")
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 300)
  endif()
  add_test(NAME ${arg_TEST}
    COMMAND ${WARDEN_E2E_DIR}/run_app.sh --warden $<TARGET_FILE:warden> --work ${arg_WORK} --app ${arg_APP}
            ${arg_ARGS})
  set_tests_properties(${arg_TEST} PROPERTIES FIXTURES_SETUP ${arg_FIXTURE} TIMEOUT ${arg_TIMEOUT}
                                              RESOURCE_LOCK xvfb)
endfunction()

# warden_e2e_scenarios_registered(TEST FIXTURE RESULTS files... REGISTERED names...
#                                 [NOT_FROM_PAGE names...] [NOT_SCENARIOS keys...])
# Fails when a page reports a scenario no ctest entry checks, or a registered one never came
# (check_scenarios_registered.py says what "window/scenario", NOT_FROM_PAGE and NOT_SCENARIOS mean).
function(warden_e2e_scenarios_registered)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TEST;FIXTURE" "RESULTS;REGISTERED;NOT_FROM_PAGE;NOT_SCENARIOS")
  set(extra)
  if(arg_NOT_FROM_PAGE)
    list(APPEND extra --not-from-page ${arg_NOT_FROM_PAGE})
  endif()
  if(arg_NOT_SCENARIOS)
    list(APPEND extra --not-scenarios ${arg_NOT_SCENARIOS})
  endif()
  add_test(NAME ${arg_TEST}
    COMMAND Python3::Interpreter ${WARDEN_E2E_DIR}/check_scenarios_registered.py --results ${arg_RESULTS}
            --registered ${arg_REGISTERED} ${extra})
  set_tests_properties(${arg_TEST} PROPERTIES FIXTURES_REQUIRED ${arg_FIXTURE} TIMEOUT 30)
endfunction()

# warden_e2e_checks(PREFIX FIXTURE NAMES names... COMMAND command...)
# One ctest entry PREFIX.<name> per NAME, each running COMMAND with @NAME@ replaced by the name,
# after the suite's run (FIXTURE).
function(warden_e2e_checks)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "PREFIX;FIXTURE" "NAMES;COMMAND")
  foreach(name ${arg_NAMES})
    string(REPLACE "@NAME@" "${name}" command "${arg_COMMAND}")
    add_test(NAME ${arg_PREFIX}.${name} COMMAND ${command})
    set_tests_properties(${arg_PREFIX}.${name} PROPERTIES FIXTURES_REQUIRED ${arg_FIXTURE} TIMEOUT 30)
  endforeach()
endfunction()

# warden_e2e_window_scenarios(PREFIX FIXTURE RESULTS file WINDOW window NAMES names... [REGISTERED var])
# One ctest entry PREFIX.<window>.<name> per NAME: WINDOW reported it with ok=true
# (check_results.py). Appends "<window>/<name>" to the list VAR, for
# warden_e2e_scenarios_registered.
function(warden_e2e_window_scenarios)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "PREFIX;FIXTURE;RESULTS;WINDOW;REGISTERED" "NAMES")
  warden_e2e_checks(PREFIX ${arg_PREFIX}.${arg_WINDOW} FIXTURE ${arg_FIXTURE} NAMES ${arg_NAMES}
    COMMAND Python3::Interpreter ${WARDEN_E2E_DIR}/check_results.py ${arg_RESULTS} ${arg_WINDOW} @NAME@)
  if(arg_REGISTERED)
    list(TRANSFORM arg_NAMES PREPEND ${arg_WINDOW}/)
    set(${arg_REGISTERED} ${${arg_REGISTERED}} ${arg_NAMES} PARENT_SCOPE)
  endif()
endfunction()

# warden_e2e_reports_sent(PREFIX FIXTURE RESULTS file WINDOWS windows...)
# One ctest entry PREFIX.<window>.report_sent per window: the page finished and sent its report to
# its driver (the title "report" entry warden run's --exit-on-title wrote to RESULTS).
function(warden_e2e_reports_sent)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "PREFIX;FIXTURE;RESULTS" "WINDOWS")
  foreach(window ${arg_WINDOWS})
    add_test(NAME ${arg_PREFIX}.${window}.report_sent
      COMMAND Python3::Interpreter ${WARDEN_E2E_DIR}/check_results.py ${arg_RESULTS} ${window} report)
    set_tests_properties(${arg_PREFIX}.${window}.report_sent PROPERTIES FIXTURES_REQUIRED ${arg_FIXTURE} TIMEOUT 30)
  endforeach()
endfunction()

# warden_e2e_package_commands(PLUGIN name TARGET plugin_target [ALSO_INVOKED files...] [NOT_INVOKED commands...])
# e2e.<name>.package_commands: every command the pinned @tauri-apps/plugin-<name> invokes is a
# command of the plugin library (check_package_commands.py says how both sides are read).
function(warden_e2e_package_commands)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "PLUGIN;TARGET" "ALSO_INVOKED;NOT_INVOKED")
  set(extra)
  if(arg_ALSO_INVOKED)
    list(APPEND extra --also-invoked ${arg_ALSO_INVOKED})
  endif()
  if(arg_NOT_INVOKED)
    list(APPEND extra --not-invoked ${arg_NOT_INVOKED})
  endif()
  add_test(NAME e2e.${arg_PLUGIN}.package_commands
    COMMAND Python3::Interpreter ${WARDEN_E2E_DIR}/check_package_commands.py --warden $<TARGET_FILE:warden>
            --library $<TARGET_FILE:${arg_TARGET}> --package ${WARDEN_E2E_DIR}/node_modules/@tauri-apps/plugin-${arg_PLUGIN}
            --plugin ${arg_PLUGIN} ${extra})
  set_tests_properties(e2e.${arg_PLUGIN}.package_commands PROPERTIES FIXTURES_REQUIRED e2e TIMEOUT 60)
endfunction()
