# quire_add_plugin(<target> <sources>...): a stage plugin as a MODULE library named
# lib<target>.so that links only the SDK. Shared by the built-in plugins and third parties.
function(quire_add_plugin target)
  add_library(${target} MODULE ${ARGN})
  target_link_libraries(${target} PRIVATE quire::sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX "lib"
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(DEFINED QUIRE_PLUGIN_OUTPUT_DIR)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${QUIRE_PLUGIN_OUTPUT_DIR})
  endif()
endfunction()
