/** Tests of the coordinator's rota board (the page at {@code /}) in a real browser. */
@NullMarked
package org.carerota.api.board;

import org.jspecify.annotations.NullMarked;
