# warden.single-instance/1's parts without a display (tests/unit/cli/single_instance_test.cpp):
# host/cli is the warden executable, so the sources under test are compiled in here.
add_executable(warden_single_instance_tests
  ${CMAKE_CURRENT_LIST_DIR}/single_instance_test.cpp
  ${CMAKE_SOURCE_DIR}/host/cli/single_instance_claim.cpp
  ${CMAKE_SOURCE_DIR}/host/cli/single_instance_directory.cpp
  ${CMAKE_SOURCE_DIR}/host/cli/single_instance_listener.cpp
  ${CMAKE_SOURCE_DIR}/host/cli/single_instance_message.cpp
  ${CMAKE_SOURCE_DIR}/host/cli/single_instance_subscribers.cpp
  ${CMAKE_SOURCE_DIR}/host/cli/single_instance_run.cpp
  ${CMAKE_SOURCE_DIR}/host/cli/app_config.cpp
  ${CMAKE_SOURCE_DIR}/host/cli/text_file.cpp)
target_include_directories(warden_single_instance_tests PRIVATE ${CMAKE_SOURCE_DIR}/host)
target_link_libraries(warden_single_instance_tests PRIVATE warden_desktop warden_webview warden_plugin warden_acl
  warden_runtime warden_log GTest::gtest_main)
gtest_discover_tests(warden_single_instance_tests DISCOVERY_TIMEOUT 60)
