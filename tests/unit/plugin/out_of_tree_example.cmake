# Builds examples/out-of-tree-plugin against the Warden build tree, then against an install
# of it, and checks each plugin with the matching `warden plugin inspect` / `call`.
# Inputs: SOURCE_DIR BUILD_DIR WORK_DIR WARDEN GENERATOR.
file(REMOVE_RECURSE ${WORK_DIR})

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

function(build_and_check label warden)
  set(bin ${WORK_DIR}/${label})
  run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/examples/out-of-tree-plugin -B ${bin} -G ${GENERATOR} ${ARGN})
  run(${CMAKE_COMMAND} --build ${bin})
  run(${warden} plugin inspect ${bin}/libgreeter.so)
  if(NOT out MATCHES "\"name\":\"greeter\"" OR NOT out MATCHES "\"allow-greet\"")
    message(FATAL_ERROR "${label}: unexpected inspect output: ${out}")
  endif()
  run(${warden} plugin call ${bin}/libgreeter.so greet --args "{\"name\":\"Ada\"}" --config "{\"greeting\":\"Hi\"}")
  if(NOT out STREQUAL "\"Hi, Ada!\"\n")
    message(FATAL_ERROR "${label}: unexpected call output: ${out}")
  endif()
  message(STATUS "${label}: ok")
endfunction()

build_and_check(build-tree ${WARDEN} -DWarden_DIR=${BUILD_DIR})

set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
if(NOT EXISTS ${prefix}/bin/warden OR NOT EXISTS ${prefix}/include/warden/plugin.hpp)
  message(FATAL_ERROR "the install lacks bin/warden or include/warden/plugin.hpp")
endif()
build_and_check(installed ${prefix}/bin/warden -DCMAKE_PREFIX_PATH=${prefix})
