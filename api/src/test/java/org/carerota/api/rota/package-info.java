@NullMarked
package org.carerota.api.rota;

import org.jspecify.annotations.NullMarked;
