// Everything is in include/callocator.h; SwiftPM needs a source file for a C target.
#include "callocator.h"
