@org.jspecify.annotations.NullMarked
package org.carerota.sync;
