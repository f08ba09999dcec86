# Embeds host/ipc/bridge.js into warden_ipc as a C++ string at build time, so that the bridge
# stays a real .js file (lintable, readable) and the binary needs no file at run time.
set(_bridge_js ${CMAKE_CURRENT_SOURCE_DIR}/ipc/bridge.js)
set(_bridge_cpp ${CMAKE_CURRENT_BINARY_DIR}/generated/bridge_js.cpp)
add_custom_command(
  OUTPUT ${_bridge_cpp}
  COMMAND ${CMAKE_COMMAND} -DINPUT=${_bridge_js} -DOUTPUT=${_bridge_cpp}
          -P ${CMAKE_CURRENT_SOURCE_DIR}/ipc/embed_text.cmake
  DEPENDS ${_bridge_js} ${CMAKE_CURRENT_SOURCE_DIR}/ipc/embed_text.cmake
  COMMENT "Embedding bridge.js")
target_sources(warden_ipc PRIVATE ${_bridge_cpp})
