// A shared library that is not a quire plugin at all.
#include "common.hpp"

BAD_EXPORT int some_other_function(void) { return 42; }
