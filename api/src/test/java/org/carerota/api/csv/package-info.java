@NullMarked
package org.carerota.api.csv;

import org.jspecify.annotations.NullMarked;
