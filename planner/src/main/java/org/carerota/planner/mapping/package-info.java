@NullMarked
package org.carerota.planner.mapping;

import org.jspecify.annotations.NullMarked;
