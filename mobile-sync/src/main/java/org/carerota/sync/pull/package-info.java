/** Pulls by change-feed checkpoint: snapshots, incremental pages, resets; access notes through the api's reader. */
@org.jspecify.annotations.NullMarked
package org.carerota.sync.pull;
