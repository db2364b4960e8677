/** Problem and solution JSON documents (schema version 1), their reading, writing and validation. */
@NullMarked
package org.carerota.planner.io;

import org.jspecify.annotations.NullMarked;
