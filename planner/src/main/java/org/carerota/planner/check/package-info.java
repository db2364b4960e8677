/** Independent checkers that recompute solutions without using the solver's domain or score code. */
@NullMarked
package org.carerota.planner.check;

import org.jspecify.annotations.NullMarked;
