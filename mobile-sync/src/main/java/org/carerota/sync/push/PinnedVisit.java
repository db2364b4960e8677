package org.carerota.sync.push;

import java.time.Instant;
import java.util.UUID;

/**
 * A visit a carer has (at least partly) delivered according to their device: the next re-plan keeps
 * it with that carer.
 *
 * @param reassignedWhileOffline some of the events were flagged REASSIGNED_WHILE_OFFLINE: the
 *     published plan gives the visit to someone else
 */
public record PinnedVisit(UUID visitId, UUID carerId, Instant firstEventAt, boolean reassignedWhileOffline) {}
