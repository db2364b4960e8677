@NullMarked
package org.carerota.planner;

import org.jspecify.annotations.NullMarked;
