#define BOOST_TEST_MODULE aisearch_unit
#include <boost/test/unit_test.hpp>
