# cmake -DINPUT=file.js -DOUTPUT=file.cpp [-DNAME=symbol] -P embed_text.cmake
# Writes a C++ file defining warden::ipc::detail::NAME (default bridge_js_text) as the bytes of INPUT.
if(NOT NAME)
  set(NAME bridge_js_text)
endif()
file(READ ${INPUT} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," chars "${hex}")
file(WRITE ${OUTPUT}
  "// Generated from ${INPUT} by embed_text.cmake; do not edit.\n"
  "#include <string_view>\n"
  "namespace warden::ipc::detail {\n"
  "static const char bytes[] = {${chars} '\\0'};\n"
  "extern const std::string_view ${NAME}{bytes, sizeof(bytes) - 1};\n"
  "}\n")
