/** The device sync protocol: {@link org.carerota.sync.SyncService} and the {@link org.carerota.sync.SyncTransactions} the api implements. */
@org.jspecify.annotations.NullMarked
package org.carerota.sync;
