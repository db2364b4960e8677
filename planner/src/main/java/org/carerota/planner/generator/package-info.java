/** Deterministic synthetic regions (Norfolk and Waveney) for demos and benchmarks. */
@NullMarked
package org.carerota.planner.generator;

import org.jspecify.annotations.NullMarked;
