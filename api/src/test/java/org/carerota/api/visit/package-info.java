@NullMarked
package org.carerota.api.visit;

import org.jspecify.annotations.NullMarked;
