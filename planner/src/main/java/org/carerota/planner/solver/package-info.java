@NullMarked
package org.carerota.planner.solver;

import org.jspecify.annotations.NullMarked;
