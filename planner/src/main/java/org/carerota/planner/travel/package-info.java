@NullMarked
package org.carerota.planner.travel;

import org.jspecify.annotations.NullMarked;
