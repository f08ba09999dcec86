# Install and export rules: `cmake --install` gives plugin authors the `warden` tool, the SDK
# headers and a package config, so that an out-of-tree plugin does
#   find_package(Warden REQUIRED)
#   warden_add_plugin(myplugin SOURCES ... COMMANDS ... PERMISSIONS permissions)
# The build tree exports the same (Warden_DIR=<build dir>), for trying a plugin against a
# build without installing it.
include_guard(GLOBAL)
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(WARDEN_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/Warden)
set_target_properties(warden_sdk PROPERTIES EXPORT_NAME sdk)

install(TARGETS warden warden_sdk EXPORT WardenTargets
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The web-process extension, alone in its folder (WebKit loads every library there); `warden run`
# looks for it relative to its own binary (host/CMakeLists.txt).
install(TARGETS warden_webext LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}/warden/webext)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/sdk/include/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT WardenTargets NAMESPACE Warden:: DESTINATION ${WARDEN_CMAKE_INSTALL_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/WardenConfig.cmake.in
  ${PROJECT_BINARY_DIR}/WardenConfig.cmake
  INSTALL_DESTINATION ${WARDEN_CMAKE_INSTALL_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/WardenConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  ${PROJECT_BINARY_DIR}/WardenConfig.cmake
  ${PROJECT_BINARY_DIR}/WardenConfigVersion.cmake
  ${PROJECT_SOURCE_DIR}/cmake/WardenPlugin.cmake
  DESTINATION ${WARDEN_CMAKE_INSTALL_DIR})

# The build tree as a package: Warden_DIR=<build dir>.
export(EXPORT WardenTargets NAMESPACE Warden:: FILE ${PROJECT_BINARY_DIR}/WardenTargets.cmake)
configure_file(${PROJECT_SOURCE_DIR}/cmake/WardenPlugin.cmake ${PROJECT_BINARY_DIR}/WardenPlugin.cmake COPYONLY)
