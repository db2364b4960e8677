@NullMarked
package org.carerota.planner.explain;

import org.jspecify.annotations.NullMarked;
