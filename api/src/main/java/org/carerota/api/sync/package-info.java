/**
 * The carers' devices over HTTP: the sync protocol of {@code mobile-sync} wired to the api's
 * transactions and security ({@code /sync/pull}, {@code /sync/push}, {@code /sync/ack}, the live
 * stream {@code /sync/live}), read receipts and flagged events for coordinators, the private
 * iCalendar feed ({@code /calendar/{token}.ics}) and the carer web app's entry at {@code /app/}.
 */
@NullMarked
package org.carerota.api.sync;

import org.jspecify.annotations.NullMarked;
