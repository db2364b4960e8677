@NullMarked
package org.carerota.api.architecture;

import org.jspecify.annotations.NullMarked;
