@NullMarked
package org.carerota.api.demo;

import org.jspecify.annotations.NullMarked;
