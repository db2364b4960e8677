package org.carerota.sync.feed;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The payload of an {@code ACCESS_NOTE} {@code DELETE} row (entity id = the service user): the
 * carer lost today's visit to this person, so the device must forget the access notes at once.
 */
public record AccessNoteTombstone(UUID serviceUserId, LocalDate validOn, String reason) {

    public static final String ACCESS_WITHDRAWN = "ACCESS_WITHDRAWN";
}
