/** Test support: the embedded database, transactions as the api would open them, SQL fixtures. */
@org.jspecify.annotations.NullMarked
package org.carerota.sync.testdata;
