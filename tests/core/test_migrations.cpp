// Opening databases of every earlier schema with today's code.
#include <doctest/doctest.h>
