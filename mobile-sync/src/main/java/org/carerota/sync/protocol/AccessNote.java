package org.carerota.sync.protocol;

import java.time.LocalDate;
import java.util.UUID;

/**
 * The decrypted access notes (key safe code...) of one service user, for {@code validOn} only: the
 * device discards them when the day is over.
 */
public record AccessNote(UUID serviceUserId, LocalDate validOn, String text) {}
