/** Which PostgreSQL the application uses: the embedded default or an external one. */
@NullMarked
package org.carerota.api.shared.database;

import org.jspecify.annotations.NullMarked;
