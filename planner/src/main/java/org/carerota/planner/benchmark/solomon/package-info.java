/** The Solomon / Gehring-Homberger VRPTW text format. */
@NullMarked
package org.carerota.planner.benchmark.solomon;

import org.jspecify.annotations.NullMarked;
