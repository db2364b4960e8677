@NullMarked
package org.carerota.planner.solver.justification;

import org.jspecify.annotations.NullMarked;
