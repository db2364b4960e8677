@NullMarked
package org.carerota.planner.vrptw;

import org.jspecify.annotations.NullMarked;
