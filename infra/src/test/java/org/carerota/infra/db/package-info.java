@NullMarked
package org.carerota.infra.db;

import org.jspecify.annotations.NullMarked;
