@NullMarked
package org.carerota.api.shared.database;

import org.jspecify.annotations.NullMarked;
