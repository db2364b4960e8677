/**
 * The planning model: a {@link org.carerota.planner.domain.CareRota} of carer shifts (carer × day), each with an
 * ordered list of visit slots. Times are {@code long} ticks since midnight at the start of the horizon in local wall
 * clock time (Europe/London by default); for care problems one tick is one minute ({@link
 * org.carerota.planner.domain.CareRota#ticksPerMinute()} is 1), for VRPTW benchmark instances it is a fraction of the
 * instance's time unit so that double-precision distances survive.
 */
@NullMarked
package org.carerota.planner.domain;

import org.jspecify.annotations.NullMarked;
