@NullMarked
package org.carerota.planner.replan;

import org.jspecify.annotations.NullMarked;
