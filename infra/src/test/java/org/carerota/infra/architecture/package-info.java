@NullMarked
package org.carerota.infra.architecture;

import org.jspecify.annotations.NullMarked;
