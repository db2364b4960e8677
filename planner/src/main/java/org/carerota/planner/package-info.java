/**
 * The planner's entry points: {@link org.carerota.planner.CarePlanner} (problem document in, solution document out;
 * explanations) and {@link org.carerota.planner.vrptw.VrptwSolver} (Solomon benchmarks through the same core).
 */
@NullMarked
package org.carerota.planner;

import org.jspecify.annotations.NullMarked;
