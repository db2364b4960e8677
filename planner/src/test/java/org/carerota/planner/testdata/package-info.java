/** Builders of small planning problems for tests: fixed dates, a planar map where one unit takes one minute. */
@NullMarked
package org.carerota.planner.testdata;

import org.jspecify.annotations.NullMarked;
