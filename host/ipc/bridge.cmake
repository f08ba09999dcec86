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
# The isolation pattern: AES-256-GCM through OpenSSL (isolation_message.cpp, aes_gcm.cpp) and the
# isolation frame's runtime, embedded like the bridge.
target_link_libraries(warden_ipc PUBLIC OpenSSL::Crypto)
set(_isolation_js ${CMAKE_CURRENT_SOURCE_DIR}/ipc/isolation.js)
set(_isolation_cpp ${CMAKE_CURRENT_BINARY_DIR}/generated/isolation_js.cpp)
add_custom_command(
  OUTPUT ${_isolation_cpp}
  COMMAND ${CMAKE_COMMAND} -DINPUT=${_isolation_js} -DOUTPUT=${_isolation_cpp} -DNAME=isolation_js_text
          -P ${CMAKE_CURRENT_SOURCE_DIR}/ipc/embed_text.cmake
  DEPENDS ${_isolation_js} ${CMAKE_CURRENT_SOURCE_DIR}/ipc/embed_text.cmake
  COMMENT "Embedding isolation.js")
target_sources(warden_ipc PRIVATE ${_isolation_cpp})
