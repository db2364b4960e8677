package org.carerota.api.carer;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** A skill held by a carer, valid until a date (inclusive) or without expiry. */
public record CarerSkill(UUID carerId, String code, String name, String category, @Nullable LocalDate validUntil) {}
